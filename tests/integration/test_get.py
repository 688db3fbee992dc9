"""``kctl get`` against the real control plane, compared byte for byte with kubectl.

AGE cells tick every second of the API server's clock, so a comparison runs kubectl, kctl and
kubectl again right after a second boundary; when kubectl's two outputs agree, nothing ticked in
between and kctl must print exactly the same (no normalisation).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

pytestmark = pytest.mark.integration

LONG = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua"
)
PODS = """
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  labels: {app: web, app.kubernetes.io/name: frontend}
  annotations: {note: "<b> & 'quotes'"}
spec:
  containers: [{name: c, image: "registry.k8s.io/pause:3.10"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db-with-a-much-longer-name
  labels: {app: db}
spec:
  containers:
  - name: c
    image: "registry.k8s.io/pause:3.10"
    env:
    - {name: A, value: "yes"}
    - {name: B, value: "1.0"}
    - {name: C, value: "2024-01-01T00:00:00Z"}
    - {name: D, value: "two\\nlines"}
    - {name: E, value: ""}
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
  labels: {app: cache, tier: backend}
spec:
  containers: [{name: c, image: "registry.k8s.io/pause:3.10"}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
  selector: {app: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx}
spec:
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: c, image: "registry.k8s.io/pause:3.10"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  plain: value
  boolish: "on"
  number: "012"
  float: "1e3"
  stamp: "2024-05-01"
  empty: ""
  colon: "a: b"
  multi: "first\\nsecond\\n"
  unicode: "ünïcödé ✓"
  long: "@LONG@"
  html: "<a href='x'>&amp;</a>"
""".replace("@LONG@", LONG)

CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gears.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gears, singular: gear, kind: Gear, shortNames: [gr]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Ratio, type: number, jsonPath: .spec.ratio}
    - {name: Enabled, type: boolean, jsonPath: .spec.enabled}
    - {name: Note, type: string, jsonPath: .spec.note}
    - {name: Detail, type: string, jsonPath: .spec.detail, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
"""

GEARS = """
apiVersion: example.com/v1
kind: Gear
metadata: {name: small}
spec: {size: 3, ratio: 0.5, enabled: true, note: "first line\\nsecond line", detail: wide-only}
---
apiVersion: example.com/v1
kind: Gear
metadata: {name: large}
spec: {size: 1234567, ratio: 1000000.5, enabled: false, note: "esc \\u001b[31mred", detail: x}
---
apiVersion: example.com/v1
kind: Gear
metadata: {name: bare}
spec: {}
"""


def _after_second_boundary() -> None:
    frac = time.time() % 1.0
    if frac > 0.05:
        time.sleep(1.0 - frac + 0.02)


def _normalise_err(text: str) -> str:
    return text.replace("kubectl", "kctl")


def same_as_kubectl(kctl: Any, kubectl: Any, *args: str, **kwargs: Any) -> Any:
    """Assert kctl's (code, stdout, stderr) equal kubectl's for the same server state."""
    for _ in range(15):
        _after_second_boundary()
        before = kubectl(*args, **kwargs)
        mine = kctl(*args, **kwargs)
        after = kubectl(*args, **kwargs)
        if before == after:
            assert mine.stdout == before.stdout, f"kctl {' '.join(args)}: stdout differs"
            assert _normalise_err(mine.stderr) == _normalise_err(before.stderr)
            assert mine.code == before.code
            return mine
    pytest.fail(
        f"kubectl {' '.join(args)} never printed the same twice in a row:\n{before}\n{after}"
    )


def _apply_in(apply: Any, namespace: str, manifest: str) -> None:
    docs = []
    for doc in manifest.split("---"):
        doc = doc.strip("\n")
        lines = doc.splitlines()
        out = []
        for line in lines:
            out.append(line)
            if line.startswith("metadata:"):
                if line.strip() == "metadata:":
                    out.append(f"  namespace: {namespace}")
                else:  # flow style: metadata: {name: x}
                    out[-1] = line.replace("{", f"{{namespace: {namespace}, ", 1)
        docs.append("\n".join(out))
    apply("\n---\n".join(docs) + "\n")


@pytest.fixture
def seeded(namespace: str, apply: Any) -> str:
    _apply_in(apply, namespace, PODS)
    return namespace


@pytest.fixture(scope="session")
def gear_crd(cluster: Any) -> None:
    import subprocess

    # A private HOME: without one kubectl writes its cache to ./.kube (the working directory).
    home = cluster.workdir / "gear-crd-home"
    home.mkdir(exist_ok=True)
    env = {"KUBECONFIG": str(cluster.admin_kubeconfig), "PATH": "/usr/bin:/bin", "HOME": str(home)}
    subprocess.run(
        [str(cluster.kubectl), "apply", "-f", "-"],
        input=CRD,
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            str(cluster.kubectl),
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            "crd/gears.example.com",
        ],
        env=env,
        check=True,
        capture_output=True,
    )


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["-o", "wide"],
        ["--show-labels"],
        ["-L", "app,app.kubernetes.io/name", "-L", "tier"],
        ["--no-headers"],
        ["--show-kind"],
        ["-l", "app in (web,db)"],
        ["--field-selector", "metadata.name=cache"],
        ["--chunk-size", "2"],
        ["--chunk-size", "1", "-o", "wide", "--show-labels"],
        ["--sort-by", "{.metadata.name}"],
    ],
    ids=lambda a: " ".join(a) or "plain",
)
def test_pods_table_matches_kubectl(seeded: str, kctl: Any, kubectl: Any, extra: list[str]) -> None:
    result = same_as_kubectl(kctl, kubectl, "get", "pods", "-n", seeded, *extra)
    assert result.code == 0 and result.stdout


