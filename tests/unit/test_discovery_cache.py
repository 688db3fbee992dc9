"""The discovery cache file: kubectl's host directory rule, atomic 0600 writes, tolerant reads,
the TTL, concurrent writers, and the stdlib-only import contract (completion reads it)."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kctl.discovery import cache as dc

SERVER = "https://10.0.0.1:6443"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # the examples observed with kubectl (reference/discovery-and-mapping.md §2)
        ("https://10.0.0.1:6443", "10.0.0.1_6443"),
        ("http://localhost:18081/k8s/clusters/c-abc", "localhost_18081/k8s/clusters/c_abc"),
        ("https://[::1]:6443", "___1__6443"),
        ("https://127.0.0.1:18080", "127.0.0.1_18080"),
        # kubectl's rule keeps word characters, "/", ".", "(" and ")"
        ("https://h(1).example.com:443", "h(1).example.com_443"),
        ("https://host:6443/", "host_6443"),
    ],
)
def test_host_dir_follows_kubectl(url: str, expected: str) -> None:
    assert dc.host_dir(url) == expected


@pytest.mark.parametrize("url", ["https://h/../../etc", "https://../x", "https://h//./a/.."])
def test_host_dir_never_leaves_the_cache_root(url: str, tmp_path: Path) -> None:
    path = dc.cache_file(tmp_path, url)
    assert ".." not in path.relative_to(tmp_path).parts
    assert "." not in path.relative_to(tmp_path).parts
    assert path.resolve().is_relative_to(tmp_path.resolve())


def test_host_dir_is_ascii_only() -> None:
    assert dc.host_dir("https://bücher.example:1") == "b_cher.example_1"


def test_cache_file_layout(tmp_path: Path) -> None:
    assert dc.cache_file(tmp_path, SERVER) == (
        tmp_path / "discovery" / "10.0.0.1_6443" / "discovery.json"
    )


def doc(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "fetchedAt": 1000.0,
        "etags": {"/api": '"A"'},
        "groups": [{"name": "", "versions": ["v1"], "preferredVersion": "v1"}],
        "resources": [
            {
                "group": "",
                "version": "v1",
                "name": "pods",
                "singularName": "pod",
                "namespaced": True,
                "kind": "Pod",
                "verbs": ["get"],
                "shortNames": ["po"],
                "categories": ["all"],
            }
        ],
        "failed": {},
    }
    base.update(extra)
    return base


def test_write_then_read(tmp_path: Path) -> None:
    root = tmp_path / "new" / "root"
    path = dc.write(root, SERVER, doc())
    data = dc.read(root, SERVER)
    assert data is not None
    assert data["format"] == dc.FORMAT and data["server"] == SERVER
    assert data["resources"][0]["name"] == "pods"
    assert path.stat().st_mode & 0o777 == 0o600
    for d in (root.parent, root, root / "discovery", path.parent):
        assert d.stat().st_mode & 0o777 == 0o700, d
    assert sorted(p.name for p in path.parent.iterdir()) == ["discovery.json"]


def test_write_does_not_change_existing_directories(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    dc.write(tmp_path, SERVER, doc())
    assert tmp_path.stat().st_mode & 0o777 == 0o755


def test_read_missing_is_none(tmp_path: Path) -> None:
    assert dc.read(tmp_path, SERVER) is None


def test_read_uses_mtime_without_fetched_at(tmp_path: Path) -> None:
    path = dc.write(tmp_path, SERVER, doc())
    data = json.loads(path.read_text())
    del data["fetchedAt"]
    path.write_text(json.dumps(data))
    os.utime(path, (12345, 12345))
    read = dc.read(tmp_path, SERVER)
    assert read is not None and read["fetchedAt"] == 12345


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format=2),
        lambda d: d.update(server="https://elsewhere"),
        lambda d: d.update(groups={}),
        lambda d: d.update(resources=[{"name": "pods"}]),
        lambda d: d.update(failed=[]),
        lambda d: d["groups"].append({"versions": []}),
        lambda d: d["groups"][0].update(versions="v1"),
        lambda d: d["resources"][0].update(verbs=None),
        lambda d: d["resources"][0].update(namespaced="true"),
        lambda d: d["resources"][0].pop("singularName"),
        lambda d: d.update(failed={"x/v1": "down"}),
        lambda d: d.update(etags={"/api": 1}),
        lambda d: d.update(subresources=[{"name": "pods/log"}]),
    ],
)
def test_read_rejects_malformed_documents(tmp_path: Path, mutate: Any) -> None:
    path = dc.write(tmp_path, SERVER, doc())
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data))
    assert dc.read(tmp_path, SERVER) is None


def test_read_of_a_directory_or_garbage_is_none(tmp_path: Path) -> None:
    path = dc.cache_file(tmp_path, SERVER)
    path.mkdir(parents=True)
    assert dc.read(tmp_path, SERVER) is None
    path.rmdir()
    path.write_bytes(b"\x00\x01{")
    assert dc.read(tmp_path, SERVER) is None


@pytest.mark.parametrize(
    ("age", "fresh"),
    [(0, True), (359 * 60, True), (361 * 60, False), (-30, True), (-3600, False)],
)
def test_ttl_is_six_hours(age: float, fresh: bool) -> None:
    assert dc.is_fresh(doc(fetchedAt=1000.0), now=1000.0 + age) is fresh


def test_expired_failure_memory_makes_the_document_stale() -> None:
    d = doc(failed={"metrics.k8s.io/v1beta1": {"error": "x", "until": 1300.0}})
    assert dc.is_fresh(d, now=1299.0)
    assert not dc.is_fresh(d, now=1300.0)


def _writer(root: str, n: int) -> None:
    for i in range(40):
        dc.write(Path(root), SERVER, doc(fetchedAt=float(n * 1000 + i)))


def test_concurrent_writer_processes(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), n)) for n in range(4)]
    for p in procs:
        p.start()
    seen = 0
    while any(p.is_alive() for p in procs):
        data = dc.read(tmp_path, SERVER)
        if data is not None:  # a reader never sees a torn file
            assert data["resources"][0]["name"] == "pods"
            seen += 1
    for p in procs:
        p.join()
        assert p.exitcode == 0
    final = dc.read(tmp_path, SERVER)
    assert final is not None and final["fetchedAt"] % 1000 == 39
    assert [p.name for p in dc.cache_file(tmp_path, SERVER).parent.iterdir()] == ["discovery.json"]


def test_imports_only_the_standard_library() -> None:
    code = (
        "import sys; import kctl.discovery.cache; "
        "bad = [m for m in ('requests', 'yaml', 'click', 'rich', 'urllib3') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_read_rejects_a_failure_deadline_that_is_not_a_number(tmp_path: Path) -> None:
    """``is_fresh`` compares ``until`` with the clock: a damaged value means a refetch, not a
    traceback."""
    path = dc.write(tmp_path, SERVER, doc())
    data = json.loads(path.read_text())
    data["failed"] = {"metrics.k8s.io/v1beta1": {"error": "down", "until": "soon"}}
    path.write_text(json.dumps(data))
    assert dc.read(tmp_path, SERVER) is None
