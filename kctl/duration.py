"""Go's ``time.Duration``: parsing (``time.ParseDuration``) and printing (``Duration.String``).

kubectl's messages and requests carry Go durations (``?timeout=1m30s``, ``delay="2s"``,
``--request-timeout=1m``), so kctl has exactly one copy of both rules. Stdlib only.
"""

from __future__ import annotations

import re

# Compiled on first use (re caches it): only a flag such as --request-timeout needs a parse.
_DURATION = r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)"
_UNIT_SECONDS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}


def parse(text: str) -> float:
    """Go's ``time.ParseDuration`` in seconds (raises ValueError)."""
    s = text
    sign = 1.0
    if s and s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if s == "0":
        return 0.0
    if not s:
        raise ValueError(text)
    total = 0.0
    pos = 0
    unit = re.compile(_DURATION)
    while pos < len(s):
        m = unit.match(s, pos)
        if not m or m.group(1) in ("", "."):
            raise ValueError(text)
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    return sign * total


def format(seconds: float) -> str:
    """Go's ``time.Duration.String()`` for a number of seconds (``32s``, ``1m30s``, ``500ms``)."""
    ns = round(seconds * 1e9)
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    ns = abs(ns)

    def frac(value: int, unit: int) -> str:
        whole, rest = divmod(value, unit)
        if not rest:
            return str(whole)
        digits = f"{rest:0{len(str(unit)) - 1}d}".rstrip("0")
        return f"{whole}.{digits}"

    if ns < 1_000:
        return f"{sign}{ns}ns"
    if ns < 1_000_000:
        return f"{sign}{frac(ns, 1_000)}µs"
    if ns < 1_000_000_000:
        return f"{sign}{frac(ns, 1_000_000)}ms"
    hours, ns = divmod(ns, 3_600_000_000_000)
    minutes, ns = divmod(ns, 60_000_000_000)
    out = sign
    if hours:
        out += f"{hours}h"
    if hours or minutes:
        out += f"{minutes}m"
    return out + f"{frac(ns, 1_000_000_000)}s"
