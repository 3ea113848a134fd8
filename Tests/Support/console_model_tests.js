// Checks the console's pure functions (Sources/Bridge/Resources/console_model.js) with
// Node: `node console_model_tests.js <path of console_model.js>`. Prints one line per
// check and "N passed, 0 failed"; exits 1 at the first failure. Run by ConsoleScriptTests.
"use strict";
const assert = require("node:assert/strict");
const model = require(process.argv[2]);

let passed = 0;
function check(name, body) {
  try { body(); passed += 1; console.log("ok - " + name); }
  catch (error) { console.log("not ok - " + name + "\n" + error.stack); console.log(passed + " passed, 1 failed"); process.exit(1); }
}

check("routes: views, encoded ids, and the bare #<task id> of tracking comments", () => {
  assert.deepEqual(model.parseRoute(""), { view: "overview" });
  assert.deepEqual(model.parseRoute("#/"), { view: "overview" });
  assert.deepEqual(model.parseRoute("#/tasks"), { view: "tasks" });
  assert.deepEqual(model.parseRoute("#/tasks/T-1%2Fx"), { view: "task", id: "T-1/x" });
  assert.deepEqual(model.parseRoute("#/submit"), { view: "submit" });
  assert.deepEqual(model.parseRoute("#/agents/CC01"), { view: "agent", id: "CC01" });
  assert.deepEqual(model.parseRoute("#0193-abc"), { view: "task", id: "0193-abc" });
  assert.deepEqual(model.parseRoute("#/nowhere"), { view: "overview" });
  assert.equal(model.parseRoute(model.taskHash("a b/c")).id, "a b/c");
});

check("transcript: text shown, a tool call folded with its result, the result line, raw lines kept", () => {
  const lines = [
    { type: "system", subtype: "init", model: "m1", cwd: "/w" },
    { type: "assistant", message: { content: [{ type: "text", text: "I'll look." }] } },
    { type: "assistant", message: { content: [{ type: "tool_use", id: "t1", name: "Bash", input: { command: "ls\nmore", description: "List files" } }] } },
    { type: "user", message: { content: [{ type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "a.txt" }], is_error: true }] } },
    { type: "user", message: { content: [{ type: "tool_result", tool_use_id: "unknown", content: "orphan" }] } },
    { type: "result", subtype: "success", is_error: false, result: "Done.", total_cost_usd: 0.25, num_turns: 2 },
  ].map((line) => JSON.stringify(line));
  const entries = model.parseTranscript(lines.join("\n") + "\nnot json at all\n42\n");
  assert.deepEqual(entries.map((e) => e.kind), ["system", "text", "tool", "tool", "result", "raw", "raw"]);
  assert.equal(entries[1].text, "I'll look.");
  assert.equal(entries[2].name, "Bash");
  assert.equal(entries[2].summary, "List files");
  assert.equal(entries[2].output, "a.txt");
  assert.equal(entries[2].isError, true);
  assert.equal(entries[3].output, "orphan");
  assert.equal(entries[4].text, "Done.");
  assert.equal(entries[4].cost, 0.25);
  assert.equal(entries[5].text, "not json at all");
  assert.deepEqual(model.parseTranscript(""), []);
});

check("transcript: an error ending without a result text shows its errors", () => {
  const line = JSON.stringify({ type: "result", subtype: "error_max_turns", is_error: true, errors: ["Reached maximum number of turns (1)"] });
  const [entry] = model.parseTranscript(line);
  assert.equal(entry.isError, true);
  assert.equal(entry.text, "Reached maximum number of turns (1)");
});

check("tool summary: the first line of the most telling input, cut at 160 characters", () => {
  assert.equal(model.toolSummary({ command: "echo hi\necho there" }), "echo hi");
  assert.equal(model.toolSummary({ file_path: "/a/b.swift", content: "x" }), "/a/b.swift");
  assert.equal(model.toolSummary({ command: "x".repeat(300) }).length, 160);
  assert.equal(model.toolSummary(null), "");
});

check("event stream: events split across chunks, comments skipped, CRLF read", () => {
  const reader = new model.EventStreamReader();
  assert.deepEqual(reader.push(": keep-alive\n\nid: 1\nevent: state\nda"), []);
  const events = reader.push("ta: {\"a\":1}\n\nid: 2\r\nevent: progress\r\ndata: x\r\ndata: y\r\n\r\n");
  assert.deepEqual(events, [{ event: "state", data: "{\"a\":1}", id: "1" }, { event: "progress", data: "x\ny", id: "2" }]);
  assert.deepEqual(reader.push("event: result\n"), []);
});

check("attempts: booked attempts in order with their start, and the running one", () => {
  const task = { state: "running", attempts: 2, agent: "CC02", started_at: "2026-01-01T00:10:00.000Z" };
  const rows = model.attemptRows(task, [{ attempt: 1, agent: "CC01", outcome: "failed", ended_at: "2026-01-01T00:05:00.000Z", duration_ms: 60000, cost_usd: 0.5 }]);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].start, "2026-01-01T00:04:00.000Z");
  assert.equal(rows[0].cost, 0.5);
  assert.deepEqual([rows[1].attempt, rows[1].agent, rows[1].current, rows[1].end], [2, "CC02", true, null]);
  const done = { state: "succeeded", attempts: 1, agent: "CC01", finished_at: "2026-01-01T00:01:00.000Z" };
  assert.equal(model.attemptRows(done, [{ attempt: 1, outcome: "succeeded", ended_at: "2026-01-01T00:01:00.000Z" }]).length, 1);
  assert.equal(model.attemptRows(done, []).at(0).current, false);
  assert.deepEqual(model.attemptRows({ state: "queued", attempts: 0 }, []), []);
});

