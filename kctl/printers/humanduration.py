"""apimachinery's ``duration.HumanDuration``: the AGE text kubectl prints.

Used for the client-side ``NAME AGE`` fallback (servers or aggregated APIs that cannot build a
Table); server Tables arrive with AGE already formatted.
"""

from __future__ import annotations

from datetime import datetime


def human_duration(seconds: float) -> str:
    """An elapsed time as kubectl prints it: ``5s``, ``3m20s``, ``10m``, ``5h30m``, ``2y``."""
    s = int(seconds)  # Go truncates toward zero
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"  # one second of clock skew counts as "now"
    if s < 120:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        rest = s % 60
        return f"{minutes}m{rest}s" if rest else f"{minutes}m"
    if minutes < 180:
        return f"{minutes}m"
    hours = s // 3600
    if hours < 8:
        rest = minutes % 60
        return f"{hours}h{rest}m" if rest else f"{hours}h"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d{rest}h" if rest else f"{hours // 24}d"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y{days}d" if days else f"{years}y"
    return f"{hours // 24 // 365}y"


def parse_timestamp(text: str) -> float | None:
    """Seconds since the epoch for an RFC 3339 timestamp (``2024-05-01T10:00:00Z``), or None."""
    if not text or not isinstance(text, str):  # server data: anything but a string is no time
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def age(timestamp: str | None, now: float) -> str:
    """kubectl's ``translateTimestampSince``: ``<unknown>`` for a missing timestamp."""
    when = parse_timestamp(timestamp or "")
    if when is None:
        return "<unknown>"
    return human_duration(now - when)
