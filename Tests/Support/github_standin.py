#!/usr/bin/env python3
"""A stand-in for GitHub's REST API on loopback that records every call, for the round-trip tests.

Usage: github_standin.py [--log CALLS.jsonl]

Binds 127.0.0.1 on a free port and prints `PORT <n>` as its first line. It answers the calls
the bridge makes, keeping comments in memory:

  POST  /repos/O/R/issues/N/comments              201 {"id", "body", "html_url"}
  PATCH /repos/O/R/issues/comments/ID             200 the comment (404 if unknown)
  GET   /repos/O/R/issues/N/comments              200 [comments of N], oldest first
  POST  /repos/O/R/issues/N/reactions             201 {"id", "content"} (also on
        /repos/O/R/issues/comments/ID/reactions and /repos/O/R/pulls/comments/ID/reactions)
  GET   /repos/O/R/actions/jobs/ID/logs           302 to /_downloads/jobs/ID, as GitHub
                                                  redirects to its log storage
  GET   /_downloads/jobs/ID                       200 text/plain, the job's log
  GET   /repos/O/R/actions/runs/ID/jobs           200 {"jobs": [one failed job, id ID+1]}
  GET   /repos/O/R/check-suites/ID/check-runs     200 {"check_runs": [one failed run, id ID+1]}

Anything else answers 404 {"message": "Not Found"}. Control routes, not recorded:
  GET  /_calls      every recorded call: {"method", "path", "body" (parsed JSON or null),
                    "authorized" (the Authorization header was "Bearer <token>"), "status"}
  POST /_refuse     {"method": "POST", "path_contains": "/comments"}: later matching calls
                    answer 403 {"message": "Resource not accessible by integration"}, as GitHub
                    does when the token lacks a permission; {} clears the rules.
Each recorded call is also appended to the log as one JSON line.
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
CALLS = []
COMMENTS = {}  # id -> {"id", "repo", "number", "body"}
REFUSE = []
NEXT_ID = [1000]
LOG_PATH = None


def job_log(job_id):
    lines = [f"2026-01-01T00:00:{i % 60:02d}.0000000Z step {i}: building" for i in range(200)]
    lines += [
        "2026-01-01T00:01:00.0000000Z Test Suite 'All tests' started",
        "2026-01-01T00:01:01.0000000Z error: LoginTests.testButton: XCTAssertTrue failed",
        f"2026-01-01T00:01:02.0000000Z ##[error]Process completed with exit code 1 (job {job_id}).",
    ]
    return "\n".join(lines) + "\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def _send(self, status, payload=None, text=None, headers=None):
        data = text.encode() if text is not None else json.dumps(payload if payload is not None else {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if text is not None else "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _record(self, body, status):
        entry = {
            "method": self.command,
            "path": self.path,
            "body": body,
            "authorized": (self.headers.get("Authorization") or "").startswith("Bearer "),
            "status": status,
        }
        with LOCK:
            CALLS.append(entry)
            if LOG_PATH:
                with open(LOG_PATH, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry) + "\n")

    def _handle(self):
        body = self._body()
        path = self.path.split("?")[0]
        if path == "/_calls":
            with LOCK:
                return self._send(200, list(CALLS))
        if path == "/_refuse":
            with LOCK:
                REFUSE.clear()
                if body and body.get("method"):
                    REFUSE.append(body)
            return self._send(200, {"rules": len(REFUSE)})
        if path.startswith("/_downloads/jobs/"):
            return self._send(200, text=job_log(path.rsplit("/", 1)[1]))
        status, payload, text, headers = self._route(path, body)
        self._record(body, status)
        self._send(status, payload, text, headers)

    def _route(self, path, body):
        with LOCK:
            for rule in REFUSE:
                if rule["method"] == self.command and rule.get("path_contains", "") in path:
                    return 403, {"message": "Resource not accessible by integration"}, None, None
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/comments", path)
        if m and self.command == "POST":
            with LOCK:
                NEXT_ID[0] += 1
                comment = {"id": NEXT_ID[0], "repo": m.group(1), "number": int(m.group(2)), "body": (body or {}).get("body", "")}
                COMMENTS[comment["id"]] = comment
            return 201, self._public(comment), None, None
        if m and self.command == "GET":
            with LOCK:
                found = [self._public(c) for c in COMMENTS.values() if c["repo"] == m.group(1) and c["number"] == int(m.group(2))]
            return 200, found, None, None
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)", path)
        if m and self.command == "PATCH":
            with LOCK:
                comment = COMMENTS.get(int(m.group(2)))
                if comment is None:
                    return 404, {"message": "Not Found"}, None, None
                comment["body"] = (body or {}).get("body", "")
            return 200, self._public(comment), None, None
        if re.fullmatch(r"/repos/[^/]+/[^/]+/(issues/\d+|issues/comments/\d+|pulls/comments/\d+)/reactions", path) and self.command == "POST":
            return 201, {"id": 1, "content": (body or {}).get("content")}, None, None
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/actions/jobs/(\d+)/logs", path)
        if m and self.command == "GET":
            host = self.headers.get("Host")
            return 302, None, "", {"Location": f"http://{host}/_downloads/jobs/{m.group(1)}"}
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/actions/runs/(\d+)/jobs", path)
        if m and self.command == "GET":
            job = {"id": int(m.group(1)) + 1, "name": "test", "conclusion": "failure"}
            return 200, {"total_count": 1, "jobs": [job]}, None, None
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/check-suites/(\d+)/check-runs", path)
        if m and self.command == "GET":
            run = {"id": int(m.group(1)) + 1, "name": "test", "conclusion": "failure"}
            return 200, {"total_count": 1, "check_runs": [run]}, None, None
        return 404, {"message": "Not Found"}, None, None

    @staticmethod
    def _public(comment):
        return {
            "id": comment["id"],
            "body": comment["body"],
            "html_url": f"https://github.com/{comment['repo']}/issues/{comment['number']}#issuecomment-{comment['id']}",
        }

    do_GET = _handle
    do_POST = _handle
    do_PATCH = _handle
    do_DELETE = _handle


def main():
    global LOG_PATH
    if "--log" in sys.argv:
        LOG_PATH = sys.argv[sys.argv.index("--log") + 1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
