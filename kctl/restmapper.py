"""RESTMapper: turn what a user typed into a GroupVersionResource, a kind and a scope.

The rules are kubectl's (cli-runtime's builder, client-go's shortcut expander, apimachinery's
DefaultRESTMapper and PriorityRESTMapper), applied to the discovery document:

1. ``a.b.c`` (two dots or more) is first tried as ``resource.version.group``;
2. then ``resource.group`` (everything after the first dot is the group), then ``resource``;
3. then the same shapes as a Kind (``Kind.version.group``, ``Kind.group``, ``Kind``).

A resource name is a plural or singular name (lowercased), or a short name; a group may be a
prefix of the real one (``ingresses.networking``). Among several matches the core group wins,
then the server's group order, preferred version first.

Better than kubectl, on purpose: short names match case-insensitively (``PO``), the version of
``deploy.v1.apps`` is kept when a short name is expanded, nothing is invalidated while any
reading can still match (kubernetes/kubernetes#96430), and an unknown name costs at most one
revalidation (two ``304`` answers when nothing changed) plus a ``Did you mean`` hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kctl.errors import KctlError, ResourceTypeNotFound
from kctl.schema import GroupVersionKind, GroupVersionResource

if TYPE_CHECKING:
    from kctl.env import Environment

# A miss revalidates discovery only when the server last confirmed it longer ago than this.
MISS_REVALIDATE_AGE = 5.0


class DiscoverySource(Protocol):
    """What the mapper needs from ``kctl.discovery.client.DiscoveryClient``."""

    def groups(self) -> list[dict[str, Any]]: ...
    def resources(self) -> list[dict[str, Any]]: ...
    def failed(self) -> dict[str, str]: ...
    def revalidate(self, max_age: float) -> bool: ...
    def warn_unavailable(self, group: str | None) -> None: ...


@dataclass(frozen=True)
class RESTMapping:
    """Where a type lives: its GVR (for URLs), GVK, scope and discovery entry."""

    gvr: GroupVersionResource
    gvk: GroupVersionKind
    namespaced: bool
    resource: dict[str, Any]


class NoKindMatch(KctlError):
    """No resource serves a kind (apimachinery's ``NoKindMatchError`` text)."""

    def __init__(self, gvk: GroupVersionKind) -> None:
        where = f'version "{gvk.group_version}"' if gvk.version else f'group "{gvk.group}"'
        super().__init__(f'no matches for kind "{gvk.kind}" in {where}')
        self.gvk = gvk

    def __str__(self) -> str:
        return f"error: {self.message}"


class RESTMapper:
    """client-go's RESTMapper over a ``kctl.DiscoveryClient``, with kubectl's rules (see the
    module docstring): ``resource_for("deploy")``, ``kind_for(...)``, ``rest_mapping(kind)``,
    ``mapping_for(...)``. Unknown names raise ``kctl.ResourceTypeNotFound`` (with kubectl's
    "Did you mean" suggestion) or ``kctl.NoKindMatch``. Warnings go where the discovery
    client's go (``env`` overrides that, for the CLI)."""

    def __init__(self, discovery: DiscoverySource, env: Environment | None = None) -> None:
        self.discovery = discovery
        if env is None:
            env = getattr(discovery, "env", None)
        if env is None:
            from kctl.libenv import LibraryEnvironment

            env = LibraryEnvironment()
        self.env = env
        self._index: _Index | None = None
        self._revalidated = False
        self._warned: set[str] = set()

    # ---- public API -------------------------------------------------------------------------

    def mapping_for(self, typed: str) -> RESTMapping:
        """The mapping for ``po``, ``pods``, ``Pod``, ``deploy.apps``, ``foos.v1.example.com``,
        ... Raises ``ResourceTypeNotFound`` (with a suggestion when one is close)."""
        entry = self._resolve(typed)
        if entry is None and self._revalidate_once():
            entry = self._resolve(typed)
        if entry is None:
            resource, _, group = typed.partition(".")
            self.discovery.warn_unavailable(group or None)
            raise ResourceTypeNotFound(resource, self._suggest(typed))
        return _mapping(entry)

    def mappings_for_category(self, name: str) -> list[RESTMapping]:
        """Every type in a category (``all``), in discovery order, one mapping per kind, each
        in its preferred version. Empty when no resource declares the category."""
        members = self._category_members(name)
        if not members and self._revalidate_once():
            members = self._category_members(name)
        out: list[RESTMapping] = []
        seen: set[GroupVersionKind] = set()
        for group, plural in members:
            entry = self._lookup_resource(group, "", plural)
            if entry is None:
                continue
            mapping = _mapping(entry)
            if mapping.gvk not in seen:
                seen.add(mapping.gvk)
                out.append(mapping)
        return out

    def is_category(self, name: str) -> bool:
        """Whether some discovered resource declares this category (no revalidation)."""
        return bool(self._category_members(name))

    def resource_for(self, resource: str | GroupVersionResource) -> GroupVersionResource:
        """The fully qualified resource for what a user typed (``"deploy"``, ``"pods"``,
        ``"ingresses.networking"``) or a partial ``GVR`` (empty group or version)."""
        return self.mapping_for(_typed(resource)).gvr

    def kind_for(self, resource: str | GroupVersionResource) -> GroupVersionKind:
        """The kind a resource serves (client-go's ``KindFor``): ``"deploy"`` ->
        ``GVK("apps", "v1", "Deployment")``."""
        return self.mapping_for(_typed(resource)).gvk

    def rest_mapping(self, group_kind: str, version: str = "") -> RESTMapping:
        """Where a kind lives (client-go's ``RESTMapping(gk, versions...)``): ``group_kind`` is
        ``"Deployment.apps"`` or ``"Pod"``; an empty ``version`` means the preferred one.
        Raises ``NoKindMatch``."""
        kind, _, group = group_kind.partition(".")
        return self.mapping_for_kind(GroupVersionKind(group, version, kind))

    def mapping_for_kind(self, gvk: GroupVersionKind) -> RESTMapping:
        """The mapping serving a kind (GVK → GVR); an empty version means the preferred one.
        Raises ``NoKindMatch``."""
        entry = self._lookup_kind(gvk.group, gvk.version, gvk.kind)
        if entry is None and self._revalidate_once():
            entry = self._lookup_kind(gvk.group, gvk.version, gvk.kind)
        if entry is None:
            self.discovery.warn_unavailable(gvk.group)
            raise NoKindMatch(gvk)
        return _mapping(entry)

    # ---- resolution -------------------------------------------------------------------------

    def _idx(self) -> _Index:
        if self._index is None:
            self._index = _Index(self.discovery.groups(), self.discovery.resources())
        return self._index

    def _revalidate_once(self) -> bool:
        """At most one revalidation per mapper, and only if discovery is not brand new."""
        if self._revalidated:
            return False
        self._revalidated = True
        if not self.discovery.revalidate(MISS_REVALIDATE_AGE):
            return False
        self._index = None
        return True

    def _resolve(self, typed: str) -> dict[str, Any] | None:
        """cli-runtime's ``mappingFor`` order: resource forms first, then kind forms."""
        if not typed:
            return None
        three = typed.split(".", 2) if typed.count(".") >= 2 else None
        if three is not None:
            entry = self._lookup_resource(three[2], three[1], three[0])
            if entry is not None:
                return entry
        resource, _, group = typed.partition(".")
        entry = self._lookup_resource(group, "", resource)
        if entry is not None:
            return entry
        if three is not None:
            entry = self._lookup_kind(three[2], three[1], three[0])
            if entry is not None:
                return entry
        return self._lookup_kind(group, "", resource)

    def _lookup_resource(self, group: str, version: str, resource: str) -> dict[str, Any] | None:
        if not resource:
            return None
        group, version, resource = self._expand_short_name(group, version, resource)
        return self._idx().best(self._resources_for(group, version, resource))

    def _expand_short_name(self, group: str, version: str, resource: str) -> tuple[str, str, str]:
        """client-go's shortcut expander, case-insensitive. A plural or singular name in the
        typed group is left alone; otherwise the first short name (core first, then group
        order) wins, with kubectl's warning for a different resource further down; failing
        that, a short name whose group starts with the typed group."""
        idx = self._idx()
        low = resource.lower()
        for e in idx.resources:
            if group and e["group"] != group:
                continue
            if low == e["name"] or low == e["singularName"].lower():
                return group, version, resource
        found: tuple[str, str] | None = None
        for short, s_group, plural in idx.short_names:
            if group and s_group != group:
                continue
            if short != low:
                continue
            if found is None:
                found = (s_group, plural)
            elif found != (s_group, plural):
                other = f"{plural}.{s_group}" if s_group else plural
                self._warn(
                    f'short name "{resource}" could also match lower priority resource {other}'
                )
        if found is not None:
            return found[0], version, found[1]
        if group:
            for short, s_group, plural in idx.short_names:
                if s_group.startswith(group) and short == low:
                    return s_group, version, plural
        return group, version, resource

    def _resources_for(self, group: str, version: str, resource: str) -> list[dict[str, Any]]:
        """apimachinery's ``DefaultRESTMapper.ResourcesFor``: plural or singular, lowercased;
        a group alone may also match as a prefix when nothing matches exactly."""
        low = resource.lower()
        entries = self._idx().resources

        def named(e: dict[str, Any]) -> bool:
            return bool(low == e["name"] or low == _singular(e))

        if group and version:
            return [
                e for e in entries if e["group"] == group and e["version"] == version and named(e)
            ]
        if group:
            exact = [e for e in entries if e["group"] == group and named(e)]
            if exact:
                return exact
            return [e for e in entries if e["group"].startswith(group) and named(e)]
        if version:
            return [e for e in entries if e["version"] == version and named(e)]
        return [e for e in entries if named(e)]

    def _lookup_kind(self, group: str, version: str, kind: str) -> dict[str, Any] | None:
        """``RESTMapping(GroupKind, version)``: the group exactly, the kind as served or all
        lowercase. Within one group-version the last resource with the kind wins, as in
        kubectl's kind table."""
        if not kind:
            return None
        idx = self._idx()
        matches = [
            e
            for e in idx.resources
            if e["group"] == group
            and (not version or e["version"] == version)
            and e["kind"]
            and (e["kind"] == kind or e["kind"].lower() == kind)
        ]
        if not matches:
            return None
        best_rank = min(idx.rank(e) for e in matches)
        return [e for e in matches if idx.rank(e) == best_rank][-1]

    def _category_members(self, name: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for e in self._idx().resources_in_discovery_order:
            if name in e["categories"] and (e["group"], e["name"]) not in out:
                out.append((e["group"], e["name"]))
        return out

    def _suggest(self, typed: str) -> str | None:
        """A close known name for ``Did you mean``: plural, singular and short names."""
        import difflib

        resource, _, group = typed.partition(".")
        idx = self._idx()
        pool = [e for e in idx.resources if not group or e["group"].startswith(group)]
        if group and not pool:
            pool = idx.resources
        names: dict[str, dict[str, Any]] = {}
        for e in pool:
            for n in (e["name"], _singular(e), *e["shortNames"]):
                names.setdefault(n.lower(), e)
        close = difflib.get_close_matches(resource.lower(), list(names), n=1, cutoff=0.75)
        if not close:
            return None
        e = names[close[0]]
        name = e["name"] if close[0] in (s.lower() for s in e["shortNames"]) else close[0]
        return f"{name}.{e['group']}" if group and e["group"] else name

    def _warn(self, text: str) -> None:
        if text not in self._warned:
            self._warned.add(text)
            self.env.warn(text)


class _Index:
    """Discovery data arranged for lookups: resources in priority order, short names in
    discovery order, and the priority rank of every group-version."""

    def __init__(self, groups: list[dict[str, Any]], resources: list[dict[str, Any]]) -> None:
        ranks: dict[tuple[str, str], int] = {}
        for g in groups:
            versions = list(g.get("versions") or [])
            preferred = g.get("preferredVersion") or ""
            ordered = ([preferred] if preferred in versions else []) + [
                v for v in versions if v != preferred
            ]
            for v in ordered:
                ranks.setdefault((g["name"], v), len(ranks))
        self._ranks = ranks
        self.resources_in_discovery_order = resources
        self.resources = sorted(resources, key=self.rank)  # stable: server order within a GV
        self.short_names = [
            (s.lower(), e["group"], e["name"]) for e in resources for s in e["shortNames"]
        ]

    def rank(self, entry: dict[str, Any]) -> int:
        return self._ranks.get((entry["group"], entry["version"]), len(self._ranks))

    def best(self, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
        """PriorityRESTMapper: the candidate in the highest-priority group-version."""
        return min(candidates, key=self.rank) if candidates else None


def _singular(entry: dict[str, Any]) -> str:
    """The singular name, or the lowercased kind when the server gave none (client-go)."""
    return str(entry["singularName"] or entry["kind"].lower())


def _typed(resource: str | GroupVersionResource) -> str:
    """A GVR as kubectl's typed form: ``resource.version.group`` (or less when parts are
    empty)."""
    if isinstance(resource, str):
        return resource
    group, version, name = resource
    if version and group:
        return f"{name}.{version}.{group}"
    if version:  # core group, version given: "pods.v1." is not valid; the plural alone is
        return name
    return f"{name}.{group}" if group else name


def _mapping(entry: dict[str, Any]) -> RESTMapping:
    return RESTMapping(
        gvr=GroupVersionResource(entry["group"], entry["version"], entry["name"]),
        gvk=GroupVersionKind(entry["group"], entry["version"], entry["kind"]),
        namespaced=bool(entry["namespaced"]),
        resource=entry,
    )
