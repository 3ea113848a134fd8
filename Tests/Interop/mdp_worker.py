#!/usr/bin/env python3
"""A plain 18/MDP 0.2 worker, written from the RFC alone (no cluster extensions).

Used by the broker's interoperability and fault tests. It registers for one service,
heartbeats, answers every REQUEST with one PARTIAL and one FINAL, and reconnects when
the broker falls silent. --framing delimited puts an empty frame first, as MDP/0.1-era
workers and REQ-based libraries do.
"""
import argparse
import signal
import json
import sys
import time

import zmq

WORKER = b"MDPW02"
READY, REQUEST, PARTIAL, FINAL, HEARTBEAT, DISCONNECT = (bytes([n]) for n in range(1, 7))


def main():
    # A parent may start us with SIGTERM blocked (Swift test runners do); take the
    # default action so a polite stop ends us at once.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--framing", choices=["spec", "delimited"], default="spec")
    parser.add_argument("--delay-ms", type=int, default=0, help="time spent on each request")
    parser.add_argument("--heartbeat-ms", type=int, default=1000)
    parser.add_argument("--liveness", type=int, default=3)
    parser.add_argument("--name", default="py-worker")
    parser.add_argument("--repeat-final-every", type=int, default=0, help="send every Nth FINAL twice")
    args = parser.parse_args()

    context = zmq.Context()
    prefix = [b""] if args.framing == "delimited" else []
    interval = args.heartbeat_ms / 1000.0

    def connect():
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.connect(args.endpoint)
        socket.send_multipart(prefix + [WORKER, READY, args.service.encode()])
        return socket

    socket = connect()
    print(f"{args.name} ready for {args.service} ({args.framing})", flush=True)
    heard = time.monotonic()
    next_heartbeat = time.monotonic() + interval
    handled = 0
    while True:
        if socket.poll(int(interval * 1000 / 4)):
            frames = socket.recv_multipart()
            heard = time.monotonic()
            if args.framing == "delimited":
                if not frames or frames[0] != b"":
                    continue
                frames = frames[1:]
            if len(frames) < 2 or frames[0] != WORKER:
                continue
            command = frames[1]
            if command == REQUEST:
                delimiter = frames.index(b"", 2)
                envelope, body = frames[2:delimiter], frames[delimiter + 1:]
                print(f"{args.name} got a request", flush=True)
                socket.send_multipart(prefix + [WORKER, PARTIAL] + envelope + [b"", b"working"])
                if args.delay_ms:
                    time.sleep(args.delay_ms / 1000.0)
                answer = body[0] if body else b""
                try:
                    task = json.loads(answer)
                    answer = f"done {task.get('task_id', '')} by {args.name}".encode()
                except ValueError:
                    pass
                socket.send_multipart(prefix + [WORKER, FINAL] + envelope + [b"", answer])
                handled += 1
                if args.repeat_final_every and handled % args.repeat_final_every == 0:
                    socket.send_multipart(prefix + [WORKER, FINAL] + envelope + [b"", answer])
                print(f"{args.name} handled {handled}", flush=True)
            elif command == DISCONNECT:
                socket.close()
                socket = connect()
        now = time.monotonic()
        if now >= next_heartbeat:
            socket.send_multipart(prefix + [WORKER, HEARTBEAT])
            next_heartbeat = now + interval
        if now - heard > interval * args.liveness:
            print(f"{args.name} lost the broker; reconnecting", flush=True)
            socket.close()
            socket = connect()
            heard = time.monotonic()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
