"""The standard-library transport under ``RESTClient``: ``http.client`` over kctl's own TLS
context, for the short commands whose time is start-up.

Importing requests (with urllib3, charset_normalizer, idna, email, logging) costs more than a
whole ``get pods`` of 20 pods; ``http.client`` and ``ssl`` cost a fraction. Everything that is
not moving bytes stays shared with the requests transport in ``RESTClient``: TLS context and
proxy choice (``transport.py``), credentials, headers, retries, Status errors, warnings and
``-v`` logs. This module only sends one request and hands back a response that answers the
same questions a ``requests.Response`` does (``status_code``, ``headers``, ``content``,
``iter_content``, ``close``), so the callers cannot tell the two apart.

What it does not do, so ``RESTClient`` keeps requests for those (``supports``): proxies other
than plain ``http://`` without credentials (HTTPS and SOCKS proxies, proxy authentication).
Connections are kept alive and reused, one at a time per thread that asks.
"""

from __future__ import annotations

import http.client
import io
import select
import ssl
import threading
import zlib
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

_CHUNK = 1 << 16

# What ``send`` and reading a body raise when no (complete) answer came; ``RESTClient`` turns
# them into kctl's typed errors with ``network_error``.
# (zlib.error: a body that says it is compressed and is not.)
ERRORS: tuple[type[BaseException], ...] = (OSError, http.client.HTTPException, zlib.error)


class ProxyConnectError(OSError):
    """The proxy refused the CONNECT tunnel (worded as urllib3 words it)."""


def supports(proxy: str | None) -> bool:
    """Whether this transport can reach the server through ``proxy`` (None: directly)."""
    if not proxy:
        return True
    parts = urlsplit(proxy)
    return parts.scheme == "http" and not parts.username and not parts.password


class Headers(Mapping[str, str]):
    """Response headers: case-insensitive; a repeated header reads as its values joined with
    ", " (as requests shows it), ``getlist`` gives them one by one."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._values: dict[str, list[str]] = {}
        self._names: dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            self._names.setdefault(key, name)
            self._values.setdefault(key, []).append(value)

    def __getitem__(self, name: str) -> str:
        return ", ".join(self._values[name.lower()])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names.values())

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._values

    def getlist(self, name: str) -> list[str]:
        return list(self._values.get(name.lower(), ()))


class Response:
    """One answer. The body is read on demand (``content`` or ``iter_content``), decompressed
    when the server compressed it, and the connection goes back to the pool once it is read to
    the end."""

    def __init__(
        self, raw: http.client.HTTPResponse, url: str, release: Any, deadline: Any
    ) -> None:
        self._raw = raw
        self.url = url
        self.status_code = raw.status
        self.reason = raw.reason
        self.headers = Headers(raw.getheaders())
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
        """Raw chunks as they arrive (``size`` None: whatever one read returns)."""
        if self._consumed:
            return
        try:
            while True:
                self._check_deadline()
                data = self._raw.read1(_CHUNK) if size is None else self._raw.read(size)
                if not data:
                    if self._raw.length:  # the server hung up before Content-Length was sent
                        raise http.client.IncompleteRead(b"", self._raw.length)
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
        reusable = not self._raw.will_close
        # http.client marks the response done only when a read sees its end; read1 stops at
        # the last byte, so close it here (the socket stays open for the next request).
        self._raw.close()
        self._release(reusable)

    def _check_deadline(self) -> None:
        if self._deadline is None:
            return
        until, clock = self._deadline
        remaining = until - clock()
        if remaining <= 0:
            raise TimeoutError("deadline exceeded while reading the body")
        sock = getattr(self._raw.fp, "raw", None)
        sock = getattr(sock, "_sock", None)
        if sock is not None:
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
        return bool(self._raw.chunked)

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
            self._raw.close()
            self._release(False)


class _HTTPSConnection(http.client.HTTPSConnection):
    """HTTPS whose certificate is checked against ``server_name`` (the kubeconfig's
    ``tls-server-name``) when given, else the host it was asked for (the tunnel's target
    behind a proxy)."""

    def __init__(
        self,
        host: str,
        port: int,
        context: ssl.SSLContext,
        server_name: str | None,
        timeout: float,
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._server_name = server_name
        self._tls = context

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        tunnel: str | None = getattr(self, "_tunnel_host", None)
        name = self._server_name or tunnel or self.host
        self.sock = self._tls.wrap_socket(self.sock, server_hostname=name)


class StdlibTransport:
    """Sends requests to one server with ``http.client``; keeps idle connections for reuse."""

    errors = ERRORS

    def __init__(self, base_url: str, proxy: str | None, server_name: str | None) -> None:
        url = urlsplit(base_url)
        self.https = url.scheme == "https"
        self.host = url.hostname or ""
        self.port = url.port or (443 if self.https else 80)
        self.proxy = proxy
        self.server_name = server_name
        self.proxies = bool(proxy)
        self._context: ssl.SSLContext | None = None
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def use_context(self, context: ssl.SSLContext | None) -> None:
        """TLS settings for new connections (a new client certificate): idle ones are dropped."""
        with self._lock:
            self._context = context
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _connection(self, connect_timeout: float) -> http.client.HTTPConnection:
        with self._lock:
            while self._idle:
                idle = self._idle.pop()
                if _still_open(idle):
                    idle.timeout = connect_timeout
                    return idle
                idle.close()
        host, port = self.host, self.port
        if self.proxy:
            p = urlsplit(self.proxy)
            host, port = p.hostname or "", p.port or 80
        conn: http.client.HTTPConnection
        if self.https:
            assert self._context is not None, "use_context() first"
            conn = _HTTPSConnection(host, port, self._context, self.server_name, connect_timeout)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=connect_timeout)
        if self.proxy and self.https:
            conn.set_tunnel(self.host, self.port)
        return conn

    def _give_back(self, conn: http.client.HTTPConnection, reusable: bool) -> None:
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
        conn = self._connection(connect_timeout)
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if self.proxy and not self.https:
            target = url  # a plain-HTTP proxy takes the absolute URI
        if isinstance(body, io.IOBase):
            body = body.read()  # only the requests transport streams request bodies
        try:
            if conn.sock is None:
                try:
                    conn.connect()
                except OSError as exc:
                    if self.proxy and "Tunnel connection failed" in str(exc):
                        raise ProxyConnectError(str(exc)) from exc
                    raise
            sock = conn.sock
            assert sock is not None  # connected above, or a pooled open connection
            sock.settimeout(read_timeout)
            conn.putrequest(verb, target, skip_host=False, skip_accept_encoding=True)
            for name, value in headers:
                conn.putheader(name, value)
            conn.endheaders(body)
            raw = conn.getresponse()
        except BaseException:
            conn.close()
            raise

        def release(reusable: bool) -> None:
            self._give_back(conn, reusable)

        return Response(raw, url, release, deadline)

    def close(self) -> None:
        self.use_context(self._context)


def _still_open(conn: http.client.HTTPConnection) -> bool:
    """A kept-alive connection the server has not closed meanwhile (readable while idle means
    EOF or garbage: either way, not reusable)."""
    sock = conn.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


__all__ = ["ERRORS", "Headers", "ProxyConnectError", "Response", "StdlibTransport", "supports"]
