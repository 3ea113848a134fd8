#!/usr/bin/env bash
# The fault-injection suite (docs/BENCHMARKS.md): 2,000 durable tasks on Python MDP
# workers while workers are SIGKILLed at random, the broker is SIGKILLed and restarted
# twice on the same data directory, and random frames and HTTP requests hit the broker
# and the bridge. Prints tasks submitted, completed, lost and recorded twice; exits 1 if
# anything was lost, recorded twice, crashed or outgrew its memory bound. Bounded by
# --time-limit (300 s). Takes cluster-bench fault's options, e.g. --tasks 500.
# BENCH_SKIP_BUILD=1 reuses the binaries already in .build/release.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg-config --exists libzmq || { echo "libzmq is missing: run scripts/setup.sh first" >&2; exit 1; }
python3 -c 'import zmq' 2>/dev/null || { echo "pyzmq is missing: run scripts/setup.sh first" >&2; exit 1; }
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  swift build -c release --product claude-cluster
  swift build -c release --product cluster-bench
  swift build -c release --product cluster-child-guard
fi
exec .build/release/cluster-bench fault --worker-script Tests/Interop/mdp_worker.py "$@"
