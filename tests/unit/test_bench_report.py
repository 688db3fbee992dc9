"""The bench report: Markdown table, JSON, import-time parsing, atomic writes."""

from __future__ import annotations

import json

from bench.report import (
    Meta,
    ScenarioResult,
    ToolResult,
    parse_importtime,
    render_markdown,
    to_json,
    write,
    write_pair,
)
from bench.stats import Summary

MIB = 1024 * 1024

META = Meta(
    date="2026-11-26 16:50 UTC",
    cores=2,
    python="3.11.7",
    kctl_version="0.1.0 (abc1234)",
    kubectl_version="v1.36.3",
    server_version="v1.36.3",
    quick=False,
    runs="5, 10",
)


def _results() -> list[ScenarioResult]:
    ok = ScenarioResult(
        name="get-pods-20",
        measures="get pods, 20 pods",
        data="20 pods in bench-small",
        kctl=ToolResult(Summary(0.100, 0.120, 0.150, 10), 40 * MIB, requests=1),
        kubectl=ToolResult(Summary(0.040, 0.048, 0.060, 10), 47 * MIB, requests=1),
    )
    missing = ScenarioResult(
        name="complete-types",
        measures="completion",
        kctl=ToolResult(error="exit 1: No such command '__complete'."),
        kubectl=ToolResult(Summary(0.045, 0.050, 0.055, 10), 45 * MIB, requests=0),
        notes=["output differs: kctl printed 3 lines, kubectl 4"],
    )
    return [ok, missing]


def test_summary_table_rows():
    text = render_markdown(META, _results())
    assert (
        "| get-pods-20 | 48 ms | 120 ms | 2.50× | 47.0 MiB | 40.0 MiB | 1 | 1 |"
        in text.splitlines()
    )
    assert "| complete-types | 50 ms | n/a | n/a | 45.0 MiB | n/a | 0 | n/a |" in text.splitlines()


def test_header_names_machine_and_versions():
    text = render_markdown(META, _results())
    assert text.startswith("# kctl vs kubectl\n")
    assert "2 cores" in text and "Python 3.11.7" in text and "kctl 0.1.0 (abc1234)" in text
    assert "kubectl v1.36.3" in text and "server v1.36.3" in text and "2026-11-26" in text


def test_spread_table_and_notes():
    lines = render_markdown(META, _results()).splitlines()
    row = (
        "| get-pods-20 | 20 pods in bench-small | 10 "
        "| 40 ms / 48 ms / 60 ms | 100 ms / 120 ms / 150 ms |"
    )
    assert row in lines
    assert "- complete-types: kctl n/a: exit 1: No such command '__complete'." in lines
    assert "- complete-types: output differs: kctl printed 3 lines, kubectl 4" in lines


def test_pipes_in_cells_are_escaped():
    r = ScenarioResult(
        name="a|b", measures="", kctl=ToolResult(error="x"), kubectl=ToolResult(error="y")
    )
    assert "| a\\|b | n/a |" in render_markdown(META, [r])


def test_quick_mode_is_marked():
    quick = Meta(**{**META.__dict__, "quick": True})
    assert render_markdown(quick, []).startswith("# kctl vs kubectl (quick mode")


def test_json_shape():
    doc = to_json(META, _results())
    assert doc["meta"]["cores"] == 2
    first, second = doc["scenarios"]
    assert first["ratio"] == 0.120 / 0.048
    assert first["kctl"]["median"] == 0.120
    assert first["kctl"]["wall"] == {"minimum": 0.1, "median": 0.12, "maximum": 0.15, "count": 10}
    assert first["kubectl"]["requests"] == 1
    assert second["ratio"] is None and second["kctl"]["error"].startswith("exit 1")
    json.dumps(doc)  # serialisable


def test_write_creates_both_files_and_no_temp_left(tmp_path):
    md, js = write(META, _results(), tmp_path / "results" / "latest")
    assert md.read_text() == render_markdown(META, _results())
    assert json.loads(js.read_text())["scenarios"][0]["name"] == "get-pods-20"
    assert sorted(p.name for p in md.parent.iterdir()) == ["latest.json", "latest.md"]


# `python -X importtime -m kctl --help` (trimmed), captured in this repo.
IMPORTTIME = """\
import time: self [us] | cumulative | imported package
import time:       136 |        136 |   _io
import time:       486 |      10550 |   __editable___kctl_0_1_0_finder
import time:       834 |        834 | kctl
import time:        79 |         79 |   kctl.cli
import time:      1557 |      17062 |     click.core
import time:       261 |      17556 |   click
import time:       930 |       3763 |   kctl.cli.options
import time:      1619 |      26744 | kctl.cli.main
Usage: kctl [OPTIONS] COMMAND [ARGS]...
"""


def test_parse_importtime_orders_by_cumulative():
    top = parse_importtime(IMPORTTIME, top=3)
    assert top == [
        ("kctl.cli.main", 1619, 26744),
        ("click", 261, 17556),
        ("click.core", 1557, 17062),
    ]


