"""GroupVersion parsing and URL paths built from a GroupVersionResource."""

from __future__ import annotations

import pytest

from kctl.errors import UsageError
from kctl.schema import GroupVersion, GroupVersionKind, GroupVersionResource


@pytest.mark.parametrize(
    ("text", "expected"),
    [("v1", GroupVersion("", "v1")), ("apps/v1", GroupVersion("apps", "v1"))],
)
def test_parse_group_version(text: str, expected: GroupVersion) -> None:
    assert GroupVersion.parse(text) == expected
    assert str(expected) == text


def test_parse_rejects_extra_slashes() -> None:
    with pytest.raises(ValueError):
        GroupVersion.parse("a/b/c")


@pytest.mark.parametrize(
    ("gvr", "kwargs", "path"),
    [
        (GroupVersionResource("", "v1", "pods"), {}, "/api/v1/pods"),
        (GroupVersionResource("", "v1", "pods"), {"namespace": "ns"}, "/api/v1/namespaces/ns/pods"),
        (
            GroupVersionResource("apps", "v1", "deployments"),
            {"namespace": "ns", "name": "web", "subresource": "scale"},
            "/apis/apps/v1/namespaces/ns/deployments/web/scale",
        ),
        (
            GroupVersionResource("", "v1", "namespaces"),
            {"name": "kube-system"},
            "/api/v1/namespaces/kube-system",
        ),
        # other characters are escaped (a '/' or '%' is refused, see below)
        (GroupVersionResource("", "v1", "pods"), {"name": "a b:c"}, "/api/v1/pods/a%20b%3Ac"),
    ],
)
def test_paths(gvr: GroupVersionResource, kwargs: dict[str, str], path: str) -> None:
    assert gvr.path(**kwargs) == path


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a%2Fb"])
def test_path_rejects_names_that_are_not_names(name: str) -> None:
    """Checked where every path is built, so no caller can send a name that climbs out of
    the collection (kubectl's texts: see tests/unit/test_dynamic.py)."""
    with pytest.raises(UsageError):
        GroupVersionResource("", "v1", "pods").path(name=name)


def test_group_resource_and_gvk_from_object() -> None:
    assert GroupVersionResource("apps", "v1", "deployments").group_resource() == "deployments.apps"
    assert GroupVersionResource("", "v1", "pods").group_resource() == "pods"
    gvk = GroupVersionKind.from_object({"apiVersion": "apps/v1", "kind": "Deployment"})
    assert gvk == GroupVersionKind("apps", "v1", "Deployment")
