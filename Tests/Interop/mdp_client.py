#!/usr/bin/env python3
"""A plain 18/MDP 0.2 client, written from the RFC alone.

--framing spec sends exactly the frames 18/MDP gives; --framing delimited puts an empty
delimiter frame first, as REQ sockets and several MDP libraries do, and expects the
answers framed the same way. (A DEALER socket either way: a REQ socket would drop every
reply after the first, and MDP 0.2 sends PARTIALs before the FINAL.) Sends --count requests one after another and prints a summary line.
Exits 1 when an answer does not arrive within --timeout-ms.
"""
import argparse
import signal
import sys

import zmq

CLIENT = b"MDPC02"
REQUEST, PARTIAL, FINAL = b"\x01", b"\x02", b"\x03"


def main():
    # A parent may start us with SIGTERM blocked (Swift test runners do); take the
    # default action so a polite stop ends us at once.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--framing", choices=["spec", "delimited"], default="spec")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--body", default="hello")
    parser.add_argument("--timeout-ms", type=int, default=10000)
    args = parser.parse_args()

    context = zmq.Context()
    socket = context.socket(zmq.DEALER)
    prefix = [b""] if args.framing == "delimited" else []
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(args.endpoint)
    partials = finals = 0
    last = b""
    for index in range(args.count):
        socket.send_multipart(prefix + [CLIENT, REQUEST, args.service.encode(), f"{args.body} {index}".encode()])
        while True:
            if not socket.poll(args.timeout_ms):
                print(f"timeout after {finals} answers", flush=True)
                sys.exit(1)
            frames = socket.recv_multipart()
            if args.framing == "delimited":
                if not frames or frames[0] != b"":
                    print(f"answer lacks the delimiter frame: {frames!r}", flush=True)
                    sys.exit(1)
                frames = frames[1:]
            elif frames and frames[0] == b"":
                print("unexpected delimiter frame in a spec-framed answer", flush=True)
                sys.exit(1)
            if len(frames) < 4 or frames[0] != CLIENT or frames[2] != args.service.encode():
                print(f"malformed answer: {frames!r}", flush=True)
                sys.exit(1)
            if frames[1] == PARTIAL:
                partials += 1
                continue
            if frames[1] == FINAL:
                finals += 1
                last = frames[3]
                break
    print(f"answers {finals} partials {partials} last {last.decode(errors='replace')}", flush=True)


if __name__ == "__main__":
    main()
