#!/usr/bin/env bash
# Shows PyTorch's "Could not initialize NNPACK! Reason: Unsupported hardware."
# lines, which processors NNPACK does not know print at small convolutions, and
# that the plugin keeps them off the terminal. NNPACK works on most machines, so
# gdb makes its initialisation fail as it does on those processors; then the
# demo's training (shortened) and segmentation run twice: with PyTorch's
# warnings shown (-Dxrayseg.pytorch-warnings=true) and as users run them.
# Usage: bench/nnpack-warnings.sh [epochs (default 2)]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
epochs="${1:-2}"
command -v gdb >/dev/null || { echo "needs gdb (apt-get install gdb)" >&2; exit 1; }
"$here/bin/xrayseg" help >/dev/null # builds the classes and the class path
out="$(mktemp -d)"
cat >"$out/gdb" <<'GDB'
set confirm off
set pagination off
handle SIGSEGV nostop noprint pass
handle SIGQUIT nostop noprint pass
handle SIGUSR2 nostop noprint pass
set breakpoint pending on
break nnp_initialize
commands
silent
return (int)51
continue
end
run
GDB
run() { # $1: extra JVM option, then the command's keys
  local option="$1"; shift
  gdb -batch -x "$out/gdb" --args java $option -Dai.djl.offline=true \
    -cp "$here/target/classes:$(cat "$here/target/xrayseg-classpath.txt")" org.xrayseg.cli.Main "$@" 2>&1
}
data="$here/test-images"
for mode in shown hidden; do
  option="-Dxrayseg.pytorch-warnings=$([ $mode = shown ] && echo true || echo false)"
  log="$out/$mode.log"
  run "$option" train-unet images="$data/train/images" labels="$data/train/labels" model="$out/$mode.xrsm" \
    epochs="$epochs" steps_per_epoch=30 batch_size=8 patch_size=64 depth=4 base_filters=16 \
    learning_rate=0.003 seed=1 >"$log"
  run "$option" segment model="$out/$mode.xrsm" input="$data/test/images" output="$out/$mode-labels" >>"$log"
  printf '%-6s NNPACK lines: %4d   (errors printed: %d)\n' "$mode" "$(grep -c 'NNPACK' "$log" || true)" \
    "$(grep -c '^error' "$log" || true)"
done
echo "first NNPACK line when shown: $(grep -m1 NNPACK "$out/shown.log" || echo none)"
rm -rf "$out"
