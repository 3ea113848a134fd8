"""The console's weight and its time to first render with many tasks in the journal.

    console_bench.py --cli .build/release/claude-cluster [--tasks 1000] [--runs 10]

Starts a cluster with a broker and a bridge (no agents, so nothing moves while it
measures), submits --tasks tasks through POST /task and cancels nine in ten of them, so the
journal holds finished and queued tasks. Then it reads /ui and reports its size, raw and
gzipped, and opens the overview and the task list --runs times each in headless Chromium
(a fresh profile, the token already saved), reading from the Performance API:
- first render: the console's own mark `console-first-render`, set once the first view
  has drawn the data it asked for (agents and tasks);
- first contentful paint, and DOMContentLoaded;
all in milliseconds from the start of navigation. Prints a table and one JSON line.
"""

import argparse
import gzip
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from console_driver import Browser, call  # noqa: E402

TOKEN = "console-bench-token"


def free_ports(count):
    """`count` consecutive free loopback ports below the kernel's ephemeral range, where a
    busy machine's outgoing connections cannot be holding them already."""
    for first in range(23000 + os.getpid() % 4000, 32000 - count, count):
        probes = [socket.socket() for _ in range(count)]
        try:
            for offset, probe in enumerate(probes):
                probe.bind(("127.0.0.1", first + offset))
            return list(range(first, first + count))
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no free ports")


def start_cluster(cli, root):
    ports = free_ports(3)
    config = os.path.join(root, "cluster.yaml")
    with open(config, "w") as file:
        file.write(f"""cluster:
  data_dir: {root}/data
broker:
  bind: tcp://127.0.0.1:{ports[0]}
  publish: tcp://127.0.0.1:{ports[1]}
bridge:
  listen: 127.0.0.1:{ports[2]}
  token: {TOKEN}
agents: []
""")
    log = open(os.path.join(root, "cluster.log"), "w")
    process = subprocess.Popen([cli, "start", "--config", config], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{ports[2]}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the cluster stopped: " + open(os.path.join(root, "cluster.log")).read())
        try:
            if call(base, TOKEN, "GET", "/health")[0] == 200:
                return process, base
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the bridge did not answer within 60 s")


def seed(base, count):
    """`count` tasks, nine in ten of them cancelled: the journal holds both kinds."""
    ids = []
    for index in range(count):
        status, answer = call(base, TOKEN, "POST", "/task", {
            "title": f"Benchmark task {index}: adjust the pricing page layout",
            "description": "Seeded by console_bench.py. " + "Details of the change. " * 20,
            "target": "frontend",
        })
        if status != 202:
            raise RuntimeError(f"submit answered {status}: {answer}")
        ids.append(answer["task_id"])
    for index, task_id in enumerate(ids):
        if index % 10:
            call(base, TOKEN, "DELETE", "/tasks/" + task_id)
    return ids


def measure(browser, base, hash_path, ready_css):
    browser.driver.get("about:blank")
    browser.driver.get(base + "/ui" + hash_path)
    browser.wait_for("the first render mark", lambda: browser.driver.execute_script(
        "return performance.getEntriesByName('console-first-render').length > 0"), timeout=30, every=0.02)
    browser.wait_for(ready_css, lambda: browser.driver.find_elements("css selector", ready_css), timeout=30, every=0.02)
    return browser.driver.execute_script("""
        const mark = performance.getEntriesByName('console-first-render')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const navigation = performance.getEntriesByType('navigation')[0];
        return {first_render_ms: mark.startTime, first_contentful_paint_ms: paint ? paint.startTime : null,
                dom_content_loaded_ms: navigation.domContentLoadedEventEnd,
                rows: document.querySelectorAll('tr[data-task-id]').length};""")


def summary(samples, key):
    values = sorted(sample[key] for sample in samples if sample[key] is not None)
    return {"median": round(statistics.median(values), 1), "max": round(values[-1], 1)} if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="console-bench-")
    process = None
    browser = None
    try:
        process, base = start_cluster(os.path.abspath(args.cli), root)
        started = time.monotonic()
        seed(base, args.tasks)
        seeded_s = time.monotonic() - started
        page = urllib.request.urlopen(base + "/ui", timeout=10).read()
        browser = Browser()
        browser.sign_in(base, TOKEN)
        views = {"overview": ("", "#recent-rows tr[data-task-id]"), "task list": ("#/tasks", "#task-rows tr[data-task-id]")}
        results = {}
        for name, (hash_path, ready) in views.items():
            measure(browser, base, hash_path, ready)  # warm-up: the first load also starts Chromium's caches
            samples = [measure(browser, base, hash_path, ready) for _ in range(args.runs)]
            results[name] = {key: summary(samples, key) for key in ("first_render_ms", "first_contentful_paint_ms", "dom_content_loaded_ms")}
            results[name]["rows"] = samples[-1]["rows"]
        errors = browser.console_errors()
        report = {"tasks": args.tasks, "runs": args.runs, "seed_seconds": round(seeded_s, 1),
                  "page_bytes": len(page), "page_gzip_bytes": len(gzip.compress(page, 9)), "views": results, "console_errors": errors}
        print(f"page: {len(page)} bytes, {report['page_gzip_bytes']} gzipped (level 9)")
        print(f"journal: {args.tasks} tasks ({args.tasks - args.tasks // 10} cancelled, {args.tasks // 10} queued), seeded in {seeded_s:.1f} s")
        print(f"{'view':<10} {'rows':>5} {'first render (median/max)':>27} {'FCP (median/max)':>18} {'DOMContentLoaded':>18}")
        for name, result in results.items():
            cell = lambda key: f"{result[key]['median']:.0f}/{result[key]['max']:.0f} ms" if result[key] else "—"
            print(f"{name:<10} {result['rows']:>5} {cell('first_render_ms'):>27} {cell('first_contentful_paint_ms'):>18} {cell('dom_content_loaded_ms'):>18}")
        if errors:
            print("console errors: " + " | ".join(errors))
        print(json.dumps(report))
        return 1 if errors else 0
    finally:
        if browser:
            browser.close()
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
