"""HTTP/1.1 on the wire for the standard-library transport: the request head, the response's
status line and headers, and its body (Content-Length, chunked, or up to the close).

Written on ``socket`` alone because ``http.client`` brings ``email`` (its header parser) and
~15 more modules, most of a short command's network start-up. The rules are http.client's
(which the requests transport's urllib3 follows too), so both transports read an answer the
same way; where http.client would read a broken answer silently, this raises Go's words
instead (a malformed status line, header line or chunk).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator, Mapping
from io import BufferedReader
from typing import Final

# One line of a response head (http.client's _MAXLINE).
MAX_LINE: Final = 65536
# Go limits a response head by size (10 MiB in all), not by count; http.client stops at 100
# lines unless told otherwise (both transports are: a server may send more, and Go reads them).
# 10 MiB of the shortest possible lines ("a:\r\n").
MAX_HEADERS: Final = (10 << 20) // 4

_BROKEN = "net/http: HTTP/1.x transport connection broken: "
# RFC 9110 token characters: what a header name is made of.
_TOKEN = b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_HEX = b"0123456789abcdefABCDEF"


class HTTPException(Exception):
    """The server's answer does not follow HTTP/1.1, or stopped part-way."""


class IncompleteRead(HTTPException):
    """The connection closed before the announced end (Go's ``unexpected EOF``)."""

    def __init__(self, partial: bytes, expected: int | None = None) -> None:
        super().__init__(partial, expected)
        self.partial = partial
        self.expected = expected

    def __str__(self) -> str:  # http.client's words, for the -v log
        more = f", {self.expected} more expected" if self.expected is not None else ""
        return f"IncompleteRead({len(self.partial)} bytes read{more})"


class RemoteDisconnected(ConnectionResetError, HTTPException):
    """The server closed the connection without a byte of an answer (Go's ``EOF``; a GET is
    retried: a kept-alive connection may have been closed just as it was reused)."""


class ProxyConnectError(OSError):
    """The proxy refused the CONNECT tunnel (worded as http.client words it)."""


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

    def first(self, name: str) -> str:
        """The first value ("" when absent): what http.client decides framing by."""
        values = self._values.get(name.lower())
        return values[0] if values else ""


