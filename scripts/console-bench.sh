#!/usr/bin/env bash
# The console's weight and its time to first render with 1,000 tasks in the journal, in
# headless Chromium (Tests/Support/console_bench.py; docs/BENCHMARKS.md has the figures).
#
#   scripts/console-bench.sh                 # builds release, 1,000 tasks, 10 loads of each view
#   scripts/console-bench.sh --tasks 5000 --runs 20
#   BENCH_SKIP_BUILD=1 scripts/console-bench.sh   # reuses .build/release/claude-cluster
#   CONSOLE_BENCH_CLI=.build/debug/claude-cluster scripts/console-bench.sh
#
# Needs chromium, chromium-driver and selenium (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

cli="${CONSOLE_BENCH_CLI:-.build/release/claude-cluster}"
if [ -z "${CONSOLE_BENCH_CLI:-}" ] && [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  swift build -c release --product claude-cluster
  swift build -c release --product cluster-child-guard
fi
exec python3 Tests/Support/console_bench.py --cli "$cli" "$@"
