"""``import kctl`` against the real control plane: every public client and method, as a user
program would call them (only ``kctl.*`` names). Faults a real server cannot produce are in
tests/unit/test_library.py."""

from __future__ import annotations

import json
import logging
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest

import kctl
from tests.envtest.kubeapi import ClusterInfo

PODS = kctl.GVR("", "v1", "pods")
CONFIGMAPS = kctl.GVR("", "v1", "configmaps")


def pod(name: str, **labels: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels},
        "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/pause:3.10"}]},
    }


@pytest.fixture
def config(cluster: ClusterInfo) -> kctl.RestConfig:
    return kctl.load_config(cluster.admin_kubeconfig)


# ---- config ---------------------------------------------------------------------------------


def test_load_config_reads_the_kubeconfig_and_overrides(cluster: ClusterInfo) -> None:
    cfg = kctl.load_config(str(cluster.admin_kubeconfig), namespace="team-a", request_timeout=5)
    assert cfg.host == cluster.server
    assert cfg.namespace == "team-a"
    assert cfg.timeout == 5
    assert cfg.client_key_data and b"PRIVATE KEY" in cfg.client_key_data
    assert "PRIVATE KEY" not in repr(cfg)  # secrets never in a repr


def test_load_config_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(kctl.ConfigError):
        kctl.load_config(tmp_path / "missing")
    with pytest.raises(kctl.ConfigError):
        kctl.in_cluster_config(environ={})


# ---- RESTClient -----------------------------------------------------------------------------


def test_rest_client_builder_verbs(config: kctl.RestConfig, namespace: str) -> None:
    rest = kctl.RESTClient(config, group_version="v1")
    cm = {"metadata": {"name": "one"}, "data": {"a": "1"}}
    created = rest.post().namespace(namespace).resource("configmaps").body(cm).do().json()
    assert created["data"] == {"a": "1"}

    got = rest.get().namespace(namespace).resource("configmaps").name("one").do()
    assert got.status_code == 200
    assert json.loads(got.raw())["metadata"]["uid"] == created["metadata"]["uid"]
    assert got.into(dict)["data"] == {"a": "1"}

    created["data"] = {"a": "2"}
    put = rest.put().namespace(namespace).resource("configmaps").name("one").body(created)
    assert put.do().json()["data"] == {"a": "2"}

    patched = (
        rest.patch(kctl.PatchType.MERGE)
        .namespace(namespace)
        .resource("configmaps")
        .name("one")
        .body({"data": {"b": "3"}})
        .do()
        .json()
    )
    assert patched["data"] == {"a": "2", "b": "3"}

    listed = (
        rest.get()
        .namespace(namespace)
        .resource("configmaps")
        .params(field_selector="metadata.name=one", limit=10)
        .do()
        .json()
    )
    assert [i["metadata"]["name"] for i in listed["items"]] == ["one"]

    rest.delete().namespace(namespace).resource("configmaps").name("one").do()
    with pytest.raises(kctl.NotFound) as err:
        rest.get().namespace(namespace).resource("configmaps").name("one").do()
    assert err.value.status.code == 404
    assert err.value.status.reason == "NotFound"
    assert err.value.status.name == "one"


def test_rest_client_abs_path_stream_and_watch(config: kctl.RestConfig, namespace: str) -> None:
    rest = kctl.RESTClient(config)
    version = rest.get().abs_path("/version").do().json()
    assert version["gitVersion"].startswith("v1.36")
    streamed = b"".join(rest.get().abs_path("/version").stream())
    assert json.loads(streamed) == version

    kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace).create(
        {"metadata": {"name": "w"}}
    )
    events = rest.get().resource(CONFIGMAPS).namespace(namespace).params(timeout_seconds=1)
    seen = [(e["type"], e["object"]["metadata"]["name"]) for e in events.watch()]
    assert seen == [("ADDED", "w")]


