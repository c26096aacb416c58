#!/usr/bin/env bash
# Tortuosity factor benchmark (issue 24): multigrid CG on a generated N^3
# two-phase volume in all three directions, default against 100 times tighter
# convergence, the over-relaxed Jacobi baseline on a J^3 cube and the stencil
# in plain Java against DJL/PyTorch tensors on an S^3 grid.
# Usage: bench/tortuosity.sh [N (500)] [J (min(N, 100))] [S (200)]
# N = 500 needs about 6 GB of heap and minutes per direction on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
BENCH_JAVA_OPTS="-Xmx16g ${BENCH_JAVA_OPTS:-}" exec "$here/bench/java.sh" org.xrayseg.bench.TortuosityBench "$@"
