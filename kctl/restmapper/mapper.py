"""RESTMapper: turn what a user typed into a GroupVersionResource, a kind and a scope.

The resolution rules are ``kctl.restmapper.rules`` (shared with shell completion); this class
feeds them the discovery client's data, shows their warnings once, and decides when a miss is
worth a revalidation: nothing is invalidated while any reading can still match
(kubernetes/kubernetes#96430), and an unknown name costs at most one revalidation (two ``304``
answers when nothing changed) plus a ``Did you mean`` hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kctl.errors import KctlError, ResourceTypeNotFound
from kctl.restmapper import rules
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
    """client-go's RESTMapper over a ``kctl.DiscoveryClient``, with kubectl's rules (see
    ``kctl.restmapper.rules``): ``resource_for("deploy")``, ``kind_for(...)``,
    ``rest_mapping(kind)``, ``mapping_for(...)``. Unknown names raise
    ``kctl.ResourceTypeNotFound`` (with a "Did you mean" suggestion) or ``kctl.NoKindMatch``.
    Warnings go where the discovery client's go (``env`` overrides that, for the CLI)."""

    def __init__(self, discovery: DiscoverySource, env: Environment | None = None) -> None:
        self.discovery = discovery
        if env is None:
            env = getattr(discovery, "env", None)
        if env is None:
            from kctl.libenv import LibraryEnvironment

            env = LibraryEnvironment()
        self.env = env
        self._index: rules.Index | None = None
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
            raise ResourceTypeNotFound(resource, rules.suggest(self._idx(), typed))
        return _mapping(entry)

    def mappings_for_category(self, name: str) -> list[RESTMapping]:
        """Every type in a category (``all``), in discovery order, one mapping per kind, each
        in its preferred version. Empty when no resource declares the category."""
        members = rules.category_members(self._idx(), name)
        if not members and self._revalidate_once():
            members = rules.category_members(self._idx(), name)
        return [_mapping(entry) for entry in members]

    def is_category(self, name: str) -> bool:
        """Whether some discovered resource declares this category (no revalidation)."""
        return rules.is_category(self._idx(), name)

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
        entry = rules.lookup_kind(self._idx(), gvk.group, gvk.version, gvk.kind)
        if entry is None and self._revalidate_once():
            entry = rules.lookup_kind(self._idx(), gvk.group, gvk.version, gvk.kind)
        if entry is None:
            self.discovery.warn_unavailable(gvk.group)
            raise NoKindMatch(gvk)
        return _mapping(entry)

    # ---- resolution -------------------------------------------------------------------------

    def _idx(self) -> rules.Index:
        if self._index is None:
            self._index = rules.Index(self.discovery.groups(), self.discovery.resources())
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
        entry, warnings = rules.resolve(self._idx(), typed)
        for text in warnings:
            if text not in self._warned:
                self._warned.add(text)
                self.env.warn(text)
        return entry


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
