"""The side-by-side loop, driven with two fake tools that record what they saw."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from bench import runner, suite
from bench.scenarios import Scenario

FAKE = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    name, args = sys.argv[1], sys.argv[2:]
    cache = Path(os.environ["KUBECACHEDIR"])
    record = {"tool": name, "args": args, "cache": sorted(p.name for p in cache.iterdir()),
              "kubeconfig": os.environ["KUBECONFIG"]}
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(json.dumps(record) + "\\n")
    if name == "kctl" and os.environ.get("FAKE_KCTL_FAIL"):
        print("error: unknown command", file=sys.stderr)
        sys.exit(1)
    (cache / "discovery").mkdir(exist_ok=True)
    (cache / "names").mkdir(exist_ok=True)
    if "-v=6" in args or "6" in args:
        for _ in range(3 if name == "kubectl" else 2):
            print('I1126 15:28:43.344997 1 x.go:1] "Response" verb="GET" url="https://h/api" '
                  'status="200 OK" milliseconds=1', file=sys.stderr)
    print(os.environ.get("FAKE_KCTL_OUT", "NAME\\na\\nb") if name == "kctl" else "NAME\\na\\nb")
    """
)


def _tools(tmp_path: Path, monkeypatch) -> tuple[suite.Tools, Path]:
    script = tmp_path / "fake.py"
    script.write_text(FAKE)
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("FAKE_LOG", str(log))
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text("")
    tools = suite.Tools(
        kctl=[sys.executable, str(script), "kctl"],
        kubectl=[sys.executable, str(script), "kubectl"],
        kubeconfig=kubeconfig,
        time_binary=runner.gnu_time(),
    )
    return tools, log


