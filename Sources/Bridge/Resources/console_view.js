// The console's views and their calls to the bridge. Every action is an HTTP route the
// CLI or a script can call too. Pure helpers are in console_model.js, which comes first.
"use strict";

const tokenKey = "claude-code-cluster.token";
const stateClass = {
  healthy: "ok", busy: "busy", offline: "bad", running: "busy", draining: "busy", paused: "bad",
  queued: "info", assigned: "info", retrying: "busy",
  succeeded: "ok", failed: "bad", timed_out: "bad", cancelled: "bad", dead_lettered: "bad",
};
const viewBox = document.getElementById("view");
/** The view on screen: its route, and what to stop when it is left (timers, streams). */
let current = { route: null, stops: [] };
/** The list's filters outlive the list view, so going back to it keeps them. */
const listFilters = { state: "", agent: "", source: "", search: "" };
let firstRender = true;

// ---- Small DOM helpers ----

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  appendAll(node, children);
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttributes(node, attributes);
  appendAll(node, children);
  return node;
}

function setAttributes(node, attributes) {
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.setAttribute("class", value);
    else node.setAttribute(key, value === true ? "" : value);
  }
}

function appendAll(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function badge(state, attributes, label) {
  return el("span", Object.assign({ class: "badge " + (stateClass[state] || "info"), "data-state": state }, attributes || {}),
    label || String(state).replaceAll("_", " "));
}

function section(title, ...children) { return el("section", {}, el("h2", {}, title), ...children); }
function facts(pairs) {
  return el("dl", { class: "facts" }, pairs.filter((pair) => pair && pair[1] !== null && pair[1] !== undefined && pair[1] !== "")
    .map(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}
function time(iso) { return iso ? el("time", { datetime: iso, title: iso }, new Date(iso).toLocaleString()) : "—"; }
function taskLink(task) { return el("a", { class: "title", href: taskHash(task.id) }, (task.spec && task.spec.title) || task.id); }
function agentLink(name) { return name ? el("a", { href: agentHash(name) }, name) : "—"; }

// ---- The bridge ----

function authHeaders() {
  const token = localStorage.getItem(tokenKey);
  return token ? { Authorization: "Bearer " + token } : {};
}

/** Calls the bridge; throws an Error whose message is the problem's `detail`. */
async function api(path, method, body) {
  const headers = authHeaders();
  const options = { method: method || "GET", headers };
  if (body !== undefined) { headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const answer = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = answer && answer.detail ? answer.detail : response.status + " " + response.statusText;
    const error = new Error(response.status === 401 ? "Enter the bridge token above: " + detail : detail);
    error.status = response.status;
    throw error;
  }
  return answer;
}

function showError(message) {
  const box = document.getElementById("error");
  box.hidden = !message;
  box.textContent = message || "";
}

/**
 * Runs `work` now and then every `ms` while the view is shown. The first run's failure is
 * the caller's (its promise is returned); later ones show in the error box.
 */
function every(ms, work) {
  const view = current;
  const timer = setInterval(async () => {
    try { await work(); } catch (error) { if (isShown(view)) showError(error.message); }
  }, ms);
  current.stops.push(() => clearInterval(timer));
  return work();
}

function isShown(view) { return view === current; }

/** Reads a task's server-sent events with the token (EventSource cannot send one). */
function followEvents(id, onEvent) {
  const controller = new AbortController();
  current.stops.push(() => controller.abort());
  (async () => {
    while (!controller.signal.aborted) {
      let finished = false;
      try {
        const response = await fetch("/tasks/" + encodeURIComponent(id) + "/events", { headers: authHeaders(), signal: controller.signal });
        if (!response.ok || !response.body) throw new Error("events: " + response.status);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const events = new EventStreamReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of events.push(value)) {
            if (event.event === "result") finished = true;
            let data;
            try { data = JSON.parse(event.data); } catch (_) { continue; }
            onEvent(event.event, data);
          }
        }
      } catch (_) {
        // The stream broke or was stopped; it is opened again below unless the view is gone.
      }
      if (finished || controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
}

// ---- Header: broker health ----

let lastHealth = null;
async function refreshHealth() {
  const broker = document.getElementById("broker");
  try {
    lastHealth = await api("/health");
    broker.className = "badge ok";
    broker.textContent = "broker up " + duration(lastHealth.broker.uptime_seconds);
    broker.title = (lastHealth.broker.router_endpoints || []).join(", ");
    document.getElementById("version").textContent = "bridge " + lastHealth.bridge.version + " · broker " + lastHealth.broker.version;
  } catch (error) {
    lastHealth = null;
    broker.className = "badge bad";
    broker.textContent = "broker unavailable";
    broker.title = error.message;
  }
}

// ---- Overview ----

async function overviewView() {
  const counts = el("div", { class: "counts", id: "counts" });
  const charts = el("div", { class: "charts", id: "charts" }, el("div", { class: "empty" }, "Loading…"));
  const agents = el("div", { class: "cards", id: "agents" }, el("div", { class: "empty" }, "Loading…"));
  const tasks = el("tbody", { id: "recent-rows" });
  viewBox.replaceChildren(
    section("Queue", counts),
    section("Last hour", charts),
    section("Agents", agents),
    section("Recent tasks",
      el("table", {}, el("thead", {}, el("tr", {}, ["Task", "State", "Agent", "Source", "Updated"].map((h) => el("th", { scope: "col" }, h)))), tasks),
      el("p", {}, el("a", { href: "#/tasks" }, "All tasks, with filters and search →"))));
  const view = current;
  every(15000, async () => renderCharts(charts, await api("/stats/history?minutes=60")))
    .catch((error) => charts.replaceChildren(el("div", { class: "empty" }, "No history: " + error.message)));
  await every(2000, async () => {
    const [report, page] = await Promise.all([api("/agents/status"), api("/tasks?limit=15")]);
    if (!isShown(view)) return;
    const byState = (lastHealth && lastHealth.broker.tasks_by_state) || {};
    counts.replaceChildren(...["queued", "assigned", "running", "retrying"].map((state) =>
      el("div", { class: "count" }, el("b", {}, byState[state] || 0), el("span", {}, state))));
    renderAgentCards(agents, report.agents);
    renderTaskRows(tasks, page.tasks, "No tasks yet. Submit one, POST /task, or label an issue.");
    showError("");
  });
}

function renderAgentCards(box, agents) {
  if (!agents.length) {
    box.replaceChildren(el("div", { class: "empty" }, "No agents have registered with the broker."));
    return;
  }
  box.replaceChildren(...agents.map((agent) => {
    const load = agent.load;
    const usage = load ? Math.round(load.cpu_percent) + "% CPU · " + Math.round(load.rss_bytes / 1048576) + " MB" : "—";
    const pause = agent.pause && agent.pause !== "running" ? agent.pause : null;
    return el("div", { class: "card", "data-agent": agent.name },
      el("div", { class: "top" }, el("a", { class: "name", href: agentHash(agent.name) }, agent.name),
        el("span", {}, pause ? badge(pause) : null, " ", badge(agent.state))),
      facts([
        ["specialty", (agent.specialties || [agent.specialty]).join(", ")],
        ["heartbeat", ago(agent.last_heartbeat)],
        ["running", agent.running_tasks.length + "/" + agent.capacity + " " + agent.running_tasks.join(" ")],
        ["load", usage],
        ["cost", dollars(agent.cost_usd)],
        agent.limited_until ? ["account", el("span", { class: "limited", "data-test": "limited", title: limitTitle(agent) }, limitText(agent))] : null,
        agent.limited_until ? ["", resumeAccountButton(agent.account || agent.name)] : null,
        agent.runner_problem ? ["problem", el("span", { title: agent.runner_problem }, agent.runner_problem)] : null,
      ]));
  }));
}

/** "limited until 14:05 (five_hour)": the agent's account hit a usage limit. */
function limitText(agent) {
  const until = new Date(agent.limited_until);
  return "limited until " + until.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " (" + (agent.limit_kind || "usage limit") + ")";
}

function limitTitle(agent) {
  return "account " + (agent.account || agent.name) + " is usage-limited until " + agent.limited_until + "; its agents get no work until then";
}

/** POST /accounts/{name}/resume: send the account's agents work again now. */
function resumeAccountButton(account) {
  return el("button", {
    type: "button", "data-test": "resume-account", title: "Resume account " + account + " now",
    onclick: async (event) => {
      event.target.disabled = true;
      try { await api("/accounts/" + encodeURIComponent(account) + "/resume", "POST"); showError(""); } catch (error) { showError(error.message); }
    },
  }, "Resume " + account);
}

function renderTaskRows(body, tasks, emptyText) {
  if (!tasks.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "5", class: "muted" }, emptyText)));
    return;
  }
  body.replaceChildren(...nestSubTasks(tasks).map(({ task, depth }) => {
    const parent = ((task.spec || {}).metadata || {}).spawned_by;
    const first = el("td", {}, el("div", {}, depth ? "↳ " : "", taskLink(task)),
      el("div", { class: "muted mono" }, task.id, parent ? " · sub-task of " + parent : ""));
    if (depth) first.style.paddingLeft = (0.8 + depth * 1.4) + "em";
    return el("tr", { "data-task-id": task.id, "data-state": task.state }, first,
      el("td", {}, badge(task.state)),
      el("td", {}, task.agent ? agentLink(task.agent) : (task.specialty || "—")),
      el("td", {}, task.spec.source || "—"),
      el("td", { title: task.updated_at }, ago(task.updated_at)));
  }));
}

// ---- At a glance: small charts ----

function renderCharts(box, history) {
  const series = historySeries(history);
  const minutes = Math.round((series.labels.length * ((history && history.bucket_seconds) || 60)) / 60);
  const last = (values) => { for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i]; return null; };
  const { totals } = series;
  const finished = totals.succeeded + totals.failed + totals.cancelled;
  box.replaceChildren(
    barChart("Tasks per minute", finished + " finished in " + minutes + " min", series.throughput,
      "Tasks finished per minute over the last " + minutes + " minutes: " + totals.succeeded + " succeeded, " + totals.failed + " failed, " + totals.cancelled + " cancelled"),
    lineChart("Success rate", finished ? Math.round((100 * totals.succeeded) / finished) + "%" : "no tasks", series.successRate, 100,
      "Share of finished tasks that succeeded, per minute", "%"),
    lineChart("Queue wait (median)", last(series.queueWait) == null ? "—" : duration(last(series.queueWait)), series.queueWait, 0,
      "Median time tasks waited in the queue, per minute", "s"),
    lineChart("Run time (median)", last(series.runTime) == null ? "—" : duration(last(series.runTime)), series.runTime, 0,
      "Median run time of finished tasks, per minute", "s"));
}

