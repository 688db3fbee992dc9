"""``get pods -A`` as a table: a list that proves big (its first page has a continue token) goes
on one namespace at a time, as Tables without objects; a small one stays one request; a refused
namespace list falls back to the cluster-wide continue token; a vanished namespace is skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.faultserver import (
    Exchange,
    FaultServer,
    assert_clean,
    pod_table,
    run_kctl,
    status,
)

ALL_PODS = "/api/v1/pods"
NAMESPACES = "/api/v1/namespaces"


def _with_metadata(table: dict[str, Any], namespace: str) -> dict[str, Any]:
    """Rows carrying object metadata, as the server's default (includeObject=Metadata) has it."""
    for row in table["rows"]:
        row["object"] = {
            "kind": "PartialObjectMetadata",
            "apiVersion": "meta.k8s.io/v1",
            "metadata": {"name": row["cells"][0], "namespace": namespace, "managedFields": []},
        }
    return table


def _namespace_table(*names: str, cont: str = "") -> dict[str, Any]:
    table = pod_table(*names, cont=cont)
    table["columnDefinitions"] = table["columnDefinitions"][:1]
    for row in table["rows"]:
        row["cells"] = row["cells"][:1]
    return table


def _big_cluster(fs: FaultServer, refuse_namespaces: bool = False) -> None:
    """Pods in ``a`` (x, y, z), ``a-b`` (m) and ``b`` (n); pages of 2 cluster-wide, in the
    server's key order (``a-b/`` before ``a/``)."""

    def all_pods(ex: Exchange) -> None:
        assert "includeObject" not in ex.query  # the server default: row metadata
        if "continue=" not in ex.query:
            first = pod_table("m", "x", cont="T1")
            first["rows"][0]["object"] = _with_metadata(pod_table("m"), "a-b")["rows"][0]["object"]
            first["rows"][1]["object"] = _with_metadata(pod_table("x"), "a")["rows"][0]["object"]
            ex.respond(200, first)
        elif "continue=T1" in ex.query:
            ex.respond(200, _with_metadata(pod_table("y", "z", cont="T2"), "a"))
        else:
            ex.respond(200, _with_metadata(pod_table("n"), "b"))

    def namespaces(ex: Exchange) -> None:
        if refuse_namespaces:
            ex.respond(403, status(403, "Forbidden", 'namespaces is forbidden: User "u"'))
        elif "continue=" not in ex.query:
            ex.respond(200, _namespace_table("a", "a-b", cont="N1"))
        else:
            ex.respond(200, _namespace_table("b", "default"))

    def in_namespace(namespace: str, *names: str) -> None:
        def handler(ex: Exchange) -> None:
            assert "includeObject=None" in ex.query and "limit=2" in ex.query
            ex.respond(200, pod_table(*names))

        fs.route(f"{NAMESPACES}/{namespace}/pods", handler)

    fs.route(ALL_PODS, all_pods)
    fs.route(NAMESPACES, namespaces)
    in_namespace("a", "x", "y", "z")
    in_namespace("b", "n")
    in_namespace("default")


EXPECTED = """\
NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE
a-b         m      1/1     Running   0          1m
a           x      1/1     Running   0          1m
a           y      1/1     Running   0          1m
a           z      1/1     Running   0          1m
b           n      1/1     Running   0          1m
"""


def _asked(fs: FaultServer) -> list[str]:
    return [ex.target for ex in fs.requests if ex.path not in ("/api", "/apis")]


def test_a_big_list_goes_on_per_namespace_without_objects(fs: FaultServer, tmp_path: Path) -> None:
    _big_cluster(fs)
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2")
    assert_clean(r)
    assert (r.code, r.stdout, r.stderr) == (0, EXPECTED, "")
    asked = _asked(fs)
    assert asked[0] == f"{ALL_PODS}?limit=2"
    assert asked[1:3] == [
        f"{NAMESPACES}?includeObject=None&limit=2",
        f"{NAMESPACES}?includeObject=None&limit=2&continue=N1",
    ]
    # a (where the first page stopped), then b and default; a-b sorts before a: done already
    assert asked[3:] == [
        f"{NAMESPACES}/{ns}/pods?includeObject=None&limit=2" for ns in ("a", "b", "default")
    ]


def test_selectors_and_wide_reach_every_namespace(fs: FaultServer, tmp_path: Path) -> None:
    _big_cluster(fs)
    r = run_kctl(
        tmp_path,
        fs.url,
        "get",
        "pods",
        "-A",
        "--chunk-size=2",
        "-o",
        "wide",
        "-l",
        "app=web",
        "--field-selector",
        "status.phase=Running",
    )
    assert_clean(r)
    assert (r.code, r.stdout) == (0, EXPECTED)
    per_namespace = [t for t in _asked(fs) if t.startswith(f"{NAMESPACES}/")]
    assert len(per_namespace) == 3
    assert all(
        "labelSelector=app%3Dweb" in t and "fieldSelector=status.phase%3DRunning" in t
        for t in per_namespace
    )


def test_a_small_list_is_one_request(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(ALL_PODS, lambda ex: ex.respond(200, _with_metadata(pod_table("x", "y"), "a")))
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A")
    assert_clean(r)
    assert r.code == 0 and r.stdout.splitlines()[1].startswith("a           x")
    assert _asked(fs) == [f"{ALL_PODS}?limit=500"]


def test_namespaces_refused_falls_back_to_the_continue_token(
    fs: FaultServer, tmp_path: Path
) -> None:
    _big_cluster(fs, refuse_namespaces=True)
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2")
    assert_clean(r)
    assert (r.code, r.stdout, r.stderr) == (0, EXPECTED, "")
    assert _asked(fs) == [
        f"{ALL_PODS}?limit=2",
        f"{NAMESPACES}?includeObject=None&limit=2",
        f"{ALL_PODS}?limit=2&continue=T1",
        f"{ALL_PODS}?limit=2&continue=T2",
    ]


def test_a_namespace_that_went_away_is_skipped(fs: FaultServer, tmp_path: Path) -> None:
    _big_cluster(fs)
    gone = status(404, "NotFound", 'namespaces "b" not found')
    fs.route(f"{NAMESPACES}/b/pods", lambda ex: ex.respond(404, gone))
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2")
    assert_clean(r)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == "".join(line for line in EXPECTED.splitlines(True) if " n " not in line)


def test_other_errors_in_a_namespace_are_reported_as_for_the_list(
    fs: FaultServer, tmp_path: Path
) -> None:
    _big_cluster(fs)
    boom = status(500, "InternalError", "etcd is sad")
    fs.route(f"{NAMESPACES}/b/pods", lambda ex: ex.respond(500, boom))
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2")
    assert_clean(r)
    assert r.code == 1 and "etcd is sad" in r.stderr
    assert "x      1/1" in r.stdout and " n " not in r.stdout


def test_label_columns_keep_the_cluster_wide_pages(fs: FaultServer, tmp_path: Path) -> None:
    _big_cluster(fs)
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2", "-L", "app")
    assert_clean(r)
    assert r.code == 0
    assert [t for t in _asked(fs) if t.startswith(NAMESPACES)] == []


def test_a_namespace_field_selector_keeps_the_cluster_wide_pages(
    fs: FaultServer, tmp_path: Path
) -> None:
    # the server scans one namespace then, and kubectl prints what its continue tokens give
    _big_cluster(fs)
    selector = "--field-selector=metadata.namespace=a"
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-A", "--chunk-size=2", selector)
    assert_clean(r)
    assert r.code == 0
    assert [t for t in _asked(fs) if t.startswith(NAMESPACES)] == []
