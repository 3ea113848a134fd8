#!/usr/bin/env bash
# Multi-host test of a CURVE cluster in Linux network namespaces (needs root and `ip`).
#
# Four namespaces of our own, joined by veth pairs to a bridge device that lives in the
# "switch" namespace, so nothing is added to, or changed in, this machine's own network:
#
#   <p>-br  broker         10.231.7.1   (broker + the CLI as a client)
#   <p>-a   agent CC01     10.231.7.2   specialty backend
#   <p>-b   agent CC02     10.231.7.3   specialty backend
#   <p>-sw  bridge br0 with the other ends of the three veth pairs
#
# CURVE is on: every host has its own key pair, the broker admits only the authorised
# public keys. A task completes; then a long task starts on one agent, that agent's link
# is taken down (`ip link set eth0 down` in its namespace), and the task must finish on
# the other agent. Ends with one line: "netns-test: PASS ..." or "netns-test: FAIL ...".
# Exit 0 on pass, 1 on fail, 77 when it cannot run here (not root, no `ip`, no netns).
#
# Usage: scripts/netns-test.sh [path/to/claude-cluster]   (default .build/debug/claude-cluster)
# Environment: NETNS_TEST_LIMIT (seconds, default 240), NETNS_TEST_KEEP=1 keeps the work dir.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CLUSTER_BIN:-$root/.build/debug/claude-cluster}}
runner=$root/scripts/sample-runner
limit=${NETNS_TEST_LIMIT:-240}
started_at=$(date +%s)

