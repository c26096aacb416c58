#!/usr/bin/env bash
# Runs a benchmark class of src/test/java with the project's test classpath,
# offline: bench/java.sh CLASS [ARGS...]. BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
exec java -Dai.djl.offline=true ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$@"
