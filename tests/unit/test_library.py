"""The library's pure parts and the faults a real server cannot produce on demand: option
names, nested-field helpers, discovery records and partial failure (a stale aggregated API,
from a captured v1.36 discovery document), warnings routed away from stderr."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

import kctl
from kctl.discovery.records import resource_lists
from kctl.params import query, wire_name
from kctl.rest.config import RestConfig
from tests.unit.test_discovery import SERVER, FakeServer


def test_option_names_follow_client_go() -> None:
    assert wire_name("label_selector") == "labelSelector"
    assert wire_name("resource_version_match") == "resourceVersionMatch"
    assert wire_name("continue_") == "continue"
    assert wire_name("fieldManager") == "fieldManager"
    assert query(
        {
            "label_selector": "a=b",
            "limit": 5,
            "watch": True,
            "allow_watch_bookmarks": False,
            "dry_run": True,
            "field_selector": None,
            "pretty": ["x", "y"],
        }
    ) == [
        ("labelSelector", "a=b"),
        ("limit", "5"),
        ("watch", "true"),
        ("allowWatchBookmarks", "false"),
        ("dryRun", "All"),
        ("pretty", "x"),
        ("pretty", "y"),
    ]
    assert query({"dry_run": False}) == []


def test_nested_reads_never_raise() -> None:
    pod: dict[str, Any] = {"spec": {"containers": [{"image": "nginx"}]}, "status": None}
    assert kctl.nested(pod, "spec", "containers", 0, "image") == "nginx"
    assert kctl.nested(pod, "spec", "containers", -1, "image") == "nginx"
    assert kctl.nested(pod, "spec", "containers", 3, "image") is None
    assert kctl.nested(pod, "status", "phase", default="Unknown") == "Unknown"
    assert kctl.nested(pod, "spec", "containers", "0") is None  # a key into a list
    assert kctl.nested(pod) is pod


def test_set_and_remove_nested() -> None:
    obj: dict[str, Any] = {"metadata": {"name": "x"}}
    kctl.set_nested(obj, 3, "spec", "replicas")
    kctl.set_nested(obj, {"a": "b"}, "metadata", "labels")
    assert obj == {"metadata": {"name": "x", "labels": {"a": "b"}}, "spec": {"replicas": 3}}
    with pytest.raises(ValueError, match="metadata.name is not a map"):
        kctl.set_nested(obj, 1, "metadata", "name", "x")
    kctl.remove_nested(obj, "metadata", "labels")
    kctl.remove_nested(obj, "status", "phase")  # missing: nothing happens
    assert obj == {"metadata": {"name": "x"}, "spec": {"replicas": 3}}


def discovery(server: FakeServer, **kwargs: Any) -> kctl.DiscoveryClient:
    return kctl.DiscoveryClient(RestConfig(host=SERVER), rest=lambda: server, **kwargs)  # type: ignore[arg-type,return-value]


def test_partial_discovery_failure_carries_what_succeeded() -> None:
    seen: list[str] = []
    dc = discovery(FakeServer(), warning_handler=seen.append)
    with pytest.raises(kctl.GroupDiscoveryFailed) as err:
        dc.server_groups_and_resources()
    assert err.value.failed == {
        "broken.example.com/v1beta1": "the server reports its discovery information as stale"
    }
    assert "unable to retrieve the complete list of server APIs" in str(err.value)
    assert err.value.resources[0].group_version == "v1"
    assert any(g.name == "apps" for g in err.value.groups)
    assert not any(g.name == "broken.example.com" for g in err.value.groups)
    with pytest.raises(kctl.GroupDiscoveryFailed):
        dc.server_preferred_resources()
    with pytest.raises(kctl.GroupDiscoveryFailed):
        dc.server_resources_for_group_version("broken.example.com/v1beta1")
    assert dc.server_resources_for_group_version("apps/v1").group_version == "apps/v1"
    assert seen == [
        "broken.example.com/v1beta1 is unavailable: "
        "the server reports its discovery information as stale"
    ]


def test_discovery_warnings_default_to_python_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        discovery(FakeServer()).server_groups()
    assert [w.category for w in caught] == [kctl.ServerWarning]
    assert "broken.example.com/v1beta1 is unavailable" in str(caught[0].message)


def test_resource_lists_put_subresources_after_their_resource() -> None:
    def entry(name: str, group: str = "") -> dict[str, Any]:
        return {"name": name, "group": group, "version": "v1", "kind": "K", "verbs": ["get"]}

    lists = resource_lists(
        [entry("pods"), entry("services"), entry("deployments", "apps")],
        [entry("pods/log"), entry("pods/status"), entry("deployments/scale", "apps")],
    )
    assert [(lst.group_version, [r.name for r in lst.resources]) for lst in lists] == [
        ("v1", ["pods", "pods/log", "pods/status", "services"]),
        ("apps/v1", ["deployments", "deployments/scale"]),
    ]
    assert lists[0].resources[0].subresources == ("log", "status")
    assert lists[0].resources[0].verbs == ("get",)


def test_a_request_for_a_bare_resource_needs_a_group_version() -> None:
    rest = kctl.RESTClient(RestConfig(host=SERVER))
    with pytest.raises(kctl.KctlError, match="group_version"):
        rest.get().resource("pods")
    path = kctl.RESTClient(RestConfig(host=SERVER), group_version="apps/v1").get()
    assert path.namespace("ns").resource("deployments").name("web").path() == (
        "/apis/apps/v1/namespaces/ns/deployments/web"
    )


def test_in_cluster_config_reads_the_service_account(tmp_path: Any) -> None:
    (tmp_path / "token").write_text("sa-token\n")
    (tmp_path / "namespace").write_text("team-a")
    environ = {"KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"}
    cfg = kctl.in_cluster_config(environ=environ, service_account_dir=str(tmp_path))
    assert (cfg.host, cfg.bearer_token, cfg.namespace) == (
        "https://10.0.0.1:443",
        "sa-token",
        "team-a",
    )
    assert "sa-token" not in repr(cfg)
    with pytest.raises(kctl.ConfigError, match="KUBERNETES_SERVICE_HOST"):
        kctl.in_cluster_config(environ={}, service_account_dir=str(tmp_path))
