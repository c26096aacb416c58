#!/usr/bin/env bash
# Issue 25: calibration and the quality estimate without a reference, on the SOC data.
# Usage: bench/quality.sh MODEL   (a model trained by this version on SOC slices 1-100 with
#        validation 101-150, e.g. bin/xrayseg train-unet images=... labels=... validation_images=...
#        validation_labels=... seed=1, so that it carries its fitted temperature and its measured
#        response to changes of scan conditions; for a model of an earlier version, measure that
#        first: bench/java.sh org.xrayseg.core.train.ShiftRefit MODEL VAL_IMAGES VAL_LABELS NEW_MODEL)
# Prints the expected calibration error of the test pixels (251-300) at temperature 1 and at the
# model's, and per case (test 251-300; 151-300 with gamma 0.5 and a scale; 151-300 with noise at
# 3 levels) the mean absolute error and correlation of estimated (as Segment estimates, and from the
# probabilities alone) against true per-slice Dice;
# writes target/bench/quality/quality-pairs.csv and quality-scatter.png.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="$(readlink -f "$here/../shared/data/soc")"
[ -d "$data/labels" ] || { echo "shared data not found at $data" >&2; exit 1; }
model="$(readlink -f "${1:?give a model trained on SOC slices 1-100 with validation 101-150}")"
exec "$here/bench/java.sh" org.xrayseg.bench.QualityBench "$model" "$data" "$here/target/bench/quality"
