"""The README's performance table, written from the bench's JSON results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import readme

MIB = 1024 * 1024


def _doc(*scenarios: dict[str, Any]) -> dict[str, Any]:
    return {
        "meta": {
            "date": "2026-11-29 20:40 UTC",
            "cores": 2,
            "python": "3.11.7",
            "kctl_version": "0.1.0 (abc1234)",
            "kubectl_version": "v1.36.3",
            "server_version": "v1.36.3",
            "runs": "10",
            "load": "0.3 at start, 0.5 at end",
            "seeding": "",
        },
        "scenarios": list(scenarios),
    }


def _scenario(name: str, kubectl: float, kctl: float, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "ratio": kctl / kubectl,
        "output_differs": False,
        "skipped": "",
        "kubectl": {"median": kubectl, "max_rss": 45 * MIB},
        "kctl": {"median": kctl, "max_rss": 20 * MIB},
        **extra,
    }


def test_each_row_is_marked_against_its_target() -> None:
    block = readme.render(
        _doc(
            _scenario("get-pods-20", 0.050, 0.060, floor={"median": 0.055}, floor_ratio=1.1),
            _scenario("version-client", 0.040, 0.046),
            _scenario("api-resources-first-run", 0.060, 0.090),
            {"name": "scale-get-pods-all-50000", "skipped": "BENCH_SCALE=large only"},
        ),
        None,
    )
    assert block.startswith(readme.START) and block.endswith(readme.END)
    lines = block.splitlines()
    assert (
        "| `get pods -n bench-small` (20 pods, warm) | 50 ms | 60 ms | **1.20×** | ≤ 1.3 ✓ "
        "| 55 ms | 1.10× | 45 / 20 MiB |"
    ) in lines
    assert (
        "| `version --client` | 40 ms | 46 ms | **1.15×** | ≤ 1.0 ✗ | – | – | 45 / 20 MiB |"
        in lines
    )
    assert any(
        line.startswith("| `api-resources`, every cache cold |") and "| – |" in line
        for line in lines
    )
    assert not any("50,000" in line for line in lines)  # skipped: no row
    assert "2026-11-29 20:40 UTC, 2 cores" in block


def test_scale_rows_need_the_ratio_and_flat_memory() -> None:
    big = _scenario("scale-get-pods-all-50000", 20.0, 2.0)
    big["kctl"]["max_rss"] = 120 * MIB
    block = readme.render(_doc(), _doc(big))
    assert "| **0.10×** | ≤ 0.15, ≤ 100 MiB ✗ |" in block


def test_the_block_between_the_markers_is_replaced_and_nothing_else() -> None:
    text = f"intro\n{readme.START}\nold table\n{readme.END}\nrest\n"
    assert readme.replace_block(text, "NEW") == "intro\nNEW\nrest\n"
    with pytest.raises(ValueError, match="markers"):
        readme.replace_block("no markers here", "NEW")


def test_the_readme_has_the_markers() -> None:
    text = (readme.REPO_ROOT / "README.md").read_text()
    assert text.count(readme.START) == 1 and text.count(readme.END) == 1


def test_quick_mode_leaves_the_readme_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BENCH_QUICK", "1")
    monkeypatch.setattr(readme, "REPO_ROOT", tmp_path)  # nothing there: would fail if read
    assert readme.main() == 0
    assert list(tmp_path.iterdir()) == []
