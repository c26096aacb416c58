#!/usr/bin/env bash
# Issue 16: strokes (under 2% of the pixels) against the complete labels of
# the same 5 slices, default settings, both tested on other slices. Prints the
# Dice table.
#   bench/annotations.sh [train-unet keys...]   the synthetic volume (256 x 256
#       slices; strokes on slices 1, 5, 9, 13, 17; tested on 21-30)
#   bench/annotations.sh soc [train-unet keys...]   the real SOC slices of
#       ../shared/data/soc (strokes on 1, 26, 51, 76, 101; tested on 251-300)
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
if [ "${1:-}" = soc ]; then
  shift
  exec "$here/bench/java.sh" org.xrayseg.bench.AnnotationBench soc-strokes "$here/target/bench/annotations-soc" \
    "$(cd "$here/../shared/data/soc" && pwd)" "$@"
fi
exec "$here/bench/java.sh" org.xrayseg.bench.AnnotationBench synthetic "$here/target/bench/annotations" "$@"
