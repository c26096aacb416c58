#!/usr/bin/env bash
# Issue 25, "suggestions pay": a simulated user on the SOC data adds strokes in 10 regions per
# round for 3 rounds, starting from a model trained on strokes of 2 slices: the regions Suggest
# Annotations gives against 10 random ones, with 3 seeds each; prints the test Dice (slices
# 251-300) after every round. About 50 minutes on 2 cores with the default time_budget=1m per round.
# Usage: bench/suggestions.sh [SEEDS (N: seeds 1..N, or FIRST-LAST) [more train-annotations keys...]]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="$(readlink -f "$here/../shared/data/soc")"
[ -d "$data/labels" ] || { echo "shared data not found at $data" >&2; exit 1; }
seeds="${1:-3}"
# a fixed thread count: training then gives the same model for a seed in every run (a count that follows the
# machine's load changes the weights' last digits, which training on a few strokes amplifies)
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Dxrayseg.threads=all}"
shift || true
exec "$here/bench/java.sh" org.xrayseg.bench.SuggestionBench "$data" "$here/target/bench/suggestions" "$seeds" \
  "${@:-time_budget=1m}"
