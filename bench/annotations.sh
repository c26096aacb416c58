#!/usr/bin/env bash
# Issue 16 on generated data: strokes on 5 slices of the synthetic volume
# (under 2% of their pixels) against the complete labels of the same slices,
# both tested on 10 other slices, default settings. Prints the Dice table.
# Usage: bench/annotations.sh [more train-unet keys, e.g. epochs=20]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
java -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.xrayseg.bench.AnnotationBench synthetic "$here/target/bench/annotations" "$@"
