"""The standard-library transport under ``RESTClient``: HTTP/1.1 (``http11``) over ``socket``
and kctl's own TLS context, for the short commands whose time is start-up.

Importing requests (with urllib3, charset_normalizer, idna, email, logging) costs more than a
whole ``get pods`` of 20 pods, and even ``http.client`` costs a tenth of one (its header parser
is the ``email`` package); ``socket`` and ``ssl`` cost a fraction. Everything that is not
moving bytes stays shared with the requests transport in ``RESTClient``: TLS context and proxy
choice (``transport.py``), credentials, headers, retries, Status errors, warnings and ``-v``
logs. This module only sends one request and hands back a response that answers the same
questions a ``requests.Response`` does (``status_code``, ``headers``, ``content``,
``iter_content``, ``close``), so the callers cannot tell the two apart.

What it does not do, so ``RESTClient`` keeps requests for those (``supports``): proxies other
than plain ``http://`` without credentials (HTTPS and SOCKS proxies, proxy authentication).
Connections are kept alive and reused, one at a time per thread that asks.
"""

from __future__ import annotations

import io
import select
import socket
import ssl
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from kctl.rest.http11 import (
    Body,
    Head,
    Headers,
    HTTPException,
    ProxyConnectError,
    authority,
    open_socket,
    read_head,
    request_head,
    tunnel,
    wire_host,
)

_CHUNK = 1 << 16

# What ``send`` and reading a body raise when no (complete) answer came; ``RESTClient`` turns
# them into kctl's typed errors with ``network_error``.
# (zlib.error: a body that says it is compressed and is not.)
ERRORS: tuple[type[BaseException], ...] = (OSError, HTTPException, zlib.error)
# The ones that mean the connection is gone (cut, broken, timed out): a stream simply ends.
CUT_ERRORS: tuple[type[BaseException], ...] = (OSError, HTTPException)


def supports(proxy: str | None) -> bool:
    """Whether this transport can reach the server through ``proxy`` (None: directly)."""
    if not proxy:
        return True
    parts = urlsplit(proxy)
    return parts.scheme == "http" and not parts.username and not parts.password


class _Connection:
    """One socket (plain or TLS) and the buffered reader its answers are read from; kept for
    the next request while the server keeps it open."""

    __slots__ = ("fp", "sock")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.fp = sock.makefile("rb")

    def close(self) -> None:
        self.fp.close()
        self.sock.close()


