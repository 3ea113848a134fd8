#!/bin/sh
# Tells a person that a task failed: a desktop notification where one can be shown
# (notify-send on Linux, osascript on macOS), else a JSON POST to HOOK_WEBHOOK_URL
# (Slack, Discord and most chat tools accept {"text": ...}). Exits 0 either way:
# a hook that cannot notify must not look like a broken hook.
text="$CLUSTER_AGENT: task $CLUSTER_TASK_ID \"$CLUSTER_TASK_TITLE\" ended ${CLUSTER_OUTCOME:-with an error}: ${CLUSTER_ERROR:-$CLUSTER_MESSAGE}"
if [ -n "${HOOK_WEBHOOK_URL:-}" ] && command -v curl >/dev/null 2>&1; then
    # JSON-escape the text with Python when present, else drop quotes and backslashes.
    if command -v python3 >/dev/null 2>&1; then
        body=$(printf '%s' "$text" | python3 -c 'import json,sys; print(json.dumps({"text": sys.stdin.read()}))')
    else
        body="{\"text\": \"$(printf '%s' "$text" | tr -d '"\\')\"}"
    fi
    curl -fsS --max-time 5 -H 'Content-Type: application/json' -d "$body" "$HOOK_WEBHOOK_URL" >/dev/null || true
elif command -v notify-send >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    notify-send "Claude Code Cluster" "$text" || true
elif command -v osascript >/dev/null 2>&1; then
    osascript -e "display notification \"$(printf '%s' "$text" | tr -d '"\\')\" with title \"Claude Code Cluster\"" || true
else
    echo "$text" >&2
fi
exit 0
