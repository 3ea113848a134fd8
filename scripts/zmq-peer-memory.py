#!/usr/bin/env python3
"""What one connected peer costs a ROUTER socket's process in resident memory, with and
without the socket options the broker's ROUTER sets (docs/BENCHMARKS.md, part 6).

A ROUTER binds on loopback in this process; child processes connect PEERS DEALERs to it
(at most 5,000 each, for their file descriptors); every peer sends a message and gets an
answer, three rounds, like an agent's READY and heartbeats. The ROUTER process's VmRSS is
read before the peers connect and after the last round. Each variant runs in a fresh
process, so one variant's freed memory cannot hide the next one's.

    python3 scripts/zmq-peer-memory.py --peers 10000

pyzmq carries its own libzmq (4.3.5 here; the broker links Debian's 4.3.4): the pipe and
buffer code that decides this is the same in both.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

import zmq

VARIANTS = {
    # name: (SNDHWM, RCVHWM, SNDBUF, RCVBUF); None leaves libzmq's default.
    "broker (HWM 100,000)": (100_000, 100_000, None, None),
    "libzmq defaults (HWM 1,000)": (None, None, None, None),
    "HWM 100, 16 KiB kernel buffers": (100, 100, 16_384, 16_384),
}


def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def peers(endpoint, count, rounds):
    """Child: `count` DEALERs, each answering the ROUTER's messages until told to stop."""
    raise_file_limit()
    context = zmq.Context()
    context.set(zmq.MAX_SOCKETS, count + 16)
    sockets = []
    for index in range(count):
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.connect(endpoint)
        sockets.append(socket)
    poller = zmq.Poller()
    for socket in sockets:
        poller.register(socket, zmq.POLLIN)
    for socket in sockets:
        socket.send(b"hello")
    answers = {socket: 0 for socket in sockets}
    total = 0
    while total < count * rounds:
        for socket, _ in poller.poll(1000):
            while True:
                try:
                    socket.recv(zmq.NOBLOCK)
                except zmq.Again:
                    break
                answers[socket] += 1
                total += 1
                if answers[socket] < rounds:
                    socket.send(b"beat")
    sys.stdin.read()  # hold the connections until the parent closes our stdin


def measure(name, peers_total, rounds):
    sndhwm, rcvhwm, sndbuf, rcvbuf = VARIANTS[name]
    raise_file_limit()
    context = zmq.Context()
    router = context.socket(zmq.ROUTER)
    router.setsockopt(zmq.LINGER, 0)
    for option, value in ((zmq.SNDHWM, sndhwm), (zmq.RCVHWM, rcvhwm), (zmq.SNDBUF, sndbuf), (zmq.RCVBUF, rcvbuf)):
        if value is not None:
            router.setsockopt(option, value)
    router.bind("tcp://127.0.0.1:*")
    endpoint = router.getsockopt(zmq.LAST_ENDPOINT).decode()
    before = rss_kib()
    children = []
    remaining = peers_total
    while remaining > 0:
        share = min(remaining, 5_000)
        remaining -= share
        children.append(subprocess.Popen(
            [sys.executable, __file__, "--child", endpoint, "--peers", str(share), "--rounds", str(rounds)],
            stdin=subprocess.PIPE))
    # Each round: every peer's message in, an answer out.
    for _ in range(rounds):
        seen = 0
        while seen < peers_total:
            identity, _body = router.recv_multipart()
            router.send_multipart([identity, b"beat"])
            seen += 1
    time.sleep(0.5)  # let the I/O thread finish writing the last answers
    after = rss_kib()
    for child in children:
        child.stdin.close()
        child.wait()
    per_peer = (after - before) / peers_total
    print(f"{name}: {peers_total} peers, RSS {before / 1024:.1f} -> {after / 1024:.1f} MiB, {per_peer:.1f} KiB per peer", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variant", choices=sorted(VARIANTS))
    parser.add_argument("--child", metavar="ENDPOINT")
    args = parser.parse_args()
    if args.child:
        peers(args.child, args.peers, args.rounds)
    elif args.variant:
        measure(args.variant, args.peers, args.rounds)
    else:
        print(f"libzmq {zmq.zmq_version()} (pyzmq {zmq.pyzmq_version()})", flush=True)
        for name in VARIANTS:
            subprocess.run([sys.executable, __file__, "--variant", name, "--peers", str(args.peers),
                            "--rounds", str(args.rounds)], check=True)


if __name__ == "__main__":
    main()
