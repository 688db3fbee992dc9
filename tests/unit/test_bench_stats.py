"""Summary statistics, ratios and the formatting used in the bench table."""

from __future__ import annotations

import pytest

from bench.stats import Summary, format_bytes, format_ratio, format_seconds, ratio


def test_summary_odd_count():
    s = Summary.of([0.3, 0.1, 0.2])
    assert (s.minimum, s.median, s.maximum, s.count) == (0.1, 0.2, 0.3, 3)


def test_summary_even_count_takes_the_mean_of_the_middle_two():
    assert Summary.of([4.0, 1.0, 3.0, 2.0]).median == 2.5


def test_summary_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        Summary.of([])


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(0.5, 0.25, 2.0), (0.1, 0.2, 0.5), (None, 0.2, None), (0.2, None, None), (0.2, 0.0, None)],
)
def test_ratio(num, den, expected):
    assert ratio(num, den) == expected


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.00123, "1.2 ms"), (0.0841, "84 ms"), (1.2345, "1234 ms"), (12.34, "12.3 s"), (None, "n/a")],
)
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_format_ratio_and_bytes():
    assert format_ratio(0.8749) == "0.87×"
    assert format_ratio(None) == "n/a"
    assert format_bytes(45 * 1024 * 1024 + 512 * 1024) == "45.5 MiB"
    assert format_bytes(None) == "n/a"