def test_typed_errors_carry_the_status(config: kctl.RestConfig, namespace: str) -> None:
    cms = kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace)
    first = cms.create({"metadata": {"name": "dup"}})
    with pytest.raises(kctl.AlreadyExists) as exists:
        cms.create({"metadata": {"name": "dup"}})
    assert exists.value.status.code == 409
    stale = dict(first, data={"x": "y"})
    cms.update(dict(first, data={"x": "1"}))
    with pytest.raises(kctl.Conflict) as conflict:
        cms.update(stale)  # the first resourceVersion is gone now
    assert conflict.value.status.reason == "Conflict"
    assert isinstance(conflict.value, kctl.APIError)


def test_forbidden_for_the_limited_user(cluster: ClusterInfo) -> None:
    cfg = kctl.load_config(cluster.limited_kubeconfig)
    with pytest.raises(kctl.Forbidden) as err:
        kctl.DynamicClient(cfg).resource(CONFIGMAPS).namespace("default").list()
    assert err.value.status.code == 403
    # what the user may do works through the same client
    pods = kctl.DynamicClient(cfg).resource(PODS).namespace(cluster.limited_namespace).list()
    assert pods["kind"] == "PodList"


def test_server_warnings_go_through_python_warnings(
    config: kctl.RestConfig, namespace: str
) -> None:
    deprecated = pod("old")
    deprecated["spec"]["nodeSelector"] = {"beta.kubernetes.io/os": "linux"}
    pods = kctl.DynamicClient(config).resource(PODS).namespace(namespace)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pods.create(deprecated)
    texts = [str(w.message) for w in caught if issubclass(w.category, kctl.ServerWarning)]
    assert any("beta.kubernetes.io/os" in t and "deprecated" in t for t in texts), texts


def test_a_warning_handler_replaces_python_warnings(
    config: kctl.RestConfig, namespace: str
) -> None:
    got: list[str] = []
    rest = kctl.RESTClient(config, warning_handler=got.append)
    deprecated = pod("old2")
    deprecated["spec"]["nodeSelector"] = {"beta.kubernetes.io/os": "linux"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ServerWarning would fail the test
        kctl.DynamicClient(rest).resource(PODS).namespace(namespace).create(deprecated)
    assert any("beta.kubernetes.io/os" in t for t in got), got


def test_library_writes_nothing_to_stdout_or_stderr_and_logs_masked(
    cluster: ClusterInfo, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    cfg = kctl.load_config(cluster.limited_kubeconfig)
    assert cfg.bearer_token
    with caplog.at_level(logging.DEBUG, logger="kctl"):
        dyn = kctl.DynamicClient(cfg)
        dyn.resource(PODS).namespace(cluster.limited_namespace).list()
        with pytest.raises(kctl.Forbidden):
            dyn.resource(PODS).namespace("default").get("nope")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/api/v1/namespaces/" in logged
    assert "Bearer <masked>" in logged
    assert cfg.bearer_token not in logged


# ---- DynamicClient --------------------------------------------------------------------------


def test_dynamic_crud_patch_apply_and_delete(config: kctl.RestConfig, namespace: str) -> None:
    cms = kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace)
    made = cms.create({"metadata": {"name": "cfg", "labels": {"app": "x"}}, "data": {"k": "v"}})
    assert kctl.nested(made, "metadata", "namespace") == namespace
    assert cms.get("cfg")["data"] == {"k": "v"}

    kctl.set_nested(made, "w", "data", "k")
    assert cms.update(made)["data"] == {"k": "w"}
    assert cms.patch("cfg", {"data": {"m": "1"}})["data"] == {"k": "w", "m": "1"}
    assert cms.patch("cfg", [{"op": "remove", "path": "/data/m"}], "json")["data"] == {"k": "w"}
    strategic = cms.patch("cfg", {"metadata": {"labels": {"b": "2"}}}, kctl.PatchType.STRATEGIC)
    assert strategic["metadata"]["labels"] == {"app": "x", "b": "2"}
    applied = cms.apply(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "sa"}, "data": {"a": "1"}},
        field_manager="kctl-test",
    )
    assert applied["data"] == {"a": "1"}
    assert any(m["manager"] == "kctl-test" for m in applied["metadata"]["managedFields"])
    dry = cms.create({"metadata": {"name": "dry"}}, dry_run=True)
    assert dry["metadata"]["name"] == "dry"
    with pytest.raises(kctl.NotFound):
        cms.get("dry")

    cms.delete("cfg")
    with pytest.raises(kctl.NotFound):
        cms.get("cfg")
    cms.delete_collection(label_selector="app=nothing")  # matches nothing, still fine
    assert [i["metadata"]["name"] for i in cms.list()["items"]] == ["sa"]


