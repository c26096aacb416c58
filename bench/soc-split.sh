#!/usr/bin/env bash
# Makes the slab split of the shared SOC data as folders of links:
#   train 1-200, validate 201-250, test 251-300  (never random neighbouring slices)
# Usage: bench/soc-split.sh [DATA_DIR] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
data="$(readlink -f "${1:-$here/../shared/data/soc}")"
out="${2:-$here/target/soc-split}"
[ -d "$data/images" ] || { echo "SOC data not found at $data" >&2; exit 1; }
rm -rf "$out"
split() { # name first last
  mkdir -p "$out/$1/images" "$out/$1/labels"
  for i in $(seq "$2" "$3"); do
    ln -s "$data/images/$(printf 'SOCprist%04d.tiff' "$i")" "$out/$1/images/"
    ln -s "$data/labels/$(printf 'slice__%03d.tif' "$i")" "$out/$1/labels/"
  done
}
split train 1 200
split validation 201 250
split test 251 300
echo "$out"