const chartWidth = 300, chartHeight = 80;

function chartFigure(title, value, label, graphic, footer) {
  return el("figure", { class: "panel chart", style: null },
    el("figcaption", {}, el("b", {}, title), el("span", { class: "muted" }, value)),
    svg("svg", { viewBox: "0 0 " + chartWidth + " " + chartHeight, preserveAspectRatio: "none", role: "img", "aria-label": label },
      svg("title", {}, label),
      svg("line", { class: "axis", x1: 0, y1: chartHeight - 0.5, x2: chartWidth, y2: chartHeight - 0.5, "vector-effect": "non-scaling-stroke" }),
      graphic),
    footer);
}

function barChart(title, value, stacks, label) {
  const { bars, top } = stackedBars(stacks, chartWidth, chartHeight);
  const legend = el("div", { class: "legend" }, "max " + top.toFixed(1) + "/min",
    el("i", { class: "k0" }), "succeeded", el("i", { class: "k1" }), "failed", el("i", { class: "k2" }), "cancelled");
  return chartFigure(title, value, label,
    bars.map((bar) => svg("rect", { class: "part" + bar.part, x: bar.x.toFixed(1), y: bar.y.toFixed(1), width: bar.w.toFixed(1), height: bar.h.toFixed(1) })),
    legend);
}

