// The console's pure functions: routes, transcripts, event streams, charts, formatting.
// No DOM and no network here, so Node runs them in the Swift tests (ConsoleScriptTests).
"use strict";

/** Task states that end a task. */
const terminalStates = ["succeeded", "failed", "timed_out", "cancelled", "dead_lettered"];
const taskStates = ["queued", "assigned", "running", "retrying"].concat(terminalStates);

/**
 * The view a location hash names: {view: "overview" | "tasks" | "task" | "submit" | "agent", id?}.
 * "#<task id>" (the links in GitHub tracking comments) opens that task too.
 */
function parseRoute(hash) {
  const path = (hash || "").replace(/^#/, "");
  if (path === "" || path === "/") return { view: "overview" };
  const parts = path.replace(/^\//, "").split("/").map(decodeURIComponent);
  if (!path.startsWith("/")) return { view: "task", id: parts.join("/") };
  if (parts[0] === "tasks" && parts.length === 1) return { view: "tasks" };
  if (parts[0] === "tasks" && parts[1]) return { view: "task", id: parts.slice(1).join("/") };
  if (parts[0] === "submit") return { view: "submit" };
  if (parts[0] === "agents" && parts[1]) return { view: "agent", id: parts[1] };
  return { view: "overview" };
}

/** The hash that opens a task's detail. */
function taskHash(id) { return "#/tasks/" + encodeURIComponent(id); }
function agentHash(name) { return "#/agents/" + encodeURIComponent(name); }

/**
 * A Claude Code stream-json transcript as entries to show: {kind: "text" | "tool" |
 * "result" | "system" | "raw", …}. Tool calls carry their result when the transcript has it,
 * so the page folds both under one line. Lines that are not JSON are kept as "raw".
 */
function parseTranscript(text) {
  const entries = [];
  const tools = new Map();
  for (const line of (text || "").split("\n")) {
    if (!line.trim()) continue;
    let event;
    try { event = JSON.parse(line); } catch (_) { entries.push({ kind: "raw", text: line }); continue; }
    if (!event || typeof event !== "object") { entries.push({ kind: "raw", text: line }); continue; }
    const content = (event.message && Array.isArray(event.message.content)) ? event.message.content : [];
    if (event.type === "system") {
      if (event.subtype === "init") entries.push({ kind: "system", text: "Session started · model " + (event.model || "?") + " · " + (event.cwd || "") });
    } else if (event.type === "assistant") {
      for (const part of content) {
        if (part.type === "text" && part.text) entries.push({ kind: "text", text: part.text });
        if (part.type === "tool_use") {
          const tool = { kind: "tool", name: part.name || "tool", summary: toolSummary(part.input), input: part.input, output: null, isError: false };
          tools.set(part.id, tool);
          entries.push(tool);
        }
      }
    } else if (event.type === "user") {
      for (const part of content) {
        if (part.type !== "tool_result") continue;
        const output = toolResultText(part.content);
        const tool = tools.get(part.tool_use_id);
        if (tool) { tool.output = output; tool.isError = part.is_error === true; }
        else entries.push({ kind: "tool", name: "result", summary: "", input: null, output, isError: part.is_error === true });
      }
    } else if (event.type === "result") {
      entries.push({
        kind: "result", isError: event.is_error === true, subtype: event.subtype || "",
        text: typeof event.result === "string" ? event.result : (event.errors || []).join("; "),
        cost: typeof event.total_cost_usd === "number" ? event.total_cost_usd : null,
        turns: event.num_turns, durationMs: event.duration_ms,
      });
    }
  }
  return entries;
}

/** One line that says what a tool call did: its description, command, path or pattern. */
function toolSummary(input) {
  if (!input || typeof input !== "object") return "";
  for (const key of ["description", "command", "file_path", "path", "pattern", "url", "prompt"]) {
    if (typeof input[key] === "string" && input[key]) return input[key].split("\n")[0].slice(0, 160);
  }
  return "";
}

function toolResultText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (part && part.text) || "").join("\n");
  return content == null ? "" : JSON.stringify(content);
}

