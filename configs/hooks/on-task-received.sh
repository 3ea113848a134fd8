#!/bin/sh
# Appends every task an agent is given to a log, with the whole event as JSON.
#   HOOK_LOG   where to append (default: hooks.log next to this agent's hooks folder)
log="${HOOK_LOG:-$(dirname "$0")/../hooks.log}"
printf '%s %s received %s: ' "$CLUSTER_AT" "$CLUSTER_AGENT" "$CLUSTER_TASK_ID" >> "$log"
tr -d '\n' >> "$log"
echo >> "$log"