function lineChart(title, value, values, max, label, unit) {
  const known = values.filter((v) => v != null);
  const top = Math.max(max || 0, ...known, 0);
  const legend = el("div", { class: "legend" }, known.length ? "max " + (unit === "%" ? Math.round(top) + "%" : duration(top)) : "no data in this hour");
  return chartFigure(title, value, label + (known.length ? "" : ": no data"),
    svg("path", { class: "line", d: linePath(values, chartWidth, chartHeight - 2, top) || "M0 0", "vector-effect": "non-scaling-stroke" }),
    legend);
}

// ---- Task list ----

async function tasksView() {
  const rows = el("tbody", { id: "task-rows" });
  const note = el("p", { class: "muted", id: "list-note", "aria-live": "polite" });
  const more = el("button", { type: "button", id: "load-more", hidden: true }, "Load older tasks");
  const agentSelect = el("select", { id: "filter-agent" }, el("option", { value: "" }, "any agent"));
  const select = (id, options, value) => el("select", { id }, options.map(([v, text]) => el("option", { value: v, selected: v === value }, text)));
  const stateSelect = select("filter-state", [["", "any state"]].concat(taskStates.map((s) => [s, s.replaceAll("_", " ")])), listFilters.state);
  const sourceSelect = select("filter-source", [["", "any source"], ["api", "api"], ["cli", "cli"], ["github", "github"], ["agent", "agent"]], listFilters.source);
  const search = el("input", { id: "filter-search", type: "search", placeholder: "words in the title", value: listFilters.search });
  viewBox.replaceChildren(section("Tasks",
    el("form", { class: "filters", role: "search", onsubmit: (event) => event.preventDefault() },
      el("label", {}, "State", stateSelect), el("label", {}, "Agent", agentSelect),
      el("label", {}, "Source", sourceSelect), el("label", {}, "Search titles", search)),
    el("table", {}, el("thead", {}, el("tr", {}, ["Task", "State", "Agent", "Source", "Updated"].map((h) => el("th", { scope: "col" }, h)))), rows),
    el("div", { class: "row spread" }, note, more)));

  const view = current;
  let loaded = [];
  let cursor = null;
  let generation = 0;
  const show = () => {
    const matching = loaded.filter((task) => matchesSearch(task, listFilters.search));
    renderTaskRows(rows, matching, listFilters.search ? "No loaded task has these words in its title." : "No tasks match these filters.");
    note.textContent = (listFilters.search ? matching.length + " of " : "") + loaded.length + " loaded task(s)"
      + (cursor ? (listFilters.search ? "; load older tasks to search them too" : "") : " · that is all of them");
    more.hidden = !cursor;
  };
  const reload = async () => {
    const mine = ++generation;
    const page = await api(taskListQuery(listFilters, null, 50));
    if (mine !== generation || !isShown(view)) return;
    loaded = page.tasks;
    cursor = page.next_cursor || null;
    show();
  };
  const onFilter = (key, input) => input.addEventListener("change", () => { listFilters[key] = input.value; reload().catch((e) => showError(e.message)); });
  onFilter("state", stateSelect); onFilter("agent", agentSelect); onFilter("source", sourceSelect);
  search.addEventListener("input", () => { listFilters.search = search.value; show(); });
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const mine = generation;
      const page = await api(taskListQuery(listFilters, cursor, 100));
      if (mine === generation && isShown(view)) { loaded = loaded.concat(page.tasks); cursor = page.next_cursor || null; show(); }
    } catch (error) { showError(error.message); }
    more.disabled = false;
  });
  api("/agents/status").then((report) => {
    for (const agent of report.agents) agentSelect.append(el("option", { value: agent.name, selected: agent.name === listFilters.agent }, agent.name));
    if (listFilters.agent && !report.agents.some((a) => a.name === listFilters.agent)) agentSelect.append(el("option", { value: listFilters.agent, selected: true }, listFilters.agent));
  }).catch(() => {});
  await reload();
  // Live: the newest page is read again and merged; older pages loaded by hand stay.
  every(3000, async () => {
    const mine = generation;
    const page = await api(taskListQuery(listFilters, null, 50));
    if (mine !== generation || !isShown(view)) return;
    const complete = !page.next_cursor;
    loaded = mergeTasks(loaded, page.tasks, complete);
    if (complete) cursor = null;
    show();
    showError("");
  });
}

