#!/usr/bin/env bash
# Issue 22: the defaults on small labelled sets (seed 1), as a user runs them:
#   catalyst  electron tomography, 0.3% platinum: train on train/, test on validation/
#   soc10     SOC slices 1, 11, ..., 91, test 251-300: defaults against 15 x 60 fixed steps
#   soc100    SOC slices 1-100, validate 101-150, test 251-300
# Prints test Dice per phase, training times and, for ensembles, the cross-validated
# Dice. About 20 minutes per training on 2 cores (the default time budget).
# Usage: bench/small-data.sh [PARTS (default catalyst,soc10,soc100)] [KEY=VALUE ...]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="$(readlink -f "$here/../shared/data")"
[ -d "$data/soc/images" ] && [ -d "$data/catalyst/train" ] || { echo "shared data not found at $data" >&2; exit 1; }
parts="${1:-catalyst,soc10,soc100}"
shift || true
"$here/bench/java.sh" org.xrayseg.bench.SmallDataBench "$data" "$here/target/bench/small-data" "$parts" "$@"
