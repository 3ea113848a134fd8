#!/bin/sh
# Appends one line per finished task to a log file.
#   HOOK_LOG   where to append (default: hooks.log in this agent's hooks folder's parent)
# The event is also on standard input as JSON; the CLUSTER_* variables are its fields.
log="${HOOK_LOG:-$(dirname "$0")/../hooks.log}"
printf '%s %s %s %s %s %s\n' "$CLUSTER_AT" "$CLUSTER_AGENT" "$CLUSTER_TASK_ID" \
    "${CLUSTER_OUTCOME:-?}" "${CLUSTER_PR_URL:--}" "$CLUSTER_TASK_TITLE" >> "$log"