// ---- Task detail ----

async function taskView(id) {
  const view = current;
  let detail;
  try {
    detail = await api("/tasks/" + encodeURIComponent(id));
  } catch (error) {
    viewBox.replaceChildren(el("div", { class: "empty" }, error.status === 404 ? "There is no task " + id + "." : error.message));
    return;
  }
  if (!isShown(view)) return;
  const summary = el("div", { id: "task-summary" });
  const attempts = el("section", { id: "attempts" });
  const progress = el("ol", { class: "progress", id: "progress" });
  const transcript = el("section", { id: "transcript-section" });
  viewBox.replaceChildren(summary, attempts, section("Live progress", progress), transcript);

  let transcriptShownFor = null;
  const paint = () => {
    renderTaskSummary(summary, detail);
    renderAttempts(attempts, detail);
    const finishedAttempts = attemptRows(detail.task, detail.attempts).filter((row) => !row.current);
    // Read again when an attempt ends and when the booked attempts arrive with the result.
    const key = detail.task.state + ":" + finishedAttempts.length + ":" + (detail.attempts || []).length;
    if (key !== transcriptShownFor) {
      transcriptShownFor = key;
      renderTranscripts(transcript, detail.task, finishedAttempts);
    }
  };
  const reload = async () => {
    const fresh = await api("/tasks/" + encodeURIComponent(id));
    if (isShown(view)) { detail = fresh; paint(); }
  };
  progress.replaceChildren(...detail.progress.map(progressItem));
  if (!detail.progress.length) progress.append(el("li", { class: "muted" }, "No progress reported."));
  paint();
  if (!terminalStates.includes(detail.task.state)) {
    followEvents(id, (kind, data) => {
      if (!isShown(view)) return;
      if (kind === "progress") {
        if (progress.querySelector(".muted")) progress.replaceChildren();
        if (![...progress.children].some((item) => item.dataset.key === data.attempt + ":" + data.sequence)) progress.append(progressItem(data));
        progress.scrollTop = progress.scrollHeight;
      } else if (kind === "state") {
        detail.task = data;
        paint();
      } else if (kind === "result") {
        reload().catch((error) => showError(error.message));
      }
    });
  }
}

