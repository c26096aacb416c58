#!/usr/bin/env bash
# The reference study's questions on the shared SOC data, for U-Net and Pix2Pix:
# learning curve, noise robustness, generalisation across slabs. Results (CSV,
# PNG) go to target/bench/studies/; finished steps are kept, so running this
# again resumes where it stopped. Prints the tables and the run times.
# Needs the models of bench/soc-train.sh unet|pix2pix for the noise study.
# Usage: bench/reproduce-seed.sh [extra keys for the trainings, e.g. epochs=6]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
split="$("$here/bench/soc-split.sh")"
data="$(readlink -f "$here/../shared/data/soc")"
out="$here/target/bench/studies"
x="$here/bin/xrayseg"
mkdir -p "$out"
"$x" help >/dev/null
train="epochs=6 steps_per_epoch=40 batch_size=8 patch_size=128 depth=4 base_filters=16 seed=1 device=cpu $*"
timed() { # name command...
  local name=$1; shift
  local t0; t0=$(date +%s)
  "$@" 2>"$out/$name.log" | tee "$out/$name.txt"
  echo "$name: $(( $(date +%s) - t0 )) s" | tee -a "$out/times.txt"
}
# a U-Net trained with noise augmentation, for the noise study
if [ ! -f "$out/unet-noise.xrsm" ]; then
  timed "train-unet-noise" "$x" train-unet images="$split/train/images" labels="$split/train/labels" \
    validation_images="$split/validation/images" validation_labels="$split/validation/labels" \
    model="$out/unet-noise.xrsm" epochs=15 steps_per_epoch=60 batch_size=8 patch_size=128 depth=4 \
    base_filters=16 seed=1 device=cpu noise_augmentation=0.1
fi
for net in unet pix2pix; do
  # shellcheck disable=SC2086
  timed "learning-curve-$net" "$x" learning-curve network=$net images="$split/train/images" \
    labels="$split/train/labels" validation_images="$split/validation/images" \
    validation_labels="$split/validation/labels" test_images="$split/test/images" test_labels="$split/test/labels" \
    fractions=0.1,0.25,0.5,1 output="$out/learning-curve-$net" resume=true $train
  # shellcheck disable=SC2086
  timed "generalisation-$net" "$x" generalisation network=$net images="$data/images" labels="$data/labels" \
    train_first=1 train_last=50 slab=50 output="$out/generalisation-$net" resume=true $train
  augmented=""
  [ "$net" = unet ] && augmented="augmented_model=$out/unet-noise.xrsm"
  # shellcheck disable=SC2086
  timed "noise-$net" "$x" noise-study model="$here/target/bench/soc-$net/$net.xrsm" $augmented \
    test_images="$split/test/images" test_labels="$split/test/labels" levels=0,0.02,0.05,0.1,0.2 \
    output="$out/noise-$net" resume=true device=cpu
done
