#!/usr/bin/env bash
# Installs what Claude Code Cluster needs on Debian or Ubuntu (WSL2 included).
# Idempotent: running it again only checks. Needs root or sudo for apt-get.
set -euo pipefail

need_apt=()
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
pkg-config --exists libzmq 2>/dev/null || need_apt+=(libzmq3-dev)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
# `ip netns` runs the multi-host test (scripts/netns-test.sh).
command -v ip >/dev/null 2>&1 || [ -x /sbin/ip ] || [ -x /usr/sbin/ip ] || need_apt+=(iproute2)

if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "setup: installing ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

# pyzmq drives the cross-language MDP interoperability tests; openapi-spec-validator
# checks the bridge's OpenAPI document.
for module in zmq:pyzmq openapi_spec_validator:openapi-spec-validator yaml:PyYAML; do
  if ! python3 -c "import ${module%%:*}" >/dev/null 2>&1; then
    echo "setup: installing ${module#*:}"
    python3 -m pip install --quiet "${module#*:}" 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages "${module#*:}"
  fi
done

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6 is required (https://www.swift.org/install/linux/); put 'swift' on PATH and run again." >&2
  exit 1
fi
echo "setup: system dependencies are in place"