function progressItem(update) {
  return el("li", { "data-key": update.attempt + ":" + update.sequence, title: update.at },
    el("span", { class: "kind" }, update.kind.replaceAll("_", " ")), update.message);
}

function renderTaskSummary(box, detail) {
  const task = detail.task;
  const spec = task.spec || {};
  const result = task.result || null;
  const finished = terminalStates.includes(task.state);
  const branch = (result && result.branch) || (detail.attempts || []).map((a) => a.branch).filter(Boolean).pop() || null;
  const cancel = el("button", {
    type: "button", id: "task-cancel", class: "danger", disabled: finished,
    onclick: async (event) => {
      if (!confirm("Cancel task “" + (spec.title || task.id) + "”? A running attempt is stopped.")) return;
      event.target.disabled = true;
      try { detail.task = await api("/tasks/" + encodeURIComponent(task.id), "DELETE"); renderTaskSummary(box, detail); showError(""); }
      catch (error) { showError(error.message); event.target.disabled = false; }
    },
  }, "Cancel task");
  // The bridge retries what ended without success; a succeeded task takes a follow-up instead.
  const retriable = finished && task.state !== "succeeded";
  const retry = el("button", {
    type: "button", id: "task-retry", disabled: !retriable,
    title: retriable ? "Run this task's spec again as a new task"
      : (finished ? "It succeeded: submit a follow-up to change its work" : "A task can be retried once it has ended"),
    onclick: async (event) => {
      event.target.disabled = true;
      try { const accepted = await api("/tasks/" + encodeURIComponent(task.id) + "/retry", "POST"); location.hash = taskHash(accepted.task_id); }
      catch (error) { showError(error.message); event.target.disabled = false; }
    },
  }, "Retry");
  const metadata = spec.metadata || {};
  box.replaceChildren(
    el("div", { class: "row spread" },
      el("div", {}, el("h2", {}, "Task"), el("h3", { id: "task-title" }, spec.title || "(untitled)"), el("div", { class: "mono muted" }, task.id)),
      el("div", { class: "row" }, badge(task.state, { id: "task-state" }), cancel, retry)),
    el("div", { class: "panel" }, facts([
      ["agent", task.agent ? agentLink(task.agent) : null],
      ["specialty", task.specialty || null],
      ["target", spec.target || "routing rules"],
      ["type", spec.type || "general"],
      ["priority", spec.priority || "normal"],
      ["source", spec.source || null],
      ["repository", spec.repository || null],
      ["labels", (spec.labels || []).join(", ") || null],
      ["attempts", task.attempts + " of " + task.max_attempts],
      ["created", time(task.created_at)],
      ["finished", task.finished_at ? time(task.finished_at) : null],
      ["cost", task.total_cost_usd == null ? null : dollars(task.total_cost_usd)],
      ["branch", branch ? el("span", { class: "mono", id: "task-branch" }, branch) : null],
      ["pull request", result && result.pr_url ? el("a", { id: "task-pr", href: result.pr_url, target: "_blank", rel: "noopener" }, result.pr_url) : null],
      ["issue", spec.issue_url ? el("a", { href: spec.issue_url, target: "_blank", rel: "noopener" }, spec.issue_url) : null],
      ["follows up", spec.parent ? el("a", { href: taskHash(spec.parent) }, spec.parent) : null],
      ["sub-task of", metadata.spawned_by ? el("a", { href: taskHash(metadata.spawned_by) }, metadata.spawned_by) : null],
      ["result", result ? el("span", { id: "task-result" }, result.summary) : null],
      ["error", task.error ? el("span", { class: "bad", id: "task-error" }, task.error) : null],
    ]),
    spec.description && spec.description !== spec.title ? el("details", {}, el("summary", {}, "Description"), el("pre", {}, spec.description)) : null));
}