def test_list_is_every_page_and_pages_stream(config: kctl.RestConfig, namespace: str) -> None:
    cms = kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace)
    for i in range(7):
        cms.create({"metadata": {"name": f"c{i}", "labels": {"set": "a" if i < 5 else "b"}}})
    whole = cms.list(chunk_size=2)
    names = [i["metadata"]["name"] for i in whole["items"]]
    assert [n for n in names if n.startswith("c")] == [f"c{i}" for i in range(7)]
    assert "continue" not in whole["metadata"]
    pages = list(cms.pages(chunk_size=2, label_selector="set=a"))
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    iterated = [o["metadata"]["name"] for o in cms]
    assert iterated == names
    # all namespaces: the same objects are among them
    everywhere = kctl.DynamicClient(config).resource(CONFIGMAPS).list(label_selector="set=b")
    assert {(i["metadata"]["namespace"], i["metadata"]["name"]) for i in everywhere["items"]} >= {
        (namespace, "c5"),
        (namespace, "c6"),
    }


def test_watch_lists_first_then_delivers_changes(config: kctl.RestConfig, namespace: str) -> None:
    cms = kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace)
    cms.create({"metadata": {"name": "before"}})
    events: list[tuple[str, str]] = []
    stream = cms.watch()

    def change() -> None:
        cms.create({"metadata": {"name": "after"}})
        cms.delete("before")

    for event in stream:
        events.append((event.type, event.object["metadata"]["name"]))
        if len(events) == 1:
            threading.Thread(target=change).start()
        if len(events) == 3:
            break
    assert events == [("ADDED", "before"), ("ADDED", "after"), ("DELETED", "before")]


def test_watch_from_a_resource_version(config: kctl.RestConfig, namespace: str) -> None:
    cms = kctl.DynamicClient(config).resource(CONFIGMAPS).namespace(namespace)
    rv = cms.list()["metadata"]["resourceVersion"]
    cms.create({"metadata": {"name": "later"}})
    event = next(iter(cms.watch(resource_version=rv, resume=False, timeout_seconds=5)))
    assert (event.type, event.object["metadata"]["name"]) == ("ADDED", "later")


# ---- Clientset ------------------------------------------------------------------------------


def test_clientset_typed_accessors(config: kctl.RestConfig, namespace: str) -> None:
    cs = kctl.Clientset(config)
    cs.core_v1.config_maps(namespace).create({"metadata": {"name": "typed"}, "data": {"a": "b"}})
    assert cs.core_v1.config_maps(namespace).get("typed")["data"] == {"a": "b"}
    deployment = {
        "metadata": {"name": "web"},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/pause:3.10"}]},
            },
        },
    }
    made = cs.apps_v1.deployments(namespace).create(deployment)  # type: ignore[arg-type]
    assert made["spec"]["template"]["spec"]["containers"][0]["image"].endswith("pause:3.10")
    assert [d["metadata"]["name"] for d in cs.apps_v1.deployments(namespace).list()["items"]] == [
        "web"
    ]
    names = [n["metadata"]["name"] for n in cs.core_v1.namespaces().list()["items"]]
    assert namespace in names and "default" in names
    assert cs.rbac_v1.cluster_roles().get("admin")["kind"] == "ClusterRole"
    assert cs.batch_v1.jobs(namespace).list()["items"] == []
    assert cs.networking_v1.ingresses(namespace).list()["kind"] == "IngressList"


