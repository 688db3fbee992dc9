"""``-v/--v N`` request logging on stderr, shaped like kubectl's klog output.

Level 6: one line per HTTP request (method, URL, status, latency). Level 7 adds a line with
the request headers before it is sent; level 8 adds response headers; credentials are masked;
level 9 adds response bodies (truncated), which kubectl prints at 8, kept one level higher here
because bodies can carry Secret data. Example (level 6)::

    I1126 15:40:00.123456   12345 rest.py:2] "Response" verb="GET" url="https://h/api"
        status="200 OK" milliseconds=3          (one line in the real output)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import IO, Protocol

from kctl.gostr import go_quote

# Headers whose whole value is a secret; Authorization keeps its scheme ("Bearer <masked>").
_SECRET_HEADERS = {
    "cookie",
    "set-cookie",
    "proxy-authorization",
    "x-auth-token",
    "x-api-key",
    "x-remote-user",
}
_AUTH_SCHEMES = {"bearer", "basic", "negotiate"}
MASK = "<masked>"

BODY_LIMIT_V9 = 10240


def mask_header(name: str, value: str) -> str:
    """The value to log for a header: credentials become ``<masked>``."""
    lname = name.lower()
    if lname in ("authorization", "proxy-authorization"):
        if not value:
            return ""
        scheme, _, rest = value.partition(" ")
        if scheme.lower() in _AUTH_SCHEMES:
            return f"{scheme} {MASK}" if rest else scheme
        return MASK
    if lname in _SECRET_HEADERS:
        return MASK
    return value


def mask_url(url: str) -> str:
    """Drop any ``user:password@`` from a URL before it is logged."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, tail = rest.partition("/")
    if "@" in authority:
        authority = MASK + "@" + authority.rpartition("@")[2]
    return f"{scheme}://{authority}{slash}{tail}"


class HeaderItems(Protocol):
    """Request headers: anything with ``items()`` (a mapping, or a list that repeats names)."""

    def items(self) -> Iterable[tuple[str, str | bytes]]: ...


class HTTPLogger:
    """Writes klog-style lines to ``stream`` according to ``verbosity``."""

    def __init__(
        self,
        stream: IO[str],
        verbosity: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.stream = stream
        self.verbosity = verbosity
        self.clock = clock
        self._pid = os.getpid()

    def _line(self, line_no: int, message: str) -> None:
        now = self.clock()
        stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now))
        micros = int((now % 1) * 1_000_000)
        self.stream.write(f"I{stamp}.{micros:06d} {self._pid:>7} rest.py:{line_no}] {message}\n")
        self.stream.flush()

    def request(self, verb: str, url: str, headers: HeaderItems) -> None:
        """Before a request is sent (level 7 and up, with its headers, as kubectl does)."""
        if self.verbosity >= 7:
            self._line(
                1,
                f'"Request" verb={go_quote(verb)} url={go_quote(mask_url(url))} '
                f"headers={_header_block(headers.items())}",
            )

    def response(
        self,
        verb: str,
        url: str,
        status: str,
        headers: Iterable[tuple[str, str]],
        milliseconds: int,
    ) -> None:
        """After the response headers arrived. Level 6 prints exactly one line per request
        (verb, URL, status, latency); from level 7 the request line carries verb and URL."""
        if self.verbosity < 6:
            return
        if self.verbosity == 6:
            head = f'"Response" verb={go_quote(verb)} url={go_quote(mask_url(url))} '
        else:
            head = '"Response" '
        head += f"status={go_quote(status)}"
        if self.verbosity >= 8:
            head += f" headers={_header_block(headers)}"
        self._line(2, f"{head} milliseconds={milliseconds}")

    def failure(self, verb: str, url: str, error: str, milliseconds: int) -> None:
        """A request that got no HTTP response: kubectl's line with an empty status."""
        if self.verbosity < 6:
            return
        self.response(verb, url, "", (), milliseconds)
        self.info(4, f"Connection error: {verb} {mask_url(url)}: {error}")

    def body(self, label: str, data: bytes) -> None:
        """A request or response body, truncated (level 9 and up)."""
        if self.verbosity < 9:
            return
        text = data.decode("utf-8", errors="replace")
        if self.verbosity < 10 and len(text) > BODY_LIMIT_V9:
            text = text[:BODY_LIMIT_V9] + f" [truncated {len(text) - BODY_LIMIT_V9} chars]"
        self._line(3, f"{go_quote(label)} body={go_quote(text)}")

    def info(self, level: int, message: str) -> None:
        if self.verbosity >= level:
            self._line(4, message)


def _header_block(headers: Iterable[tuple[str, str | bytes]]) -> str:
    texts = sorted((name, _text(value)) for name, value in headers)
    lines = [f"\t{name}: {mask_header(name, value)}" for name, value in texts]
    return "<\n" + "\n".join(lines) + "\n >"


def _text(value: str | bytes) -> str:
    # the REST client sends non-ASCII header values as UTF-8 bytes
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
