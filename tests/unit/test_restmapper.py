"""RESTMapper resolution rules on discovery captured from kube-apiserver v1.36.3.

The expected results in ``KUBECTL`` are what kubectl v1.36.3 resolved on that same server
(observed with ``kubectl get TYPE -v=6``); ``BETTER`` lists where kctl deliberately differs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kctl.env import Environment
from kctl.errors import ResourceTypeNotFound
from kctl.restmapper import NoKindMatch, RESTMapper
from kctl.schema import GroupVersionKind, GroupVersionResource
from tests.unit.test_discovery import Clock, FakeServer, make_client

AE, BO = "alpha.example.com", "beta.example.org"

# typed -> (group, version, resource), or an error's resource part
KUBECTL: list[tuple[str, tuple[str, str, str] | str]] = [
    ("po", ("", "v1", "pods")),
    ("pods", ("", "v1", "pods")),
    ("Pod", ("", "v1", "pods")),
    ("POD", ("", "v1", "pods")),
    ("pods.v1.", ("", "v1", "pods")),
    ("wd", (AE, "v1", "widgets")),
    ("widget", (AE, "v1", "widgets")),
    ("widgets", (AE, "v1", "widgets")),
    ("Widget", (AE, "v1", "widgets")),
    ("widgets.beta.example.org", (BO, "v2", "widgets")),
    ("widgets.beta", (BO, "v2", "widgets")),
    ("wd.beta.example.org", (BO, "v2", "widgets")),
    ("wd.beta", (BO, "v2", "widgets")),
    ("widgets.v2.beta.example.org", (BO, "v2", "widgets")),
    ("widgets.v1beta1.alpha.example.com", (AE, "v1beta1", "widgets")),
    ("wd.v1beta1.alpha", (AE, "v1beta1", "widgets")),
    ("Gizmo.beta.example.org", (BO, "v2", "widgets")),
    ("gizmo.beta.example.org", (BO, "v2", "widgets")),
    ("Gizmo.v2.beta.example.org", (BO, "v2", "widgets")),
    ("Deployment.apps", ("apps", "v1", "deployments")),
    ("Deployment.v1.apps", ("apps", "v1", "deployments")),
    ("deployments.apps", ("apps", "v1", "deployments")),
    ("deployment.v1.apps", ("apps", "v1", "deployments")),
    ("deploy.v1.apps", ("apps", "v1", "deployments")),
    ("hpa", ("autoscaling", "v2", "horizontalpodautoscalers")),
    ("storageclass.storage", ("storage.k8s.io", "v1", "storageclasses")),
    ("sc", ("storage.k8s.io", "v1", "storageclasses")),
    ("ev", ("", "v1", "events")),
    ("events.events.k8s.io", ("events.k8s.io", "v1", "events")),
    ("events.events", ("events.k8s.io", "v1", "events")),
    ("ing", ("networking.k8s.io", "v1", "ingresses")),
    ("ingresses.networking", ("networking.k8s.io", "v1", "ingresses")),
    ("ingress.networking.k8s.io", ("networking.k8s.io", "v1", "ingresses")),
    ("endpointslices.discovery", ("discovery.k8s.io", "v1", "endpointslices")),
    ("cs", ("", "v1", "componentstatuses")),
    ("crd", ("apiextensions.k8s.io", "v1", "customresourcedefinitions")),
    ("crds", ("apiextensions.k8s.io", "v1", "customresourcedefinitions")),
    ("apiservice.apiregistration.k8s.io", ("apiregistration.k8s.io", "v1", "apiservices")),
    ("Gizmo", "Gizmo"),
    ("gizmo", "gizmo"),
    ("GIZMO.beta.example.org", "GIZMO"),
    ("nodes.v1", "nodes"),
    ("widgets.example.com", "widgets"),
    ("widgets.v1.beta.example.org", "widgets"),
    ("foo", "foo"),
]

# kubectl: PO and HPA fail (short names are case-sensitive there); a short name with an
# explicit version loses the version (wd.v1beta1.alpha.example.com -> v1, hpa.v1 -> v2).
BETTER: list[tuple[str, tuple[str, str, str]]] = [
    ("PO", ("", "v1", "pods")),
    ("HPA", ("autoscaling", "v2", "horizontalpodautoscalers")),
    ("wd.v1beta1.alpha.example.com", (AE, "v1beta1", "widgets")),
    ("hpa.v1.autoscaling", ("autoscaling", "v1", "horizontalpodautoscalers")),
]


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def env(tmp_path: Path) -> Environment:
    return Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path)}, clock=Clock())


@pytest.fixture
def mapper(env: Environment, server: FakeServer) -> RESTMapper:
    dc = make_client(env, server)
    dc.resources()
    env.stderr.truncate(0)  # the stale-group warning of the first fetch
    env.stderr.seek(0)
    return RESTMapper(dc, env)


@pytest.mark.parametrize(("typed", "expected"), KUBECTL + BETTER)
def test_resolution_table(
    mapper: RESTMapper, env: Environment, typed: str, expected: tuple[str, str, str] | str
) -> None:
    if isinstance(expected, str):
        env.clock.now += 10  # type: ignore[attr-defined]
        with pytest.raises(ResourceTypeNotFound) as info:
            mapper.mapping_for(typed)
        assert info.value.typed == expected
        assert str(info.value).startswith(
            f'error: the server doesn\'t have a resource type "{expected}"'
        )
    else:
        assert mapper.mapping_for(typed).gvr == GroupVersionResource(*expected)


def test_mapping_carries_kind_scope_and_entry(mapper: RESTMapper) -> None:
    m = mapper.mapping_for("wd.beta")
    assert m.gvk == GroupVersionKind(BO, "v2", "Gizmo")
    assert m.namespaced is False
    assert m.resource["shortNames"] == ["wd"]
    assert mapper.mapping_for("po").namespaced is True
    assert m.gvr.path(name="x") == "/apis/beta.example.org/v2/widgets/x"


@pytest.mark.parametrize(
    ("typed", "warning"),
    [
        ("wd", 'short name "wd" could also match lower priority resource widgets.beta.example.org'),
        (
            "po",
            'short name "po" could also match lower priority resource widgets.alpha.example.com',
        ),
        ("ev", 'short name "ev" could also match lower priority resource events.events.k8s.io'),
    ],
)
def test_short_name_collision_warning_matches_kubectl(
    mapper: RESTMapper, env: Environment, typed: str, warning: str
) -> None:
    mapper.mapping_for(typed)
    mapper.mapping_for(typed)
    assert env.stderr.getvalue() == f"Warning: {warning}\n"  # once


def test_plural_and_singular_names_never_warn(mapper: RESTMapper, env: Environment) -> None:
    for typed in ("widgets", "widget", "pods", "events", "wd.beta.example.org"):
        mapper.mapping_for(typed)
    assert env.stderr.getvalue() == ""


def test_warm_lookups_send_no_request(mapper: RESTMapper, server: FakeServer) -> None:
    before = len(server.paths)
    for typed, _ in KUBECTL[:20]:
        mapper.mapping_for(typed)
    assert len(server.paths) == before


def test_fully_qualified_name_does_not_revalidate(
    mapper: RESTMapper, server: FakeServer, env: Environment
) -> None:
    env.clock.now += 3600  # type: ignore[attr-defined]
    before = len(server.paths)
    mapper.mapping_for("widgets.alpha.example.com")  # "a.b.c" is first read as resource.v.group
    mapper.mapping_for("Gizmo.beta.example.org")
    assert len(server.paths) == before  # kubectl re-discovers here (#96430)


def test_unknown_name_revalidates_once(
    mapper: RESTMapper, server: FakeServer, env: Environment
) -> None:
    env.clock.now += 60
    before = len(server.paths)
    for typed in ("foo", "bar", "baz.example.com"):
        with pytest.raises(ResourceTypeNotFound):
            mapper.mapping_for(typed)
    assert server.paths[before:] == ["/api", "/apis"]  # two 304s, once per process
    assert all("If-None-Match" in c[1] for c in server.calls[before:])


def test_unknown_name_right_after_discovery_does_not_revalidate(
    mapper: RESTMapper, server: FakeServer
) -> None:
    before = len(server.paths)
    with pytest.raises(ResourceTypeNotFound):
        mapper.mapping_for("foo")
    assert len(server.paths) == before


def test_new_resource_is_found_by_the_revalidation(tmp_path: Path) -> None:
    clock = Clock()
    env = Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path)}, clock=clock)
    make_client(env, FakeServer()).resources()  # warm cache without the new group
    clock.now += 120
    server = FakeServer()
    apis = server.docs["/apis"]
    apis["etag"] = '"CHANGED"'
    apis["body"]["items"].append(
        {
            "metadata": {"name": "new.example.com"},
            "versions": [
                {
                    "version": "v1",
                    "freshness": "Current",
                    "resources": [
                        {
                            "resource": "gadgets",
                            "singularResource": "gadget",
                            "responseKind": {
                                "group": "new.example.com",
                                "version": "v1",
                                "kind": "Gadget",
                            },
                            "scope": "Namespaced",
                            "verbs": ["get", "list"],
                        }
                    ],
                }
            ],
        }
    )
    mapper = RESTMapper(make_client(env, server), env)
    assert mapper.mapping_for("gadgets.new.example.com").gvr == GroupVersionResource(
        "new.example.com", "v1", "gadgets"
    )
    assert server.paths == ["/api", "/apis"]  # a 304 and the new /apis


def test_did_you_mean(mapper: RESTMapper) -> None:
    cases = {"pdos": "pods", "deploymnets": "deployments", "deploymnets.apps": "deployments.apps"}
    for typed, suggestion in cases.items():
        with pytest.raises(ResourceTypeNotFound) as info:
            mapper.mapping_for(typed)
        assert str(info.value).endswith(f'\nDid you mean "{suggestion}"?')
    with pytest.raises(ResourceTypeNotFound) as info:
        mapper.mapping_for("zzzzqqq")
    assert str(info.value) == 'error: the server doesn\'t have a resource type "zzzzqqq"'


def test_miss_in_a_stale_group_names_it(mapper: RESTMapper, tmp_path: Path) -> None:
    # a later process on the warm cache: the stale group was reported when it was found
    env = Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path)}, clock=Clock())
    later = RESTMapper(make_client(env, None), env)
    later.mapping_for("pods")
    assert env.stderr.getvalue() == ""
    with pytest.raises(ResourceTypeNotFound):
        later.mapping_for("things.broken.example.com")
    assert env.stderr.getvalue() == (
        "Warning: broken.example.com/v1beta1 is unavailable: "
        "the server reports its discovery information as stale\n"
    )


def test_categories(mapper: RESTMapper) -> None:
    gadgets = mapper.mappings_for_category("gadgets")
    assert [m.gvr for m in gadgets] == [GroupVersionResource(AE, "v1", "widgets")]
    everything = [m.gvr.group_resource() for m in mapper.mappings_for_category("all")]
    # kubectl's order: discovery order, one entry per kind in its preferred version
    assert everything == [
        "pods",
        "replicationcontrollers",
        "services",
        "daemonsets.apps",
        "deployments.apps",
        "replicasets.apps",
        "statefulsets.apps",
        "horizontalpodautoscalers.autoscaling",
        "cronjobs.batch",
        "jobs.batch",
        "widgets.alpha.example.com",
    ]
    assert mapper.mappings_for_category("nope") == []
    assert mapper.is_category("all") and not mapper.is_category("pods")


def test_kind_for(mapper: RESTMapper) -> None:
    m = mapper.mapping_for_kind(GroupVersionKind("autoscaling", "v1", "HorizontalPodAutoscaler"))
    assert m.gvr == GroupVersionResource("autoscaling", "v1", "horizontalpodautoscalers")
    m = mapper.mapping_for_kind(GroupVersionKind("autoscaling", "", "HorizontalPodAutoscaler"))
    assert m.gvr.version == "v2"
    assert mapper.mapping_for_kind(GroupVersionKind("", "v1", "Pod")).gvr.resource == "pods"
    with pytest.raises(NoKindMatch) as info:
        mapper.mapping_for_kind(GroupVersionKind("apps", "v2", "Deployment"))
    assert str(info.value) == 'error: no matches for kind "Deployment" in version "apps/v2"'
    with pytest.raises(NoKindMatch) as info:
        mapper.mapping_for_kind(GroupVersionKind("nope.io", "", "Thing"))
    assert str(info.value) == 'error: no matches for kind "Thing" in group "nope.io"'


class PlainDiscovery:
    """A DiscoverySource over plain data, in whatever order a test lists it."""

    def __init__(self, groups: list[dict[str, Any]], resources: list[dict[str, Any]]) -> None:
        self._groups, self._resources = groups, resources

    def groups(self) -> list[dict[str, Any]]:
        return self._groups

    def resources(self) -> list[dict[str, Any]]:
        return self._resources

    def failed(self) -> dict[str, str]:
        return {}

    def revalidate(self, max_age: float) -> bool:
        return False

    def warn_unavailable(self, group: str | None) -> None:
        return None


def _entry(group: str, version: str, name: str, kind: str, short: tuple[str, ...] = ()) -> Any:
    return {
        "group": group,
        "version": version,
        "name": name,
        "singularName": kind.lower(),
        "namespaced": True,
        "kind": kind,
        "verbs": ["get", "list"],
        "shortNames": list(short),
        "categories": [],
    }


def test_core_v1_ranks_first_whatever_order_discovery_lists_groups(env: Environment) -> None:
    # client-go's NewDiscoveryRESTMapper puts core v1 first explicitly; a live server happens
    # to list it first anyway, so only a reordered document shows the rule
    groups = [
        {"name": "events.k8s.io", "versions": ["v1"], "preferredVersion": "v1"},
        {"name": "", "versions": ["v1"], "preferredVersion": "v1"},
    ]
    resources = [
        _entry("events.k8s.io", "v1", "events", "Event", ("ev",)),
        _entry("", "v1", "events", "Event", ("ev",)),
    ]
    mapper = RESTMapper(PlainDiscovery(groups, resources), env)
    for typed in ("events", "event", "Event", "ev"):
        assert mapper.mapping_for(typed).gvr == GroupVersionResource("", "v1", "events"), typed
    assert mapper.mapping_for_kind(GroupVersionKind("", "", "Event")).gvr.group == ""
    assert env.stderr.getvalue() == (
        'Warning: short name "ev" could also match lower priority resource events.events.k8s.io\n'
    )


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("dep", "deployments"),  # a prefix beats "endpoints", nearer by edit distance
        ("deployme", "deployments"),
        ("configm", "configmaps"),
        ("serv", "services"),  # the shortest name the word starts, before serviceaccounts
        ("dep.apps", "deployments.apps"),
        ("secrte", "secret"),  # no prefix: edit distance (a swap costs one)
    ],
)
def test_did_you_mean_prefers_a_type_the_word_starts(
    mapper: RESTMapper, typed: str, suggestion: str
) -> None:
    with pytest.raises(ResourceTypeNotFound) as info:
        mapper.mapping_for(typed)
    assert str(info.value).endswith(f'\nDid you mean "{suggestion}"?')