check("search: every word in the title or id, any case", () => {
  const task = { id: "0193-abc", spec: { title: "Fix the Pricing page" } };
  assert.ok(model.matchesSearch(task, "pricing FIX"));
  assert.ok(model.matchesSearch(task, "0193"));
  assert.ok(model.matchesSearch(task, "  "));
  assert.ok(!model.matchesSearch(task, "pricing table"));
});

check("list query: filters, limit and cursor", () => {
  assert.equal(model.taskListQuery({ state: "failed", agent: "CC01", source: "" }, "c 1", 50), "/tasks?state=failed&agent=CC01&limit=50&cursor=c+1");
  assert.equal(model.taskListQuery({}, null), "/tasks?limit=50");
});

check("merge: the fresh first page replaces the newest rows, older pages stay", () => {
  const t = (id, created, state) => ({ id, created_at: created, state });
  const shown = [t("c", "03", "running"), t("b", "02", "queued"), t("a", "01", "queued")];
  const fresh = [t("d", "04", "queued"), t("c", "03", "succeeded")];
  assert.deepEqual(model.mergeTasks(shown, fresh, false).map((x) => x.id + x.state),
    ["dqueued", "csucceeded", "bqueued", "aqueued"]);
  assert.deepEqual(model.mergeTasks(shown, fresh, true).map((x) => x.id), ["d", "c"]);
  // A row that left the filter (b, newer than the fresh page's oldest) is dropped.
  assert.deepEqual(model.mergeTasks(shown, [t("c", "03", "running"), t("a", "01", "queued")], false).map((x) => x.id), ["c", "a"]);
});

check("submit body: trimmed fields, empty ones and the default priority left out", () => {
  assert.deepEqual(model.submitBody({ title: " Fix it ", description: "", type: "bug_fix", target: "CC01", priority: "normal", repository: " " }),
    { title: "Fix it", type: "bug_fix", target: "CC01" });
  assert.deepEqual(model.submitBody({ title: "x", priority: "urgent", repository: "/r.git" }), { title: "x", priority: "urgent", repository: "/r.git" });
});

check("history: per-minute rates, success rate with gaps, medians in seconds", () => {
  const series = model.historySeries({ bucket_seconds: 120, buckets: [
    { start: "a", succeeded: 4, failed: 2, cancelled: 2, queue_wait_p50_ms: 1500, run_time_p50_ms: null },
    { start: "b", succeeded: 0, failed: 0, cancelled: 0 },
  ] });
  assert.deepEqual(series.throughput, [[2, 1, 1], [0, 0, 0]]);
  assert.deepEqual(series.successRate, [50, null]);
  assert.deepEqual(series.queueWait, [1.5, null]);
  assert.deepEqual(series.runTime, [null, null]);
  assert.deepEqual(series.totals, { succeeded: 4, failed: 2, cancelled: 2 });
  assert.deepEqual(model.historySeries(null).labels, []);
});

check("charts: a line with gaps, scaled to the top; stacked bars", () => {
  assert.equal(model.linePath([0, 50, null, 100], 300, 100, 100), "M0.0 100.0L100.0 50.0M300.0 0.0l0.1 0");
  assert.equal(model.linePath([5], 300, 100, 10), "M150.0 50.0l0.1 0");
  assert.equal(model.linePath([null, null], 300, 100, 0), "");
  const { bars, top } = model.stackedBars([[1, 1, 0], [0, 0, 0], [4, 0, 0]], 300, 80);
  assert.equal(top, 4);
  assert.deepEqual(bars.map((b) => [b.part, Math.round(b.y), Math.round(b.h)]), [[0, 60, 20], [1, 40, 20], [0, 0, 80]]);
});

check("sub-tasks follow their parent, indented", () => {
  const tasks = [
    { id: "c2", spec: { metadata: { spawned_by: "c1" } } }, { id: "c1", spec: { metadata: { spawned_by: "p" } } },
    { id: "x", spec: { metadata: { spawned_by: "gone" } } }, { id: "s", spec: { metadata: { spawned_by: "s" } } },
    { id: "p", spec: { metadata: {} } }, { id: "q", spec: {} },
  ];
  assert.deepEqual(model.nestSubTasks(tasks).map((r) => r.task.id + ":" + r.depth), ["x:0", "s:0", "p:0", "c1:1", "c2:2", "q:0"]);
});

check("formatting: durations, ages, dollars", () => {
  assert.equal(model.duration(59.6), "1m 0s");
  assert.equal(model.duration(3725), "1h 2m");
  assert.equal(model.ago("2026-01-01T00:00:00.000Z", Date.parse("2026-01-01T00:02:00.000Z")), "2m ago");
  assert.equal(model.ago(null), "never");
  assert.equal(model.dollars(0.5), "$0.50");
  assert.equal(model.dollars(null), "—");
});

console.log(passed + " passed, 0 failed");
