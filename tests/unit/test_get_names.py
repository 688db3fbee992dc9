"""``get -o name`` asks for a Table without objects (the names are all it prints), and falls
back to the objects when a server ignores the Table request."""

from __future__ import annotations

from pathlib import Path

from tests.faultserver import (
    Exchange,
    FaultServer,
    assert_clean,
    pod_list,
    pod_table,
    run_kctl,
)

PODS = "/api/v1/namespaces/default/pods"


def test_names_come_from_a_table_without_objects(fs: FaultServer, tmp_path: Path) -> None:
    fs.requests.clear()
    fs.route(PODS, lambda ex: ex.respond(200, pod_table("a", "b")))
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-o", "name")
    assert_clean(r)
    assert (r.code, r.stdout, r.stderr) == (0, "pod/a\npod/b\n", "")
    asked = [ex for ex in fs.requests if ex.path == PODS]
    assert len(asked) == 1 and "includeObject=None" in asked[0].query
    assert "as=Table" in asked[0].headers["accept"]


def test_a_server_without_tables_still_gives_the_names(fs: FaultServer, tmp_path: Path) -> None:
    def objects_only(ex: Exchange) -> None:
        ex.respond(200, pod_list("x", "y"))

    fs.route(PODS, objects_only)
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-o", "name")
    assert_clean(r)
    assert (r.code, r.stdout) == (0, "pod/x\npod/y\n")
