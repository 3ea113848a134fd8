#!/usr/bin/env python3
"""A stand-in for the Anthropic Messages API on loopback, for tests that run the real CLI.

Usage: anthropic_standin.py SCRIPT.json [--log REQUESTS.jsonl]

Binds 127.0.0.1 on a free port and prints `PORT <n>` as its first line. SCRIPT.json holds
{"turns": [...]}; each POST /v1/messages that carries tools (a turn of the main
conversation) takes the next turn, and the last turn repeats once the list is used up.
A turn is one of:
  {"text": "..."}                              a final answer (stop_reason end_turn)
  {"text": "...", "bash": "echo hi > f"}       optional words, then a Bash tool call
  {"text": "...", "tool": "mcp__cluster__ask_agent", "input": {...}}
                                               optional words, then a call of any tool
  {"status": 429, "headers": {...}, "error": {"type": "...", "message": "..."}}
                                               an HTTP error with those headers
Requests without tools (titles, summaries and other side questions) get a short text
answer and use no turn. Any other path answers 200 with `{}` (count_tokens answers a
token count). Each request is appended to the log as one JSON line (path, model, whether
it was a turn, body bytes, number of messages, the names of the tools offered, the text of
the tool results it carries, every `mcp__server__tool` name the request mentions, offered
or deferred behind ToolSearch), so a test can assert what the CLI asked.

Observed with CLI 2.1.332 and DISABLE_AUTOUPDATER=1, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1:
it asks only POST /v1/messages (streaming), one request per turn; the other answers are
there so a newer CLI's side requests get something harmless. CLAUDE_CODE_MAX_RETRIES=0
keeps an error turn from being retried for minutes.
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Script:
    def __init__(self, path, log_path):
        with open(path, encoding="utf-8") as f:
            self.turns = json.load(f)["turns"]
        self.next = 0
        self.lock = threading.Lock()
        self.log_path = log_path

    def take(self):
        with self.lock:
            index = min(self.next, len(self.turns) - 1)
            self.next += 1
            return index, self.turns[index]

    def record(self, entry):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")


def sse(event, data):
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def message_events(model, index, blocks, stop_reason):
    """The SSE events of one streamed message made of `blocks`."""
    usage = {"input_tokens": 1200, "output_tokens": 1, "cache_creation_input_tokens": 0,
             "cache_read_input_tokens": 0}
    out = [sse("message_start", {"type": "message_start", "message": {
        "id": f"msg_standin_{index}", "type": "message", "role": "assistant", "model": model,
        "content": [], "stop_reason": None, "stop_sequence": None, "usage": usage}})]
    for i, block in enumerate(blocks):
        if block["type"] == "text":
            out.append(sse("content_block_start", {"type": "content_block_start", "index": i,
                                                   "content_block": {"type": "text", "text": ""}}))
            out.append(sse("content_block_delta", {"type": "content_block_delta", "index": i,
                                                   "delta": {"type": "text_delta", "text": block["text"]}}))
        else:
            out.append(sse("content_block_start", {"type": "content_block_start", "index": i,
                                                   "content_block": {"type": "tool_use", "id": block["id"],
                                                                     "name": block["name"], "input": {}}}))
            out.append(sse("content_block_delta", {"type": "content_block_delta", "index": i,
                                                   "delta": {"type": "input_json_delta",
                                                             "partial_json": json.dumps(block["input"])}}))
        out.append(sse("content_block_stop", {"type": "content_block_stop", "index": i}))
    out.append(sse("message_delta", {"type": "message_delta",
                                     "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                                     "usage": {"output_tokens": 40}}))
    out.append(sse("message_stop", {"type": "message_stop"}))
    return b"".join(out)


def tool_results(body):
    """The text of every tool_result block in the request's last message."""
    messages = body.get("messages") or []
    content = messages[-1].get("content") if messages else None
    texts = []
    for block in content if isinstance(content, list) else []:
        if not isinstance(block, dict) or block.get("type") != "tool_result":
            continue
        inner = block.get("content")
        if isinstance(inner, str):
            texts.append(inner)
        elif isinstance(inner, list):
            texts.extend(part.get("text", "") for part in inner if isinstance(part, dict))
    return texts


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    script = None

    def log_message(self, *args):
        pass

    def body(self):
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.body_bytes = len(raw)
        self.mcp_tools = sorted(set(re.findall(r"mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+", raw.decode("utf-8", "replace"))))
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {}

    def send(self, status, payload, content_type="application/json", headers=None):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", "req_standin")
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.script.record({"method": "GET", "path": self.path})
        self.send(200, {})

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.body()
        path = self.path.split("?")[0]
        if path.endswith("/count_tokens"):
            self.script.record({"method": "POST", "path": path})
            self.send(200, {"input_tokens": 1200})
            return
        if not path.endswith("/v1/messages"):
            self.script.record({"method": "POST", "path": path})
            self.send(200, {})
            return
        model = body.get("model", "claude-standin")
        is_turn = bool(body.get("tools"))
        entry = {"method": "POST", "path": path, "model": model, "turn": is_turn,
                 "stream": bool(body.get("stream")), "bytes": self.body_bytes,
                 "messages": len(body.get("messages") or []),
                 "tools": [tool.get("name") for tool in body.get("tools") or []],
                 "tool_results": tool_results(body),
                 "mcp_tools": self.mcp_tools}
        if not is_turn:
            self.script.record(entry)
            self.reply([{"type": "text", "text": "Stand-in"}], model, 0, "end_turn", body)
            return
        index, turn = self.script.take()
        entry["index"] = index
        self.script.record(entry)
        if "status" in turn:
            error = turn.get("error", {"type": "api_error", "message": "stand-in error"})
            self.send(turn["status"], {"type": "error", "error": error}, headers=turn.get("headers"))
            return
        blocks = []
        if turn.get("text"):
            blocks.append({"type": "text", "text": turn["text"]})
        if turn.get("bash"):
            blocks.append({"type": "tool_use", "id": f"toolu_standin_{index}", "name": "Bash",
                           "input": {"command": turn["bash"], "description": "stand-in command"}})
        if turn.get("tool"):
            blocks.append({"type": "tool_use", "id": f"toolu_standin_{index}", "name": turn["tool"],
                           "input": turn.get("input", {})})
        calls_tool = bool(turn.get("bash") or turn.get("tool"))
        self.reply(blocks, model, index, "tool_use" if calls_tool else "end_turn", body)

    def reply(self, blocks, model, index, stop_reason, body):
        if body.get("stream"):
            self.send(200, message_events(model, index, blocks, stop_reason), "text/event-stream")
            return
        self.send(200, {"id": f"msg_standin_{index}", "type": "message", "role": "assistant", "model": model,
                        "content": blocks, "stop_reason": stop_reason, "stop_sequence": None,
                        "usage": {"input_tokens": 1200, "output_tokens": 40}})


def main():
    if len(sys.argv) < 2:
        print("usage: anthropic_standin.py SCRIPT.json [--log REQUESTS.jsonl]", file=sys.stderr)
        sys.exit(2)
    log_path = sys.argv[sys.argv.index("--log") + 1] if "--log" in sys.argv else None
    Handler.script = Script(sys.argv[1], log_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
