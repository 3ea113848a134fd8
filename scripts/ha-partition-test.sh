#!/usr/bin/env bash
# HA partition test in Linux network namespaces (needs root, `ip` and PostgreSQL's server
# programs from Debian's `postgresql` package).
#
# Five namespaces of our own, joined by veth pairs to a bridge device in the "switch"
# namespace, so nothing is added to, or changed in, this machine's own network:
#
#   <p>-db  PostgreSQL      10.231.9.1   a throwaway server run as the `postgres` user
#   <p>-b1  broker b1       10.231.9.2   started first: the active broker
#   <p>-b2  broker b2       10.231.9.3   a standby
#   <p>-ag  three agents    10.231.9.4   and the CLI as a client; every broker listed
#   <p>-sw  bridge br0 with the other ends of the four veth pairs
#
# Tasks are submitted, each with an idempotency key, and while they run the active
# broker's link goes down (`ip link set eth0 down` in its namespace): it loses PostgreSQL
# and the agents at once. It must stop serving within its lease (3 s) and exit 75; b2 must
# take over, and in the end every task submitted must be in the journal exactly once,
# finished, with exactly one recorded result. Ends with one line: "ha-partition-test:
# PASS ..." or "ha-partition-test: FAIL ...". Exit 0 on pass, 1 on fail, 77 when it cannot
# run here.
#
# Usage: scripts/ha-partition-test.sh [path/to/claude-cluster]
# Environment: HA_PARTITION_LIMIT (seconds, default 240), HA_PARTITION_KEEP=1 keeps the work dir.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CLUSTER_BIN:-$root/.build/debug/claude-cluster}}
runner=$root/scripts/sample-runner
limit=${HA_PARTITION_LIMIT:-240}
tasks=${HA_PARTITION_TASKS:-60}
started_at=$(date +%s)

