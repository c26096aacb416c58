#!/usr/bin/env bash
# Accuracy on data nobody tuned for, with default settings only (about 45
# minutes on 2 cores): two unlike grey scales mixed in one training folder,
# against one scale alone and the best global thresholds; thin membranes
# between cells; a sandstone-like rock with two rare phases (7 labelled
# slices) against the best global thresholds. Prints the test Dice of each.
# Usage: bench/robustness.sh [PARTS]   PARTS: two-scales,membranes (default), or
#   mixed,membranes for the defaults on the mixed folder and the membranes only;
#   rock for the rock alone
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
exec "$here/bench/java.sh" org.xrayseg.bench.RobustnessBench "$here/target/bench/robustness" "$@"
