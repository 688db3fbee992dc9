"""``kctl get -w`` keeps watching where kubectl stops: on a control plane of its own whose
kube-apiserver ends every watch after 4-8 s (``--min-request-timeout=4``), through a relay that
can split the network, and across an apiserver restart that makes the old resourceVersion
expire (410). Started only for this module; the default test cluster stays fast.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.envtest import binaries as binaries_mod
from tests.envtest.manager import ClusterInfo, ControlPlane, admin_request, write_private
from tests.integration.conftest import Runner, Spawner
from tests.integration.watchtools import Watch, wait_for
from tests.netsplit import NetSplit

MIN_REQUEST_TIMEOUT = 4  # every watch the client does not time itself ends after 4-8 s

# one line per event: type, name (the output kctl and kubectl share)
EVENTS = ("--output-watch-events", "-o", "jsonpath={.type} {.object.metadata.name}{'\\n'}")


@pytest.fixture(scope="module")
def plane() -> Iterator[ControlPlane]:
    control = ControlPlane(
        binaries_mod.ensure(log=sys.stderr),
        apiserver_args=(f"--min-request-timeout={MIN_REQUEST_TIMEOUT}",),
    )
    control.start()
    try:
        yield control
    finally:
        control.stop()


@pytest.fixture
def info(plane: ControlPlane) -> ClusterInfo:
    assert plane.info is not None
    return plane.info


def _namespace(info: ClusterInfo, name: str) -> str:
    ns = f"{name}-{time.monotonic_ns() % 10**8}"
    body = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}
    status, answer = admin_request(info, "POST", "/api/v1/namespaces", body)
    assert status == 201, answer
    return ns


def _via(relay: NetSplit, info: ClusterInfo, tmp_path: Path) -> Path:
    """The admin kubeconfig, pointed at the relay (the certificate names 127.0.0.1 too)."""
    text = info.admin_kubeconfig.read_text().replace(info.server, f"https://127.0.0.1:{relay.port}")
    path = tmp_path / "relay.kubeconfig"
    write_private(path, text)
    return path


def _port(info: ClusterInfo) -> int:
    return int(info.server.rsplit(":", 1)[1])


def _lines(watch: Watch) -> list[str]:
    return watch.text().splitlines()


def _watch_urls(log: str) -> list[str]:
    return re.findall(r'url="([^"]*watch=true[^"]*)"', log)


def _rv(url: str) -> int:
    found = re.search(r"resourceVersion=(\d+)", url)
    assert found, url
    return int(found.group(1))


def test_reconnects_when_the_server_ends_the_stream_and_never_shows_bookmarks(
    info: ClusterInfo, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    admin: dict[str, Any] = {"kubeconfig": info.admin_kubeconfig}
    ns, elsewhere = _namespace(info, "quiet"), _namespace(info, "busy")
    kubectl_ok("-n", ns, "create", "cm", "a", **admin)
    args = ("-n", ns, "get", "cm", "-w", "--v=6")
    watch = Watch(kctl_spawn, tmp_path, "table", args, kubeconfig=info.admin_kubeconfig)
    wait_for(lambda: len(_lines(watch)) == 2, "the initial list")
    # Writes elsewhere move the type's resourceVersion, so the server sends a bookmark before
    # each stream's deadline; kubectl would print it as a "<unknown>" row with a Table watch.
    deadline = time.monotonic() + 3 * MIN_REQUEST_TIMEOUT + 2
    i = 0
    while time.monotonic() < deadline or len(_watch_urls(watch.stderr())) < 3:
        kubectl_ok("-n", elsewhere, "create", "cm", f"c{i}", **admin)
        i += 1
        time.sleep(1.0)
        assert time.monotonic() < deadline + 60, "kctl never reconnected"
    before_change = [_rv(u) for u in _watch_urls(watch.stderr())]
    kubectl_ok("-n", ns, "label", "cm", "a", "x=y", **admin)
    wait_for(lambda: len(_lines(watch)) == 3, "the change after the reconnects")
    assert watch.stop() == 143
    lines = _lines(watch)
    assert lines[0].split() == ["NAME", "DATA", "AGE"]
    assert [line.split()[0] for line in lines[1:]] == ["a", "a"]
    assert "<unknown>" not in watch.text()
    # every reconnect resumed where the last stream left off, never from scratch...
    assert before_change == sorted(before_change) and before_change[0] > 0
    # ...and bookmarks moved it on although nothing changed in the watched namespace
    assert before_change[-1] > before_change[0]
    assert all("allowWatchBookmarks=true" in u for u in _watch_urls(watch.stderr()))
    assert "watch" not in re.sub(r"^I\d+ .*$\n?", "", watch.stderr(), flags=re.MULTILINE)


def _quiet_or_reconnect_lines(stderr: str) -> list[str]:
    """What kctl said on stderr, minus the pair of lines a long outage prints."""
    said = stderr.splitlines()
    if "watch connection lost; reconnecting" in said:
        said.remove("watch connection lost; reconnecting")
        said.remove("watch reconnected")
    return said


def test_a_network_split_loses_and_repeats_nothing(
    info: ClusterInfo, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    admin: dict[str, Any] = {"kubeconfig": info.admin_kubeconfig}
    ns = _namespace(info, "split")
    for name in ("a", "b"):
        kubectl_ok("-n", ns, "create", "cm", name, **admin)
    with NetSplit(("127.0.0.1", _port(info))) as relay:
        kubeconfig = _via(relay, info, tmp_path)
        watch = Watch(
            kctl_spawn, tmp_path, "split", ("-n", ns, "get", "cm", "-w", *EVENTS),
            kubeconfig=kubeconfig,
        )  # fmt: skip
        wait_for(lambda: len(_lines(watch)) == 2, "the initial list")
        relay.split()
        kubectl_ok("-n", ns, "create", "cm", "c", **admin)
        kubectl_ok("-n", ns, "label", "cm", "a", "x=y", **admin)
        kubectl_ok("-n", ns, "delete", "cm", "b", **admin)
        time.sleep(2.0)
        relay.heal()
        wait_for(lambda: "DELETED b" in _lines(watch), "the missed events", timeout=90)
        kubectl_ok("-n", ns, "create", "cm", "zz-end", **admin)
        wait_for(lambda: "ADDED zz-end" in _lines(watch), "a change after the split")
        assert watch.stop() == 143
    assert _lines(watch) == [
        "ADDED a",
        "ADDED b",
        "ADDED c",
        "MODIFIED a",
        "DELETED b",
        "ADDED zz-end",
    ]
    assert _quiet_or_reconnect_lines(watch.stderr()) == []


def test_an_expired_resource_version_relists_and_prints_exactly_the_missed_changes(
    plane: ControlPlane,
    info: ClusterInfo,
    kctl_spawn: Spawner,
    kubectl_ok: Runner,
    tmp_path: Path,
) -> None:
    admin: dict[str, Any] = {"kubeconfig": info.admin_kubeconfig}
    ns = _namespace(info, "expire")
    for name in ("a", "b", "c"):
        kubectl_ok("-n", ns, "create", "cm", name, **admin)
    with NetSplit(("127.0.0.1", _port(info))) as relay:
        kubeconfig = _via(relay, info, tmp_path)
        watch = Watch(
            kctl_spawn, tmp_path, "expire", ("-n", ns, "get", "cm", "-w", *EVENTS),
            kubeconfig=kubeconfig,
        )  # fmt: skip
        wait_for(lambda: len(_lines(watch)) == 3, "the initial list")
        relay.split()
        kubectl_ok("-n", ns, "label", "cm", "b", "x=y", **admin)
        kubectl_ok("-n", ns, "delete", "cm", "c", **admin)
        kubectl_ok("-n", ns, "create", "cm", "d", **admin)
        # a restarted apiserver's watch cache starts at the current resourceVersion: the one
        # kctl holds is now too old (410 Expired)
        plane.restart_apiserver()
        relay.heal()
        wait_for(lambda: "DELETED c" in _lines(watch), "the resync", timeout=90)
        kubectl_ok("-n", ns, "create", "cm", "zz-end", **admin)
        wait_for(lambda: "ADDED zz-end" in _lines(watch), "a change after the resync")
        assert watch.stop() == 143
    assert _lines(watch) == [
        "ADDED a",
        "ADDED b",
        "ADDED c",
        "MODIFIED b",
        "ADDED d",
        "DELETED c",
        "ADDED zz-end",
    ]
    assert _quiet_or_reconnect_lines(watch.stderr()) == [
        "watch expired; resynced from a fresh list (1 added, 1 modified, 1 deleted)"
    ]
