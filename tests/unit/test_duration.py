"""kctl.duration: the one copy of Go's time.ParseDuration and time.Duration.String."""

from __future__ import annotations

import pytest

from kctl import duration


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (32, "32s"),
        (60, "1m0s"),
        (90, "1m30s"),  # discovery's own copy printed "90s"
        (3600, "1h0m0s"),
        (3723.5, "1h2m3.5s"),
        (1.5, "1.5s"),
        (0.25, "250ms"),
        (0.0000015, "1.5µs"),
        (0.000000002, "2ns"),
        (-90, "-1m30s"),
    ],
)
def test_format_is_gos_duration_string(seconds: float, text: str) -> None:
    assert duration.format(seconds) == text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0", 0.0),
        ("1h2m3s4ms5us6ns", 3723.004005006),
        ("1m30s", 90.0),
        ("1.5h", 5400.0),
        ("-2s", -2.0),
        ("+3ms", 0.003),
        ("2µs", 0.000002),
    ],
)
def test_parse_is_gos_parse_duration(text: str, seconds: float) -> None:
    assert duration.parse(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "1", "s", "1x", ".s", "1h-2m", "--1s"])
def test_parse_rejects_what_go_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        duration.parse(text)


@pytest.mark.parametrize("seconds", [0.5, 1, 59, 61, 90, 3599, 3601, 86400.25])
def test_format_and_parse_round_trip(seconds: float) -> None:
    assert duration.parse(duration.format(seconds)) == pytest.approx(seconds)
