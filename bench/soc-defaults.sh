#!/usr/bin/env bash
# Issues 14 and 16 on the shared SOC data, default settings only:
#  1. train on slices 1-100, validate on 101-150, test on 251-300, with and
#     without context_slices=1 and tta=true (SocDefaultsBench);
#  2. the default model fine-tuned with initial_model= on 2 labelled slices of
#     a contrast-changed copy of 151-300, against the untuned model and
#     training from scratch on those 2 slices (AnnotationBench soc).
# Prints Dice tables; takes about an hour on 2 cores.
# Usage: bench/soc-defaults.sh [DATA_DIR]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="$(readlink -f "${1:-$here/../shared/data/soc}")"
[ -d "$data/images" ] || { echo "SOC data not found at $data" >&2; exit 1; }
out="$here/target/bench/soc-defaults"
"$here/bench/java.sh" org.xrayseg.bench.SocDefaultsBench "$data" "$out"
"$here/bench/java.sh" org.xrayseg.bench.AnnotationBench soc "$here/target/bench/fine-tuning" "$data" \
  "$out/defaults.xrsm"
