"""bench/library.py's checks and table, with stand-in programs (python -c) for the clients."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import library
from bench.cluster import BenchError


def printer(lines: list[str]) -> list[str]:
    return [sys.executable, "-c", f"print({chr(10).join(lines)!r})"]


GO_LINES = [f"bench-small == bench-pod-{i:05d}" for i in range(library.PODS)]
TABLE = ["NAME READY"] + [f"bench-pod-{i:05d} 0/1" for i in range(library.PODS)]


def rows(kctl_lines: list[str]) -> list[library.Row]:
    return [
        library.Row(library.KUBECTL, printer(TABLE)),
        library.Row(library.GO, printer(GO_LINES)),
        library.Row("kctl library", printer(kctl_lines)),
        library.Row("broken", [sys.executable, "-c", "raise SystemExit(3)"]),
    ]


def test_programs_that_print_the_go_output_are_timed(tmp_path: Path) -> None:
    measured = rows(GO_LINES)
    library.measure(measured, 2, tmp_path, None)
    by_name = {r.program: r for r in measured}
    assert [len(by_name[n].walls) for n in (library.KUBECTL, library.GO, "kctl library")] == [
        2,
        2,
        2,
    ]
    assert by_name["broken"].problem.startswith("exit 3")
    assert by_name["broken"].walls == []
    table = library.render(measured, {"date": "d", "runs": "2", "load": "0.1"})
    assert "| kctl library |" in table and "| broken | n/a | - | - | exit 3" in table
    assert "1.00×" in table  # kubectl against itself


def test_a_program_printing_something_else_does_not_count(tmp_path: Path) -> None:
    measured = rows(GO_LINES[:-1])
    library.measure(measured, 1, tmp_path, None)
    wrong = next(r for r in measured if r.program == "kctl library")
    assert wrong.problem == "printed something else than the Go program"
    assert wrong.walls == [] and wrong.median is None


def test_the_go_program_must_list_every_pod(tmp_path: Path) -> None:
    measured = rows(GO_LINES)
    measured[1] = library.Row(library.GO, printer(GO_LINES[:3]))
    with pytest.raises(BenchError, match="did not list 20 pods"):
        library.measure(measured, 1, tmp_path, None)
