"""Scenario definitions and their output checks (outputs captured from kubectl v1.36.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import scenarios
from bench.scenarios import (
    BY_NAME,
    SCENARIOS,
    completion_words,
    same_item_count,
    same_line_count,
    same_pod_candidates,
    same_table,
)

REQUIRED = {
    "version-client",
    "get-pods-20",
    "get-pods-all-5000",
    "get-pods-all-5000-json",
    "api-resources-warm",
    "api-resources-cold",
    "api-resources-first-run",
    "complete-types",
    "complete-pod-names-2000",
    "import-help",
    "config-current-context",
    "config-get-contexts",
    "get-pods-20-exec",
    "get-pods-20-latency",
    "scale-get-pods-all-50000",
    "scale-get-pods-all-50000-json",
    "scale-get-pods-all-50000-name",
    "scale-complete-pod-names-20000",
    "scale-api-resources-cold-300",
}

# `kubectl __complete get pods -n bench-names ""` (first lines and the directive).
KUBECTL_POD_NAMES = b"bench-pod-00000\nbench-pod-00001\nbench-pod-00002\n:4\n"


def test_every_issue_scenario_exists_once():
    names = [s.name for s in SCENARIOS]
    assert set(names) == REQUIRED and len(names) == len(set(names))


def test_full_data_plan_is_5000_pods_with_2000_for_names_and_20_small():
    plan = scenarios.pods_plan(quick=False)
    assert sum(plan.values()) == 5000
    assert plan[scenarios.NAMES_NS] == 2000 and plan[scenarios.SMALL_NS] == 20
    assert sum(scenarios.pods_plan(quick=True).values()) == 50
    assert (scenarios.crd_count(False), scenarios.crd_count(True)) == (50, 5)


def test_bench_data_only_in_bench_namespaces():
    for sc in SCENARIOS:
        for ns in sc.pods:
            assert ns.startswith("bench-")


def test_namespace_is_substituted():
    sc = BY_NAME["get-pods-20"]
    assert sc.argv(sc.kubectl) == ["get", "pods", "-n", "bench-small"]


def test_verbose_flag_goes_after_the_completion_entry():
    sc = BY_NAME["complete-pod-names-2000"]
    assert sc.kubectl_verbose(sc.argv(sc.kubectl)) == [
        "__complete",
        "-v=6",
        "get",
        "pods",
        "-n",
        "bench-names",
        "",
    ]
    assert sc.kctl_verbose(sc.argv(sc.kctl))[:3] == ["__complete", "-v", "6"]
    assert sc.kctl_verbose(sc.argv(sc.kctl))[-1] == ""


def test_verbose_flag_appended_for_ordinary_commands():
    sc = BY_NAME["get-pods-all-5000"]
    assert sc.kubectl_verbose(sc.argv(sc.kubectl)) == ["get", "pods", "-A", "-v=6"]
    assert sc.kctl_verbose(sc.argv(sc.kctl)) == ["get", "pods", "-A", "-v", "6"]


def test_cold_and_warm():
    assert BY_NAME["api-resources-cold"].cache == "cold"
    # cold discovery keeps kctl's parsed kubeconfig; the first run keeps nothing
    assert BY_NAME["api-resources-cold"].kctl_cold_keeps == ("kubeconfig",)
    assert BY_NAME["api-resources-first-run"].cache == "cold"
    assert BY_NAME["api-resources-first-run"].kctl_cold_keeps == ()
    assert BY_NAME["api-resources-warm"].cache == "warm"
    assert "--cached" in BY_NAME["api-resources-warm"].kctl


def test_completion_words_drop_directive_and_descriptions():
    out = b"pods\tPod\nservices\n:4\n"
    assert completion_words(out) == {"pods", "services"}


def test_pod_candidates_compared():
    assert same_pod_candidates(KUBECTL_POD_NAMES, KUBECTL_POD_NAMES) is None
    short = b"bench-pod-00000\n:4\n"
    assert same_pod_candidates(short, KUBECTL_POD_NAMES) == "kctl offered 1 pod names, kubectl 3"


def test_completes_check():
    check = BY_NAME["complete-types"].check
    assert check is not None
    assert check(b"pods\nservices\n:4\n", b"") is None
    assert check(b":4\n", b"") == "kctl's candidates lack 'pods'"


def test_line_count_check():
    assert same_line_count(b"NAME\na\nb\n", b"NAME\na\nb\n") is None
    assert same_line_count(b"NAME\na\n", b"NAME\na\nb\n") == "kctl printed 2 lines, kubectl 3"


@pytest.mark.parametrize(
    ("kctl", "expected"),
    [
        (json.dumps({"items": [{}, {}]}).encode(), None),
        (json.dumps({"items": [{}]}).encode(), "kctl listed 1 items, kubectl 2"),
        (b"not json", "output is not a JSON list (JSONDecodeError)"),
    ],
)
def test_item_count_check(kctl, expected):
    assert same_item_count(kctl, json.dumps({"items": [{}, {}]}).encode()) == expected


def test_scale_plan_is_50000_pods_in_10_namespaces_with_20000_for_names():
    assert sum(scenarios.SCALE_PODS.values()) == 50_000 and len(scenarios.SCALE_PODS) == 10
    assert scenarios.SCALE_PODS[scenarios.SCALE_NAMES_NS] == 20_000
    assert scenarios.crd_count(quick=False, scale=True) == 300
    scale = [s for s in SCENARIOS if s.scale]
    assert all(s.pods or s.crds for s in scale)
    assert all(ns in scenarios.SCALE_PODS for s in scale for ns in s.pods)
    # huge outputs are compared by digest, never kept
    assert not BY_NAME["scale-get-pods-all-50000-json"].keep_output
    assert BY_NAME["scale-get-pods-all-50000-json"].identical


def test_connections():
    assert BY_NAME["get-pods-20-exec"].connection == "exec"
    assert BY_NAME["get-pods-20-latency"].connection == "latency"
    assert BY_NAME["get-pods-20"].connection == "admin"


TABLE = b"NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Pending   0          5s\n"


def test_table_check_ignores_only_the_age_column():
    later = TABLE.replace(b"5s", b"12s")
    assert same_table(later, TABLE) is None
    other = TABLE.replace(b"Pending", b"Running")
    assert same_table(other, TABLE) == (
        "line 2 differs: kctl b'web-1   0/1     Running   0', "
        "kubectl b'web-1   0/1     Pending   0'"
    )
    assert same_table(TABLE.splitlines()[0], TABLE) == "kctl printed 1 lines, kubectl 2"


def test_pod_candidates_none_within_the_deadline_is_said_so():
    assert same_pod_candidates(b":4\n", KUBECTL_POD_NAMES) == (
        "kctl offered no pod names (deadline or error), kubectl 3"
    )


def test_floor_arguments_follow_the_scenario() -> None:
    from bench.scenarios import BY_NAME

    creds = Path("/tmp/creds")
    assert BY_NAME["version-client"].floor_args(creds) == ["start"]
    assert BY_NAME["get-pods-20"].floor_args(creds) == [
        "get",
        "/tmp/creds",
        "/api/v1/namespaces/bench-small/pods?limit=500",
    ]
    assert BY_NAME["get-pods-all-5000"].floor_args(creds) == []


def test_floor_script_starts_and_refuses_unknown_modes() -> None:
    import subprocess

    from bench.floor import LAUNCH

    bench_dir = str(Path(__file__).resolve().parents[2] / "bench")
    for mode in ("bare", "start"):
        ok = subprocess.run([*LAUNCH, bench_dir, mode], capture_output=True, text=True)
        assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")
    bad = subprocess.run([*LAUNCH, bench_dir, "fly"], capture_output=True, text=True)
    assert (bad.returncode, bad.stderr) == (2, "usage: floor.py bare | start | get DIR PATH\n")


def test_floor_credentials_are_private_files(tmp_path: Path) -> None:
    from bench.floor import FILES, write_credentials

    write_credentials(tmp_path / "f", "https://127.0.0.1:6443", None, b"CERT", b"KEY")
    modes = {name: (tmp_path / "f" / name).stat().st_mode & 0o777 for name in FILES}
    assert modes == dict.fromkeys(FILES, 0o600)
    assert (tmp_path / "f" / "client.key").read_bytes() == b"KEY"
    assert (tmp_path / "f" / "ca.crt").read_bytes() == b""


def test_the_kept_kubeconfig_cache_is_where_kctl_writes_it() -> None:
    from kctl.clientcmd.cache import cache_file

    entry = Path(cache_file("/root-of-cache", "/home/u/.kube/config"))
    assert entry.parent == Path("/root-of-cache") / scenarios.KCTL_KUBECONFIG_CACHE


def test_the_floor_runs_from_bytecode_like_an_installed_kctl() -> None:
    import importlib.util

    from bench import floor

    directory = floor.compiled()
    cached = importlib.util.cache_from_source(floor.__file__)
    assert Path(directory) == Path(floor.__file__).parent and Path(cached).is_file()
