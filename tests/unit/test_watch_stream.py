"""The watch source over a real socket (tests/faultserver.py): a connection that goes silent
ends the stream after the read timeout instead of hanging, and the engine then reconnects
from the last resourceVersion."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kctl.env import Environment
from kctl.rest.client import RESTClient
from kctl.rest.config import RestConfig
from kctl.watch import RESTWatchSource, Watcher, WatchEvent
from tests.faultserver import (
    Exchange,
    FaultServer,
    assert_clean,
    fault_server,
    pod_list,
    pod_table,
    run_kctl,
    status,
)

CMS = "/api/v1/namespaces/default/configmaps"


@pytest.fixture(scope="module")
def fs() -> Iterator[FaultServer]:
    with fault_server() as server:
        yield server


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _event(name: str, rv: str) -> bytes:
    obj = {
        "kind": "ConfigMap",
        "apiVersion": "v1",
        "metadata": {"name": name, "resourceVersion": rv},
    }
    return json.dumps({"type": "ADDED", "object": obj}).encode() + b"\n"


def test_a_silent_connection_ends_the_stream_and_the_watch_resumes(fs: FaultServer) -> None:
    release = threading.Event()
    watches: list[str] = []

    def handler(ex: Exchange) -> None:
        if "watch=true" not in ex.query:
            ex.respond(
                200,
                {"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"resourceVersion": "5"}},
            )
            return
        watches.append(ex.query)
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        ex.send_raw(head + _chunk(_event(f"cm{len(watches)}", str(5 + len(watches)))))
        release.wait(20)  # then silence: no bytes, no FIN (a dropped peer looks like this)

    fs.route(CMS, handler)
    rest = RESTClient(RestConfig(host=fs.url), env=Environment.for_test())
    watcher = Watcher(RESTWatchSource(rest, CMS), read_timeout=0.5, sleep=lambda s: None)
    started = time.monotonic()
    events = []
    try:
        for update in watcher.run():
            if isinstance(update, WatchEvent):
                events.append(update.object["metadata"]["name"])
                if len(events) == 2:
                    break
    finally:
        release.set()
        watcher.stop()
    assert events == ["cm1", "cm2"]
    assert time.monotonic() - started < 15
    assert "resourceVersion=5&" in watches[0] and "resourceVersion=6&" in watches[1]


PODS = "/api/v1/namespaces/default/pods"


def _pods_table(rv: str, rows: list[tuple[str, str]], columns: bool = True) -> dict[str, Any]:
    table = pod_table(*(name for name, _ in rows))
    table["metadata"] = {"resourceVersion": rv}
    for row, (name, orv) in zip(table["rows"], rows, strict=True):
        meta = {"name": name, "namespace": "default", "uid": f"u-{name}", "resourceVersion": orv}
        row["object"] = {"kind": "PartialObjectMetadata", "metadata": meta}
    if not columns:
        table["columnDefinitions"] = None
    return table


def _watch_server(fs: FaultServer, first_stream: list[dict[str, Any]]) -> list[str]:
    """The list, one watch stream with ``first_stream``'s events, then 403 (which ends kctl)."""
    watches: list[str] = []

    def handler(ex: Exchange) -> None:
        if "watch=true" not in ex.query:
            listing = _pods_table("5", [("a", "4")])
            if "as=Table" not in ex.headers.get("accept", ""):
                listing = pod_list("a")
                listing["items"][0]["metadata"].update(uid="u-a", resourceVersion="4")
            ex.respond(200, listing)
            return
        watches.append(ex.query)
        if len(watches) > 1:
            ex.respond(403, status(403, "Forbidden", 'pods is forbidden: User "x" cannot watch'))
            return
        body = b"".join(json.dumps(event).encode() + b"\n" for event in first_stream)
        ex.respond(200, body)

    fs.route(PODS, handler)
    return watches


def test_table_bookmarks_and_expired_errors_never_reach_the_output(
    fs: FaultServer, tmp_path: Path
) -> None:
    # A Table BOOKMARK carries the columns and a bogus "<unknown>" row; the next event has none.
    mark = _pods_table("6", [("", "6")])
    mark["rows"][0]["cells"] = ["", 0, "<unknown>"]
    _watch_server(
        fs,
        [
            {"type": "BOOKMARK", "object": mark},
            {"type": "ADDED", "object": _pods_table("7", [("b", "7")], columns=False)},
        ],
    )
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-w")
    assert_clean(r)
    assert r.code == 1
    assert r.stdout == (
        "NAME   READY   STATUS    RESTARTS   AGE\n"
        "a      1/1     Running   0          1m\n"
        "b      1/1     Running   0          1m\n"
    )
    assert r.stderr == 'Error from server (Forbidden): pods is forbidden: User "x" cannot watch\n'


def test_an_expired_watch_under_o_name_resyncs_instead_of_printing_status_unknown(
    fs: FaultServer, tmp_path: Path
) -> None:
    expired = status(410, "Expired", "too old resource version: 5 (9)")
    watches = _watch_server(fs, [{"type": "ERROR", "object": expired}])
    r = run_kctl(tmp_path, fs.url, "get", "pods", "-w", "-o", "name")
    assert_clean(r)
    assert r.stdout == "pod/a\n"  # kubectl: pod/a, then status/<unknown>, then exit 0
    assert "status/" not in r.stdout
    # the relist found nothing new: the only stderr line is the final refusal's
    assert r.stderr.endswith(
        'Error from server (Forbidden): pods is forbidden: User "x" cannot watch\n'
    )
    assert len(watches) == 2
