#!/usr/bin/env bash
# Accuracy on data nobody tuned for, with default settings only (about 15
# minutes on 2 cores): two unlike grey scales mixed in one training folder,
# against one scale alone and the best global thresholds; thin membranes
# between cells. Prints the test Dice of each. Usage: bench/robustness.sh
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
java -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.xrayseg.bench.RobustnessBench "$here/target/bench/robustness"
