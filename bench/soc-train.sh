#!/usr/bin/env bash
# Trains a network on the shared SOC data with the slab split (train 1-200,
# validate 201-250), segments the test slab 251-300 and prints its Dice table
# and the times. Outputs go to target/bench/soc-<method>/.
# Usage: bench/soc-train.sh unet|pix2pix [extra training keys...]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
method="${1:?usage: bench/soc-train.sh unet|pix2pix [keys...]}"
shift
case "$method" in
  unet) settings="epochs=15 steps_per_epoch=60" ;;
  pix2pix) settings="epochs=20 steps_per_epoch=60" ;;
  *) echo "unknown method $method" >&2; exit 2 ;;
esac
split="$("$here/bench/soc-split.sh")"
out="$here/target/bench/soc-$method"
mkdir -p "$out"
xrayseg="$here/bin/xrayseg"
"$xrayseg" help >/dev/null # build outside the timings

t0=$(date +%s)
# shellcheck disable=SC2086
"$xrayseg" "train-$method" images="$split/train/images" labels="$split/train/labels" \
  validation_images="$split/validation/images" validation_labels="$split/validation/labels" \
  model="$out/$method.xrsm" plot="$out/history.png" $settings batch_size=8 patch_size=128 depth=4 \
  base_filters=16 seed=1 device=cpu overwrite=true "$@" | tee "$out/history.txt"
t1=$(date +%s)
"$xrayseg" segment model="$out/$method.xrsm" input="$split/test/images" output="$out/test-labels" overwrite=true
t2=$(date +%s)
"$xrayseg" evaluate prediction="$out/test-labels" truth="$split/test/labels" table="$out/dice.csv" \
  slice_table="$out/dice-per-slice.csv" overwrite=true | tee "$out/dice.txt"
echo "training: $((t1 - t0)) s; segmenting 50 slices: $((t2 - t1)) s" | tee "$out/times.txt"