class Response:
    """One answer. The body is read on demand (``content`` or ``iter_content``), decompressed
    when the server compressed it, and the connection goes back to the pool once it is read to
    the end."""

    def __init__(
        self, conn: _Connection, head: Head, url: str, release: Any, deadline: Any
    ) -> None:
        self._conn = conn
        self._body = Body(conn.fp, head)
        self._will_close = head.will_close
        self._chunked = head.chunked
        self.url = url
        self.status_code = head.status
        self.reason = head.reason
        self.headers = head.headers
        self._release = release  # called with True when the connection may be reused
        self._deadline = deadline  # (absolute monotonic, clock) or None
        self._content: bytes | None = None
        self._consumed = False
        self._pieces: Iterator[bytes] | None = None
        encoding = (self.headers.get("Content-Encoding") or "").strip().lower()
        # 32 + MAX_WBITS: zlib or gzip header, whichever comes (urllib3 does the same for
        # "deflate", which some servers send raw).
        self._decoder: Any = None
        if encoding == "gzip":
            self._decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._decoder = zlib.decompressobj(32 + zlib.MAX_WBITS)

    def _chunks(self, size: int | None) -> Iterator[bytes]:
        """Decompressed pieces as they arrive (``size`` None: whatever one read returns)."""
        if self._consumed:
            return
        body = self._body
        try:
            while True:
                self._check_deadline()
                data = body.read1(_CHUNK) if size is None else body.read(size)
                if not data:
                    break
                if self._decoder is not None:
                    data = self._decoder.decompress(data)
                    if not data:
                        continue
                yield data
            if self._decoder is not None:
                tail = self._decoder.flush()
                if tail:
                    yield tail
        except BaseException:
            self.close()
            raise
        self._consumed = True
        self._release(not self._will_close)

    def _check_deadline(self) -> None:
        if self._deadline is None:
            return
        until, clock = self._deadline
        remaining = until - clock()
        if remaining <= 0:
            raise TimeoutError("deadline exceeded while reading the body")
        sock = self._conn.sock
        current = sock.gettimeout()
        if current is None or current > remaining:
            sock.settimeout(remaining)

    @property
    def raw(self) -> Response:
        """What the REST layer reads a body from piece by piece (``read1``, as on urllib3's
        responses): this response itself."""
        return self

    @property
    def chunked(self) -> bool:
        return self._chunked

    def read1(self, size: int = -1, decode_content: bool = True) -> bytes:
        """The next piece of the (decompressed) body, b"" at its end: one socket read."""
        if self._pieces is None:
            self._pieces = self._chunks(None)
        return next(self._pieces, b"")

    def release_conn(self) -> None:
        """Nothing to do: the connection goes back to the pool when the body has been read."""

    @property
    def content(self) -> bytes:
        """The whole (decompressed) body."""
        if self._content is None:
            # read1-sized pieces: each waits for one read at most, so the deadline is checked
            # between them even when the server trickles bytes
            self._content = b"".join(self._chunks(None))
        return self._content

    def iter_content(self, chunk_size: int | None = None) -> Iterator[bytes]:
        if self._content is not None:
            yield self._content
            return
        yield from self._chunks(chunk_size)

    def close(self) -> None:
        if not self._consumed:
            self._consumed = True
            self._release(False)


