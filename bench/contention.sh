#!/usr/bin/env bash
# Issue 28: training and Segment on a machine that is not idle. Runs a short U-Net training
# (the synthetic volume, 4 epochs of 20 steps) and Segment (its 6 test slices, 10 times) quiet,
# with one busy loop pinned to core 1, and with two busy loops (a competitor that wants 2 cores),
# and prints the wall time of each. Usage: bench/contention.sh [LABEL]   (run on a quiet 2-core machine)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
label="${1:-now}"
out="$here/target/bench/contention"
mkdir -p "$out"
x="$here/bin/xrayseg"
$x help >/dev/null
train() {
  $x train-unet images="$here/test-images/train/images" labels="$here/test-images/train/labels" \
    model="$out/m-$1.xrsm" epochs=4 steps_per_epoch=20 batch_size=8 patch_size=64 depth=3 seed=1 overwrite=true \
    > "$out/train-$1.log" 2>&1
}
segment() {
  for i in 1 2 3 4 5 6 7 8 9 10; do
    $x segment model="$out/m-quiet.xrsm" input="$here/test-images/test/images" output="$out/labels-$1" \
      tile_size=64 overwrite=true > "$out/segment-$1.log" 2>&1
  done
}
run() { # NAME: times training and segmenting under the load started before
  local t0 t1 t2
  t0=$(date +%s.%N); train "$1"; t1=$(date +%s.%N); segment "$1"; t2=$(date +%s.%N)
  printf '%s | %s | training %.1f s | segment x10 %.1f s | epochs: %s\n' "$label" "$1" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$t2 - $t1" | bc)" "$(grep -o 'Epoch [0-9]/4: [^(]*([0-9.]* s' "$out/train-$1.log" | grep -o '([0-9.]* s' | tr -d '(' | tr '\n' ' ')"
}
run quiet
taskset -c 1 bash -c 'while :; do :; done' >/dev/null 2>&1 &
p=$!
run one-core-taken; kill "$p"
bash -c 'while :; do :; done' >/dev/null 2>&1 &
p1=$!
bash -c 'while :; do :; done' >/dev/null 2>&1 &
p2=$!
trap 'kill $p1 $p2 2>/dev/null || true' EXIT
run both-cores-wanted; kill "$p1" "$p2"
