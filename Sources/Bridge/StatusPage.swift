/// The status page served at `GET /ui`: one HTML document with inline CSS and script.
///
/// The page holds no data itself. Its script polls `/health`, `/agents/status` and
/// `/tasks` every 2 seconds with the bearer token the user typed (kept in this
/// browser's localStorage), so the page can be public while the data is not.
enum StatusPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Claude Code Cluster</title>
<style>
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1d2330; --muted: #667085; --line: #e4e7ec;
  --ok: #12805c; --ok-bg: #e3f6ee; --busy: #a15c00; --busy-bg: #fff2db;
  --bad: #b42318; --bad-bg: #fde8e6; --info: #1d5bd8; --info-bg: #e5eeff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --panel: #171b22; --text: #e6e9ef; --muted: #98a2b3; --line: #2a303b;
    --ok: #4ad39b; --ok-bg: #123326; --busy: #f5b041; --busy-bg: #3a2a0c;
    --bad: #ff7b6e; --bad-bg: #3d1612; --info: #7aa7ff; --info-bg: #15264a;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--text); }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between;
  padding: 14px 24px; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 18px; margin: 0; font-weight: 650; }
h1 small { color: var(--muted); font-weight: 400; margin-left: 8px; font-size: 13px; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 10px; }
main { padding: 20px 24px; display: grid; gap: 22px; max-width: 1280px; margin: 0 auto; }
.token { display: flex; gap: 6px; align-items: center; }
.token input { width: 220px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--bg); color: var(--text); }
button { padding: 6px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel);
  color: var(--text); cursor: pointer; }