class StdlibTransport:
    """Sends requests to one server over HTTP/1.1; keeps idle connections for reuse."""

    errors = ERRORS

    def __init__(self, base_url: str, proxy: str | None, server_name: str | None) -> None:
        url = urlsplit(base_url)
        self.https = url.scheme == "https"
        self.host = url.hostname or ""
        self.port = url.port or (443 if self.https else 80)
        self.proxy = proxy
        self.server_name = server_name
        self.proxies = bool(proxy)
        # Host as http.client sends it: the server's (also through a tunnel), the port only
        # when it is not the scheme's
        self._host_header = authority(self.host, self.port, 443 if self.https else 80)
        self._context: ssl.SSLContext | None = None
        self._idle: list[_Connection] = []
        self._opening: _Opening | None = None
        self._lock = threading.Lock()

    def use_context(self, context: ssl.SSLContext | None) -> None:
        """TLS settings for new connections (a new client certificate): idle ones are dropped,
        and one still being opened is closed once it is open."""
        with self._lock:
            self._context = context
            idle, self._idle = self._idle, []
            opening, self._opening = self._opening, None
        for conn in idle:
            conn.close()
        if opening is not None:
            opening.abandon()

    def preconnect(self, timeout: float) -> None:
        """Start opening a connection (TCP, proxy tunnel, TLS handshake) in a thread for the
        next ``send`` to take, so its round trips overlap with what the caller does meanwhile
        (a command still importing and reading caches). ``send`` waits for it and raises what
        opening it raised: a failure is reported once, as if ``send`` had connected itself."""
        with self._lock:
            if self._opening is not None or self._idle:
                return
            opening = self._opening = _Opening()
        thread = threading.Thread(
            target=opening.run, args=(self._connect, timeout), name="kctl-preconnect", daemon=True
        )
        thread.start()

    def _adopt_opening(self) -> _Connection | None:
        with self._lock:
            opening, self._opening = self._opening, None
        return opening.result() if opening is not None else None

    def _pooled(self) -> _Connection | None:
        with self._lock:
            while self._idle:
                idle = self._idle.pop()
                if _still_open(idle):
                    return idle
                idle.close()
        return None

    def _connect(self, timeout: float) -> _Connection:
        """A new connection: directly, or through the proxy (a CONNECT tunnel for https)."""
        host, port = self.host, self.port
        if self.proxy:
            p = urlsplit(self.proxy)
            host, port = p.hostname or "", p.port or 80
        sock = open_socket(host, port, timeout)
        try:
            if self.https:
                if self.proxy:
                    tunnel(sock, self.host, self.port)
                assert self._context is not None, "use_context() first"
                # the certificate is checked against tls-server-name when given, else the
                # server's host (the tunnel's target behind a proxy)
                name = wire_host(self.server_name or self.host)
                sock = self._context.wrap_socket(sock, server_hostname=name)
        except BaseException:
            sock.close()
            raise
        return _Connection(sock)

    def _give_back(self, conn: _Connection, reusable: bool) -> None:
        if reusable:
            with self._lock:
                self._idle.append(conn)
        else:
            conn.close()

    def send(
        self,
        verb: str,
        url: str,
        headers: list[tuple[str, str | bytes]],
        body: bytes | io.IOBase | None,
        *,
        connect_timeout: float,
        read_timeout: float | None,
        deadline: Any = None,
    ) -> Response:
        """Send one request and read the status line and headers (the body stays unread)."""
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        host = self._host_header
        if self.proxy and not self.https:
            target = url  # a plain-HTTP proxy takes the absolute URI
            host = _netloc_header(parts.netloc)
        # only the requests transport streams request bodies
        data: bytes | None = body.read() if isinstance(body, io.IOBase) else body
        if data is not None and not any(n.lower() == "content-length" for n, _ in headers):
            headers = [*headers, ("Content-Length", str(len(data)))]
        message = request_head(verb, target, host, headers)
        if data:
            message += data
        conn = self._pooled()
        try:
            if conn is None:
                conn = self._adopt_opening() or self._connect(connect_timeout)
            conn.sock.settimeout(read_timeout)
            conn.sock.sendall(message)
            head = read_head(conn.fp, verb)
        except BaseException:
            if conn is not None:
                conn.close()
            raise

        def release(reusable: bool) -> None:
            self._give_back(conn, reusable)

        return Response(conn, head, url, release, deadline)

    def close(self) -> None:
        self.use_context(self._context)


class _Opening:
    """A connection ``preconnect`` is opening: its outcome once there (the connection, or what
    opening it raised)."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._conn: _Connection | None = None
        self._error: BaseException | None = None
        self._abandoned = False

    def run(self, connect: Callable[[float], _Connection], timeout: float) -> None:
        try:
            conn = connect(timeout)
        except BaseException as exc:  # kept for the request that adopts it
            self._error = exc
            conn = None
        with self._lock:
            if self._abandoned and conn is not None:
                conn.close()
                conn = None
            self._conn = conn
        self._done.set()

    def result(self) -> _Connection:
        """Wait for the connection; raises what opening it raised."""
        self._done.wait()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        assert self._conn is not None
        return self._conn

    def abandon(self) -> None:
        """Nobody will take it: close it (now, or once it is open)."""
        with self._lock:
            self._abandoned = True
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


def _netloc_header(netloc: str) -> bytes:
    """Host for an absolute URI: its authority as written (http.client's rule)."""
    name = netloc.encode("ascii") if netloc.isascii() else netloc.encode("idna")
    if name.startswith(b"[") and b"%" in name:  # no IPv6 zone on the wire
        name = name.partition(b"%")[0] + b"]" + name.rpartition(b"]")[2]
    return name


def _still_open(conn: _Connection) -> bool:
    """A kept-alive connection the server has not closed meanwhile (readable while idle means
    EOF or garbage: either way, not reusable)."""
    try:
        readable, _, _ = select.select([conn.sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


__all__ = [
    "CUT_ERRORS",
    "ERRORS",
    "Headers",
    "ProxyConnectError",
    "Response",
    "StdlibTransport",
    "supports",
]
