#!/usr/bin/env bash
# Builds claude-cluster and cluster-bench in release mode and runs the benchmarks of
# docs/BENCHMARKS.md, printing each figure, ratio and verdict. Takes cluster-bench's
# options, e.g.:  scripts/bench.sh --only 2,3      scripts/bench.sh --help
# BENCH_SKIP_BUILD=1 reuses the binaries already in .build/release.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg-config --exists libzmq || { echo "libzmq is missing: run scripts/setup.sh first" >&2; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  swift build -c release --product claude-cluster
  swift build -c release --product cluster-bench
  swift build -c release --product cluster-child-guard
fi
args=()
if command -v wrk >/dev/null 2>&1; then
  args+=(--wrk "$(command -v wrk)")
else
  echo "wrk not found (apt-get install -y wrk): part 4 uses cluster-bench's own HTTP load generator" >&2
fi
exec .build/release/cluster-bench run "${args[@]}" "$@"
