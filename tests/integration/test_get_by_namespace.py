"""``get pods -A`` on a list that proves big (more rows than --chunk-size): kctl goes on one
namespace at a time without row metadata, and must print exactly what kubectl prints from the
cluster-wide pages, in the server's order (``<ns>-b/`` sorts before ``<ns>/``)."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.test_get import same_as_kubectl

pytestmark = pytest.mark.integration

PER_NAMESPACE = re.compile(r'/namespaces/[^/"]+/pods\?[^"]*includeObject=None')

POD = """
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: {namespace}
  labels: {{spread: "{tag}", tier: "{tier}"}}
spec:
  containers: [{{name: c, image: "registry.k8s.io/pause:3.10"}}]
"""

LISTER = """
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {{name: {name}}}
rules: [{{apiGroups: [""], resources: [pods], verbs: [list]}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {{name: {name}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {name}}}
subjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: {name}}}]
"""


@pytest.fixture
def spread(apply: Any, kubectl_ok: Any) -> Iterator[str]:
    """Pods in three namespaces (``ns``, ``ns-b``, ``ns-c``), labelled ``spread=<tag>``.

    Named to sort after every other namespace, the newest last: kctl visits namespaces one by
    one only when few come after the first page's (the suite's deleted namespaces stay, as
    Terminating, without a namespace controller)."""
    tag = secrets.token_hex(3)
    namespace = f"zz-spread-{time.time_ns()}-{tag}"
    created = [namespace, f"{namespace}-b", f"{namespace}-c"]
    for name in created:
        kubectl_ok("create", "namespace", name)
    try:
        docs = [
            POD.format(name=pod, namespace=ns, tag=tag, tier="front" if i % 2 else "back")
            for ns in created
            for i, pod in enumerate(("a-2", "a.1", "b", "cache-with-a-longer-name"))
        ]
        apply("---".join(docs))
        yield tag
    finally:
        for name in created:
            kubectl_ok("delete", "namespace", name, "--wait=false")


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["-o", "wide"],
        ["--no-headers"],
        ["--show-kind"],
        ["--chunk-size", "5", "-o", "wide"],
    ],
    ids=lambda a: " ".join(a) or "plain",
)
def test_big_list_matches_kubectl(spread: str, kctl: Any, kubectl: Any, extra: list[str]) -> None:
    args = ["get", "pods", "-A", "--chunk-size", "3", *extra]
    result = same_as_kubectl(kctl, kubectl, *args, "-l", f"spread={spread}")
    assert result.stdout.count("cache-with-a-longer-name") == 3
    if not extra:  # every pod of the cluster (once: many young pods make AGE tick meanwhile)
        same_as_kubectl(kctl, kubectl, "get", "pods", "-A", "--chunk-size", "10")
    traced = kctl(*args, "-l", f"spread={spread}", "-v=6")
    assert PER_NAMESPACE.search(traced.stderr), traced.stderr  # the per-namespace path was taken


def test_selectors_match_kubectl(spread: str, kctl: Any, kubectl: Any) -> None:
    base = ["get", "pods", "-A", "--chunk-size", "2", "-l", f"spread={spread}"]
    same_as_kubectl(kctl, kubectl, *base, "--field-selector", "metadata.name!=b")
    same_as_kubectl(kctl, kubectl, *base[:-1], f"spread={spread},tier=front")
    same_as_kubectl(kctl, kubectl, *base[:-1], "spread=nothing-has-this")
    same_as_kubectl(kctl, kubectl, "get", "pods,svc", *base[2:])


def test_a_user_who_cannot_list_namespaces_gets_the_same(
    spread: str, apply: Any, kctl: Any, kubectl: Any, kubectl_ok: Any
) -> None:
    name = f"t-pod-lister-{spread}"
    apply(LISTER.format(name=name))
    try:
        args = ["get", "pods", "-A", "--chunk-size", "3", "-l", f"spread={spread}", f"--as={name}"]
        denied = kubectl("get", "namespaces", f"--as={name}")
        assert denied.code == 1 and "forbidden" in denied.stderr
        result = same_as_kubectl(kctl, kubectl, *args)
        assert result.stdout.count("cache-with-a-longer-name") == 3
        traced = kctl(*args, "-v=6")
        assert not PER_NAMESPACE.search(traced.stderr)  # the cluster-wide pages went on
    finally:
        kubectl_ok("delete", "clusterrolebinding,clusterrole", name)
