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
# Headless Chromium and its WebDriver run the console's browser tests and benchmark
# (ConsoleBrowserTests, scripts/console-bench.sh), from Debian's packages. The browser test
# is skipped, with the reason, where they are missing.
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromedriver ] || need_apt+=(chromium-driver)

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

# The official MCP client checks `claude-cluster mcp` and the bridge's `/mcp`
# (Tests/Support/mcp_conformance.py). Pinned: the script is written against its 2.x API.
mcp_version=2.3.0
if ! python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('mcp') != '$mcp_version')" >/dev/null 2>&1; then
  echo "setup: installing mcp==$mcp_version"
  python3 -m pip install --quiet "mcp==$mcp_version" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "mcp==$mcp_version"
fi

# Selenium drives the headless Chromium of the console's browser tests. Pinned: the tests
# are written against its 4.x API (and it is given chromedriver's path, so it downloads none).
selenium_version=4.50.0
if ! python3 -c "import selenium, sys; sys.exit(selenium.__version__ != '$selenium_version')" >/dev/null 2>&1; then
  echo "setup: installing selenium $selenium_version"
  python3 -m pip install --quiet "selenium==$selenium_version" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "selenium==$selenium_version"
fi

# schemathesis checks the live bridge against its OpenAPI document (scripts/http-contract.sh,
# run by HTTPContractTests). Pinned: its generator decides which requests are sent, so a new
# release could change the verdict without a change here.
schemathesis_version=4.32.5
if ! python3 -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$schemathesis_version')" >/dev/null 2>&1; then
  echo "setup: installing schemathesis $schemathesis_version"
  python3 -m pip install --quiet "schemathesis==$schemathesis_version" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "schemathesis==$schemathesis_version"
fi

# The real Claude Code CLI for the end-to-end tests, from PyPI's claude-agent-sdk wheel
# (it ships the binary at claude_agent_sdk/_bundled/claude). It goes into a cache folder,
# never onto PATH: the tests find it there or through CLUSTER_TEST_CLAUDE. The wheel is
# pinned (0.2.189 carries Claude Code 2.1.332, the CLI ../shared/claude-code/ was recorded
# with), so a new release cannot change what the tests meet.
claude_sdk_version=0.2.189
claude_cache="${CLUSTER_CLAUDE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/claude-code-cluster/claude-agent-sdk}"
if [ ! -x "$claude_cache/claude" ]; then
  echo "setup: fetching the Claude Code CLI for tests (claude-agent-sdk wheel, about 180 MB)"
  download="$(mktemp -d)"
  if python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$download" "claude-agent-sdk==$claude_sdk_version" \
    && python3 - "$download" "$claude_cache" <<'PY'
import os, sys, zipfile
download, target = sys.argv[1], sys.argv[2]
wheel = next(os.path.join(download, f) for f in os.listdir(download) if f.endswith(".whl"))
os.makedirs(target, exist_ok=True)
with zipfile.ZipFile(wheel) as archive:
    for member, name in [("claude_agent_sdk/_bundled/claude", "claude"),
                         ("claude_agent_sdk/_bundled/claude.version", "claude.version")]:
        if member not in archive.namelist():
            continue
        partial = os.path.join(target, name + ".partial")
        with archive.open(member) as source, open(partial, "wb") as sink:
            while chunk := source.read(1 << 20):
                sink.write(chunk)
        os.chmod(partial, 0o755)
        os.replace(partial, os.path.join(target, name))
PY
  then
    :
  else
    echo "setup: could not fetch the Claude Code CLI; the tests that need it will be skipped" >&2
  fi
  rm -rf "$download"
fi
[ -x "$claude_cache/claude" ] && echo "setup: Claude Code CLI for tests: $claude_cache/claude ($(cat "$claude_cache/claude.version" 2>/dev/null || echo unknown version))"

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6 is required (https://www.swift.org/install/linux/); put 'swift' on PATH and run again." >&2
  exit 1
fi
echo "setup: system dependencies are in place"