function renderAttempts(box, detail) {
  const rows = attemptRows(detail.task, detail.attempts);
  box.replaceChildren(el("h2", {}, "Attempts"), rows.length
    ? el("ol", { class: "timeline" }, rows.map((row) => el("li", { class: row.current ? "current" : row.outcome, "data-attempt": row.attempt },
      el("div", { class: "row" }, el("b", {}, "Attempt " + row.attempt), badge(row.outcome), row.agent ? agentLink(row.agent) : el("span", { class: "muted" }, "no agent"),
        row.cost == null ? null : el("span", {}, dollars(row.cost))),
      el("div", { class: "muted" }, row.start ? new Date(row.start).toLocaleString() : "—", " → ", row.end ? new Date(row.end).toLocaleString() : (row.current ? "running" : "—"),
        row.start && row.end ? " (" + duration((Date.parse(row.end) - Date.parse(row.start)) / 1000) + ")" : ""),
      row.branch ? el("div", { class: "mono" }, row.branch) : null,
      row.error ? el("div", { class: "bad" }, row.error) : null)))
    : el("p", { class: "muted" }, "Not started yet: the task is waiting for an agent."));
}

/**
 * One tab per finished attempt; each reads GET /tasks/{id}/log?attempt=N when chosen. The
 * newest is read without `attempt`: the bridge then answers the last transcript there is,
 * or nothing, where `attempt=N` answers 404 for an attempt that left none (a task cancelled
 * before its runner printed), which the browser would log as a failed request.
 */
