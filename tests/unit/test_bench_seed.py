"""Seeding is idempotent and stays in bench- namespaces (a fake API records what is sent)."""

from __future__ import annotations

from typing import Any

import pytest

from bench import seed
from bench.cluster import BenchError


class FakeAPI:
    """Just enough of the API server for seeding: namespaces, pods, CRDs."""

    def __init__(self, pods: dict[str, set[str]] | None = None) -> None:
        self.pods = pods or {}
        self.crds: dict[str, dict[str, Any]] = {}
        self.posts: list[str] = []

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        parts = path.split("?")[0].strip("/").split("/")
        if method == "GET" and parts[:3] == ["api", "v1", "namespaces"] and len(parts) == 4:
            return (200, {"status": {"phase": "Active"}}) if parts[3] in self.pods else (404, {})
        if method == "POST":
            self.posts.append(path)
            if path == "/api/v1/namespaces":
                self.pods.setdefault(body["metadata"]["name"], set())
                return 201, body
            if path.endswith("/pods"):
                names = self.pods[parts[3]]
                if body["metadata"]["name"] in names:
                    return 409, {}
                names.add(body["metadata"]["name"])
                return 201, body
            if path.endswith("/customresourcedefinitions"):
                established = {"conditions": [{"type": "Established", "status": "True"}]}
                self.crds[body["metadata"]["name"]] = {**body, "status": established}
                return 201, body
        raise AssertionError(f"unexpected {method} {path}")

    def get(self, path: str) -> Any:
        if path.startswith("/api/v1/namespaces/") and "/pods" in path:
            ns = path.split("/")[4]
            return {
                "items": [{"metadata": {"name": n}} for n in sorted(self.pods[ns])],
                "metadata": {},
            }
        if "customresourcedefinitions" in path:
            return {"items": list(self.crds.values())}
        if path == "/apis":
            return {"groups": [{"name": c["spec"]["group"]} for c in self.crds.values()]}
        raise AssertionError(f"unexpected GET {path}")


def test_creates_namespace_and_all_pods():
    api = FakeAPI()
    assert seed.ensure_pods(api, "bench-x", 30) == 30  # type: ignore[arg-type]
    assert api.posts.count("/api/v1/namespaces") == 1
    assert api.pods["bench-x"] == {seed.pod_name(i) for i in range(30)}


def test_only_missing_pods_are_created():
    api = FakeAPI({"bench-x": {seed.pod_name(i) for i in range(25)}})
    assert seed.ensure_pods(api, "bench-x", 30) == 30  # type: ignore[arg-type]
    assert len([p for p in api.posts if p.endswith("/pods")]) == 5
    api.posts.clear()
    seed.ensure_pods(api, "bench-x", 30)  # type: ignore[arg-type]
    assert api.posts == []


def test_refuses_namespaces_outside_bench():
    with pytest.raises(BenchError, match="bench-"):
        seed.ensure_pods(FakeAPI(), "default", 1)  # type: ignore[arg-type]


def test_crds_one_group_each_and_idempotent():
    api = FakeAPI()
    assert seed.ensure_crds(api, 5) == 5  # type: ignore[arg-type]
    groups = {c["spec"]["group"] for c in api.crds.values()}
    assert len(groups) == 5 and all(g.endswith(".bench.kctl.example") for g in groups)
    api.posts.clear()
    seed.ensure_crds(api, 5)  # type: ignore[arg-type]
    assert api.posts == []


def test_pod_manifest_is_minimal_and_labelled():
    pod = seed.pod_manifest("bench-pod-00007")
    assert pod["metadata"] == {
        "name": "bench-pod-00007",
        "labels": {"kctl-bench": "true", "app": "bench"},
    }
    assert [c["name"] for c in pod["spec"]["containers"]] == ["main"]