say() { printf 'netns-test: %s\n' "$*" >&2; }
skip() { printf 'netns-test: SKIP %s\n' "$*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "(needs root for ip netns)"
command -v ip >/dev/null 2>&1 || skip "(the ip command is missing: apt-get install iproute2)"
[ -x "$bin" ] || skip "(no claude-cluster at $bin: run swift build first)"
command -v git >/dev/null 2>&1 || skip "(git is missing)"
command -v python3 >/dev/null 2>&1 || skip "(python3 is missing: run scripts/setup.sh)"

prefix="cct$$"
ns_sw="$prefix-sw"
ns_br="$prefix-br"
ns_a="$prefix-a"
ns_b="$prefix-b"
net=10.231.7
work=$(mktemp -d /tmp/cct-netns.XXXXXX)
pids=()
result=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  # Agents and broker first, then anything else started from our work dir (runners, git).
  local deadline=$(( $(date +%s) + 5 ))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  for proc in /proc/[0-9]*; do
    local pid=${proc#/proc/}
    [ "$pid" = "$$" ] && continue
    if tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -qF "$work" \
      || readlink "$proc/cwd" 2>/dev/null | grep -qF "$work"; then
      kill -KILL "$pid" 2>/dev/null
    fi
  done
  for ns in "$ns_a" "$ns_b" "$ns_br" "$ns_sw"; do ip netns del "$ns" 2>/dev/null; done
  if [ -z "$result" ]; then
    result="FAIL (interrupted after $(( $(date +%s) - started_at ))s)"
    status=1
  fi
  if [ "${result%% *}" = "FAIL" ]; then
    for log in "$work"/broker.log "$work"/a.log "$work"/b.log; do
      [ -f "$log" ] && { say "--- last lines of $(basename "$log")"; tail -n 15 "$log" >&2; }
    done
  fi
  if [ "${NETNS_TEST_KEEP:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
  printf 'netns-test: %s\n' "$result"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() { result="FAIL $*"; exit 1; }

# A watchdog, so the whole test is bounded whatever hangs. It sleeps in short steps and
# ends with this script: no process of ours outlives it (a test harness waiting for our
# output or our exit would wait for that process too).
(
  end=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "$end" ]; do
    kill -0 $$ 2>/dev/null || exit 0
    sleep 1
  done
  kill -TERM $$ 2>/dev/null
) >/dev/null 2>&1 &
pids+=("$!")

# Runs `$@` until it succeeds or `$1` seconds pass.
wait_for() {
  local seconds=$1; shift
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# --- the network -------------------------------------------------------------------------
ip netns add "$ns_sw" || skip "(cannot create network namespaces here)"
ip -n "$ns_sw" link set lo up
ip -n "$ns_sw" link add br0 type bridge || fail "cannot create a bridge device"
ip -n "$ns_sw" link set br0 up
host_number=1
for host in br a b; do
  ns="$prefix-$host"
  ip netns add "$ns" || fail "cannot create namespace $ns"
  ip -n "$ns" link set lo up
  # Made inside the switch namespace, the peer moved straight into the host's: the
  # machine's own namespace never sees these links.
  ip -n "$ns_sw" link add "v-$host" type veth peer name eth0 netns "$ns" || fail "cannot create veth for $host"
  ip -n "$ns_sw" link set "v-$host" master br0 up
  ip -n "$ns" addr add "$net.$host_number/24" dev eth0
  ip -n "$ns" link set eth0 up
  host_number=$((host_number + 1))
done
say "namespaces $ns_br, $ns_a, $ns_b on bridge br0 in $ns_sw ($net.0/24)"

# --- a repository the agents work on (shared file system, like a clone URL) ---------------
git init -q -b main "$work/seed"
echo "# netns test" > "$work/seed/README.md"
git -C "$work/seed" add README.md
git -C "$work/seed" -c user.name=Test -c user.email=test@localhost commit -q -m "Initial commit"
git clone -q --bare "$work/seed" "$work/origin.git"

# --- keys, distributed as docs/SECURITY.md says -------------------------------------------
"$bin" keygen --name broker --dir "$work/broker/keys" >/dev/null || fail "keygen broker"
"$bin" keygen --name client --dir "$work/broker/keys" --authorize >/dev/null || fail "keygen client"
for pair in a:CC01 b:CC02; do
  host=${pair%%:*}; name=${pair#*:}
  "$bin" keygen --name "$name" --dir "$work/$host/keys" >/dev/null || fail "keygen $name"
  cp "$work/$host/keys/$name.pub" "$work/broker/keys/authorized/$name.pub"   # agent -> broker
  cp "$work/broker/keys/broker.pub" "$work/$host/keys/broker.pub"             # broker -> agent
done

cat > "$work/broker.yaml" <<EOF
cluster: {name: netns, data_dir: $work/broker/data}
broker:
  bind: tcp://$net.1:5555
  publish: tcp://$net.1:5556
  routing: {balancing: least_loaded, default_specialty: backend}
security: {curve: true, keys_dir: $work/broker/keys}
EOF
cat > "$work/client.yaml" <<EOF
cluster: {name: netns, data_dir: $work/client}
bus: {endpoints: [tcp://$net.1:5555], events: [tcp://$net.1:5556]}
security: {curve: true, keys_dir: $work/broker/keys}
EOF
for pair in a:CC01 b:CC02; do
  host=${pair%%:*}; name=${pair#*:}
  cat > "$work/$host.yaml" <<EOF
cluster: {name: netns, data_dir: $work/$host/data}
bus: {endpoints: [tcp://$net.1:5555], events: [tcp://$net.1:5556]}
security: {curve: true, keys_dir: $work/$host/keys}
agent_defaults:
  runner: [$runner, -p, "{prompt}", --output-format, stream-json, --verbose]
  repository: $work/origin.git
  pull_request_command: []
  max_concurrent: 1
agents:
  - {name: $name, specialty: backend}
EOF
done

# --- start the broker and the two agents in their namespaces ------------------------------
ip netns exec "$ns_br" "$bin" broker --config "$work/broker.yaml" > "$work/broker.log" 2>&1 &
pids+=("$!")
wait_for 30 grep -q "broker ready" "$work/broker.log" || fail "the broker did not start"
# Each pause of the sample runner lasts this long; a task makes four.
for pair in a:CC01 b:CC02; do
  host=${pair%%:*}; name=${pair#*:}
  ip netns exec "$prefix-$host" env SAMPLE_RUNNER_DELAY=1.5 "$bin" agent --config "$work/$host.yaml" --name "$name" > "$work/$host.log" 2>&1 &
  pids+=("$!")
done

cli() { ip netns exec "$ns_br" "$bin" "$@" --config "$work/client.yaml" --timeout 3; }
both_healthy() {
  local status
  status=$(cli status 2>/dev/null) || return 1
  grep -Eq 'CC01 +backend +healthy' <<<"$status" && grep -Eq 'CC02 +backend +healthy' <<<"$status"
}
wait_for 60 both_healthy || fail "the agents did not register over CURVE: $(cli status 2>&1 | tr '\n' ' ')"
say "both agents registered with the broker over CURVE"

# --- a task completes --------------------------------------------------------------------
first=$(timeout 90 ip netns exec "$ns_br" "$bin" submit --config "$work/client.yaml" --title "First task" --target backend --wait 2>&1) \
  || fail "the first task did not succeed: $first"
grep -q "succeeded" <<<"$first" || fail "the first task did not succeed: $first"
say "first task: $(grep succeeded <<<"$first" | head -n 1)"

# --- a long task loses its agent's link and finishes on the other -------------------------
task=$(cli submit --title "Long task" --target backend 2>&1) || fail "submit: $task"
task=$(tail -n 1 <<<"$task")
show() { cli show "$task" --json 2>/dev/null; }
# One field of the task in `show --json` output.
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)["task"].get(sys.argv[1]) or "")' "$1" 2>/dev/null; }
running_agent=""
running_on_agent() {
  local detail
  detail=$(show) || return 1
  [ "$(field state <<<"$detail")" = running ] || return 1
  running_agent=$(field agent <<<"$detail")
  [ -n "$running_agent" ]
}
wait_for 30 running_on_agent || fail "task $task never started running: $(show)"
case "$running_agent" in
  CC01) victim_ns=$ns_a; survivor=CC02 ;;
  CC02) victim_ns=$ns_b; survivor=CC01 ;;
  *) fail "task $task runs on an unknown agent '$running_agent'" ;;
esac
ip -n "$victim_ns" link set eth0 down || fail "could not take $running_agent's link down"
say "task $task running on $running_agent; took its link down"

final=""
finished() {
  final=$(show) || return 1
  case "$(field state <<<"$final")" in
    succeeded|failed|timed_out|cancelled|dead_lettered) return 0 ;;
    *) return 1 ;;
  esac
}
wait_for 90 finished || fail "task $task did not finish after $running_agent lost its link: $(show)"
state=$(field state <<<"$final")
agent=$(field agent <<<"$final")
[ "$state" = succeeded ] || fail "task $task ended $state: $final"
[ "$agent" = "$survivor" ] || fail "task $task finished on $agent, expected $survivor"

result="PASS (task $task moved from $running_agent to $survivor after its link went down; $(( $(date +%s) - started_at ))s)"
exit 0
