#!/usr/bin/env bash
# Runs the whole test suite: unit, socket, end-to-end and cross-language (pyzmq) tests.
# Runs the idempotent set-up first, so this one command is enough on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests "$@"
# One test at a time: many tests start real brokers, agents and Python peers, and on a
# small machine running them side by side starves their heartbeats and timeouts. The
# whole suite still takes only a few minutes. A hung test must fail the run, not hold it
# until CI's own limit.
exec timeout --kill-after=30s 40m swift test --skip-build --no-parallel "$@"