say() { printf 'ha-partition-test: %s\n' "$*" >&2; }
skip() { printf 'ha-partition-test: SKIP %s\n' "$*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "(needs root for ip netns)"
command -v ip >/dev/null 2>&1 || skip "(the ip command is missing: apt-get install iproute2)"
[ -x "$bin" ] || skip "(no claude-cluster at $bin: run swift build first)"
command -v git >/dev/null 2>&1 || skip "(git is missing)"
command -v python3 >/dev/null 2>&1 || skip "(python3 is missing: run scripts/setup.sh)"
pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && pg_bin=$dir; done
[ -n "$pg_bin" ] || skip "(PostgreSQL's server programs are missing: run scripts/setup.sh)"
id postgres >/dev/null 2>&1 || skip "(no postgres user to run the server as)"

prefix="cch$$"
ns_sw="$prefix-sw"
ns_db="$prefix-db"
ns_b1="$prefix-b1"
ns_b2="$prefix-b2"
ns_ag="$prefix-ag"
net=10.231.9
work=$(mktemp -d /tmp/cch-netns.XXXXXX)
chmod 755 "$work"
pids=()
result=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  local deadline=$(( $(date +%s) + 5 ))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  [ -f "$work/pg/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  for proc in /proc/[0-9]*; do
    local pid=${proc#/proc/}
    [ "$pid" = "$$" ] && continue
    if { tr '\0' ' ' < "$proc/cmdline"; } 2>/dev/null | grep -qF "$work" \
      || readlink "$proc/cwd" 2>/dev/null | grep -qF "$work"; then
      kill -KILL "$pid" 2>/dev/null
    fi
  done
  for ns in "$ns_ag" "$ns_b1" "$ns_b2" "$ns_db" "$ns_sw"; do ip netns del "$ns" 2>/dev/null; done
  if [ -z "$result" ]; then
    result="FAIL (interrupted after $(( $(date +%s) - started_at ))s)"
    status=1
  fi
  if [ "${result%% *}" = "FAIL" ]; then
    for log in "$work"/b1.log "$work"/b2.log "$work"/CC01.log "$work"/pgsock/server.log; do
      [ -f "$log" ] && { say "--- last lines of $(basename "$log")"; tail -n 15 "$log" >&2; }
    done
  fi
  if [ "${HA_PARTITION_KEEP:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
  printf 'ha-partition-test: %s\n' "$result"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() { result="FAIL $*"; exit 1; }

# A watchdog, so the whole test is bounded whatever hangs.
(
  end=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "$end" ]; do
    kill -0 $$ 2>/dev/null || exit 0
    sleep 1
  done
  kill -TERM $$ 2>/dev/null
) >/dev/null 2>&1 &
pids+=("$!")

wait_for() {
  local seconds=$1; shift
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

now_ms() { date +%s%3N; }

# --- the network -------------------------------------------------------------------------
ip netns add "$ns_sw" || skip "(cannot create network namespaces here)"
ip -n "$ns_sw" link set lo up
ip -n "$ns_sw" link add br0 type bridge || fail "cannot create a bridge device"
ip -n "$ns_sw" link set br0 up
host_number=1
for host in db b1 b2 ag; do
  ns="$prefix-$host"
  ip netns add "$ns" || fail "cannot create namespace $ns"
  ip -n "$ns" link set lo up
  ip -n "$ns_sw" link add "v-$host" type veth peer name eth0 netns "$ns" || fail "cannot create veth for $host"
  ip -n "$ns_sw" link set "v-$host" master br0 up
  ip -n "$ns" addr add "$net.$host_number/24" dev eth0
  ip -n "$ns" link set eth0 up
  host_number=$((host_number + 1))
done
say "namespaces db, b1, b2, ag on bridge br0 in $ns_sw ($net.0/24)"

# --- PostgreSQL in its namespace, as the postgres user -------------------------------------
mkdir -p "$work/pg" "$work/pgsock"
chown postgres "$work/pg" "$work/pgsock"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U cluster -A trust >"$work/initdb.log" 2>&1 || fail "initdb: $(tail -n 5 "$work/initdb.log")"
echo "host all all $net.0/24 trust" >> "$work/pg/pg_hba.conf"
ip netns exec "$ns_db" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pgsock/server.log" -w -t 30 \
  -o "-c listen_addresses=$net.1 -p 5432 -k $work/pgsock -c fsync=on" start >/dev/null 2>&1 \
  || fail "PostgreSQL did not start: $(tail -n 5 "$work/pgsock/server.log")"
psql_db() { ip netns exec "$ns_db" runuser -u postgres -- psql -X -q -t -A -h "$work/pgsock" -U cluster -d postgres -c "$1"; }
say "PostgreSQL on $net.1:5432"

# --- a repository the agents work on -----------------------------------------------------
git init -q -b main "$work/seed"
echo "# ha partition test" > "$work/seed/README.md"
git -C "$work/seed" add README.md
git -C "$work/seed" -c user.name=Test -c user.email=test@localhost commit -q -m "Initial commit"
git clone -q --bare "$work/seed" "$work/origin.git"

endpoints="[tcp://$net.2:5555, tcp://$net.3:5555]"
events="[tcp://$net.2:5556, tcp://$net.3:5556]"
for pair in b1:2 b2:3; do
  name=${pair%%:*}; host=${pair#*:}
  cat > "$work/$name.yaml" <<EOF
cluster: {name: ha, data_dir: $work/$name}
broker:
  bind: tcp://$net.$host:5555
  publish: tcp://$net.$host:5556
  journal:
    url: postgres://cluster@$net.1:5432/postgres
  ha: {name: $name}
security: {allow_insecure: true}   # namespaces of our own: no one else is on this network
EOF
done
cat > "$work/agents.yaml" <<EOF
cluster: {name: ha, data_dir: $work/agents}
bus: {endpoints: $endpoints, events: $events}
security: {allow_insecure: true}
agent_defaults:
  runner: [$runner, -p, "{prompt}", --output-format, stream-json, --verbose]
  repository: $work/origin.git
  pull_request_command: []
  push: false
  max_concurrent: 2
agents:
  - {name: CC01, specialty: backend}
  - {name: CC02, specialty: backend}
  - {name: CC03, specialty: backend}
EOF
cat > "$work/client.yaml" <<EOF
cluster: {name: ha, data_dir: $work/client}
bus: {endpoints: $endpoints, events: $events}
security: {allow_insecure: true}
EOF

# --- brokers: b1 first (it takes the lease), then b2 (a standby) -------------------------
ip netns exec "$ns_b1" "$bin" broker --config "$work/b1.yaml" > "$work/b1.log" 2>&1 &
b1_pid=$!
pids+=("$b1_pid")
wait_for 30 grep -q "broker ready" "$work/b1.log" || fail "b1 did not take the lease"
ip netns exec "$ns_b2" "$bin" broker --config "$work/b2.yaml" > "$work/b2.log" 2>&1 &
pids+=("$!")
wait_for 30 grep -q "started as a standby" "$work/b2.log" || fail "b2 did not start"
grep -q "broker ready" "$work/b2.log" && fail "b2 serves while b1 holds the lease"
for name in CC01 CC02 CC03; do
  ip netns exec "$ns_ag" env SAMPLE_RUNNER_DELAY=0.3 "$bin" agent --config "$work/agents.yaml" --name "$name" > "$work/$name.log" 2>&1 &
  pids+=("$!")
done

cli() { ip netns exec "$ns_ag" "$bin" "$@" --config "$work/client.yaml" --timeout 2; }
all_healthy() {
  local status
  status=$(cli status 2>/dev/null) || return 1
  [ "$(grep -Ec 'CC0[123] +backend +(healthy|busy)' <<<"$status")" -eq 3 ]
}
wait_for 60 all_healthy || fail "the agents did not register: $(cli status 2>&1 | tr '\n' ' ')"
cli status | grep -q "active broker b1" || fail "status does not name b1 as the active broker: $(cli status 2>&1 | tr '\n' ' ')"
say "b1 active, b2 standby, three agents registered"

# --- submit, each task until acknowledged, always with its own key ------------------------
submit_all() {
  local i id
  for i in $(seq 1 "$tasks"); do
    until id=$(cli submit --title "partition $i" --target backend --idempotency-key "partition-$i" 2>/dev/null | tail -n 1) && [ -n "$id" ]; do
      sleep 0.2
    done
    echo "$i $id" >> "$work/acknowledged"
  done
}
submit_all &
submitter=$!
pids+=("$submitter")

# --- the partition: b1 loses PostgreSQL and the agents at once ---------------------------
some_done() { [ "$(psql_db "SELECT count(*) FROM tasks WHERE state = 'succeeded'" 2>/dev/null || echo 0)" -ge 5 ]; }
wait_for 90 some_done || fail "no task finished before the partition"
cut_at=$(now_ms)
ip -n "$ns_b1" link set eth0 down || fail "could not take b1's link down"
say "b1's link is down"
wait_for 20 bash -c "! kill -0 $b1_pid 2>/dev/null" || fail "b1 still runs 20 s after losing PostgreSQL"
stopped_ms=$(( $(now_ms) - cut_at ))
wait "$b1_pid"; b1_status=$?
[ "$b1_status" -eq 75 ] || fail "b1 exited $b1_status, expected 75 (stepped down): $(tail -n 3 "$work/b1.log")"
grep -q "stepped down" "$work/b1.log" || fail "b1's log does not say it stepped down"
[ "$stopped_ms" -le 3500 ] || fail "b1 stopped ${stopped_ms} ms after the partition, later than its 3 s lease"
say "b1 stepped down ${stopped_ms} ms after the partition"
wait_for 30 grep -q "broker ready" "$work/b2.log" || fail "b2 did not take over"
# The lease ends at most 3 s after the cut; b1's open batch is rolled back by the server
# (idle_in_transaction_session_timeout, 2 s) by then, so only b2's poll and load remain.
takeover_ms=$(( $(now_ms) - cut_at ))
[ "$takeover_ms" -le 8000 ] || fail "b2 took over ${takeover_ms} ms after the partition (b1's open transaction held the lease row?)"
say "b2 took over ${takeover_ms} ms after the partition"

# --- every task once, finished, with one result -----------------------------------------
wait "$submitter" || fail "the submitter failed"
all_finished() {
  [ "$(psql_db "SELECT count(*) FROM tasks WHERE idempotency_key LIKE 'partition-%' AND state IN ('succeeded','failed','timed_out','cancelled','dead_lettered')")" -eq "$tasks" ]
}
wait_for 120 all_finished || fail "not every task finished: $(psql_db "SELECT state, count(*) FROM tasks GROUP BY state" | tr '\n' ' ')"
stored=$(psql_db "SELECT count(*) FROM tasks WHERE idempotency_key LIKE 'partition-%'")
[ "$stored" -eq "$tasks" ] || fail "$stored tasks stored for $tasks keys"
succeeded=$(psql_db "SELECT count(*) FROM tasks WHERE idempotency_key LIKE 'partition-%' AND state = 'succeeded'")
[ "$succeeded" -eq "$tasks" ] || fail "only $succeeded of $tasks tasks succeeded"
twice=$(psql_db "SELECT count(*) FROM (SELECT task_id FROM results GROUP BY task_id HAVING count(*) > 1) AS d")
[ "$twice" -eq 0 ] || fail "$twice results recorded twice"
missing=$(psql_db "SELECT count(*) FROM tasks t WHERE idempotency_key LIKE 'partition-%' AND NOT EXISTS (SELECT 1 FROM results r WHERE r.task_id = t.id)")
[ "$missing" -eq 0 ] || fail "$missing finished tasks have no result row"
while read -r index id; do
  [ "$(psql_db "SELECT idempotency_key FROM tasks WHERE id = '$id'")" = "partition-$index" ] \
    || fail "task $id, acknowledged for key partition-$index, is not in the journal"
done < "$work/acknowledged"
epoch=$(psql_db "SELECT holder || ' ' || epoch FROM broker_leadership")
[ "$epoch" = "b2 2" ] || fail "the lease row says '$epoch', expected b2 at epoch 2"

result="PASS (b1 stepped down ${stopped_ms} ms after losing its link; b2 took over within ${takeover_ms} ms; $tasks tasks, each stored once with one result; $(( $(date +%s) - started_at ))s)"
exit 0
