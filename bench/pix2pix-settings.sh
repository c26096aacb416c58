#!/usr/bin/env bash
# Pix2Pix with this plugin's default adversarial settings against the
# reference study's (lr 2e-3 for both nets, beta1 0.9, batch 4), on the bundled
# synthetic volume, and two mixtures; prints the last epochs of each history
# and the test Dice.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
out="$here/target/bench/pix2pix-settings"
mkdir -p "$out"
x="$here/bin/xrayseg"
data="$here/test-images"
common="images=$data/train/images labels=$data/train/labels epochs=8 steps_per_epoch=25 patch_size=64 seed=1 device=cpu overwrite=true"
run() { # name keys...
  local name=$1; shift
  # shellcheck disable=SC2086
  "$x" train-pix2pix $common model="$out/$name.xrsm" "$@" 2>/dev/null | tail -n 4
  "$x" segment model="$out/$name.xrsm" input="$data/test/images" output="$out/$name-labels" overwrite=true 2>/dev/null
  "$x" evaluate prediction="$out/$name-labels" truth="$data/test/labels" 2>/dev/null | sed -n 2,6p
}
echo "== defaults (generator lr 2e-3, discriminator lr 2e-4, beta1 0.9, batch 8)"
run defaults
echo "== the reference study's settings (lr 2e-3 for both, beta1 0.9, batch 4)"
run seed learning_rate=0.002 discriminator_learning_rate=0.002 beta1=0.9 batch_size=4
echo "== the reference study's learning rates and beta1, batch 8"
run seed-batch8 learning_rate=0.002 discriminator_learning_rate=0.002 beta1=0.9
echo "== generator lr 2e-3, discriminator lr 2e-4, beta1 0.9, batch 8"
run slow-discriminator learning_rate=0.002 discriminator_learning_rate=0.0002 beta1=0.9