/**
 * Reads server-sent events from text chunks: `push(chunk)` returns the events completed
 * so far as {event, data, id}. Comments (": keep-alive") are skipped.
 */
class EventStreamReader {
  constructor() { this.buffer = ""; }
  push(chunk) {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const events = [];
    let end;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = { event: "message", data: "", id: null };
      const data = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event.event = value;
        else if (field === "data") data.push(value);
        else if (field === "id") event.id = value;
      }
      if (data.length) { event.data = data.join("\n"); events.push(event); }
    }
    return events;
  }
}

/**
 * The attempts of a task as rows for its timeline: every booked attempt (newest last) and,
 * while the task runs, the current one. Start is derived from the end and the duration.
 */
function attemptRows(task, attempts) {
  const rows = (attempts || []).slice().sort((a, b) => a.attempt - b.attempt).map((attempt) => ({
    attempt: attempt.attempt, agent: attempt.agent || null, outcome: attempt.outcome,
    start: attempt.started_at || (attempt.ended_at && attempt.duration_ms != null
      ? new Date(Date.parse(attempt.ended_at) - attempt.duration_ms).toISOString() : null),
    end: attempt.ended_at || null, cost: attempt.cost_usd == null ? null : attempt.cost_usd,
    error: attempt.error || null, branch: attempt.branch || null, current: false,
  }));
  const booked = new Set(rows.map((row) => row.attempt));
  if (task && task.attempts > 0 && !booked.has(task.attempts)) {
    const finished = terminalStates.includes(task.state);
    rows.push({
      attempt: task.attempts, agent: task.agent || null, outcome: task.state,
      start: task.started_at || null, end: finished ? task.finished_at || null : null,
      cost: null, error: finished ? task.error || null : null, branch: null, current: !finished,
    });
  }
  return rows;
}

