"""A TCP relay to the real API server that can split the network on demand.

TLS passes through untouched (the client verifies the real server's certificate), so the only
thing faked is the network: ``split()`` cuts every relayed connection and makes new ones fail at
once (accepted, then closed), ``heal()`` lets connections through again. Watch tests use it to
make a client miss events without touching the server.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class NetSplit:
    """``with NetSplit(("127.0.0.1", port)) as relay:`` listens on ``relay.port``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._split = False
        self._closed = False
        threading.Thread(target=self._serve, name="netsplit", daemon=True).start()

    def __enter__(self) -> NetSplit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def split(self) -> None:
        """Cut every connection now and refuse new ones until ``heal()``."""
        with self._lock:
            self._split = True
            doomed = list(self._open)
            self._open.clear()
        for sock in doomed:
            _close(sock)

    def heal(self) -> None:
        with self._lock:
            self._split = False

    def close(self) -> None:
        self._closed = True
        self.split()
        _close(self._listener)

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refused = self._split
            if refused:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=10)
                upstream.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            try:
                dst.sendall(data)
            except OSError:
                break
        with self._lock:
            self._open.discard(src)
            self._open.discard(dst)
        _close(src)
        _close(dst)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