def test_several_types_and_all_match_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(kctl, kubectl, "get", "pods,svc,cm", "-n", seeded)
    assert "pod/web-1" in result.stdout and "\n\nNAME" in result.stdout
    same_as_kubectl(kctl, kubectl, "get", "all", "-n", seeded)
    same_as_kubectl(kctl, kubectl, "get", "all", "-n", seeded, "--no-headers")
    same_as_kubectl(kctl, kubectl, "get", "pods/web-1", "svc/web", "deploy/nginx", "-n", seeded)
    same_as_kubectl(kctl, kubectl, "get", "pods,svc", "web", "-n", seeded)


@pytest.mark.parametrize("extra", [[], ["-o", "wide"], ["--no-headers"]], ids=str)
def test_a_cluster_scoped_type_after_a_namespaced_one_keeps_the_namespace_column(
    namespace: str, kctl: Any, kubectl: Any, extra: list[str]
) -> None:
    # the namespace itself is the one object named so: no pod, then one namespace row
    only = ["--field-selector", f"metadata.name={namespace}", *extra]
    after = same_as_kubectl(kctl, kubectl, "get", "pods,namespaces", "-A", *only)
    before = same_as_kubectl(kctl, kubectl, "get", "namespaces,pods", "-A", *only)
    if not extra:
        assert after.stdout.startswith("NAMESPACE ") and namespace in after.stdout
        assert before.stdout.startswith("NAME ")


def test_all_namespaces_matches_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(kctl, kubectl, "get", "pods", "-A")
    assert "NAMESPACE" in result.stdout and seeded in result.stdout
    same_as_kubectl(
        kctl,
        kubectl,
        "get",
        "pods",
        "-A",
        "--chunk-size",
        "1",
        "--field-selector",
        f"metadata.namespace={seeded}",
    )
    # cluster-scoped: no NAMESPACE column, "No resources found" without a namespace
    same_as_kubectl(kctl, kubectl, "get", "namespaces", seeded, "-A")
    same_as_kubectl(kctl, kubectl, "get", "nodes", "-A")


