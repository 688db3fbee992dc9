"""What ``kctl.DiscoveryClient`` returns: client-go's discovery types as frozen records.

Built from the discovery document (``kctl.discovery.client``); the field names are client-go's
in snake_case. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kctl.errors import KctlError


@dataclass(frozen=True)
class APIGroup:
    """A served API group: ``name`` (``""`` for core), its ``versions`` in the server's
    priority order and the ``preferred_version``."""

    name: str
    versions: tuple[str, ...]
    preferred_version: str


@dataclass(frozen=True)
class APIResource:
    """One resource (or subresource, ``name`` like ``pods/log``) of a group-version.

    ``kind`` is the type it serves; ``group``/``version`` are the group-version it is served in
    (client-go leaves them empty there; here they are always filled in). ``subresources`` lists
    the subresource names of a top-level resource (``("status", "scale")``)."""

    name: str
    singular_name: str
    namespaced: bool
    group: str
    version: str
    kind: str
    verbs: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subresources: tuple[str, ...] = ()

    @property
    def group_version(self) -> str:
        """``apps/v1`` or ``v1``."""
        return f"{self.group}/{self.version}" if self.group else self.version


@dataclass(frozen=True)
class APIResourceList:
    """The resources of one group-version (client-go's ``metav1.APIResourceList``): top-level
    resources in server order, each followed by its subresources."""

    group_version: str
    resources: tuple[APIResource, ...]


class GroupDiscoveryFailed(KctlError):
    """Some group-versions could not be discovered (client-go's ``ErrGroupDiscoveryFailed``);
    what did succeed is still here: ``groups``, ``resources`` (the lists that were read) and
    ``failed`` (``{"metrics.k8s.io/v1beta1": "why"}``)."""

    def __init__(
        self,
        failed: dict[str, str],
        groups: list[APIGroup],
        resources: list[APIResourceList],
    ) -> None:
        detail = ", ".join(f"{gv}: {why}" for gv, why in sorted(failed.items()))
        super().__init__(f"unable to retrieve the complete list of server APIs: {detail}")
        self.failed = failed
        self.groups = groups
        self.resources = resources


@dataclass
class _ListBuilder:
    order: list[str] = field(default_factory=list)
    by_gv: dict[str, list[APIResource]] = field(default_factory=dict)


def group_records(groups: list[dict[str, Any]]) -> list[APIGroup]:
    """The document's groups as records (server order; groups with no served version left
    out, as client-go does)."""
    return [
        APIGroup(g["name"], tuple(g["versions"]), g.get("preferredVersion") or "")
        for g in groups
        if g["versions"]
    ]


def resource_lists(
    resources: list[dict[str, Any]], subresources: list[dict[str, Any]]
) -> list[APIResourceList]:
    """Group the document's entries by group-version (discovery order), each resource followed
    by its subresources."""
    subs: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for s in subresources:
        parent = s["name"].split("/", 1)[0]
        subs.setdefault((s["group"], s["version"], parent), []).append(s)
    out = _ListBuilder()
    for r in resources:
        children = subs.get((r["group"], r["version"], r["name"]), [])
        record = _record(r, tuple(c["name"].split("/", 1)[1] for c in children))
        gv = record.group_version
        if gv not in out.by_gv:
            out.order.append(gv)
            out.by_gv[gv] = []
        out.by_gv[gv].append(record)
        out.by_gv[gv] += [_record(c, ()) for c in children]
    return [APIResourceList(gv, tuple(out.by_gv[gv])) for gv in out.order]


def _record(entry: dict[str, Any], subresources: tuple[str, ...]) -> APIResource:
    return APIResource(
        name=entry["name"],
        singular_name=entry.get("singularName") or "",
        namespaced=bool(entry.get("namespaced")),
        group=entry["group"],
        version=entry["version"],
        kind=entry.get("kind") or "",
        verbs=tuple(entry.get("verbs") or ()),
        short_names=tuple(entry.get("shortNames") or ()),
        categories=tuple(entry.get("categories") or ()),
        subresources=subresources,
    )
