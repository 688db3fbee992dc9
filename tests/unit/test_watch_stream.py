"""The watch source over a real socket (tests/faultserver.py): a connection that goes silent
ends the stream after the read timeout instead of hanging, and the engine then reconnects
from the last resourceVersion."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest

from kctl.env import Environment
from kctl.rest.client import RESTClient
from kctl.rest.config import RestConfig
from kctl.watch import RESTWatchSource, Watcher, WatchEvent
from tests.faultserver import Exchange, FaultServer, fault_server

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