def _records(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_alternates_after_a_warm_up_and_counts_requests(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    sc = Scenario(name="s", measures="", kctl=("get", "x"), kubectl=("get", "x"))
    result = suite.run_scenario(sc, tools, tmp_path / "work", runs=3, data="d")
    order = [(r["tool"], r["args"]) for r in _records(log)]
    plain = [("kctl", ["get", "x"]), ("kubectl", ["get", "x"])]
    assert order == plain * 4 + [
        ("kctl", ["get", "x", "-v", "6"]),
        ("kubectl", ["get", "x", "-v=6"]),
    ]
    assert result.kctl.wall is not None and result.kctl.wall.count == 3
    assert result.kubectl.wall is not None and result.kubectl.wall.count == 3
    assert (result.kctl.requests, result.kubectl.requests) == (2, 3)
    assert result.ratio is not None and result.notes == []


def test_warm_cache_persists_and_cold_cache_is_emptied(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    warm = Scenario(name="w", measures="", kctl=("a",), kubectl=("a",), count_requests=False)
    suite.run_scenario(warm, tools, tmp_path / "w", runs=2, data="")
    seen = [r["cache"] for r in _records(log)]
    assert seen[:2] == [[], []]  # the warm-up found empty caches
    assert all(c == ["discovery", "names"] for c in seen[2:])
    log.unlink()
    cold = Scenario(name="c", measures="", kctl=("a",), kubectl=("a",), cache="cold")
    suite.run_scenario(cold, tools, tmp_path / "c", runs=2, data="")
    assert all(r["cache"] == [] for r in _records(log))


def test_a_cold_run_keeps_what_the_scenario_keeps_for_kctl_only(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    sc = Scenario(
        name="k",
        measures="",
        kctl=("a",),
        kubectl=("a",),
        cache="cold",
        count_requests=False,
        kctl_cold_keeps=("names",),
    )
    suite.run_scenario(sc, tools, tmp_path / "k", runs=2, data="")
    records = _records(log)
    kctl_seen = [r["cache"] for r in records if r["tool"] == "kctl"]
    kubectl_seen = [r["cache"] for r in records if r["tool"] == "kubectl"]
    assert kctl_seen == [[], ["names"], ["names"]]  # discovery removed, names kept
    assert kubectl_seen == [[], [], []]


def test_the_floors_run_in_turn_with_both_tools(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    tools.floor = [sys.executable, str(tmp_path / "fake.py"), "floor"]
    sc = Scenario(name="f", measures="", kctl=("a",), kubectl=("a",), floor="start")
    result = suite.run_scenario(sc, tools, tmp_path / "f", runs=2, data="")
    records = _records(log)
    turn = [("kctl", ["a"]), ("kubectl", ["a"]), ("floor", ["bare"]), ("floor", ["start"])]
    assert [(r["tool"], r["args"]) for r in records[:12]] == turn * 3
    assert result.floor is not None and result.floor.wall is not None
    assert result.interpreter is not None and result.interpreter.wall is not None
    assert result.floor.wall.count == result.interpreter.wall.count == 2
    assert result.floor_ratio is not None
    # the -v 6 run's logged response times (the fake logs 1 ms per response)
    assert (result.kctl.request_ms, result.kubectl.request_ms) == (2, 3)


def test_prime_fills_caches_and_fresh_paths_are_removed(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    sc = Scenario(
        name="p",
        measures="",
        kctl=("__complete", "get", ""),
        kubectl=("__complete", "get", ""),
        prime=True,
        kctl_fresh=("names",),
        kctl_logs_requests=False,
    )
    result = suite.run_scenario(sc, tools, tmp_path / "p", runs=1, data="")
    records = _records(log)
    assert [r["args"] for r in records[:2]] == [["api-resources"], ["api-resources"]]
    kctl_runs = [r for r in records[2:] if r["tool"] == "kctl"]
    kubectl_runs = [r for r in records[2:] if r["tool"] == "kubectl"]
    assert all(r["cache"] == ["discovery"] for r in kctl_runs)
    assert all(r["cache"] == ["discovery", "names"] for r in kubectl_runs)
    assert result.kctl.requests is None and result.kubectl.requests == 3
    assert "kctl requests unknown: this path writes no -v log" in result.notes


def test_a_failing_kctl_is_na_with_its_reason_and_kubectl_is_still_measured(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    monkeypatch.setenv("FAKE_KCTL_FAIL", "1")
    sc = Scenario(name="f", measures="", kctl=("nope",), kubectl=("get",))
    result = suite.run_scenario(sc, tools, tmp_path / "f", runs=2, data="")
    assert result.kctl.error == "exit 1: error: unknown command"
    assert result.kctl.wall is None and result.ratio is None
    assert result.kubectl.wall is not None and result.kubectl.wall.count == 2
    assert [r["tool"] for r in _records(log)].count("kctl") == 1  # only the warm-up


def test_output_check_failure_is_noted(tmp_path, monkeypatch):
    tools, _log = _tools(tmp_path, monkeypatch)
    sc = Scenario(
        name="o",
        measures="",
        kctl=("a",),
        kubectl=("a",),
        count_requests=False,
        check=lambda k, ref: "different",
    )
    result = suite.run_scenario(sc, tools, tmp_path / "o", runs=1, data="")
    assert result.output_differs and result.ratio is None
    assert "output differs, no ratio: different" in result.notes


def test_identical_output_is_compared_by_digest_without_keeping_it(tmp_path, monkeypatch):
    tools, _log = _tools(tmp_path, monkeypatch)
    sc = Scenario(
        name="i",
        measures="",
        kctl=("a",),
        kubectl=("a",),
        count_requests=False,
        identical=True,
        keep_output=False,
    )
    same = suite.run_scenario(sc, tools, tmp_path / "same", runs=1, data="")
    assert not same.output_differs and same.ratio is not None
    monkeypatch.setenv("FAKE_KCTL_OUT", "NAME\na\nB")
    differs = suite.run_scenario(sc, tools, tmp_path / "differs", runs=1, data="")
    assert differs.output_differs and differs.ratio is None
    assert differs.notes == [
        "output differs, no ratio: stdout not byte-identical (9 bytes from kctl, 9 from kubectl)"
    ]


def test_a_scenario_kubeconfig_replaces_the_admin_one_for_both_tools(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    other = tmp_path / "exec.kubeconfig"
    other.write_text("")
    sc = Scenario(name="k", measures="", kctl=("a",), kubectl=("a",), count_requests=False)
    suite.run_scenario(sc, tools, tmp_path / "k", runs=1, data="", kubeconfig=other)
    assert {r["kubeconfig"] for r in _records(log)} == {str(other)}


def test_a_tab_scenario_runs_kctl_as_the_completion_script_does(tmp_path, monkeypatch):
    tools, log = _tools(tmp_path, monkeypatch)
    tools.kctl_tab = [sys.executable, str(tmp_path / "fake.py"), "kctl-tab"]
    tab = Scenario(name="t", measures="", kctl=("x",), kubectl=("x",), tab=True)
    plain = Scenario(name="p", measures="", kctl=("x",), kubectl=("x",))
    suite.run_scenario(tab, tools, tmp_path / "t", runs=1, data="")
    suite.run_scenario(plain, tools, tmp_path / "p", runs=1, data="")
    tools_seen = [r["tool"] for r in _records(log)]
    assert tools_seen[:4] == ["kctl-tab", "kubectl", "kctl-tab", "kubectl"]
    assert "kctl" in tools_seen[4:] and "kctl-tab" not in tools_seen[6:]


def test_the_completion_launcher_is_asked_of_kctl(tmp_path):
    script = tmp_path / "kctl.py"
    script.write_text(
        "import sys\n"
        "if sys.argv[1:] == ['__completion_launcher']:\n"
        "    print('/usr/bin/python3\\n-S\\n-c\\ncode')\n"
        "else:\n"
        "    sys.exit(3)\n"
    )
    assert suite.completion_launcher([sys.executable, str(script)]) == [
        "/usr/bin/python3",
        "-S",
        "-c",
        "code",
    ]
    assert suite.completion_launcher([sys.executable, "-c", "import sys; sys.exit(1)"]) is None