def test_crd_printer_columns_match_kubectl(
    gear_crd: None, namespace: str, apply: Any, kctl: Any, kubectl: Any
) -> None:
    _apply_in(apply, namespace, GEARS)
    result = same_as_kubectl(kctl, kubectl, "get", "gears", "-n", namespace)
    assert "SIZE" in result.stdout and "^[" in result.stdout and "..." in result.stdout
    same_as_kubectl(kctl, kubectl, "get", "gr", "-n", namespace, "-o", "wide")
    same_as_kubectl(kctl, kubectl, "get", "gears.v1.example.com", "small", "-n", namespace)
    same_as_kubectl(kctl, kubectl, "get", "gears,pods", "-n", namespace)


def test_missing_name_among_found_ones(seeded: str, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(kctl, kubectl, "get", "pods", "web-1", "nope", "cache", "-n", seeded)
    assert result.code == 1
    assert 'Error from server (NotFound): pods "nope" not found' in result.stderr
    same_as_kubectl(kctl, kubectl, "get", "pods/web-1", "svc/nope", "-n", seeded)
    same_as_kubectl(kctl, kubectl, "get", "pods", "nope", "nada", "-n", seeded)
    same_as_kubectl(
        kctl, kubectl, "get", "pods", "web-1", "nope", "-n", seeded, "--ignore-not-found"
    )


def test_empty_namespace_messages(namespace: str, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(kctl, kubectl, "get", "pods", "-n", namespace)
    assert result.stderr == f"No resources found in {namespace} namespace.\n"
    same_as_kubectl(kctl, kubectl, "get", "pods,svc", "-n", namespace)
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", namespace, "--ignore-not-found")
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", namespace, "-o", "json")
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", namespace, "-o", "yaml")
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", namespace, "-o", "name")
    same_as_kubectl(
        kctl, kubectl, "get", "pods", "-n", namespace, "-o", "json", "--ignore-not-found"
    )


def test_forbidden_list_for_the_limited_user(cluster: Any, kctl: Any, kubectl: Any) -> None:
    limited = str(cluster.limited_kubeconfig)
    result = same_as_kubectl(kctl, kubectl, "get", "pods", "-n", "default", kubeconfig=limited)
    assert result.code == 1 and "(Forbidden)" in result.stderr
    same_as_kubectl(
        kctl, kubectl, "get", "secrets", "-n", cluster.limited_namespace, kubeconfig=limited
    )
    same_as_kubectl(
        kctl, kubectl, "get", "pods,secrets", "-n", cluster.limited_namespace, kubeconfig=limited
    )
    same_as_kubectl(
        kctl,
        kubectl,
        "get",
        "pods",
        "-n",
        cluster.limited_namespace,
        "-o",
        "name",
        kubeconfig=limited,
    )


# --------------------------------------------------------------------------- other formats


@pytest.mark.parametrize("fmt", ["json", "yaml", "kyaml", "name"])
def test_formats_match_kubectl(seeded: str, kctl: Any, kubectl: Any, fmt: str) -> None:
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", seeded, "-o", fmt)
    same_as_kubectl(kctl, kubectl, "get", "pod", "web-1", "-n", seeded, "-o", fmt)
    same_as_kubectl(kctl, kubectl, "get", "cm/settings", "-n", seeded, "-o", fmt)
    same_as_kubectl(kctl, kubectl, "get", "all", "-n", seeded, "-o", fmt)
    same_as_kubectl(kctl, kubectl, "get", "pods", "-n", seeded, "-o", fmt, "--chunk-size", "1")
    same_as_kubectl(kctl, kubectl, "get", "pods", "web-1", "nope", "-n", seeded, "-o", fmt)
    same_as_kubectl(kctl, kubectl, "get", "pod", "nope", "-n", seeded, "-o", fmt)


def test_managed_fields_kept_on_request(seeded: str, kctl: Any, kubectl: Any) -> None:
    result = same_as_kubectl(
        kctl, kubectl, "get", "pod", "web-1", "-n", seeded, "-o", "json", "--show-managed-fields"
    )
    assert '"managedFields"' in result.stdout
    plain = kctl("get", "pod", "web-1", "-n", seeded, "-o", "json")
    assert '"managedFields"' not in plain.stdout


def test_crd_objects_as_yaml_and_json(
    gear_crd: None, namespace: str, apply: Any, kctl: Any, kubectl: Any
) -> None:
    _apply_in(apply, namespace, GEARS)
    same_as_kubectl(kctl, kubectl, "get", "gears", "-n", namespace, "-o", "yaml")
    same_as_kubectl(kctl, kubectl, "get", "gears", "-n", namespace, "-o", "json")
    # kyaml: multi-line and escaped strings, numbers, booleans, an empty map, lists and one object
    same_as_kubectl(kctl, kubectl, "get", "gears", "-n", namespace, "-o", "kyaml")
    same_as_kubectl(kctl, kubectl, "get", "gear", "small", "-n", namespace, "-o", "kyaml")
    same_as_kubectl(kctl, kubectl, "get", "gears", "nope", "-n", namespace, "-o", "kyaml")
    same_as_kubectl(kctl, kubectl, "get", "crd", "gears.example.com", "-o", "yaml")


# --------------------------------------------------------------------------- errors, --raw


@pytest.mark.parametrize(
    "args",
    [
        ["get"],
        ["get", "nosuchtype"],
        ["get", "pods,nosuchtype"],
        ["get", "pods", "web-1", "svc/web"],
        ["get", "pods/a/b"],
        ["get", "pods", "-o", "bogus"],
        ["get", "-o", "bogus"],
        ["get", "nosuchtype", "-o", "bogus"],
        # kubectl fetches before it builds the printer: one missing name reports NotFound,
        # several report the format error, and nothing found under --ignore-not-found is quiet
        ["get", "pods", "nope", "-o", "bogus"],
        ["get", "pods", "nope", "nope2", "-o", "bogus"],
        ["get", "pods", "nope", "-o", "jsonpath={.x"],
        ["get", "pods", "nope", "-o", "jsonpath-file=/nonexistent/kctl-tmpl"],
        ["get", "pods", "nope", "--ignore-not-found", "-o", "bogus"],
        ["get", "pods", "-l", "kctl-none=1", "--ignore-not-found", "-o", "bogus"],
        ["get", "pods", "-o", "kyaml=x"],
        ["get", "pods", "-o", "json=x"],
        ["get", "pods", "-o", ""],
        ["get", "pods", "-o", "jsonpath="],
        ["get", "pods", "-o", "custom-columns="],
        ["get", "pods", "-o", "custom-columns"],
        ["get", "pods", "-o", "json", "--show-labels"],
        ["get", "pods", "x", "-A"],
        ["get", "pods", "x", "-l", "a=b"],
        ["get", "pods", "-o", "jsonpath"],
        ["get", "--raw", "/api", "pods"],
        ["get", "--raw", "/api", "-o", "json"],
        ["get", "--raw", "/api", "-l", "a=b"],
        ["get", "--raw", "api/v1"],
        ["get", "--raw", "/api/v1/namespaces/default"],
        ["get", "--raw", "/api/v1/namespaces/nope-nope"],
    ],
    ids=lambda a: " ".join(a),
)
def test_errors_and_raw_match_kubectl(
    cluster: Any, kctl: Any, kubectl: Any, args: list[str]
) -> None:
    mine = kctl(*args)
    theirs = kubectl(*args)
    assert mine.code == theirs.code
    assert mine.stdout == theirs.stdout
    if "Required resource not specified" in theirs.stderr:
        # kubectl adds a hint about `kubectl explain`, a command kctl does not have
        expected = [ln for ln in theirs.stderr.splitlines() if "explain" not in ln]
        assert (
            _normalise_err(mine.stderr).splitlines()
            == _normalise_err("\n".join(expected)).splitlines()
        )
    else:
        assert _normalise_err(mine.stderr) == _normalise_err(theirs.stderr)
