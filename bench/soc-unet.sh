#!/usr/bin/env bash
# U-Net on the shared SOC data with the slab split: trains on 1-200 (validating
# on 201-250), segments 251-300, prints the Dice table and the times.
# Usage: bench/soc-unet.sh [extra train-unet keys...]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
split="$("$here/bench/soc-split.sh")"
out="$here/target/bench/soc-unet"
mkdir -p "$out"
xrayseg="$here/bin/xrayseg"
"$xrayseg" help >/dev/null # build outside the timings

t0=$(date +%s)
"$xrayseg" train-unet images="$split/train/images" labels="$split/train/labels" \
  validation_images="$split/validation/images" validation_labels="$split/validation/labels" \
  model="$out/unet.xrsm" epochs=15 steps_per_epoch=60 batch_size=8 patch_size=128 depth=4 base_filters=16 \
  seed=1 device=cpu overwrite=true "$@" | tee "$out/history.txt"
t1=$(date +%s)
"$xrayseg" segment model="$out/unet.xrsm" input="$split/test/images" output="$out/test-labels" overwrite=true
t2=$(date +%s)
"$xrayseg" evaluate prediction="$out/test-labels" truth="$split/test/labels" table="$out/dice.csv" \
  slice_table="$out/dice-per-slice.csv" overwrite=true | tee "$out/dice.txt"
echo "training: $((t1 - t0)) s; segmenting 50 slices: $((t2 - t1)) s" | tee "$out/times.txt"