class Head:
    """A response's status line and headers, and how its body is framed (http.client's rules,
    so a server's odd answer is read as the requests transport reads it)."""

    __slots__ = ("chunked", "headers", "length", "reason", "status", "will_close")

    def __init__(
        self, status: int, reason: str, version: int, pairs: list[tuple[str, str]], method: str
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers = Headers(pairs)
        self.chunked = headers.first("transfer-encoding").lower() == "chunked"
        self.will_close = _will_close(headers, version)
        self.length: int | None = None
        length = headers.first("content-length")
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                self.length = None  # up to the close
            else:
                if self.length < 0:
                    self.length = None
        if method == "HEAD" or status in (204, 304) or status < 200:
            self.length, self.chunked = 0, False  # no body, whatever the headers say
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True  # the body ends with the connection


def _will_close(headers: Headers, version: int) -> bool:
    """Whether the server closes the connection after this answer."""
    conn = headers.first("connection").lower()
    if version == 11:
        return "close" in conn
    # HTTP/1.0 keeps a connection only when it says so
    if headers.first("keep-alive") or "keep-alive" in conn:
        return False
    return "keep-alive" not in headers.first("proxy-connection").lower()


def _text(line: bytes) -> str:
    return line.rstrip(b"\r\n").decode("latin-1")


def _quote(data: bytes) -> str:
    """Go's %q of a piece of a line from the server (shown in an error)."""
    escaped = _text(data).encode("unicode_escape").decode("ascii")
    return '"' + escaped.replace('"', '\\"') + '"'


def _line(fp: BufferedReader, what: str) -> bytes:
    line = fp.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise HTTPException(f"got more than {MAX_LINE} bytes when reading {what}")
    return line


def read_status(fp: BufferedReader) -> tuple[int, int, str]:
    """The status line: (version 10 or 11, status code, reason)."""
    line = _line(fp, "status line")
    if not line:
        raise RemoteDisconnected("Remote end closed connection without response")
    parts = line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        raise HTTPException(f"{_BROKEN}malformed HTTP response {_quote(line)}")
    version, code = parts[0], parts[1]
    if version in (b"HTTP/1.0", b"HTTP/0.9"):
        minor = 10
    elif version.startswith(b"HTTP/1."):
        minor = 11
    else:
        raise HTTPException(f"{_BROKEN}malformed HTTP version {_quote(version)}")
    if len(code) != 3 or not code.isdigit() or code[:1] == b"0":
        raise HTTPException(f"{_BROKEN}malformed HTTP status code {_quote(code)}")
    reason = parts[2].decode("latin-1").strip() if len(parts) == 3 else ""
    return minor, int(code), reason


def read_headers(fp: BufferedReader, what: str = "header line") -> list[tuple[str, str]]:
    """Header lines up to the blank one, in order, repeats kept. A value reads as http.client's
    email parser reads it (leading blanks dropped, Latin-1); a folded line continues the value
    before it."""
    pairs: list[tuple[str, str]] = []
    while True:
        line = _line(fp, what)
        if line == b"\r\n" or line == b"\n":
            return pairs
        if not line:
            raise IncompleteRead(b"")  # the connection closed inside the head
        if len(pairs) >= MAX_HEADERS:
            raise HTTPException(f"got more than {MAX_HEADERS} headers")
        if line[:1] in (b" ", b"\t"):  # obsolete line folding
            if not pairs:
                raise HTTPException(f"{_BROKEN}malformed MIME header initial line: {_text(line)}")
            folded, before = pairs[-1]
            pairs[-1] = (folded, before + " " + _text(line).strip(" \t"))
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name or name.translate(None, _TOKEN):
            raise HTTPException(f"{_BROKEN}malformed MIME header line: {_text(line)}")
        pairs.append((name.decode("ascii"), _text(value.lstrip(b" \t"))))


def read_head(fp: BufferedReader, method: str) -> Head:
    """A response's head; 1xx interim answers (100 Continue, 103 Early Hints) are skipped."""
    while True:
        version, status, reason = read_status(fp)
        pairs = read_headers(fp)
        if not 100 <= status < 200 or status == 101:
            return Head(status, reason, version, pairs, method)


class Body:
    """A response body's bytes as framed on the wire (not decompressed). ``read1`` returns at
    most one socket read's worth (within the current chunk), b"" at the end; a connection that
    closes early raises ``IncompleteRead``."""

    __slots__ = ("_chunk_left", "_chunked", "_fp", "_left", "done")

    def __init__(self, fp: BufferedReader, head: Head) -> None:
        self._fp = fp
        self._chunked = head.chunked
        self._left = head.length  # bytes still to come (None: up to the close)
        self._chunk_left = -1  # -1: a chunk-size line comes next
        self.done = head.length == 0

    def read1(self, size: int) -> bytes:
        if self.done:
            return b""
        if self._chunked:
            return self._read1_chunked(size)
        if self._left is None:
            data = self._fp.read1(size)
            self.done = not data
            return data
        data = self._fp.read1(min(size, self._left))
        if not data:
            raise IncompleteRead(b"", self._left)
        self._left -= len(data)
        self.done = self._left == 0
        return data

    def read(self, size: int) -> bytes:
        """``size`` bytes, fewer only at the end of the body."""
        pieces: list[bytes] = []
        while size > 0:
            data = self.read1(size)
            if not data:
                break
            pieces.append(data)
            size -= len(data)
        return b"".join(pieces)

    def _read1_chunked(self, size: int) -> bytes:
        if self._chunk_left == 0:  # the CRLF that ends a chunk's data
            end = self._fp.read(2)
            if len(end) < 2:
                raise IncompleteRead(end)
            if end != b"\r\n":
                raise HTTPException("malformed chunked encoding")  # Go's text
            self._chunk_left = -1
        if self._chunk_left < 0:
            self._chunk_left = self._chunk_size()
            if self._chunk_left == 0:
                read_headers(self._fp, "trailer line")  # trailers: read and dropped
                self.done = True
                return b""
        data = self._fp.read1(min(size, self._chunk_left))
        if not data:
            raise IncompleteRead(b"")
        self._chunk_left -= len(data)
        return data

    def _chunk_size(self) -> int:
        line = _line(self._fp, "chunk size")
        size = line.partition(b";")[0]  # chunk extensions are ignored
        digits = size.rstrip(b"\r\n").strip(b" \t")
        if digits and not digits.translate(None, _HEX) and len(digits) <= 16:
            return int(digits, 16)
        # The cause carries http.client's int() text, which RESTClient reads: b'' is the
        # connection closing where a size should be (EOF), anything else a bad size.
        cause = ValueError(f"invalid literal for int() with base 16: {size!r}")
        if not line:
            raise IncompleteRead(b"") from cause
        raise HTTPException("invalid byte in chunk length") from cause


def wire_host(host: str) -> str | bytes:
    """A host name as ``socket`` and ``ssl`` take it: an ASCII one as bytes, which spares the
    ``idna`` codec (and its imports) they apply to every str; others stay str (IDNA)."""
    return host.encode("ascii") if host.isascii() else host


def open_socket(host: str, port: int, timeout: float) -> socket.socket:
    """A TCP connection, Nagle off as http.client has it (the head and body go out together
    anyway; a later small write must not wait for an ACK)."""
    sock = socket.create_connection((wire_host(host), port), timeout)  # type: ignore[arg-type]
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def authority(host: str, port: int, default_port: int = 0) -> bytes:
    """``host[:port]`` as the Host header and CONNECT name it: IPv6 in brackets without its
    zone, the port left out when it is the scheme's default (http.client's rule)."""
    name = host.encode("ascii") if host.isascii() else host.encode("idna")
    if b":" in name:
        name = b"[" + name.partition(b"%")[0] + b"]"
    return name if port == default_port else b"%s:%d" % (name, port)


def tunnel(sock: socket.socket, host: str, port: int) -> None:
    """Ask the proxy at the other end of ``sock`` for a tunnel to ``host:port`` (CONNECT, as
    http.client's ``set_tunnel`` does); ``ProxyConnectError`` when it refuses."""
    sock.sendall(b"CONNECT %s HTTP/1.0\r\n\r\n" % authority(host, port))
    fp = sock.makefile("rb")
    try:
        _, code, reason = read_status(fp)
        if code != 200:
            raise ProxyConnectError(f"Tunnel connection failed: {code} {reason}")
        while _line(fp, "header line") not in (b"\r\n", b"\n", b""):
            pass  # the proxy's headers: not used
    finally:
        fp.close()  # not the socket: TLS goes on over it


def request_head(
    verb: str, target: str, host: bytes, headers: list[tuple[str, str | bytes]]
) -> bytes:
    """The request line and header block, ready to send: Host first (where http.client puts
    it), then the caller's headers in order (no Accept-Encoding is added). The checks are
    http.client's: nothing here can split a line."""
    for c in target:
        if c <= " " or c == "\x7f":
            raise ValueError(
                f"URL can't contain control characters. {target!r} (found at least {c!r})"
            )
    out = [f"{verb} {target} HTTP/1.1".encode("ascii"), b"Host: " + host]
    for name, value in headers:
        key = name.encode("ascii")
        if not key or key.translate(None, _TOKEN):
            raise ValueError(f"Invalid header name {key!r}")
        raw = value if isinstance(value, bytes) else value.encode("latin-1")
        if b"\n" in raw or b"\r" in raw:
            raise ValueError(f"Invalid header value {raw!r}")
        out.append(key + b": " + raw)
    out += [b"", b""]
    return b"\r\n".join(out)
