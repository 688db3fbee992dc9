"""``kctl get -o jsonpath / custom-columns / --sort-by`` against the real control plane,
compared byte for byte (stdout, stderr, exit code) with kubectl on the same objects.

No AGE column appears in these outputs, so no clock handling is needed. Where kctl differs
from kubectl on purpose (a --sort-by path no object has, --no-headers with
custom-columns-file, the opt-in filter extensions) the test says so and checks both sides.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.templates.kctl.test}
spec:
  group: templates.kctl.test
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""

# Names chosen so natural order (pod-2 < pod-10) and byte order disagree; memory and cpu so
# that quantity order disagrees with text order; ties avoided (kubectl's sort is unstable).
OBJECTS = """
apiVersion: templates.kctl.test/v1
kind: Gadget
metadata: {name: g-10, labels: {app: web, app.kubernetes.io/name: frontend}}
spec: {size: 10, ratio: 0.25, big: 1234567.5, on: true, mem: 1Gi, cpu: 250m,
       note: "<b> & 'q'", ports: [{port: 80}, {port: 443}], tags: [a, b]}
---
apiVersion: templates.kctl.test/v1
kind: Gadget
metadata: {name: g-2, labels: {app: db}}
spec: {size: 2, ratio: 1.5, big: 100000000000000000000.0, on: false, mem: 100Mi, cpu: "2",
       note: "tab\\tand\\nnewline", ports: [{port: 5432}], tags: []}
---
apiVersion: templates.kctl.test/v1
kind: Gadget
metadata: {name: g-1, labels: {app: cache, tier: backend}}
spec: {size: 7, ratio: 2.0, mem: 512Mi, cpu: 1500m, ports: []}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings-10}
data: {size: "10", memory: 2Gi}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings-9}
data: {size: "9", memory: 900Mi}
"""


def _in_namespace(manifest: str, namespace: str) -> str:
    return manifest.replace("metadata: {name:", f"metadata: {{namespace: {namespace}, name:")


@pytest.fixture
def seeded(namespace: str, kubectl_ok: Any, apply: Callable[[str], Any]) -> Iterator[str]:
    apply(CRD)
    kubectl_ok("wait", "--for=condition=established", "crd/gadgets.templates.kctl.test")
    apply(_in_namespace(OBJECTS, namespace))
    yield namespace


def compare(kctl: Any, kubectl: Any, *args: str, **kwargs: Any) -> Any:
    """Run both; assert equal exit code, stdout and stderr; return kubectl's result."""
    want = kubectl(*args, **kwargs)
    got = kctl(*args, **kwargs)
    assert (got.code, got.stdout, got.stderr) == (want.code, want.stdout, want.stderr), (
        f"args: {args}\nkubectl: {want}\nkctl:    {got}"
    )
    return want


JSONPATH_TEMPLATES = [
    "{.items[*].metadata.name}",
    '{range .items[*]}{.metadata.name}{"\\t"}{.spec.size}{"\\n"}{end}',
    "{.items[*].spec.ratio} {.items[*].spec.big} {.items[*].spec.on}",
    "{.items[0].spec.ports}|{.items[0].metadata.labels}|{.items[0].spec.note}",
    "{.items[*].metadata.labels.app\\.kubernetes\\.io/name}",
    "{.items[0].metadata.labels['app.kubernetes.io/name']}",
    "{.items[?(@.spec.size>5)].metadata.name}",
    '{.items[?(@.metadata.labels.app=="db")].spec.mem}',
    "{.items[?(@.spec.on)].metadata.name}",
    "{.items[-1:].metadata.name} {.items[0:2].metadata.name} {.items[::2].metadata.name}",
    "{range .items[*]}{.metadata.name}:{range .spec.ports[*]}{.port},{end};{end}",
    "{.apiVersion} {.kind} {.metadata}",
    "name: {.items[0].metadata.name}\\n",
    "{..port}",
]


def test_jsonpath_matches_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    for template in JSONPATH_TEMPLATES:
        compare(kctl, kubectl, "get", "gadgets", "-n", seeded, "-o", f"jsonpath={template}")
    # one named object: the template sees the object itself, not a List
    compare(
        kctl,
        kubectl,
        "get",
        "gadget",
        "g-10",
        "-n",
        seeded,
        "-o",
        "jsonpath={.metadata.name} {.spec.tags} {.spec.big}",
    )
    # several names or types: the List wrapper again
    compare(
        kctl,
        kubectl,
        "get",
        "gadget/g-10",
        "configmap/settings-9",
        "-n",
        seeded,
        "-o",
        "jsonpath={.items[*].kind}",
    )