/** Whether a task's title (or id) contains every word of `query`, ignoring case. */
function matchesSearch(task, query) {
  const words = (query || "").toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = (((task.spec || {}).title || "") + " " + task.id).toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The `/tasks` query for the list's filters and a cursor. */
function taskListQuery(filters, cursor, limit) {
  const params = new URLSearchParams();
  if (filters.state) params.set("state", filters.state);
  if (filters.agent) params.set("agent", filters.agent);
  if (filters.source) params.set("source", filters.source);
  params.set("limit", String(limit || 50));
  if (cursor) params.set("cursor", cursor);
  return "/tasks?" + params.toString();
}

/**
 * Merges a freshly read first page into the rows shown: the fresh page replaces the newest
 * rows, and rows of older pages (created before the fresh page's oldest) stay below it.
 * `complete` says the fresh page is the whole list (it had no next_cursor).
 */
function mergeTasks(shown, fresh, complete) {
  if (complete || !fresh.length) return fresh.slice();
  const oldest = fresh[fresh.length - 1].created_at;
  const ids = new Set(fresh.map((task) => task.id));
  return fresh.concat(shown.filter((task) => !ids.has(task.id) && task.created_at < oldest));
}

/** The body of POST /task from the submit form's fields; empty fields are left out. */
function submitBody(fields) {
  const body = {};
  const text = (value) => (value || "").trim();
  if (text(fields.title)) body.title = text(fields.title);
  if (text(fields.description)) body.description = text(fields.description);
  if (text(fields.type)) body.type = text(fields.type);
  if (text(fields.target)) body.target = text(fields.target);
  if (text(fields.priority) && text(fields.priority) !== "normal") body.priority = text(fields.priority);
  if (text(fields.repository)) body.repository = text(fields.repository);
  return body;
}

/**
 * The four "at a glance" series from GET /stats/history: tasks per minute (succeeded,
 * failed, cancelled), success rate in percent (succeeded of the finished; a gap where
 * nothing finished), and the median queue wait and run time in seconds.
 */
function historySeries(history) {
  const buckets = (history && history.buckets) || [];
  const minutes = ((history && history.bucket_seconds) || 60) / 60;
  const perMinute = (n) => (n || 0) / minutes;
  return {
    labels: buckets.map((bucket) => bucket.start),
    throughput: buckets.map((b) => [perMinute(b.succeeded), perMinute(b.failed), perMinute(b.cancelled)]),
    successRate: buckets.map((b) => {
      const finished = (b.succeeded || 0) + (b.failed || 0) + (b.cancelled || 0);
      return finished ? (100 * (b.succeeded || 0)) / finished : null;
    }),
    queueWait: buckets.map((b) => (b.queue_wait_p50_ms == null ? null : b.queue_wait_p50_ms / 1000)),
    runTime: buckets.map((b) => (b.run_time_p50_ms == null ? null : b.run_time_p50_ms / 1000)),
    totals: buckets.reduce((sum, b) => ({
      succeeded: sum.succeeded + (b.succeeded || 0), failed: sum.failed + (b.failed || 0), cancelled: sum.cancelled + (b.cancelled || 0),
    }), { succeeded: 0, failed: 0, cancelled: 0 }),
  };
}

/**
 * A line through `values` (null makes a gap) in a `width` x `height` box, as SVG path
 * data; the top of the box is `max` (at least the largest value). A lone point is drawn
 * as a dot.
 */
function linePath(values, width, height, max) {
  const top = Math.max(max || 0, ...values.filter((v) => v != null), 0) || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = "";
  let drawing = false;
  values.forEach((value, index) => {
    if (value == null) { drawing = false; return; }
    const x = values.length > 1 ? index * step : width / 2;
    const y = height - (value / top) * height;
    path += (drawing ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
    // A point with no neighbour gets a tiny stroke, which a round cap draws as a dot.
    if (!drawing && (index + 1 >= values.length || values[index + 1] == null)) path += "l0.1 0";
    drawing = true;
  });
  return path;
}

/** Stacked bars for `stacks` (one array of parts per bucket): rectangles {x, y, w, h, part}. */
function stackedBars(stacks, width, height) {
  const top = Math.max(0, ...stacks.map((parts) => parts.reduce((a, b) => a + b, 0))) || 1;
  const slot = stacks.length ? width / stacks.length : width;
  const bars = [];
  stacks.forEach((parts, index) => {
    let y = height;
    parts.forEach((value, part) => {
      if (!value) return;
      const h = (value / top) * height;
      y -= h;
      bars.push({ x: index * slot + slot * 0.1, y, w: slot * 0.8, h, part });
    });
  });
  return { bars, top };
}

/**
 * Lists sub-tasks (spec.metadata.spawned_by, set when an agent submits work through the
 * cluster's MCP tools) right under their parent when both are on the page: {task, depth}.
 */
function nestSubTasks(tasks) {
  const ids = new Set(tasks.map((task) => task.id));
  const children = new Map();
  const roots = [];
  for (const task of tasks) {
    const parent = ((task.spec || {}).metadata || {}).spawned_by;
    if (parent && parent !== task.id && ids.has(parent)) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(task);
    } else {
      roots.push(task);
    }
  }
  const ordered = [];
  const placed = new Set();
  const visit = (task, depth) => {
    if (placed.has(task.id)) return;
    placed.add(task.id);
    ordered.push({ task, depth });
    for (const child of children.get(task.id) || []) visit(child, depth + 1);
  };
  roots.forEach((task) => visit(task, 0));
  tasks.forEach((task) => visit(task, 0));
  return ordered;
}

function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m " + (s % 60) + "s";
  if (s < 86400) return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m";
  return Math.floor(s / 86400) + "d " + Math.floor((s % 86400) / 3600) + "h";
}

function ago(iso, now) {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round(((now || Date.now()) - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + "s ago";
  if (seconds < 3600) return Math.round(seconds / 60) + "m ago";
  if (seconds < 86400) return Math.round(seconds / 3600) + "h ago";
  return Math.round(seconds / 86400) + "d ago";
}

function dollars(value) { return value == null ? "—" : "$" + value.toFixed(2); }

if (typeof module !== "undefined") {
  module.exports = {
    terminalStates, taskStates, parseRoute, taskHash, agentHash, parseTranscript, toolSummary, EventStreamReader,
    attemptRows, matchesSearch, taskListQuery, mergeTasks, submitBody, historySeries, linePath, stackedBars,
    nestSubTasks, duration, ago, dollars,
  };
}
