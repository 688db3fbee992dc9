"""Scenario definitions and their output checks (outputs captured from kubectl v1.36.3)."""

from __future__ import annotations

import json

import pytest

from bench import scenarios
from bench.scenarios import (
    BY_NAME,
    SCENARIOS,
    completion_words,
    same_item_count,
    same_line_count,
    same_pod_candidates,
)

REQUIRED = {
    "version-client",
    "get-pods-20",
    "get-pods-all-5000",
    "get-pods-all-5000-json",
    "api-resources-warm",
    "api-resources-cold",
    "complete-types",
    "complete-pod-names-2000",
    "import-help",
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
