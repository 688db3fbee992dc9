"""DiscoveryClient against a fake REST layer serving documents captured from kube-apiserver
v1.36.3 (tests/unit/data/discovery_v1.36.json): request counts, the disk cache, ETag
revalidation, stale and failing group-versions, the legacy fallback."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.structures import CaseInsensitiveDict

from kctl.discovery import cache as discovery_cache
from kctl.discovery.cache import DiskCache
from kctl.discovery.client import ACCEPT_AGGREGATED, DiscoveryClient
from kctl.env import Environment
from kctl.errors import ConnectionRefused
from kctl.rest.config import RestConfig
from kctl.rest.response import error_from_response

DATA = json.loads((Path(__file__).parent / "data" / "discovery_v1.36.json").read_text())
SERVER = "https://127.0.0.1:6443"
LEGACY_GVS = [p for p in DATA["legacy"] if p not in ("/api", "/apis")]


class FakeServer:
    """Answers ``RESTClient.request`` from the captured documents.

    ``mode`` "aggregated" answers /api and /apis like the real server does for kubectl's
    Accept header; "legacy" answers them as an old server that only knows plain JSON."""

    def __init__(self, mode: str = "aggregated") -> None:
        self.mode = mode
        self.docs: dict[str, dict[str, Any]] = copy.deepcopy(DATA["legacy"])
        if mode == "aggregated":
            self.docs.update(copy.deepcopy(DATA["aggregated"]))
        self.calls: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.overrides: dict[str, Any] = {}  # path -> exception to raise
        self.barrier: threading.Barrier | None = None
        self.lock = threading.Lock()

    @property
    def paths(self) -> list[str]:
        return [c[0] for c in self.calls]

    def request(
        self,
        verb: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        timeout: float | None = None,
    ) -> requests.Response:
        assert verb == "GET"
        with self.lock:
            self.calls.append((path, dict(headers or {}), dict(params or {})))
        if self.barrier is not None and path not in ("/api", "/apis"):
            self.barrier.wait(timeout=5)  # proves several group-versions are in flight at once
        if path in self.overrides:
            raise self.overrides[path]
        if path == "/version":
            return _response(200, "application/json", {"gitVersion": "v1.36.3"}, None)
        doc = self.docs.get(path)
        if doc is None:
            raise error_from_response(
                code=404, content_type="text/plain", body=b"404 page not found", method="GET"
            )
        etag = doc.get("etag")
        if etag and (headers or {}).get("If-None-Match") == etag:
            return _response(304, None, None, etag)
        if doc["status"] >= 400:
            body_bytes = doc["body"].encode() if isinstance(doc["body"], str) else b""
            raise error_from_response(
                code=doc["status"],
                content_type=doc["contentType"] or "",
                body=body_bytes,
                method="GET",
            )
        return _response(doc["status"], doc["contentType"], doc["body"], etag)


def _response(status: int, content_type: str | None, body: Any, etag: str | None) -> Any:
    resp = requests.Response()
    resp.status_code = status
    resp.headers = CaseInsensitiveDict()
    if content_type:
        resp.headers["Content-Type"] = content_type
    if etag:
        resp.headers["ETag"] = etag
    resp._content = json.dumps(body).encode() if body is not None else b""
    return resp


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def make_env(tmp_path: Path, clock: Clock | None = None) -> Environment:
    return Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path)}, clock=clock or Clock())


def make_client(
    env: Environment, server: FakeServer | None, built: list[int] | None = None
) -> DiscoveryClient:
    def factory() -> FakeServer:
        if server is None:
            raise AssertionError("the REST client must not be built")
        if built is not None:
            built.append(1)
        return server

    return DiscoveryClient(
        RestConfig(host=SERVER),
        DiskCache(env.cache_root),
        rest=factory,
        env=env,  # type: ignore[arg-type]
    )


def names(resources: list[dict[str, Any]]) -> list[str]:
    return [f"{r['name']}.{r['group']}/{r['version']}" for r in resources]


# ---- aggregated discovery -------------------------------------------------------------------


def test_the_timeout_parameter_is_a_go_duration(tmp_path: Path) -> None:
    """``--request-timeout=90`` reaches the server as Go prints 90 s: ``1m30s`` (not ``90s``)."""
    server = FakeServer()
    env = make_env(tmp_path)
    dc = DiscoveryClient(
        RestConfig(host=SERVER),
        DiskCache(env.cache_root),
        rest=lambda: server,
        env=env,
        timeout=90.0,  # type: ignore[arg-type,return-value]
    )
    dc.resources()
    assert [params for _path, _headers, params in server.calls] == [{"timeout": "1m30s"}] * 2


def test_cold_aggregated_discovery_is_two_requests_with_kubectl_accept(tmp_path: Path) -> None:
    server = FakeServer()
    env = make_env(tmp_path)
    dc = make_client(env, server)
    resources = dc.resources()
    assert server.paths == ["/api", "/apis"]
    for _path, headers, params in server.calls:
        assert headers["Accept"] == ACCEPT_AGGREGATED
        assert "If-None-Match" not in headers
        assert params == {"timeout": "32s"}
    assert ACCEPT_AGGREGATED == (
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
        "application/json"
    )
    # core first, then the server's group order; every served version of a group
    assert names(resources)[0] == "bindings./v1"
    assert "widgets.alpha.example.com/v1beta1" in names(resources)
    assert all("/" not in r["name"] for r in resources)
    assert {"pods/log", "deployments/scale"} <= {s["name"] for s in dc.subresources()}
    assert [g["name"] for g in dc.groups()][:3] == ["", "apiregistration.k8s.io", "apps"]


def test_resource_entries_carry_the_contract_fields(tmp_path: Path) -> None:
    dc = make_client(make_env(tmp_path), FakeServer())
    pods = next(r for r in dc.resources() if r["name"] == "pods")
    assert pods["group"] == "" and pods["version"] == "v1"
    assert pods["singularName"] == "pod" and pods["kind"] == "Pod"
    assert pods["namespaced"] is True
    assert pods["shortNames"] == ["po"] and pods["categories"] == ["all"]
    assert "watch" in pods["verbs"]
    scale = next(s for s in dc.subresources() if s["name"] == "deployments/scale")
    assert scale["kind"] == "Scale" and scale["kindGroup"] == "autoscaling"
    assert scale["singularName"] == "deployment" and scale["namespaced"] is True


def test_stale_group_version_is_reported_once_and_left_out(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    dc = make_client(env, FakeServer())
    dc.resources()
    dc.groups()
    assert env.stderr.getvalue() == (
        "Warning: broken.example.com/v1beta1 is unavailable: "
        "the server reports its discovery information as stale\n"
    )
    broken = next(g for g in dc.groups() if g["name"] == "broken.example.com")
    assert broken == {"name": "broken.example.com", "versions": [], "preferredVersion": ""}
    assert list(dc.failed()) == ["broken.example.com/v1beta1"]


def test_preferred_resources_follow_server_preferred_resources(tmp_path: Path) -> None:
    dc = make_client(make_env(tmp_path), FakeServer())
    preferred = names(dc.preferred_resources())
    assert "horizontalpodautoscalers.autoscaling/v2" in preferred
    assert "horizontalpodautoscalers.autoscaling/v1" not in preferred
    assert "widgets.alpha.example.com/v1" in preferred
    assert "widgets.alpha.example.com/v1beta1" not in preferred
    assert len(preferred) == len({(r["group"], r["name"]) for r in dc.resources()})


def test_warm_cache_sends_nothing_and_never_builds_the_rest_client(tmp_path: Path) -> None:
    clock = Clock()
    make_client(make_env(tmp_path, clock), FakeServer()).resources()
    clock.now += 60  # inside the TTL and the 5 minute memory of the stale group
    env = make_env(tmp_path, clock)
    dc = make_client(env, None)
    assert len(dc.resources()) > 50
    assert env.stderr.getvalue() == ""  # already reported by the process that found it


def healthy_server() -> FakeServer:
    server = FakeServer()
    items = server.docs["/apis"]["body"]["items"]
    items[:] = [i for i in items if i["metadata"]["name"] != "broken.example.com"]
    return server


@pytest.mark.parametrize(("minutes", "requests_sent"), [(359, 0), (361, 2)])
def test_six_hour_ttl(tmp_path: Path, minutes: int, requests_sent: int) -> None:
    clock = Clock()
    make_client(make_env(tmp_path, clock), healthy_server()).resources()
    clock.now += minutes * 60
    server = healthy_server()
    make_client(make_env(tmp_path, clock), server).resources()
    assert len(server.paths) == requests_sent


def test_cache_file_location_and_permissions(tmp_path: Path) -> None:
    make_client(make_env(tmp_path), FakeServer()).resources()
    path = tmp_path / "discovery" / "127.0.0.1_6443" / "discovery.json"
    assert path.is_file()
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "discovery").stat().st_mode & 0o777 == 0o700
    assert path.parent.stat().st_mode & 0o777 == 0o700
    doc = json.loads(path.read_text())
    assert doc["format"] == 1 and doc["server"] == SERVER
    assert set(doc["etags"]) == {"/api", "/apis"}
    assert [p.name for p in path.parent.iterdir()] == ["discovery.json"]  # no temp files left


def test_expired_ttl_revalidates_with_etags_and_keeps_the_cache_on_304(tmp_path: Path) -> None:
    clock = Clock()
    make_client(make_env(tmp_path, clock), FakeServer()).resources()
    before = discovery_cache.read(tmp_path, SERVER)
    assert before is not None
    clock.now += 6 * 3600 + 60
    server = FakeServer()
    dc = make_client(make_env(tmp_path, clock), server)
    dc.resources()
    assert server.paths == ["/api", "/apis"]
    assert [c[1]["If-None-Match"] for c in server.calls] == [
        DATA["aggregated"]["/api"]["etag"],
        DATA["aggregated"]["/apis"]["etag"],
    ]
    after = discovery_cache.read(tmp_path, SERVER)
    assert after is not None
    assert after["fetchedAt"] == clock.now
    assert after["resources"] == before["resources"]
    # and the next process is warm again
    assert make_client(make_env(tmp_path, clock), None).resources() == dc.resources()


@pytest.mark.parametrize("changed", ["/api", "/apis"])
def test_one_changed_document_keeps_the_other_half(tmp_path: Path, changed: str) -> None:
    clock = Clock()
    first = make_client(make_env(tmp_path, clock), FakeServer())
    before = first.resources()
    server = FakeServer()
    doc = server.docs[changed]
    doc["etag"] = '"NEW"'
    dropped = "" if changed == "/api" else "apps"
    doc["body"]["items"][:] = [
        i for i in doc["body"]["items"] if i["metadata"].get("name", "") != dropped
    ]
    dc = make_client(make_env(tmp_path, clock), server)
    dc.invalidate()
    after = dc.resources()
    assert server.paths == ["/api", "/apis"]  # the unchanged half is not fetched again
    assert after == [r for r in before if r["group"] != dropped]
    assert [g["name"] for g in dc.groups()] == [
        g["name"] for g in first.groups() if g["name"] != dropped
    ]
    assert "broken.example.com/v1beta1" in dc.failed()
    etags = discovery_cache.read(tmp_path, SERVER)["etags"]  # type: ignore[index]
    unchanged = "/apis" if changed == "/api" else "/api"
    assert etags == {changed: '"NEW"', unchanged: DATA["aggregated"][unchanged]["etag"]}


def test_invalidate_costs_two_304s(tmp_path: Path) -> None:
    clock = Clock()
    make_client(make_env(tmp_path, clock), FakeServer()).resources()
    server = FakeServer()
    dc = make_client(make_env(tmp_path, clock), server)
    dc.invalidate()
    dc.resources()
    dc.groups()
    assert server.paths == ["/api", "/apis"]
    assert all("If-None-Match" in c[1] for c in server.calls)


def test_remembered_failure_expiry_revalidates_cheaply(tmp_path: Path) -> None:
    clock = Clock()
    make_client(make_env(tmp_path, clock), FakeServer()).resources()
    clock.now += 4 * 60
    quiet = FakeServer()
    make_client(make_env(tmp_path, clock), quiet).resources()
    assert quiet.paths == []
    clock.now += 2 * 60  # the 5 minute memory of the stale group is over
    server = FakeServer()
    env = make_env(tmp_path, clock)
    make_client(env, server).resources()
    assert server.paths == ["/api", "/apis"]  # two 304s, no full re-discovery
    assert "broken.example.com/v1beta1 is unavailable" in env.stderr.getvalue()


def test_revalidate_respects_max_age(tmp_path: Path) -> None:
    clock = Clock()
    server = FakeServer()
    dc = make_client(make_env(tmp_path, clock), server)
    dc.resources()
    clock.now += 3
    assert dc.revalidate(5.0) is False
    assert server.paths == ["/api", "/apis"]
    clock.now += 3
    assert dc.revalidate(5.0) is True
    assert server.paths == ["/api", "/apis", "/api", "/apis"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b"[]",
        b'{"format": 1, "server": "https://127.0.0.1:6443", "groups": "x", "resources": []}',
        b'{"format": 2, "server": "https://127.0.0.1:6443", "groups": [], "resources": []}',
        b'{"format": 1, "server": "https://other:6443", "groups": [], "resources": []}',
        b'{"format": 1, "server": "https://127.0.0.1:6443", "groups": [], "resources": [{}]}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_corrupt_cache_means_refetch(tmp_path: Path, content: bytes) -> None:
    path = discovery_cache.cache_file(tmp_path, SERVER)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    server = FakeServer()
    dc = make_client(make_env(tmp_path), server)
    assert len(dc.resources()) > 50
    assert server.paths == ["/api", "/apis"]
    assert discovery_cache.read(tmp_path, SERVER) is not None  # repaired


def test_unwritable_cache_dir_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    env = Environment.for_test(environ={"KUBECACHEDIR": str(blocker)}, clock=Clock())
    dc = make_client(env, FakeServer())
    assert len(dc.resources()) > 50


def test_v2beta1_and_reordered_content_type_parameters_are_aggregated(tmp_path: Path) -> None:
    server = FakeServer()
    for path in ("/api", "/apis"):
        server.docs[path]["contentType"] = (
            "application/json; as=APIGroupDiscoveryList; v=v2beta1; g=apidiscovery.k8s.io; "
            "charset=utf-8"
        )
    dc = make_client(make_env(tmp_path), server)
    dc.resources()
    assert server.paths == ["/api", "/apis"]


def test_missing_core_api_is_tolerated(tmp_path: Path) -> None:
    server = FakeServer()
    del server.docs["/api"]
    dc = make_client(make_env(tmp_path), server)
    assert dc.groups()[0]["name"] == "apiregistration.k8s.io"
    assert "pods" not in {r["name"] for r in dc.resources()}


def test_unreachable_server_with_cold_cache_raises(tmp_path: Path) -> None:
    server = FakeServer()
    server.overrides["/api"] = ConnectionRefused("127.0.0.1:6443")
    dc = make_client(make_env(tmp_path), server)
    with pytest.raises(ConnectionRefused):
        dc.resources()
    assert not discovery_cache.cache_file(tmp_path, SERVER).exists()


def test_server_version(tmp_path: Path) -> None:
    server = FakeServer()
    assert make_client(make_env(tmp_path), server).server_version() == {"gitVersion": "v1.36.3"}
    assert server.paths == ["/version"]


# ---- legacy discovery -----------------------------------------------------------------------


def test_legacy_fallback_fetches_every_group_version_in_parallel(tmp_path: Path) -> None:
    server = FakeServer("legacy")
    server.barrier = threading.Barrier(2)  # deadlocks (and times out) if fetched one by one
    env = make_env(tmp_path)
    dc = make_client(env, server)
    legacy = dc.resources()
    assert server.paths[:2] == ["/api", "/apis"]
    assert sorted(server.paths[2:]) == sorted(LEGACY_GVS)
    assert all(c[1]["Accept"] == "application/json, */*" for c in server.calls[2:])
    # the same resources, in the same order, as aggregated discovery gives
    aggregated = make_client(make_env(tmp_path / "agg"), FakeServer()).resources()
    strip = [{k: v for k, v in r.items() if not k.startswith("kind")} for r in legacy]
    assert strip == [{k: v for k, v in r.items() if not k.startswith("kind")} for r in aggregated]
    assert "/apis/broken.example.com/v1beta1" in server.paths


def test_legacy_failing_group_version_is_reported_and_remembered(tmp_path: Path) -> None:
    clock = Clock()
    env = make_env(tmp_path, clock)
    dc = make_client(env, FakeServer("legacy"))
    dc.resources()
    assert env.stderr.getvalue() == (
        "Warning: broken.example.com/v1beta1 is unavailable: "
        "the server is currently unable to handle the request\n"
    )
    broken = next(g for g in dc.groups() if g["name"] == "broken.example.com")
    assert broken["versions"] == ["v1beta1"]  # the server lists it; its resources are missing
    # within the memory: a warm cache, no request at all (kubectl re-discovers everything)
    clock.now += 60
    quiet = FakeServer("legacy")
    assert make_client(make_env(tmp_path, clock), quiet).resources() == dc.resources()
    assert quiet.paths == []
    # after it: only the failing group-version is asked again
    clock.now += 5 * 60
    retry = FakeServer("legacy")
    retry.docs["/apis/broken.example.com/v1beta1"] = {
        "status": 200,
        "contentType": "application/json",
        "etag": None,
        "body": {
            "kind": "APIResourceList",
            "groupVersion": "broken.example.com/v1beta1",
            "resources": [
                {
                    "name": "things",
                    "singularName": "thing",
                    "namespaced": True,
                    "kind": "Thing",
                    "verbs": ["get", "list"],
                }
            ],
        },
    }
    env3 = make_env(tmp_path, clock)
    dc3 = make_client(env3, retry)
    assert "things.broken.example.com/v1beta1" in names(dc3.resources())
    assert retry.paths == ["/apis/broken.example.com/v1beta1"]
    assert dc3.failed() == {}
    assert env3.stderr.getvalue() == ""


def test_mixed_answers_fall_back_to_legacy(tmp_path: Path) -> None:
    server = FakeServer("legacy")
    server.docs["/api"] = copy.deepcopy(DATA["aggregated"]["/api"])  # only /api is aggregated
    dc = make_client(make_env(tmp_path), server)
    assert "pods" in {r["name"] for r in dc.resources()}
    assert "/api/v1" in server.paths and "/apis/apps/v1" in server.paths


# ---- concurrency ----------------------------------------------------------------------------


def test_two_clients_writing_at_once_leave_a_valid_cache(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(5):
                dc = make_client(make_env(tmp_path), FakeServer())
                dc.invalidate()
                dc.resources()
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert discovery_cache.read(tmp_path, SERVER) is not None
    leftovers = [p.name for p in discovery_cache.cache_file(tmp_path, SERVER).parent.iterdir()]
    assert leftovers == ["discovery.json"]
