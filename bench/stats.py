"""Summary statistics for a series of measurements (pure, no I/O)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """min / median / max of one series (seconds or bytes) and how many samples it holds."""

    minimum: float
    median: float
    maximum: float
    count: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        if not samples:
            raise ValueError("no samples to summarise")
        return cls(min(samples), statistics.median(samples), max(samples), len(samples))


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either side is missing or the divisor is zero."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def format_seconds(value: float | None) -> str:
    """Wall time for a table: milliseconds below 10 s (``84 ms``, ``1.2 ms``), else seconds."""
    if value is None:
        return "n/a"
    ms = value * 1000.0
    if ms < 10:
        return f"{ms:.1f} ms"
    if ms < 10_000:
        return f"{ms:.0f} ms"
    return f"{value:.1f} s"


def format_ratio(value: float | None) -> str:
    """``0.87×``; two decimals keep small differences visible."""
    return "n/a" if value is None else f"{value:.2f}×"


def format_bytes(value: float | None) -> str:
    """Peak RSS in MiB, one decimal."""
    if value is None:
        return "n/a"
    return f"{value / (1024 * 1024):.1f} MiB"
