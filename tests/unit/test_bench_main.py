"""``python -m bench`` argument handling (no control plane needed for these paths)."""

from __future__ import annotations

from bench.__main__ import main
from bench.scenarios import SCENARIOS


def test_list_names_every_scenario(capsys):
    assert main(["--list"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == [s.name for s in SCENARIOS]


def test_unknown_scenario_is_a_usage_error(capsys):
    assert main(["get-pods-20", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown scenario(s) nope; choose from version-client, ")


def test_bad_bench_runs(capsys, monkeypatch):
    monkeypatch.setenv("BENCH_RUNS", "many")
    assert main(["version-client"]) == 2
    assert "BENCH_RUNS='many' is not a number" in capsys.readouterr().err


def test_missing_kubeconfig_is_one_line(capsys, tmp_path):
    assert main(["version-client", "--kubeconfig", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"error: kubeconfig {tmp_path / 'none'} does not exist (run `make cluster` first)\n"
    )