def test_jsonpath_errors_match_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    ns = ("-n", seeded)
    # execution errors dump the whole object, so these also pin the %#v rendering
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath={.items[5].metadata.name}")
    compare(
        kctl,
        kubectl,
        "get",
        "gadgets",
        *ns,
        "-o",
        "jsonpath={.items[*].spec.nope}",
        "--allow-missing-template-keys=false",
    )
    compare(kctl, kubectl, "get", "gadget", "g-1", *ns, "-o", "jsonpath={.spec.ratio[0]}")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath={end}")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath={.items[?(@.spec.size>1.5)]}")
    # parse errors
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath={.items[0")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", 'jsonpath={.items["x"]}')
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath={.a{")


def test_jsonpath_variants_match_kubectl(
    seeded: str, kctl: Any, kubectl: Any, tmp_path: Path
) -> None:
    ns = ("-n", seeded)
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath-as-json={.items[*].spec.size}")
    compare(
        kctl,
        kubectl,
        "get",
        "gadgets",
        *ns,
        "-o",
        "jsonpath-as-json=x{range .items[*]}{.spec.ports}{end}",
    )
    compare(
        kctl,
        kubectl,
        "get",
        "gadgets",
        *ns,
        "-o",
        "jsonpath",
        "--template={.items[*].metadata.name}",
    )
    template = tmp_path / "names.jsonpath"
    template.write_text('{range .items[*]}{.metadata.name}{"\\n"}{end}')
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", f"jsonpath-file={template}")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", "jsonpath=")


CUSTOM_COLUMNS = [
    "NAME:.metadata.name,SIZE:.spec.size,RATIO:{.spec.ratio},BIG:spec.big",
    "name:.metadata.name,ports:.spec.ports[*].port,tags:.spec.tags,labels:.metadata.labels",
    "N:{.metadata.name},NOTE:.spec.note,ON:.spec.on,MISSING:.spec.nothing",
    "PORT0:.spec.ports[0].port",
    "A:.metadata.name,EMPTY:",
]


def test_custom_columns_match_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    ns = ("-n", seeded)
    for spec in CUSTOM_COLUMNS:
        compare(kctl, kubectl, "get", "gadgets", *ns, "-o", f"custom-columns={spec}")
    compare(
        kctl,
        kubectl,
        "get",
        "gadgets",
        *ns,
        "-o",
        f"custom-columns={CUSTOM_COLUMNS[0]}",
        "--no-headers",
    )
    compare(kctl, kubectl, "get", "gadget", "g-2", *ns, "-o", f"custom-columns={CUSTOM_COLUMNS[1]}")
    compare(
        kctl,
        kubectl,
        "get",
        "gadgets,configmaps",
        *ns,
        "-o",
        "custom-columns=KIND:.kind,NAME:.metadata.name",
    )


def test_custom_columns_errors_match_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    ns = ("-n", seeded)
    for spec in ["", "NAME", "A:{.a}{.b}", "A:.spec.ports[9].port", "A:.spec.x,B"]:
        compare(kctl, kubectl, "get", "gadgets", *ns, "-o", f"custom-columns={spec}")
    # Deliberate difference: kubectl parses column paths only when printing, so a bad path
    # still prints the header (after a server round trip); kctl rejects it up front.
    want = kubectl("get", "gadgets", *ns, "-o", "custom-columns=A:.spec[")
    got = kctl("get", "gadgets", *ns, "-o", "custom-columns=A:.spec[")
    assert (want.code, want.stdout, want.stderr) == (1, "A\n", "error: unterminated array\n")
    assert (got.code, got.stdout, got.stderr) == (1, "", "error: unterminated array\n")


def test_custom_columns_file(seeded: str, kctl: Any, kubectl: Any, tmp_path: Path) -> None:
    ns = ("-n", seeded)
    spec = tmp_path / "cols.txt"
    spec.write_text("NAME    MEM        PORTS\n.metadata.name  {.spec.mem}  spec.ports[*].port\n")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", f"custom-columns-file={spec}")
    bad = tmp_path / "bad.txt"
    bad.write_text("NAME MEM\n.metadata.name\n")
    compare(kctl, kubectl, "get", "gadgets", *ns, "-o", f"custom-columns-file={bad}")
    # kubectl prints the header even with --no-headers here; kctl keeps that for scripts
    compare(
        kctl, kubectl, "get", "gadgets", *ns, "-o", f"custom-columns-file={spec}", "--no-headers"
    )


SORTS = [".metadata.name", "{.spec.size}", ".spec.mem", "spec.cpu", ".spec.note"]


def test_sort_by_matches_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    ns = ("-n", seeded)
    for path in SORTS:
        compare(kctl, kubectl, "get", "gadgets", *ns, "--sort-by", path, "-o", "name")
        compare(
            kctl,
            kubectl,
            "get",
            "gadgets",
            *ns,
            "--sort-by",
            path,
            "-o",
            "custom-columns=NAME:.metadata.name,SIZE:.spec.size,MEM:.spec.mem",
        )
        compare(
            kctl,
            kubectl,
            "get",
            "gadgets",
            *ns,
            "--sort-by",
            path,
            "-o",
            "jsonpath={.items[*].metadata.name}",
        )
    # tables: the server's Table rows, sorted by their embedded objects
    compare(
        kctl,
        kubectl,
        "get",
        "configmaps",
        *ns,
        "--sort-by",
        ".data.memory",
        "-o",
        "custom-columns=NAME:.metadata.name",
    )
    names = compare(kctl, kubectl, "get", "gadgets", *ns, "--sort-by", ".spec.mem", "-o", "name")
    assert names.stdout.split() == [
        "gadget.templates.kctl.test/g-2",
        "gadget.templates.kctl.test/g-1",
        "gadget.templates.kctl.test/g-10",
    ]
    table = compare(
        kctl,
        kubectl,
        "get",
        "configmaps",
        *ns,
        "--sort-by",
        ".data.size",
        "--no-headers",
        "-o",
        "custom-columns=N:.metadata.name",
    )
    assert table.stdout.split() == ["settings-9", "settings-10"]
    compare(kctl, kubectl, "get", "gadgets", *ns, "--sort-by", ".metadata.name", "-o", "json")


def test_sort_by_table_output_matches_kubectl(seeded: str, kctl: Any, kubectl: Any) -> None:
    # Name + Age columns: compare names only, AGE may tick between the two runs
    for path in (".spec.size", ".metadata.name", ".spec.mem"):
        want = kubectl("get", "gadgets", "-n", seeded, "--sort-by", path, "--no-headers")
        got = kctl("get", "gadgets", "-n", seeded, "--sort-by", path, "--no-headers")
        assert got.code == want.code == 0, got
        assert [line.split()[0] for line in got.stdout.splitlines()] == [
            line.split()[0] for line in want.stdout.splitlines()
        ]


def test_sort_by_mixed_int_and_float(seeded: str, kctl: Any, kubectl: Any) -> None:
    """The server returns ratio 2.0 as the integer 2: kubectl aborts on int vs float, kctl
    compares the numbers."""
    want = kubectl("get", "gadgets", "-n", seeded, "--sort-by", "{.spec.ratio}", "-o", "name")
    assert want.code == 1
    assert "unsortable type" in want.stderr
    got = kctl("get", "gadgets", "-n", seeded, "--sort-by", "{.spec.ratio}", "-o", "name")
    assert (got.code, got.stderr) == (0, "")
    assert [line.rpartition("/")[2] for line in got.stdout.split()] == ["g-10", "g-2", "g-1"]


def test_sort_by_unknown_path_is_an_error(seeded: str, kctl: Any, kubectl: Any) -> None:
    """kctl does better than kubectl here: an error instead of a silent empty table."""
    want = kubectl("get", "gadgets", "-n", seeded, "--sort-by", ".spec.nothing")
    assert (want.code, want.stdout) == (0, "")
    got = kctl("get", "gadgets", "-n", seeded, "--sort-by", ".spec.nothing")
    assert got.code == 1
    assert got.stderr == (
        'error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n'
    )
    # with -o json kubectl reports it too, in the same words
    compare(
        kctl, kubectl, "get", "gadgets", "-n", seeded, "--sort-by", ".spec.nothing", "-o", "json"
    )


def test_filter_extensions_on_request(seeded: str, kctl: Any) -> None:
    template = 'jsonpath={.items[?(@.spec.size>5 && @.metadata.name=~"-1")].metadata.name}'
    plain = kctl("get", "gadgets", "-n", seeded, "-o", template)
    assert plain.code == 1
    assert "unrecognized character in action: U+0026 '&'" in plain.stderr
    extended = kctl(
        "get", "gadgets", "-n", seeded, "-o", template, env={"KCTL_JSONPATH_EXTENSIONS": "1"}
    )
    # items come in the server's (name) order
    assert (extended.code, extended.stdout, extended.stderr) == (0, "g-1 g-10", "")


def test_recorder_reproduces_the_conformance_table(cluster: Any, tmp_path: Path) -> None:
    """The unit suite's table is kubectl's output: re-recording it with this run's kubectl
    gives the same file (so it is neither stale nor hand-edited)."""
    import sys

    root = Path(__file__).resolve().parents[2]
    fresh = tmp_path / "jsonpath_cases.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.unit.record_jsonpath_cases",
            str(cluster.kubectl),
            str(fresh),
        ],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert fresh.read_text() == (root / "tests" / "unit" / "jsonpath_cases.py").read_text()
