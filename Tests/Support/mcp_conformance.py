#!/usr/bin/env python3
"""Drives a Claude Code Cluster MCP server with the official MCP Python client (PyPI `mcp`)
and prints one JSON report on standard output for the Swift test to check.

    mcp_conformance.py stdio --specialty backend -- claude-cluster mcp --broker tcp://...
    mcp_conformance.py http URL --token TOKEN --specialty backend

It initializes, lists the tools (checking each input schema is a valid JSON Schema),
calls every tool once with good arguments and a few with bad ones, and records for each
call whether it was a tool error and its text. `--bad-token` only checks that the server
refuses a wrong bearer token.
"""
import argparse
import asyncio
import json
import sys

import httpx2
from jsonschema.validators import validator_for

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client


def text_of(result):
    return "\n".join(getattr(part, "text", "") for part in result.content)


async def exercise(session, specialty, report):
    init = await session.initialize()
    report["server"] = init.server_info.name
    report["protocol_version"] = init.protocol_version
    report["has_tools_capability"] = init.capabilities.tools is not None

    listed = await session.list_tools()
    report["tools"] = sorted(tool.name for tool in listed.tools)
    schema_problems = []
    for tool in listed.tools:
        schema = tool.input_schema
        try:
            validator_for(schema).check_schema(schema)
        except Exception as error:  # noqa: BLE001 - the report names any failure
            schema_problems.append(f"{tool.name}: {error}")
        if schema.get("type") != "object":
            schema_problems.append(f"{tool.name}: input schema is not an object")
        if not tool.description:
            schema_problems.append(f"{tool.name}: no description")
    report["schema_problems"] = schema_problems

    calls = {}
    progress = []

    async def on_progress(value, total, message):
        progress.append(message)

    async def call(label, name, arguments, **extra):
        result = await session.call_tool(name, arguments, **extra)
        calls[label] = {"is_error": bool(result.is_error), "text": text_of(result),
                        "structured": result.structured_content}
        return result

    await call("list_agents", "list_agents", {})
    submitted = await call("submit_task", "submit_task", {
        "title": "Conformance task", "description": "Say hello", "specialty": specialty,
        "idempotency_key": report["idempotency_key"]})
    task_id = (submitted.structured_content or {}).get("id")
    report["task_id"] = task_id
    await call("get_task", "get_task", {"task_id": task_id})
    await call("wait_for_task", "wait_for_task", {"task_id": task_id, "timeout_seconds": 60},
               progress_callback=on_progress)
    await call("list_tasks", "list_tasks", {"limit": 5})
    # A task nobody can take stays queued: cancelling it works; cancelling an ended one is an error.
    queued = await call("submit_queued", "submit_task", {
        "title": "Nobody takes this", "specialty": "nobody-serves-this", "priority": "low"})
    await call("cancel_task", "cancel_task", {"task_id": (queued.structured_content or {}).get("id")})
    await call("error_cancel_ended", "cancel_task", {"task_id": task_id})
    await call("ask_agent", "ask_agent", {"specialty": specialty, "question": "Which port does the API use?",
                                          "timeout_seconds": 60}, progress_callback=on_progress)
    await call("broadcast", "broadcast", {"message": "conformance broadcast"})

    # Errors are tool errors (isError) whose text says what to do, never protocol errors.
    await call("error_unknown_task", "get_task", {"task_id": "no-such-task"})
    await call("error_missing_argument", "submit_task", {})
    await call("error_wrong_type", "wait_for_task", {"task_id": "x", "timeout_seconds": "soon"})
    await call("error_nobody_serves", "ask_agent", {"specialty": "nobody-serves-this", "question": "hello?"})
    await call("error_unknown_agent", "ask_agent", {"agent": "NO-SUCH-AGENT", "question": "hello?"})
    try:
        await call("error_unknown_tool", "no_such_tool", {})
    except Exception as error:  # noqa: BLE001 - a protocol error is also an acceptable answer
        calls["error_unknown_tool"] = {"is_error": True, "text": f"protocol error: {error}", "structured": None}
    report["calls"] = calls
    report["progress_messages"] = progress


async def run_stdio(args, report):
    command = args.command
    if command and command[0] == "--":
        command = command[1:]
    params = StdioServerParameters(command=command[0], args=command[1:])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await exercise(session, args.specialty, report)


async def run_http(args, report):
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    if args.bad_token:
        async with httpx2.AsyncClient() as client:
            answer = await client.post(args.url, headers=headers | {
                "Content-Type": "application/json", "Accept": "application/json, text/event-stream"},
                content=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                    "protocolVersion": "2025-06-18", "capabilities": {},
                    "clientInfo": {"name": "conformance", "version": "1"}}}))
            report["status"] = answer.status_code
            report["www_authenticate"] = answer.headers.get("www-authenticate")
        return
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30, read=300)) as client:
        async with streamable_http_client(args.url, http_client=client) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await exercise(session, args.specialty, report)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    stdio = sub.add_parser("stdio")
    stdio.add_argument("--specialty", default="backend")
    stdio.add_argument("--key", default="conformance-stdio")
    stdio.add_argument("command", nargs=argparse.REMAINDER)
    http = sub.add_parser("http")
    http.add_argument("url")
    http.add_argument("--token")
    http.add_argument("--specialty", default="backend")
    http.add_argument("--key", default="conformance-http")
    http.add_argument("--bad-token", action="store_true")
    args = parser.parse_args()
    report = {"idempotency_key": args.key}
    try:
        asyncio.run(run_stdio(args, report) if args.mode == "stdio" else run_http(args, report))
    except BaseException as error:  # noqa: BLE001 - the report carries the failure to the test
        report["failure"] = f"{type(error).__name__}: {error}"
        if hasattr(error, "exceptions"):
            report["failure"] += " / " + "; ".join(repr(e) for e in error.exceptions)
    print(json.dumps(report, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
