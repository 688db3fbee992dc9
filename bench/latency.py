"""A delay line between a client and the API server: every byte arrives ``delay`` seconds after
it was sent, in both directions, as on a network with that one-way latency.

It is a plain TCP relay (TLS passes through untouched, so both tools verify the real server's
certificate) on 127.0.0.1. Each direction has a reader that timestamps what it receives and a
writer that sends each chunk when its time has come: throughput is not limited, only latency
added, and a round trip costs ``2 × delay``.

``python -m bench.latency --target 127.0.0.1:6443 --delay-ms 25`` prints the port it listens on
(one line) and relays until it is killed.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import socket
import sys
import threading
import time
from collections.abc import Iterator

_CHUNK = 1 << 16


def _pump(src: socket.socket, dst: socket.socket, delay: float) -> None:
    """Relay ``src`` to ``dst``, each chunk ``delay`` seconds late; EOF is passed on late too."""
    line: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()

    def writer() -> None:
        while True:
            due, data = line.get()
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if not data:
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)
                return
            try:
                dst.sendall(data)
            except OSError:
                return

    sender = threading.Thread(target=writer, daemon=True)
    sender.start()
    while True:
        try:
            data = src.recv(_CHUNK)
        except OSError:
            data = b""
        line.put((time.monotonic() + delay, data))
        if not data:
            break
    sender.join()


def _relay(client: socket.socket, target: tuple[str, int], delay: float) -> None:
    try:
        upstream = socket.create_connection(target, timeout=10)
    except OSError:
        client.close()
        return
    upstream.settimeout(None)
    for sock in (client, upstream):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    there = threading.Thread(target=_pump, args=(client, upstream, delay), daemon=True)
    there.start()
    _pump(upstream, client, delay)
    there.join()
    client.close()
    upstream.close()


def serve(listener: socket.socket, target: tuple[str, int], delay: float) -> None:
    """Accept connections on ``listener`` forever, relaying each to ``target``."""
    while True:
        try:
            client, _addr = listener.accept()
        except OSError:  # the listener was closed: stop
            return
        threading.Thread(target=_relay, args=(client, target, delay), daemon=True).start()


@contextlib.contextmanager
def running(target: tuple[str, int], delay: float) -> Iterator[int]:
    """A delay proxy on a thread of this process (for tests); yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=serve, args=(listener, target, delay), daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__)
    p.add_argument("--target", required=True, help="HOST:PORT of the API server")
    p.add_argument("--delay-ms", type=float, default=25.0, help="one-way delay (default 25)")
    args = p.parse_args(argv)
    host, _, port = args.target.rpartition(":")
    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(listener, (host.strip("[]"), int(port)), args.delay_ms / 1000.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