function renderTranscripts(box, task, attempts) {
  const body = el("div", { class: "transcript", id: "transcript", "aria-live": "polite" });
  if (!attempts.length) {
    box.replaceChildren(el("h2", {}, "Transcript"), el("p", { class: "muted" }, "The transcript shows here when an attempt ends."));
    return;
  }
  const tabs = el("div", { class: "tabs", role: "group", "aria-label": "Attempts" });
  const view = current;
  const choose = async (attempt) => {
    for (const button of tabs.children) button.setAttribute("aria-pressed", String(button.dataset.attempt === String(attempt)));
    body.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    try {
      const newest = attempt === attempts[attempts.length - 1].attempt;
      const text = await api("/tasks/" + encodeURIComponent(task.id) + "/log" + (newest ? "" : "?attempt=" + attempt));
      if (isShown(view)) renderTranscript(body, text);
    } catch (error) { body.replaceChildren(el("p", { class: "bad" }, error.message)); }
  };
  for (const row of attempts) tabs.append(el("button", { type: "button", "data-attempt": row.attempt, onclick: () => choose(row.attempt) }, "Attempt " + row.attempt));
  box.replaceChildren(el("h2", {}, "Transcript"), tabs, body);
  choose(attempts[attempts.length - 1].attempt);
}

function renderTranscript(box, text) {
  const entries = parseTranscript(text);
  if (!entries.length) { box.replaceChildren(el("p", { class: "muted" }, "This attempt left no transcript.")); return; }
  box.replaceChildren(...entries.map((entry) => {
    switch (entry.kind) {
      case "text": return el("div", { class: "text" }, entry.text);
      case "system": return el("div", { class: "system" }, entry.text);
      case "tool": return el("details", { class: "tool" },
        el("summary", {}, el("b", {}, entry.name), entry.summary ? " · " + entry.summary : "", entry.isError ? el("span", { class: "badge bad" }, "error") : ""),
        entry.input ? el("pre", { class: "mono" }, JSON.stringify(entry.input, null, 2)) : null,
        entry.output != null ? el("pre", { class: "mono" }, entry.output || "(no output)") : null);
      case "result": return el("div", { class: "panel" }, el("b", {}, entry.isError ? "Ended with an error" : "Finished"),
        entry.subtype && entry.subtype !== "success" ? " (" + entry.subtype + ")" : "",
        entry.cost != null ? " · " + dollars(entry.cost) : "", entry.turns ? " · " + entry.turns + " turn(s)" : "",
        entry.text ? el("div", { class: "text" }, entry.text) : null);
      default: return el("pre", { class: "mono" }, entry.text);
    }
  }));
}

// ---- Submit ----

async function submitView() {
  const field = (label, control) => el("label", {}, label, control);
  const target = el("select", { id: "submit-target", name: "target" }, el("option", { value: "" }, "by the routing rules"));
  const form = el("form", { class: "submit panel", id: "submit-form" },
    field("Title", el("input", { id: "submit-title", name: "title", required: true, autocomplete: "off" })),
    field("Description", el("textarea", { id: "submit-description", name: "description", placeholder: "What to do; the title is used when this is empty" })),
    el("div", { class: "pair" },
      field("Type", el("input", { id: "submit-type", name: "type", placeholder: "general", list: "task-types" })),
      field("Agent or specialty", target),
      field("Priority", el("select", { id: "submit-priority", name: "priority" }, ["low", "normal", "high", "urgent"].map((p) => el("option", { value: p, selected: p === "normal" }, p))))),
    field("Repository", el("input", { id: "submit-repository", name: "repository", placeholder: "the agent's configured repository" })),
    el("datalist", { id: "task-types" }, ["general", "bug_fix", "feature", "frontend_development", "backend_development", "documentation", "testing"].map((t) => el("option", { value: t }))),
    el("div", { class: "row" }, el("button", { type: "submit", class: "primary", id: "submit-button" }, "Submit task"),
      el("span", { class: "muted" }, "The task opens in its detail view and runs live.")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = document.getElementById("submit-button");
    button.disabled = true;
    try {
      const values = Object.fromEntries(new FormData(form).entries());
      const accepted = await api("/task", "POST", submitBody(values));
      showError("");
      location.hash = taskHash(accepted.task_id);
    } catch (error) { showError(error.message); button.disabled = false; }
  });
  viewBox.replaceChildren(section("Submit a task", form));
  document.getElementById("submit-title").focus();
  const report = await api("/agents/status");
  const specialties = [...new Set(report.agents.flatMap((agent) => agent.specialties || [agent.specialty]))].sort();
  target.append(
    el("optgroup", { label: "Agents" }, report.agents.map((agent) => el("option", { value: agent.name }, agent.name + " (" + agent.specialty + ")"))),
    el("optgroup", { label: "Specialties" }, specialties.map((name) => el("option", { value: name }, name))));
}

