#!/usr/bin/env bash
# Issue 28: training and Segment on a machine that is not idle. Runs a short U-Net training
# (the synthetic volume, 4 epochs of 20 steps) and Segment (its 6 test slices, 10 times) quiet,
# with one busy loop pinned to core 1, and with two busy loops (a competitor that wants 2 cores),
# and two trainings started at once; prints the wall time of each. Each mode of PyTorch's threads
# given (default: "all" = one per core, fixed, as before issue 28; "auto" = following the free cores)
# runs the same cases, one mode after the other in the same run, so that their ratios compare.
# Usage: bench/contention.sh [MODE ...]   (run on a quiet 2-core machine)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(all auto)
out="$here/target/bench/contention"
mkdir -p "$out"
x="$here/bin/xrayseg"
$x help >/dev/null
train() { # NAME
  $x train-unet images="$here/test-images/train/images" labels="$here/test-images/train/labels" \
    model="$out/m-$1.xrsm" epochs=4 steps_per_epoch=20 batch_size=8 patch_size=64 depth=3 seed=1 overwrite=true \
    > "$out/train-$1.log" 2>&1
}
segment() { # NAME
  for i in 1 2 3 4 5 6 7 8 9 10; do
    $x segment model="$out/m-$mode-quiet.xrsm" input="$here/test-images/test/images" output="$out/labels-$1" \
      tile_size=64 overwrite=true > "$out/segment-$1.log" 2>&1
  done
}
now() { date +%s.%N; }
history() { # NAME AWK-PRINT: one value per epoch of the training history
  awk "/^Training history/{h=1;next} h&&/^[0-9]/{printf $2}" "$out/train-$1.log"
}
epochs() { history "$1" '"%.1f s ", $7'; }
run() { # CASE: times training and segmenting under the load started before
  local t0 t1 t2
  t0=$(now); train "$mode-$1"; t1=$(now); segment "$mode-$1"; t2=$(now)
  printf '%s | %s | training %.1f s | segment x10 %.1f s | epochs: %s| threads/cores wanted by others: %s\n' "$mode" "$1" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(epochs "$mode-$1")" \
    "$(history "$mode-$1" '"%s/%.2f ", $8, $9')"
}
for mode in "${modes[@]}"; do
  export XRAYSEG_JAVA_OPTS="-Dxrayseg.threads=$mode"
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
  t0=$(now); train "$mode-two-a" & a=$!; train "$mode-two-b" & b=$!; wait $a $b; t1=$(now)
  printf '%s | two trainings at once | both done after %.1f s | epochs: %s/ %s\n' "$mode" "$(echo "$t1 - $t0" | bc)" \
    "$(epochs "$mode-two-a")" "$(epochs "$mode-two-b")"
done
