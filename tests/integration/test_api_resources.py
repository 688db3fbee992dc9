"""``kctl api-resources`` and ``kctl api-versions`` against the real control plane, compared
byte for byte with kubectl on the same server, with CRDs and a broken APIService installed.

Discovery is shared by the whole test session, so a comparison runs kubectl, kctl and kubectl
again: when kubectl's two answers agree nothing changed in between and kctl must print exactly
the same; otherwise (another test's CRD still terminating) the triple is repeated.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytestmark = pytest.mark.integration


@dataclass
class APIFixtures:
    """Two CRDs sharing the plural ``widgets`` in different groups (one with two versions,
    short names and a category), and an APIService whose backing Service does not exist."""

    alpha: str  # group of widgets (namespaced, kind Widget, v1 + v1beta1)
    beta: str  # group of widgets (cluster-scoped, kind Gizmo, v2)
    broken: str  # APIService group with no backend (stale in aggregated discovery)
    short: str  # short name both CRDs declare
    only_alpha_short: str
    category: str


def manifests(f: APIFixtures) -> str:
    schema = "{openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}"
    return f"""
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {{name: widgets.{f.alpha}}}
spec:
  group: {f.alpha}
  scope: Namespaced
  names:
    plural: widgets
    singular: widget
    kind: Widget
    shortNames: [{f.short}, {f.only_alpha_short}]
    categories: [{f.category}]
  versions:
  - {{name: v1, served: true, storage: true, schema: {schema}}}
  - {{name: v1beta1, served: true, storage: false, schema: {schema}}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {{name: widgets.{f.beta}}}
spec:
  group: {f.beta}
  scope: Cluster
  names: {{plural: widgets, singular: widget, kind: Gizmo, shortNames: [{f.short}]}}
  versions:
  - {{name: v2, served: true, storage: true, schema: {schema}}}
"""


def broken_apiservice(f: APIFixtures) -> str:
    return f"""
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {{name: v1beta1.{f.broken}}}
spec:
  group: {f.broken}
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service: {{name: no-such-service-{f.category}, namespace: default, port: 443}}
"""


def wait_until(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


@pytest.fixture
def api_fixtures(apply: Any, kubectl: Any) -> Iterator[APIFixtures]:
    """Install the CRDs and the broken APIService with groups unique to this test; wait until
    discovery serves them; remove them afterwards."""
    sfx = secrets.token_hex(3)
    f = APIFixtures(
        alpha=f"alpha{sfx}.kctl.example.com",
        beta=f"beta{sfx}.kctl.example.org",
        broken=f"broken{sfx}.kctl.example.com",
        short=f"kw{sfx}",
        only_alpha_short=f"ka{sfx}",
        category=f"gadgets{sfx}",
    )
    apply(manifests(f))
    apply(broken_apiservice(f))
    try:
        kubectl(
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            f"crd/widgets.{f.alpha}",
            f"crd/widgets.{f.beta}",
        )

        def served() -> bool:
            out = kubectl("api-resources", "-o", "name").stdout.split()
            return f"widgets.{f.alpha}" in out and f"widgets.{f.beta}" in out

        wait_until(served, "the CRDs in discovery")
        yield f
    finally:
        kubectl("delete", "--wait=false", "--ignore-not-found", "apiservice", f"v1beta1.{f.broken}")
        kubectl(
            "delete",
            "--wait=false",
            "--ignore-not-found",
            f"crd/widgets.{f.alpha}",
            f"crd/widgets.{f.beta}",
        )


def same_as_kubectl(kctl: Any, kubectl: Any, *args: str, attempts: int = 4) -> Any:
    """Run kubectl, kctl, kubectl; when kubectl's answers agree, kctl's must be identical."""
    for _ in range(attempts):
        before = kubectl(*args)
        ours = kctl(*args)
        after = kubectl(*args)
        if (before.code, before.stdout) == (after.code, after.stdout):
            assert ours.stdout == before.stdout, f"kctl {' '.join(args)}: {ours}"
            assert ours.code == before.code, f"kctl {' '.join(args)}: {ours}"
            return ours
        time.sleep(1)
    raise AssertionError(f"discovery kept changing during kubectl {' '.join(args)}")


def test_api_resources_matches_kubectl(api_fixtures: APIFixtures, kctl: Any, kubectl: Any) -> None:
    f = api_fixtures
    table = same_as_kubectl(kctl, kubectl, "api-resources").stdout
    widgets = [line.split() for line in table.splitlines() if line.startswith("widgets ")]
    assert ["widgets", f"{f.short},{f.only_alpha_short}", f"{f.alpha}/v1", "true", "Widget"] in (
        widgets
    )
    assert ["widgets", f.short, f"{f.beta}/v2", "false", "Gizmo"] in widgets
    for args in (
        ["-o", "wide"],
        ["-o", "name"],
        ["--namespaced=false"],
        ["--namespaced"],
        [f"--api-group={f.alpha}"],
        ["--api-group="],
        ["--sort-by=name"],
        ["--sort-by=kind", "-o", "wide"],
        ["--verbs=list,watch", "--no-headers"],
        [f"--categories={f.category}", "-o", "wide"],
        ["--api-group=no.such.group"],
    ):
        same_as_kubectl(kctl, kubectl, "api-resources", *args)


def test_api_resources_documents_match_kubectl(
    api_fixtures: APIFixtures, kctl: Any, kubectl: Any
) -> None:
    for output in ("json", "yaml", "kyaml"):
        same_as_kubectl(kctl, kubectl, "api-resources", "-o", output)
    same_as_kubectl(kctl, kubectl, "api-resources", "-o", "json", "--api-group=no.such.group")


def test_api_versions_matches_kubectl(api_fixtures: APIFixtures, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(kctl, kubectl, "api-versions")
    lines = result.stdout.splitlines()
    assert f"{api_fixtures.alpha}/v1" in lines and f"{api_fixtures.alpha}/v1beta1" in lines
    assert not any(line.startswith(api_fixtures.broken) for line in lines)


def test_stale_group_is_reported_by_name(api_fixtures: APIFixtures, kctl: Any) -> None:
    gv = f"{api_fixtures.broken}/v1beta1"
    expected = (
        f"Warning: {gv} is unavailable: the server reports its discovery information as stale"
    )

    def reported() -> bool:
        return expected in kctl("api-resources", "-o", "name").stderr.splitlines()

    wait_until(reported, "the broken APIService to be reported")
    result = kctl("api-resources", "-o", "name")
    assert result.code == 0
    assert result.stderr.splitlines().count(expected) == 1
    assert f"widgets.{api_fixtures.alpha}" in result.stdout.split()


def test_usage_errors(kctl: Any, kubectl: Any) -> None:
    for args in (
        ["extra"],
        ["-o", "foo"],
        ["-o", "custom-columns=A:.a"],
        ["-o", "kyaml=x"],
        ["--sort-by=bar"],
        ["--cached=maybe"],
    ):
        theirs = kubectl("api-resources", *args)
        ours = kctl("api-resources", *args)
        assert ours.code == theirs.code == 1
        assert ours.stdout == theirs.stdout == ""
        assert ours.stderr == theirs.stderr.replace("kubectl", "kctl")