# ---- discovery and mapping ------------------------------------------------------------------


def test_discovery_records(config: kctl.RestConfig) -> None:
    dc = kctl.DiscoveryClient(config)
    groups = dc.server_groups()
    assert groups[0] == kctl.APIGroup("", ("v1",), "v1")
    apps = next(g for g in groups if g.name == "apps")
    assert apps.preferred_version == "v1"

    core = dc.server_resources_for_group_version("v1")
    pods = next(r for r in core.resources if r.name == "pods")
    assert (pods.kind, pods.namespaced, pods.group, pods.version) == ("Pod", True, "", "v1")
    assert "po" in pods.short_names and "all" in pods.categories and "list" in pods.verbs
    assert {"log", "status", "exec"} <= set(pods.subresources)
    assert any(r.name == "pods/log" for r in core.resources)
    with pytest.raises(kctl.NotFound):
        dc.server_resources_for_group_version("nope.example.com/v1")

    _, lists = dc.server_groups_and_resources()
    assert [lst.group_version for lst in lists][0] == "v1"
    assert any(lst.group_version == "apps/v1" for lst in lists)
    preferred = dc.server_preferred_resources()
    flat = [r for lst in preferred for r in lst.resources]
    assert all("/" not in r.name for r in flat)
    assert len({(r.group, r.name) for r in flat}) == len(flat)
    assert dc.server_version()["gitVersion"].startswith("v1.36")


def test_discovery_disk_cache(config: kctl.RestConfig, tmp_path: Path) -> None:
    cache = kctl.DiskCache(tmp_path)
    first = kctl.DiscoveryClient(config, cache=cache).server_groups()
    files = list(tmp_path.glob("discovery/*/discovery.json"))
    assert len(files) == 1
    # a second client answers from the file without asking the server
    again = kctl.DiscoveryClient(config, cache=cache)
    assert again.server_groups() == first
    assert again.requests_sent == 0
    memory = kctl.DiscoveryClient(config)
    memory.server_groups()
    assert memory.requests_sent == 2  # aggregated discovery: /api and /apis


def test_rest_mapper(config: kctl.RestConfig) -> None:
    mapper = kctl.RESTMapper(kctl.DiscoveryClient(config))
    assert mapper.resource_for("deploy") == kctl.GVR("apps", "v1", "deployments")
    assert mapper.resource_for(kctl.GVR("", "", "pods")) == PODS
    assert mapper.kind_for("po") == kctl.GVK("", "v1", "Pod")
    mapping = mapper.rest_mapping("Deployment.apps")
    assert (mapping.gvr.resource, mapping.namespaced) == ("deployments", True)
    assert mapper.rest_mapping("Namespace", "v1").namespaced is False
    with pytest.raises(kctl.ResourceTypeNotFound) as err:
        mapper.resource_for("deploymentz")
    assert (err.value.suggestion or "").startswith("deployment")  # kubectl's "Did you mean"
    with pytest.raises(kctl.NoKindMatch):
        mapper.rest_mapping("Deployment.apps", "v9")


def test_a_library_program_never_imports_requests(cluster: ClusterInfo, tmp_path: Path) -> None:
    """The library's RESTClient uses the standard-library transport by default: a program that
    lists pods loads neither requests nor urllib3 (nor rich or click)."""
    import subprocess
    import sys

    program = (
        "import json, sys, kctl\n"
        "cs = kctl.Clientset(kctl.load_config(sys.argv[1]))\n"
        "cs.core_v1.pods('default').list()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(cluster.admin_kubeconfig)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout)
    assert "kctl.rest.stdlib" in modules
    assert [m for m in modules if m.split(".")[0] in ("requests", "urllib3", "rich", "click")] == []
