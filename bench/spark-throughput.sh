#!/usr/bin/env bash
# Throughput of the Spark job on this machine against the single-process command line, on the same
# volume (default 16 synthetic slices of 2048 x 2048, a U-Net of the default size): bin/xrayseg segment
# with 2 and with 1 PyTorch threads, and the job on a standalone cluster (127.0.0.1) with 1 and with 2
# executors of 1 core. Times are whole commands (JVM, Spark and executor start included), measured in
# one run, in [rounds] rounds whose order rotates (the machine is shared: the figures are means over
# the rounds, with their range); also the executors' own time per slice (the summary's task seconds),
# their peak resident memory, and the projected time of a 2048^3 volume on N executors from that rate.
# Usage: bench/spark-throughput.sh [slices] [size] [rounds]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
slices="${1:-16}"
size="${2:-2048}"
rounds="${3:-2}"
work="$here/spark/target/throughput"
rm -rf "$work" && mkdir -p "$work"
. bench/spark-cluster.sh
trap spark_stop_all EXIT

spark_build
bin/xrayseg synthetic output="$work/data" slices="$((slices + 1))" train_slices=1 size="$size" seed=3 \
  >"$work/synthetic.log" 2>&1
bin/xrayseg train-unet images=test-images/train/images labels=test-images/train/labels model="$work/unet.xrsm" \
  epochs=1 steps_per_epoch=5 patch_size=64 seed=1 device=cpu >"$work/train.log" 2>&1
input="$work/data/test/images"
spark_start_master
spark_start_worker 1 1 3g
spark_start_worker 2 1 3g

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
results="$work/results.txt"
: >"$results"

cli() { # cli NAME THREADS
  local t0; t0=$(now)
  rm -rf "${work:?}/$1"
  XRAYSEG_JAVA_OPTS="-Dai.djl.pytorch.num_threads=$2" bin/xrayseg segment model="$work/unet.xrsm" input="$input" \
    output="$work/$1" device=cpu >/dev/null 2>"$work/$1.log"
  echo "$1 $(elapsed "$t0" "$(now)") - - $(cut -d' ' -f1 /proc/loadavg)" >>"$results"
}

peak_rss() { # prints the largest resident memory (MB) of the workers' executors until $1 ends
  local peak=0 rss
  while kill -0 "$1" 2>/dev/null; do
    for w in "${worker_pid[@]}"; do
      for c in $(pgrep -P "$w" || true); do
        rss=$(ps -o rss= -p "$c" 2>/dev/null || echo 0)
        [ "${rss:-0}" -gt "$peak" ] && peak=$rss
      done
    done
    sleep 0.5
  done
  echo $((peak / 1024))
}

job() { # job NAME EXECUTORS
  local t0 pid; t0=$(now)
  rm -rf "${work:?}/$1"
  spark_submit "$work/$1.log" --conf spark.executor.cores=1 --conf spark.cores.max="$2" --executor-memory 2g -- \
    segment model="$work/unet.xrsm" input="$input" output="$work/$1" device=cpu slices_per_task=2 &
  pid=$!
  local peak; peak=$(peak_rss $pid)
  wait $pid
  local task_seconds; task_seconds=$(awk '$2 == "done" { print $7 }' "$work/$1.log")
  echo "$1 $(elapsed "$t0" "$(now)") $task_seconds $peak $(cut -d' ' -f1 /proc/loadavg)" >>"$results"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
runs=("cli cli-2-threads 2" "job spark-2-executors 2" "job spark-1-executor 1" "cli cli-1-thread 1")
for r in $(seq 0 $((rounds - 1))); do
  for k in 0 1 2 3; do
    run=${runs[$(((k + r) % 4))]}
    echo "round $((r + 1)): ${run#* }"
    $run
  done
  for d in spark-1-executor spark-2-executors; do
    diff -rq "$work/cli-1-thread" "$work/$d" >/dev/null || echo "note: $d differs from cli-1-thread"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$results"

awk -v n="$slices" -v size="$size" '
  { if (!($1 in count)) order[++names] = $1
    count[$1]++; wall[$1] += $2; task[$1] += $3; if ($4 != "-" && $4 + 0 > rss[$1]) rss[$1] = $4 + 0
    if (!($1 in lo) || $2 < lo[$1]) lo[$1] = $2
    if ($2 > hi[$1]) hi[$1] = $2 }
  END {
    base = wall["cli-2-threads"] / count["cli-2-threads"]
    printf "%d slices of %dx%d, mean of %d rounds (range of the wall time)\n\n", n, size, size, count["cli-2-threads"]
    printf "| run | wall time | slices/s | speed vs CLI (2 threads) | executor s per slice | peak executor RSS |\n"
    printf "|---|---|---|---|---|---|\n"
    for (i = 1; i <= names; i++) {
      k = order[i]; w = wall[k] / count[k]
      per = task[k] == 0 ? "-" : sprintf("%.2f s", task[k] / count[k] / n)
      mem = rss[k] == 0 ? "-" : rss[k] " MB"
      printf "| %s | %.1f s (%.1f-%.1f) | %.3f | %.2f | %s | %s |\n", k, w, lo[k], hi[k], n / w, base / w, per, mem
    }
    rate = task["spark-1-executor"] / count["spark-1-executor"] / n * (2048 * 2048) / (size * size)
    printf "\nprojected 2048^3 (2048 slices of 2048 x 2048) at %.2f s per slice per 1-core executor:\n", rate
    split("1 2 8 32 128 512", ex, " ")
    for (k = 1; k <= 6; k++) printf "  %4d executors: %.2f h\n", ex[k], 2048 * rate / ex[k] / 3600
  }' "$results" | tee "$work/table.md"