def test_importtime_table_in_report():
    r = ScenarioResult(
        name="import-help",
        measures="",
        kctl=ToolResult(Summary(0.05, 0.06, 0.07, 5), 28 * MIB),
        kubectl=ToolResult(Summary(0.03, 0.034, 0.04, 5), 44 * MIB),
        import_top=parse_importtime(IMPORTTIME, top=2),
    )
    lines = render_markdown(META, [r]).splitlines()
    assert "| `kctl.cli.main` | 1.6 ms | 26.7 ms |" in lines
    assert "| `click` | 0.3 ms | 17.6 ms |" in lines


def test_output_that_differs_gets_no_ratio():
    r = _results()[0]
    r.output_differs = True
    row = "| get-pods-20 | 48 ms | 120 ms ⚠ | n/a | 47.0 MiB | 40.0 MiB | 1 | 1 |"
    assert row in render_markdown(META, [r]).splitlines()
    doc = to_json(META, [r])["scenarios"][0]
    assert doc["ratio"] is None and doc["output_differs"] is True


def test_load_average_is_reported_when_known():
    loaded = Meta(**{**META.__dict__, "load": "3.1 at start, 2.4 at end"})
    assert "· load average 3.1 at start, 2.4 at end\n" in render_markdown(loaded, [])
    assert "load average" not in render_markdown(META, [])


def test_skipped_scenarios_are_listed_with_why_and_seeding_time_shown():
    meta = Meta(**{**META.__dict__, "seeding": "312 s"})
    skipped = ScenarioResult(
        name="scale-get-pods-all-50000", measures="m", skipped="BENCH_SCALE=large only"
    )
    text = render_markdown(meta, [skipped])
    assert "| scale-get-pods-all-50000 | skipped | skipped | n/a |" in text
    assert "- scale-get-pods-all-50000: not run: BENCH_SCALE=large only" in text
    assert "seeding 312 s" in text
    assert to_json(meta, [skipped])["scenarios"][0]["skipped"] == "BENCH_SCALE=large only"


def test_every_benchmark_writes_its_report_and_data_the_same_way(tmp_path):
    """library and watch reports go through the one writer: both files, no temp file left."""
    md, js = write_pair(tmp_path / "out" / "watch-latest", "# report\n", {"meta": {"runs": "3"}})
    assert md.read_text() == "# report\n"
    assert json.loads(js.read_text()) == {"meta": {"runs": "3"}}
    assert sorted(p.name for p in md.parent.iterdir()) == ["watch-latest.json", "watch-latest.md"]


def test_floor_table_splits_each_ratio_into_language_and_kctl() -> None:
    with_floor = _results()[0]
    with_floor.floor = ToolResult(Summary(0.050, 0.060, 0.070, 10), 20 * MIB)
    with_floor.interpreter = ToolResult(Summary(0.009, 0.010, 0.011, 10), 9 * MIB)
    with_floor.kubectl.request_ms, with_floor.kctl.request_ms = 4, 5
    text = render_markdown(META, [with_floor, _results()[1]])
    assert "| get-pods-20 | 48 ms | 10 ms | 60 ms | 1.25× | 120 ms | 2.00× | 4 ms / 5 ms |" in text
    assert "| complete-types |" not in text.split("Where the time goes")[1].split("Wall time")[0]
    doc = to_json(META, [with_floor])
    assert doc["scenarios"][0]["floor"]["median"] == 0.060
    assert doc["scenarios"][0]["floor_ratio"] == 0.060 / 0.048
    assert doc["scenarios"][0]["interpreter"]["median"] == 0.010
    assert doc["scenarios"][0]["kctl"]["request_ms"] == 5


def test_no_floor_table_without_floor_runs() -> None:
    assert "Python floor" not in render_markdown(META, _results())
    assert to_json(META, _results())["scenarios"][0]["floor"] is None


def test_importtime_by_package_counts_what_kctl_imported_with_its_imports() -> None:
    from bench.report import importtime_by_package

    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:         7 |          7 |   os\n"
        "import time:         3 |         10 | site\n"
        "import time:        20 |         20 | kctl\n"
        "import time:         9 |          9 |       inspect\n"
        "import time:       100 |        109 |     click.core\n"
        "import time:        50 |        159 |   click\n"
        "import time:        30 |        189 | kctl.cli.main\n"
        "import time:         5 |          5 |   _ssl\n"
        "import time:        40 |         45 | ssl\n"
        "import time:         1 |          1 | zlib\n"
    )
    assert importtime_by_package(text, top=4) == [
        ("click", 159),  # inspect under click counts as click's
        ("kctl", 50),
        ("ssl", 45),  # _ssl under ssl
        ("(interpreter start-up)", 10),
        ("(others)", 1),
    ]


def test_import_packages_table_and_json() -> None:
    with_table = _results()[0]
    with_table.import_packages = [("click", 150), ("kctl", 50)]
    out = render_markdown(META, [with_table])
    assert "| `click` | 0.1 ms |" in out and "| `kctl` | 0.1 ms |" in out
    assert to_json(META, [with_table])["scenarios"][0]["import_packages"][0] == {
        "package": "click",
        "self_us": 150,
    }
