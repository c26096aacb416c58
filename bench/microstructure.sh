#!/usr/bin/env bash
# Issue 24: "Analyze Microstructure" on a large label stack with -Xmx2g (everything
# but the tortuosity), and on the SOC volume: reference labels of slices 1-300
# against a U-Net's labels of the same slices (trained on 1-100).
# Usage: bench/microstructure.sh large [SIDE N]        (default 2048 600: writes a 2.5 GB stack)
#        bench/microstructure.sh soc MODEL             (a model trained on SOC slices 1-100)
# Run it on a quiet machine: it times itself.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
part="${1:-large}"
shift || true
out="$here/target/bench/microstructure"
mkdir -p "$out"
case "$part" in
  large)
    "$here/bench/java.sh" org.xrayseg.bench.MicrostructureBench "$out" "$@" ;;
  soc)
    data="$(readlink -f "$here/../shared/data/soc")"
    [ -d "$data/labels" ] || { echo "shared data not found at $data" >&2; exit 1; }
    model="${1:?give the model trained on SOC slices 1-100}"
    "$here/bin/xrayseg" segment model="$model" input="$data/images" output="$out/soc-unet-labels" overwrite=true
    for which in reference unet; do
      labels="$data/labels"; [ "$which" = unet ] && labels="$out/soc-unet-labels"
      /usr/bin/time -f "$which: %e s, peak resident %M kB" "$here/bin/xrayseg" microstructure labels="$labels" \
        table="$out/soc-$which.csv" interface_table="$out/soc-$which-interfaces.csv" plot="$out/soc-$which-sizes.png" \
        overwrite=true
    done
    "$here/bin/xrayseg" microstructure labels="$out/soc-unet-labels" compare_to="$data/labels" \
      comparison_table="$out/soc-comparison.csv" overwrite=true ;;
  *) echo "unknown part $part (large or soc)" >&2; exit 2 ;;
esac
