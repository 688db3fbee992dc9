"""AGE text: apimachinery's HumanDuration boundaries (reference §1.5)."""

from __future__ import annotations

import pytest

from kctl.printers.humanduration import age, human_duration

M, H, D, Y = 60, 3600, 86400, 365 * 86400


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-2, "<invalid>"),
        (-1, "0s"),
        (0, "0s"),
        (5, "5s"),
        (119.9, "119s"),
        (2 * M, "2m"),
        (3 * M + 20, "3m20s"),
        (9 * M + 59, "9m59s"),
        (10 * M + 30, "10m"),
        (179 * M + 59, "179m"),
        (3 * H, "3h"),
        (5 * H + 30 * M, "5h30m"),
        (7 * H + 59 * M + 59, "7h59m"),
        (8 * H, "8h"),
        (47 * H + 59 * M, "47h"),
        (2 * D, "2d"),
        (3 * D + 4 * H, "3d4h"),
        (7 * D + 23 * H, "7d23h"),
        (8 * D, "8d"),
        (729 * D, "729d"),
        (2 * Y, "2y"),
        (2 * Y + 100 * D, "2y100d"),
        (8 * Y + 5 * D, "8y"),
        (9 * Y, "9y"),
    ],
)
def test_human_duration(seconds: float, text: str) -> None:
    assert human_duration(seconds) == text


def test_age_from_timestamps() -> None:
    assert age("2024-01-01T00:00:00Z", 1704067200 + 65) == "65s"
    assert age(None, 0) == "<unknown>"
    assert age("garbage", 0) == "<unknown>"
