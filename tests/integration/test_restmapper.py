"""The RESTMapper on live discovery, compared with what kubectl resolves on the same server
(the URL of ``kubectl get TYPE -A -v=6``, its warnings and its errors)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kctl.discovery.client import DiscoveryClient
from kctl.env import Environment
from kctl.errors import ResourceTypeNotFound
from kctl.restmapper import RESTMapper
from tests.integration.test_api_resources import APIFixtures, api_fixtures  # noqa: F401

pytestmark = pytest.mark.integration

_RESPONSE = re.compile(r'"Response" verb="GET" url="https://[^/"]+(/[^"?]*)')
_NOT_FOUND = re.compile(r'^error: the server doesn\'t have a resource type "(.*)"$')


def live_mapper(cluster: Any, tmp_path: Path) -> tuple[RESTMapper, DiscoveryClient, Environment]:
    from kctl.clientcmd.clientconfig import load_rest_config
    from kctl.clientcmd.overrides import Overrides
    from kctl.discovery.cache import DiskCache
    from kctl.rest.client import RESTClient

    env = Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path / "cache")})
    config = load_rest_config(Overrides(kubeconfig=str(cluster.admin_kubeconfig)), env.environ)
    rest = RESTClient(config, env)
    dc = DiscoveryClient(config, DiskCache(env.cache_root), rest=lambda: rest, env=env)
    return RESTMapper(dc, env), dc, env


def kubectl_resolution(kubectl: Any, typed: str) -> tuple[Any, list[str]]:
    """``(group, version, resource)`` kubectl listed, or the name in its not-found error;
    plus its ``Warning:`` lines."""
    result = kubectl("get", typed, "-A", "-v=6", "--request-timeout=30s")
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("Warning: short name")]
    for line in lines:
        m = _NOT_FOUND.match(line)
        if m:
            return m.group(1), warnings
    for line in lines:
        m = _RESPONSE.search(line)
        if m and m.group(1) not in ("/api", "/apis"):
            parts = m.group(1).strip("/").split("/")
            if parts[0] == "api":
                return ("", parts[1], parts[2]), warnings
            return (parts[1], parts[2], parts[3]), warnings
    raise AssertionError(f"no list request or error from kubectl get {typed}: {result}")


def resolve(mapper: RESTMapper, env: Environment, typed: str) -> tuple[Any, list[str]]:
    env.stderr.seek(0)
    env.stderr.truncate()
    try:
        gvr = mapper.mapping_for(typed).gvr
        found: Any = (gvr.group, gvr.version, gvr.resource)
    except ResourceTypeNotFound as err:
        found = err.typed
    warnings = [w for w in env.stderr.getvalue().splitlines() if w.startswith("Warning: short")]
    return found, warnings


def test_resolution_matches_kubectl(
    api_fixtures: APIFixtures,  # noqa: F811
    cluster: Any,
    kubectl: Any,
    tmp_path: Path,
) -> None:
    f = api_fixtures
    beta_prefix = f.beta.split(".")[0]
    typed_names = [
        "widgets",
        "widget",
        "Widget",
        f.short,  # both CRDs: the first group wins, with kubectl's warning
        f.only_alpha_short,
        f"widgets.{f.beta}",
        f"widgets.{beta_prefix}",  # group prefix match
        f"{f.short}.{f.beta}",
        f"{f.short}.{beta_prefix}",
        f"widgets.v1beta1.{f.alpha}",
        f"widgets.v2.{f.beta}",
        f"Gizmo.{f.beta}",
        f"Gizmo.v2.{f.beta}",
        "Gizmo",  # a bare kind matches the core group only
        "po",
        "pods",
        "POD",
        "deploy",
        "deployments.apps",
        "deployment.v1.apps",
        "hpa",
        "ev",
        "ingresses.networking",
        "pods.v1.",
        "nodes.v1",
        f"nosuchthing{f.category}",
    ]
    mapper, _dc, env = live_mapper(cluster, tmp_path)
    for typed in typed_names:
        theirs = kubectl_resolution(kubectl, typed)
        ours = resolve(mapper, env, typed)
        assert ours == theirs, typed


def test_kctl_does_better_than_kubectl(
    api_fixtures: APIFixtures,  # noqa: F811
    cluster: Any,
    kubectl: Any,
    tmp_path: Path,
) -> None:
    """Short names case-insensitively; the typed version kept when a short name is expanded."""
    f = api_fixtures
    mapper, _dc, env = live_mapper(cluster, tmp_path)
    upper = f.only_alpha_short.upper()
    assert kubectl_resolution(kubectl, upper)[0] == upper  # kubectl: not found
    assert resolve(mapper, env, upper)[0] == (f.alpha, "v1", "widgets")
    assert kubectl_resolution(kubectl, "PO")[0] == "PO"
    assert resolve(mapper, env, "PO")[0] == ("", "v1", "pods")
    typed = f"{f.only_alpha_short}.v1beta1.{f.alpha}"
    assert kubectl_resolution(kubectl, typed)[0] == (f.alpha, "v1", "widgets")  # version lost
    assert resolve(mapper, env, typed)[0] == (f.alpha, "v1beta1", "widgets")


def test_category_matches_kubectl(
    api_fixtures: APIFixtures,  # noqa: F811
    cluster: Any,
    kubectl: Any,
    tmp_path: Path,
) -> None:
    mapper, _dc, _env = live_mapper(cluster, tmp_path)
    ours = [m.gvr for m in mapper.mappings_for_category(api_fixtures.category)]
    assert [(g.group, g.version, g.resource) for g in ours] == [
        kubectl_resolution(kubectl, api_fixtures.category)[0]
    ]


def test_new_crd_found_with_one_revalidation(
    cluster: Any, apply: Any, kubectl: Any, tmp_path: Path
) -> None:
    import secrets
    import time

    mapper, dc, _env = live_mapper(cluster, tmp_path)
    mapper.mapping_for("pods")
    assert dc.requests_sent == 2  # cold aggregated discovery
    group = f"late{secrets.token_hex(3)}.kctl.example.com"
    apply(
        f"""
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {{name: sprockets.{group}}}
spec:
  group: {group}
  scope: Namespaced
  names: {{plural: sprockets, singular: sprocket, kind: Sprocket}}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {{openAPIV3Schema: {{type: object, x-kubernetes-preserve-unknown-fields: true}}}}
"""
    )
    try:
        kubectl("wait", "--for=condition=Established", "--timeout=60s", f"crd/sprockets.{group}")
        deadline = time.monotonic() + 60
        while f"sprockets.{group}" not in kubectl("api-resources", "-o", "name").stdout.split():
            assert time.monotonic() < deadline, "CRD never reached discovery"
            time.sleep(0.5)
        time.sleep(5.1)  # older than the mapper's revalidation threshold
        later, dc2, _ = live_mapper(cluster, tmp_path)  # a new process on the warm cache
        assert later.mapping_for(f"sprockets.{group}").gvr.path() == f"/apis/{group}/v1/sprockets"
        assert dc2.requests_sent == 2  # /api (304) and /apis (new content)
    finally:
        kubectl("delete", "--wait=false", "--ignore-not-found", f"crd/sprockets.{group}")
