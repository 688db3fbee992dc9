"""Create the data a scenario needs: ``bench-`` namespaces full of pods, and CRD groups.

Pods are accepted without a kubelet (they stay Pending), so thousands are cheap to create. Seeding
is idempotent: it lists what exists first and only creates what is missing, so a second
``make bench`` starts measuring within seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.cluster import AdminClient, APIError, BenchError

WORKERS = 16
BENCH_LABEL = "kctl-bench"
CRD_GROUP_SUFFIX = "bench.kctl.example"
PAUSE_IMAGE = "registry.k8s.io/pause:3.10"


def pod_name(index: int) -> str:
    return f"bench-pod-{index:05d}"


def pod_manifest(name: str) -> dict[str, Any]:
    """The smallest pod the API server accepts (the dev cluster runs no ServiceAccount
    admission, so no token volume is needed)."""
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {BENCH_LABEL: "true", "app": "bench"}},
        "spec": {"containers": [{"name": "main", "image": PAUSE_IMAGE}]},
    }


def realistic_pod_manifest(name: str) -> dict[str, Any]:
    """A pod shaped like a real workload's: two containers, a dozen environment variables,
    ports, probes, resources and mounts, volumes, labels and annotations. As the server returns
    it (defaults and managedFields from the create added) about 6.5 KB on the wire and 7.6 KB as
    ``-o json``; a minimal pod is under 1 KB. No kubelet runs, so there is no status to add."""
    app = f"svc-{sum(map(ord, name)) % 40:02d}"
    env: list[dict[str, Any]] = [
        {"name": f"SETTING_{i:02d}", "value": f"{app}-value-{i}-" + "x" * 12} for i in range(10)
    ]
    env += [
        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
    ]

    def container(cname: str, port: int, full: bool) -> dict[str, Any]:
        probe: dict[str, Any] = {
            "httpGet": {"path": "/healthz", "port": port, "scheme": "HTTP"},
            "initialDelaySeconds": 5,
            "periodSeconds": 10,
            "timeoutSeconds": 2,
            "failureThreshold": 3,
        }
        spec: dict[str, Any] = {
            "name": cname,
            "image": PAUSE_IMAGE,
            "ports": [{"name": "http", "containerPort": port, "protocol": "TCP"}],
            "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}},
            "volumeMounts": [{"name": "config", "mountPath": "/etc/app", "readOnly": True}],
        }
        if full:  # the app container; the sidecar is smaller
            spec["args"] = ["--port", str(port)]
            spec["env"] = env
            spec["ports"].append({"name": "metrics", "containerPort": 9090, "protocol": "TCP"})
            spec["resources"]["limits"] = {"cpu": "500m", "memory": "256Mi"}
            spec["livenessProbe"] = probe
            spec["readinessProbe"] = probe
            spec["volumeMounts"].append({"name": "cache", "mountPath": "/var/cache/app"})
        return spec

    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "labels": {
                BENCH_LABEL: "true",
                "app": app,
                "app.kubernetes.io/name": app,
                "app.kubernetes.io/part-of": "bench-shop",
                "app.kubernetes.io/version": "1.4.2",
                "pod-template-hash": "7d9c5b8f6d",
                "tier": "backend",
            },
            "annotations": {
                "prometheus.io/scrape": "true",
                "prometheus.io/port": "9080",
                "kubectl.kubernetes.io/default-container": "app",
            },
        },
        "spec": {
            "containers": [container("app", 8080, True), container("sidecar", 8081, False)],
            "volumes": [
                {"name": "config", "configMap": {"name": f"{app}-config"}},
                {"name": "cache", "emptyDir": {"sizeLimit": "1Gi"}},
            ],
            "terminationGracePeriodSeconds": 30,
        },
    }


def crd_manifest(index: int) -> dict[str, Any]:
    """One CRD in its own group, so discovery has one more group/version to report."""
    group = f"g{index:02d}.{CRD_GROUP_SUFFIX}"  # g00..g99, then g100..g299 at large scale
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"widgets.{group}", "labels": {BENCH_LABEL: "true"}},
        "spec": {
            "group": group,
            "scope": "Namespaced",
            "names": {
                "plural": "widgets",
                "singular": "widget",
                "kind": "Widget",
                "listKind": "WidgetList",
                "shortNames": [f"wg{index:02d}"],
                "categories": ["bench"],
            },
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "schema": {
                        "openAPIV3Schema": {
                            "type": "object",
                            "x-kubernetes-preserve-unknown-fields": True,
                        }
                    },
                }
            ],
        },
    }


def _log(message: str) -> None:
    print(f"[seed] {message}", file=sys.stderr, flush=True)


def ensure_namespace(client: AdminClient, name: str) -> None:
    if not name.startswith("bench-"):
        raise BenchError(f"refusing to seed {name!r}: bench data lives in bench-* namespaces")
    status, doc = client.request("GET", f"/api/v1/namespaces/{name}")
    if status == 200:
        if (doc or {}).get("status", {}).get("phase") == "Terminating":
            raise BenchError(f"namespace {name} is terminating; wait and run again")
        return
    body = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name, "labels": {BENCH_LABEL: "true"}},
    }
    status, doc = client.request("POST", "/api/v1/namespaces", body)
    if status not in (201, 409):
        raise APIError(status, str(doc).encode())


def existing_pod_names(client: AdminClient, namespace: str) -> set[str]:
    names: set[str] = set()
    cont = ""
    while True:
        path = f"/api/v1/namespaces/{namespace}/pods?limit=1000"
        if cont:
            path += f"&continue={cont}"
        doc = client.get(path)
        names.update(item["metadata"]["name"] for item in doc.get("items") or [])
        cont = (doc.get("metadata") or {}).get("continue") or ""
        if not cont:
            return names


def _create_pod(client: AdminClient, namespace: str, name: str, realistic: bool = False) -> None:
    manifest = realistic_pod_manifest(name) if realistic else pod_manifest(name)
    status, doc = client.request("POST", f"/api/v1/namespaces/{namespace}/pods", manifest)
    if status not in (201, 409):
        raise APIError(status, str(doc).encode())


def ensure_pods(client: AdminClient, namespace: str, count: int, realistic: bool = False) -> int:
    """Make sure ``namespace`` holds at least ``count`` bench pods (``realistic``: shaped like a
    real workload's); returns how many it holds."""
    ensure_namespace(client, namespace)
    existing = existing_pod_names(client, namespace)
    missing = [n for n in (pod_name(i) for i in range(count)) if n not in existing]
    if missing:
        _log(f"{namespace}: creating {len(missing)} pods ({len(existing)} there)")
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            # list() re-raises the first failure.
            list(pool.map(lambda n: _create_pod(client, namespace, n, realistic), missing))
        _log(f"{namespace}: done in {time.monotonic() - started:.1f} s")
    return len(existing | set(missing))


def count_pods(client: AdminClient, namespaces: Iterable[str] | None = None) -> int:
    """Pods in the given namespaces, or in the whole cluster when None (cheap: limit=1 and the
    list's remainingItemCount)."""
    paths = (
        ["/api/v1/pods"]
        if namespaces is None
        else [f"/api/v1/namespaces/{ns}/pods" for ns in namespaces]
    )
    total = 0
    for path in paths:
        doc = client.get(f"{path}?limit=1")
        meta = doc.get("metadata") or {}
        total += len(doc.get("items") or []) + int(meta.get("remainingItemCount") or 0)
    return total


def _established(crd: dict[str, Any]) -> bool:
    conditions = (crd.get("status") or {}).get("conditions") or []
    return any(c.get("type") == "Established" and c.get("status") == "True" for c in conditions)


def ensure_crds(client: AdminClient, count: int, timeout: float = 120.0) -> int:
    """Make sure ``count`` bench CRD groups exist and are Established; returns how many exist."""
    base = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
    wanted = {crd_manifest(i)["metadata"]["name"]: crd_manifest(i) for i in range(count)}
    have = {
        c["metadata"]["name"] for c in client.get(f"{base}?labelSelector={BENCH_LABEL}")["items"]
    }
    missing = [m for name, m in wanted.items() if name not in have]
    if missing:
        _log(f"creating {len(missing)} CRD groups")

        def create(manifest: dict[str, Any]) -> None:
            status, doc = client.request("POST", base, manifest)
            if status not in (201, 409):
                raise APIError(status, str(doc).encode())

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(create, missing))
    deadline = time.monotonic() + timeout
    while True:
        items = client.get(f"{base}?labelSelector={BENCH_LABEL}")["items"]
        ready = {c["metadata"]["name"] for c in items if _established(c)}
        if set(wanted) <= ready:
            break
        if time.monotonic() > deadline:
            raise BenchError(f"CRDs not Established after {timeout:.0f} s: {set(wanted) - ready}")
        time.sleep(0.5)
    # Established comes a moment before discovery lists the group; measure only after it does.
    groups = {m["spec"]["group"] for m in wanted.values()}
    while True:
        served = {g["name"] for g in (client.get("/apis").get("groups") or [])}
        if groups <= served:
            return len(items)
        if time.monotonic() > deadline:
            raise BenchError(f"CRD groups not in discovery after {timeout:.0f} s")
        time.sleep(0.5)
