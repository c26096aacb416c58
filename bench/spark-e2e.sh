#!/usr/bin/env bash
# End to end on a real Spark standalone cluster on this machine (127.0.0.1 only): a master and two
# workers (1 core each), xrayseg-spark.jar submitted with spark-submit's launcher, one worker killed
# with SIGKILL (with its executor, as a machine that dies) once a third of the slices are written.
# The job must finish on the other worker, and its labels must equal those of the single-machine
# `bin/xrayseg segment` byte for byte (so every label pixel). Then a second submission must skip the
# complete volume. Usage: bench/spark-e2e.sh [slices] [size]   (default 96 slices of 512 x 512)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
slices="${1:-96}"
size="${2:-512}"
work="$here/spark/target/e2e"
rm -rf "$work" && mkdir -p "$work"
. bench/spark-cluster.sh
trap spark_stop_all EXIT

echo "== build"
spark_build
echo "== data: $slices synthetic slices of ${size}x$size; a U-Net of the default size (depth 4, 16 filters)"
bin/xrayseg synthetic output="$work/data" slices="$((slices + 1))" train_slices=1 size="$size" seed=3 \
  >"$work/synthetic.log" 2>&1
bin/xrayseg train-unet images=test-images/train/images labels=test-images/train/labels model="$work/unet.xrsm" \
  epochs=1 steps_per_epoch=10 patch_size=64 seed=1 device=cpu >"$work/train.log" 2>&1
input="$work/data/test/images"

echo "== cluster: master and two workers (1 core, 3 GB each) on 127.0.0.1"
spark_start_master
spark_start_worker 1 1 3g
spark_start_worker 2 1 3g

echo "== job: 2 executors of 1 core; slices_per_task=4"
partial="$work/.spark-labels.spark-partial"
start=$(date +%s.%N)
spark_submit "$work/job.log" --conf spark.executor.cores=1 --conf spark.cores.max=2 --executor-memory 2g -- \
  segment model="$work/unet.xrsm" input="$input" output="$work/spark-labels" device=cpu slices_per_task=4 &
job=$!
while kill -0 $job 2>/dev/null; do
  done_slices=$( (find "$partial" -maxdepth 1 -name '*.tif' 2>/dev/null || true) | wc -l)
  if [ "$done_slices" -ge $((slices / 3)) ]; then
    echo "$done_slices of $slices slices written: $(spark_kill_worker 1)"
    break
  fi
  sleep 0.2
done
code=0; wait $job || code=$?
end=$(date +%s.%N)
cat "$work/job.log" | grep -vE "^[0-9:]+ (INFO|WARN) (Master|Worker|StandaloneAppClient|StandaloneSchedulerBackend)" || true
[ "$code" = 0 ] || { echo "FAILED: the job exited with $code (log: $work/job.log)"; exit 1; }
grep -q "failed task attempts were run again" "$work/job.log" ||
  { echo "FAILED: no task was lost with the worker (it was killed too late?)"; exit 1; }

echo "== single machine: bin/xrayseg segment, with the executors' PyTorch threads (1: spark.task.cpus)"
cli_start=$(date +%s.%N)
XRAYSEG_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1" bin/xrayseg segment model="$work/unet.xrsm" input="$input" \
  output="$work/cli-labels" device=cpu >/dev/null 2>"$work/cli.log"
cli_end=$(date +%s.%N)

echo "== compare"
diff -rq "$work/cli-labels" "$work/spark-labels" || { echo "FAILED: the labels differ"; exit 1; }
n=$(find "$work/spark-labels" -name '*.tif' | wc -l)
[ "$n" = "$slices" ] || { echo "FAILED: $n label files, not $slices"; exit 1; }
if ls -A "$work" | grep -q "spark-partial"; then echo "FAILED: a partial folder is left"; exit 1; fi
echo "the $n label files equal the single-machine ones byte for byte (diff -r: no difference)"

# For information: PyTorch's CPU convolutions (oneDNN) add in another order with another number of
# threads, which can flip the label of a pixel whose two best classes are nearly tied. The same
# happens between two single-machine runs with 1 and 2 threads.
bin/xrayseg segment model="$work/unet.xrsm" input="$input" output="$work/cli2-labels" device=cpu >/dev/null 2>&1
pixels=0
for f in "$work"/cli2-labels/*.tif; do
  pixels=$((pixels + $( (cmp -l "$f" "$work/spark-labels/${f##*/}" || true) | wc -l)))
done
echo "for information: against a single-machine run with 2 PyTorch threads, $pixels of $((slices * size * size)) label pixels differ"

echo "== second submission: the volume is complete"
spark_submit "$work/again.log" -- segment model="$work/unet.xrsm" input="$input" output="$work/spark-labels" device=cpu
grep -q "complete before" "$work/again.log" || { cat "$work/again.log"; echo "FAILED: not skipped"; exit 1; }
grep "slices segmented" "$work/again.log"
diff -rq "$work/cli-labels" "$work/spark-labels" >/dev/null

awk -v n="$slices" -v s="$size" -v job="$(awk "BEGIN{print $end - $start}")" -v cli="$(awk "BEGIN{print $cli_end - $cli_start}")" \
  'BEGIN { printf "PASSED: %d slices of %dx%d; cluster job with a killed worker %.1f s, single machine %.1f s\n", n, s, s, job, cli }'

