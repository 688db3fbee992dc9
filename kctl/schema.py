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
        """The escaped URL path for a collection, an object or a subresource. Every segment
        is checked here (``check_path_segment``), the one place every request path is built,
        so no caller can send ``..`` or ``a/b`` to the server."""
        parts = [self.group_version.api_prefix()]
        if namespace:
            check_path_segment("namespace", namespace)
            parts.append("namespaces/" + quote(namespace, safe=""))
        check_path_segment("resource", self.resource)
        parts.append(quote(self.resource, safe=""))
        if name is not None:
            if not name:
                from kctl.errors import UsageError

                raise UsageError("resource name may not be empty")
            check_path_segment("resource name", name)
            parts.append(quote(name, safe=""))
            if subresource:
                for part in subresource.split("/"):
                    check_path_segment("subresource", part)
                parts.append(quote(subresource, safe="/"))
        return "/".join(parts)


def check_path_segment(what: str, value: str) -> None:
    """client-go's ``IsValidPathSegmentName`` with kubectl's texts: ``invalid namespace "..":
    [may not be '..']``, after ``error:``; ``get`` prints the namespace error bare when a list
    goes to the table printer (observed, kubectl 1.36; cli/get.py does that one)."""
    if value in (".", ".."):
        problems = [f"may not be '{value}'"]
    else:
        problems = [f"may not contain '{bad}'" for bad in ("/", "%") if bad in value]
    if not problems:
        return
    from kctl.errors import InvalidPathSegment
    from kctl.gostr import go_quote

    raise InvalidPathSegment(f"invalid {what} {go_quote(value)}: [{', '.join(problems)}]")


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
