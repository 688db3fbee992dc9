"""GroupVersion, GroupVersionResource, GroupVersionKind and URL paths built from them."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote


class GroupVersion(NamedTuple):
    """An API group and version; the core group is ``""``."""

    group: str
    version: str

    def __str__(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @classmethod
    def parse(cls, text: str) -> GroupVersion:
        """Parse ``v1`` or ``apps/v1`` (an apiVersion string)."""
        if text in ("", "/"):
            return cls("", "")
        if "/" not in text:
            return cls("", text)
        group, _, version = text.partition("/")
        if "/" in version:
            raise ValueError(f"unexpected GroupVersion string: {text}")
        return cls(group, version)

    def api_prefix(self) -> str:
        """``/api/v1`` for the core group, ``/apis/<group>/<version>`` otherwise."""
        return f"/api/{self.version}" if not self.group else f"/apis/{self.group}/{self.version}"


class GroupVersionResource(NamedTuple):
    """What a URL path addresses: ``("apps", "v1", "deployments")``."""

    group: str
    version: str
    resource: str

    @property
    def group_version(self) -> GroupVersion:
        return GroupVersion(self.group, self.version)

    def __str__(self) -> str:
        gv = f"{self.group}/{self.version}" if self.group else self.version
        return f"{gv}, Resource={self.resource}"

    def group_resource(self) -> str:
        """``deployments.apps`` or ``pods`` (kubectl's GroupResource string)."""
        return f"{self.resource}.{self.group}" if self.group else self.resource

    def path(
        self,
        namespace: str | None = None,
        name: str | None = None,
        subresource: str | None = None,
    ) -> str:
        """The escaped URL path for a collection, an object or a subresource."""
        parts = [self.group_version.api_prefix()]
        if namespace:
            parts.append("namespaces/" + quote(namespace, safe=""))
        parts.append(quote(self.resource, safe=""))
        if name is not None:
            if name in ("", ".", ".."):
                raise ValueError(f"invalid resource name {name!r}")
            parts.append(quote(name, safe=""))
            if subresource:
                parts.append(quote(subresource, safe="/"))
        return "/".join(parts)


class GroupVersionKind(NamedTuple):
    """A type: ``("apps", "v1", "Deployment")``."""

    group: str
    version: str
    kind: str

    @property
    def group_version(self) -> GroupVersion:
        return GroupVersion(self.group, self.version)

    def __str__(self) -> str:
        gv = f"{self.group}/{self.version}" if self.group else self.version
        return f"{gv}, Kind={self.kind}"

    @classmethod
    def from_object(cls, obj: dict[str, object]) -> GroupVersionKind:
        """The GVK of a decoded object from its ``apiVersion`` and ``kind``."""
        gv = GroupVersion.parse(str(obj.get("apiVersion", "")))
        return cls(gv.group, gv.version, str(obj.get("kind", "")))