button:hover { border-color: var(--info); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.ok { color: var(--ok); background: var(--ok-bg); }
.busy { color: var(--busy); background: var(--busy-bg); }
.bad { color: var(--bad); background: var(--bad-bg); }
.info { color: var(--info); background: var(--info-bg); }
.muted { color: var(--muted); }
a { color: var(--info); }
.cards { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 6px; }
.card .name { font-weight: 650; font-size: 15px; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
.card dt { color: var(--muted); }
.card dd { margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.card dd.limited { color: var(--busy); font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; }
.count { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; min-width: 110px; }
.count b { display: block; font-size: 22px; }
.count span { color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line);
  border-radius: 10px; overflow: hidden; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
tr.task { cursor: pointer; }
tr.task:hover td { background: var(--bg); }
tr.detail td { background: var(--bg); font-size: 13px; }
pre { margin: 6px 0 0; white-space: pre-wrap; word-break: break-word; max-height: 260px; overflow: auto; font-size: 12px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
#error { display: none; padding: 10px 14px; border-radius: 8px; }
.empty { padding: 16px; text-align: center; color: var(--muted); background: var(--panel);
  border: 1px dashed var(--line); border-radius: 10px; }
</style>
</head>
<body>
<header>
  <h1>Claude Code Cluster <small id="version"></small></h1>
  <div id="broker" class="badge info">connecting…</div>
  <form class="token" id="tokenForm">
    <input id="token" type="password" placeholder="Bearer token (if set)" autocomplete="off">
    <button type="submit">Save</button>
  </form>
</header>
<main>
  <div id="error" class="bad"></div>
  <section>
    <h2>Queue</h2>
    <div class="counts" id="counts"></div>
  </section>
  <section>
    <h2>Agents</h2>
    <div class="cards" id="agents"><div class="empty">Loading…</div></div>
  </section>
  <section>
    <h2>Recent tasks <span class="muted" id="updated"></span></h2>
    <table>
      <thead><tr><th>Task</th><th>State</th><th>Agent</th><th>Source</th><th>Updated</th></tr></thead>
      <tbody id="tasks"><tr><td colspan="5" class="muted">Loading…</td></tr></tbody>
    </table>
  </section>
</main>
<script>
"use strict";
const tokenKey = "claude-code-cluster.token";
const stateClass = {
  healthy: "ok", busy: "busy", offline: "bad",
  queued: "info", assigned: "info", running: "busy", retrying: "busy",
  succeeded: "ok", failed: "bad", timed_out: "bad", cancelled: "bad", dead_lettered: "bad"
};
// mmi.info counts the tasks the broker holds, which are the unfinished ones; finished
// tasks show in the recent-tasks table.
const queueStates = ["queued", "assigned", "running", "retrying"];
let expanded = decodeURIComponent(location.hash.slice(1)) || null;

document.getElementById("token").value = localStorage.getItem(tokenKey) || "";
document.getElementById("tokenForm").addEventListener("submit", (event) => {
  event.preventDefault();
  localStorage.setItem(tokenKey, document.getElementById("token").value.trim());
  refresh();
});

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(text) { return el("span", { class: "badge " + (stateClass[text] || "info") }, text.replaceAll("_", " ")); }

function duration(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m " + (s % 60) + "s";
  if (s < 86400) return Math.floor(s / 3600) + "h " + Math.floor((s % 3600) / 60) + "m";
  return Math.floor(s / 86400) + "d " + Math.floor((s % 86400) / 3600) + "h";
}

function ago(iso) {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + "s ago";
  if (seconds < 3600) return Math.round(seconds / 60) + "m ago";
  if (seconds < 86400) return Math.round(seconds / 3600) + "h ago";
  return Math.round(seconds / 86400) + "d ago";
}

async function api(path, method = "GET") {
  const token = localStorage.getItem(tokenKey);
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const response = await fetch(path, { method, headers });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.status + " " + response.statusText;
    throw new Error(response.status === 401 ? "Enter the bridge token above: " + detail : detail);
  }
  return body;
}

function showError(message) {
  const box = document.getElementById("error");
  box.style.display = message ? "block" : "none";
  box.textContent = message || "";
}

function renderHealth(health, failure) {
  const broker = document.getElementById("broker");
  if (failure) {
    broker.className = "badge bad";
    broker.textContent = "broker unavailable";
    broker.title = failure;
    return;
  }
  broker.className = "badge ok";
  broker.textContent = "broker up " + duration(health.broker.uptime_seconds);
  broker.title = (health.broker.router_endpoints || []).join(", ");
  document.getElementById("version").textContent = "bridge " + health.bridge.version + " · broker " + health.broker.version;
  const counts = document.getElementById("counts");
  counts.replaceChildren(...queueStates.map((state) =>
    el("div", { class: "count" }, el("b", {}, (health.broker.tasks_by_state || {})[state] || 0), el("span", {}, state.replaceAll("_", " ")))));
}

function renderAgents(report) {
  const box = document.getElementById("agents");
  if (!report.agents.length) {
    box.replaceChildren(el("div", { class: "empty" }, "No agents have registered with the broker."));
    return;
  }
  box.replaceChildren(...report.agents.map((agent) => {
    const load = agent.load;
    const usage = load ? Math.round(load.cpu_percent) + "% CPU · " + Math.round(load.rss_bytes / 1048576) + " MB" : "—";
    return el("div", { class: "card" },
      el("div", { class: "top" }, el("span", { class: "name" }, agent.name), badge(agent.state)),
      el("dl", {},
        el("dt", {}, "specialty"), el("dd", {}, (agent.specialties || [agent.specialty]).join(", ")),
        el("dt", {}, "heartbeat"), el("dd", {}, ago(agent.last_heartbeat)),
        el("dt", {}, "running"), el("dd", { class: "mono" }, agent.running_tasks.length + "/" + agent.capacity + " " + agent.running_tasks.join(" ")),
        el("dt", {}, "load"), el("dd", {}, usage),
        el("dt", {}, "cost"), el("dd", { "data-test": "agent-cost" }, agent.cost_usd == null ? "—" : "$" + agent.cost_usd.toFixed(2)),
        agent.limited_until ? el("dt", {}, "paused") : null,
        agent.limited_until ? el("dd", { class: "limited", "data-test": "limited", title: limitTitle(agent) }, limitText(agent)) : null,
        agent.limited_until ? el("dt", {}, "") : null,
        agent.limited_until ? resumeButton(agent.account || agent.name) : null,
        agent.runner_problem ? el("dt", {}, "problem") : null,
        agent.runner_problem ? el("dd", { title: agent.runner_problem }, agent.runner_problem) : null));
  }));
}

/** "limited until 14:05 (five_hour)": the agent's account hit a usage limit. */
function limitText(agent) {
  const until = new Date(agent.limited_until);
  const time = until.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return "limited until " + time + " (" + (agent.limit_kind || "usage limit") + ")";
}

/** POST /accounts/{name}/resume: send the account's agents work again now. */
function resumeButton(account) {
  const button = el("button", { type: "button", "data-test": "resume-account", title: "Resume account " + account + " now" },
    "Resume " + account);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try { await api("/accounts/" + encodeURIComponent(account) + "/resume", "POST"); showError(""); }
    catch (error) { showError(error.message); }
    refresh();
  });
  return el("dd", {}, button);
}

function limitTitle(agent) {
  return "account " + (agent.account || agent.name) + " is usage-limited until " + agent.limited_until
    + "; its agents get no work until then";
}

async function detailRow(task) {
  const cell = el("td", { colspan: "5" });
  try {
    const detail = await api("/tasks/" + encodeURIComponent(task.id));
    const result = detail.task.result;
    const lines = detail.progress.slice(-12).map((p) => "[" + p.kind + "] " + p.message).join("\n");
    cell.append(...[
      el("div", {}, el("b", {}, "Target: "), detail.task.spec.target || "routing rules", " · ",
        el("b", {}, "Attempts: "), detail.task.attempts + "/" + detail.task.max_attempts,
        detail.task.total_cost_usd == null ? "" : " · ",
        detail.task.total_cost_usd == null ? null : el("b", {}, "Cost: "),
        detail.task.total_cost_usd == null ? null : "$" + detail.task.total_cost_usd.toFixed(2),
        detail.task.spec.parent ? " · " : "",
        detail.task.spec.parent ? el("b", {}, "Follows up: ") : null,
        detail.task.spec.parent ? el("a", { href: "#" + encodeURIComponent(detail.task.spec.parent) }, detail.task.spec.parent) : null,
        (detail.task.spec.metadata || {}).spawned_by ? " · " : "",
        (detail.task.spec.metadata || {}).spawned_by ? el("b", {}, "Sub-task of: ") : null,
        (detail.task.spec.metadata || {}).spawned_by ? el("a", { href: "#" + encodeURIComponent(detail.task.spec.metadata.spawned_by) }, detail.task.spec.metadata.spawned_by) : null),
      result ? el("div", {}, el("b", {}, "Result: "), result.summary, result.pr_url ? " · " : "",
        result.pr_url ? el("a", { href: result.pr_url, target: "_blank", rel: "noopener" }, result.pr_url) : null) : null,
      detail.task.error ? el("div", { class: "bad" }, detail.task.error) : null,
      el("pre", { class: "mono" }, lines || "No progress yet.")].filter(Boolean));
  } catch (error) {
    cell.append(error.message);
  }
  return el("tr", { class: "detail" }, cell);
}

// Sub-tasks (spec.metadata.spawned_by, set when an agent submits work through the
// cluster's MCP tools) are listed right under their parent when both are on the page.
// NEST-BEGIN
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
// NEST-END

async function renderTasks(page) {
  const body = document.getElementById("tasks");
  if (!page.tasks.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "5", class: "muted" }, "No tasks yet. POST /task or label an issue to start one.")));
    return;
  }
  const rows = [];
  for (const { task, depth } of nestSubTasks(page.tasks)) {
    const parent = (task.spec.metadata || {}).spawned_by;
    const row = el("tr", { class: "task" },
      el("td", { style: depth ? "padding-left: " + (0.6 + depth * 1.4) + "em" : null },
        el("div", {}, depth ? "↳ " : "", task.spec.title),
        el("div", { class: "muted mono" }, task.id, parent ? " · sub-task of " + parent : "")),
      el("td", {}, badge(task.state)),
      el("td", {}, task.agent || task.specialty || "—"),
      el("td", {}, task.spec.source),
      el("td", { title: task.updated_at }, ago(task.updated_at)));
    row.addEventListener("click", () => {
      expanded = expanded === task.id ? null : task.id;
      history.replaceState(null, "", expanded ? "#" + encodeURIComponent(expanded) : location.pathname);
      refresh();
    });
    rows.push(row);
    if (expanded === task.id) rows.push(await detailRow(task));
  }
  body.replaceChildren(...rows);
}

async function refresh() {
  const problems = [];
  try { renderHealth(await api("/health")); } catch (error) { renderHealth(null, error.message); problems.push(error.message); }
  try { renderAgents(await api("/agents/status")); } catch (error) { problems.push(error.message); }
  try { await renderTasks(await api("/tasks?limit=25")); } catch (error) { problems.push(error.message); }
  showError([...new Set(problems)].join(" · "));
  document.getElementById("updated").textContent = "· updated " + new Date().toLocaleTimeString();
}

refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
"""#
}
