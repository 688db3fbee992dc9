"""Count the HTTP requests a tool made, from its ``-v 6`` log on stderr.

One line per response, in either of the shapes the two tools write:

- klog structured (kubectl ≥ 1.30, and kctl copies it), here wrapped::

    I1126 15:30:00.123456   4242 round_trippers.go:632] "Response" verb="GET"
        url="https://..." status="200 OK" milliseconds=3

- the older one-line form::

    I1126 15:30:00.123456   4242 round_trippers.go:553] GET https://... 200 OK in 3 ms...

A connection that failed before any status still counts (kubectl logs it with ``status=""``): the
request was attempted. Lines that merely mention a request (``"Request"``, bodies and headers at
-v 8) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# At -v 6 the line carries verb and url; at -v 8 they move to the "Request" line before it.
_STRUCTURED = re.compile(
    r'"Response" (?:verb="(?P<verb>[A-Z]+)" url="(?P<url>[^"]*)" )?status="(?P<status>\d{3})?'
    r'[^"]*"(?: milliseconds=(?P<ms>\d+))?'
)
_ONE_LINE = re.compile(
    r"(?:^|[\]\s])(?P<verb>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (?P<url>https?://\S+) "
    r"(?P<status>\d{3})(?: [^\n]*)? in (?P<ms>\d+) milliseconds"
)


@dataclass(frozen=True)
class Response:
    verb: str  # "" (and url "") at -v 8, where they sit on the "Request" line
    url: str
    status: str  # "" when the request failed before a status (connection error)
    milliseconds: int | None = None  # from sending the request to its response's headers


def parse(lines: Iterable[str]) -> list[Response]:
    """The responses logged in ``lines``, in order."""
    found: list[Response] = []
    for line in lines:
        match = _STRUCTURED.search(line) or _ONE_LINE.search(line)
        if match:
            ms = int(match["ms"]) if match["ms"] else None
            found.append(
                Response(match["verb"] or "", match["url"] or "", match["status"] or "", ms)
            )
    return found


def count(log: str) -> int:
    """How many responses a ``-v 6`` log records."""
    return len(parse(log.splitlines()))


def milliseconds(log: str) -> int | None:
    """The logged response times added up (None without any): the server's share, as each
    tool saw it, of a command's wall time."""
    times = [r.milliseconds for r in parse(log.splitlines()) if r.milliseconds is not None]
    return sum(times) if times else None