// ---- Agent detail ----

async function agentView(name) {
  const view = current;
  const box = el("div", { id: "agent-detail" });
  viewBox.replaceChildren(box);
  const path = "/agents/" + encodeURIComponent(name);
  const act = async (button, suffix, body) => {
    button.disabled = true;
    try { paint(await api(path + suffix, "POST", body)); showError(""); } catch (error) { showError(error.message); button.disabled = false; }
  };
  const paint = (agent) => {
    if (!isShown(view)) return;
    const pause = agent.pause || (agent.paused ? "paused" : "running");
    const running = el("tbody", {});
    const recent = el("tbody", {});
    renderTaskRows(running, agent.running || [], "Nothing running.");
    renderTaskRows(recent, agent.recent || [], "No recent tasks.");
    const table = (body) => el("table", {}, el("thead", {}, el("tr", {}, ["Task", "State", "Agent", "Source", "Updated"].map((h) => el("th", { scope: "col" }, h)))), body);
    const load = agent.load;
    box.replaceChildren(
      el("div", { class: "row spread" },
        el("div", {}, el("h2", {}, "Agent"), el("h3", {}, agent.name), el("span", { class: "muted" }, agent.specialty)),
        el("div", { class: "row" }, badge(agent.state), pause === "running" ? badge("healthy", { id: "agent-pause-state", "data-state": "running" }, "taking tasks") : badge(pause, { id: "agent-pause-state" }),
          el("button", { type: "button", id: "agent-pause", disabled: pause === "paused", title: "Stop sending it tasks; running tasks go on", onclick: (e) => act(e.target, "/pause") }, "Pause"),
          el("button", { type: "button", id: "agent-drain", disabled: pause !== "running", title: "Finish the running tasks, take no new ones", onclick: (e) => act(e.target, "/pause", { drain: true }) }, "Drain"),
          el("button", { type: "button", id: "agent-resume", disabled: pause === "running", title: "Send it tasks again", onclick: (e) => act(e.target, "/resume") }, "Resume"))),
      el("div", { class: "panel" }, facts([
        ["running", (agent.running || []).length + " of " + agent.capacity],
        ["load", load ? Math.round(load.cpu_percent) + "% CPU · " + Math.round(load.rss_bytes / 1048576) + " MB" : "—"],
        ["cost", dollars(agent.total_cost_usd)],
        ["limited until", agent.limited_until ? time(agent.limited_until) : null],
      ])),
      section("Running", table(running)),
      section("Recent", table(recent)));
  };
  try {
    await every(2000, async () => paint(await api(path)));
  } catch (error) {
    box.replaceChildren(el("div", { class: "empty" }, error.status === 404 ? "There is no agent " + name + "." : error.message));
  }
}

// ---- Routing between views ----

async function render() {
  for (const stop of current.stops) stop();
  const route = parseRoute(location.hash);
  current = { route, stops: [] };
  for (const link of document.querySelectorAll("nav a")) {
    const active = link.dataset.nav === route.view || (link.dataset.nav === "tasks" && route.view === "task");
    if (active) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  showError("");
  try {
    if (route.view === "tasks") await tasksView();
    else if (route.view === "task") await taskView(route.id);
    else if (route.view === "submit") await submitView();
    else if (route.view === "agent") await agentView(route.id);
    else await overviewView();
  } catch (error) {
    showError(error.message);
  }
  if (firstRender) {
    firstRender = false;
    // What docs/BENCHMARKS.md reports as the time to first render (scripts/console-bench.sh).
    performance.mark("console-first-render");
  }
}

document.getElementById("token").value = localStorage.getItem(tokenKey) || "";
document.getElementById("tokenForm").addEventListener("submit", (event) => {
  event.preventDefault();
  localStorage.setItem(tokenKey, document.getElementById("token").value.trim());
  refreshHealth();
  render();
});
window.addEventListener("hashchange", render);
refreshHealth();
setInterval(refreshHealth, 5000);
render();
