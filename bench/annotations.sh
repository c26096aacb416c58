#!/usr/bin/env bash
# Issue 16 on generated data: strokes on 5 slices of the synthetic volume
# (under 2% of their pixels) against the complete labels of the same slices,
# both tested on 10 other slices, default settings. Prints the Dice table.
# Usage: bench/annotations.sh [more train-unet keys, e.g. epochs=20]
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
exec "$here/bench/java.sh" org.xrayseg.bench.AnnotationBench synthetic "$here/target/bench/annotations" "$@"
