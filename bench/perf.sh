#!/usr/bin/env bash
# Performance benchmarks. Each prints its figures as ratios measured
# in one run. Usage: bench/perf.sh [conversion|inference|training|memory|bigtiff ...]
# (BENCH_MODEL=FILE.xrsm: the U-Net inference figures of that trained model instead of random weights)
# (bigtiff: a 5 GB BigTIFF stack segmented with -Xmx1g, about 15 minutes and 10 GB of disk)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
run() { java -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} -cp "$cp" "org.xrayseg.bench.$1" "${@:2}"; }
for b in "${@:-conversion inference training}"; do
  for name in $b; do
    case "$name" in
      conversion) run ConversionBench ;;
      inference) run InferenceBench ${BENCH_MODEL:-} ;;
      training) run TrainingBench ;;
      memory) run MemoryBench "$here/target/bench/memory" ;;
      bigtiff) run MemoryBench --bigtiff "$here/target/bench/bigtiff" ;;
      *) echo "unknown benchmark $name" >&2; exit 2 ;;
    esac
  done
done
