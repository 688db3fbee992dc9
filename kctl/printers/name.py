"""``-o name``: ``<kind>[.<group>]/<name>`` per object, as cli-runtime's NamePrinter writes it."""

from __future__ import annotations

from typing import IO, Any

from kctl.schema import GroupVersion


def object_name(obj: dict[str, Any]) -> str:
    """``pod/web-1`` or ``deployment.apps/nginx`` for one object (Kind lower-cased, group as is)."""
    kind = str(obj.get("kind") or "")
    try:
        group = GroupVersion.parse(str(obj.get("apiVersion") or "")).group
    except ValueError:  # no API server sends one: print it without a group, not a traceback
        group = ""
    name = str((obj.get("metadata") or {}).get("name") or "")
    if not kind:
        from kctl.errors import KctlError

        raise KctlError(f"error: missing kind for resource with name {name}")
    return f"{kind.lower()}.{group}/{name}" if group else f"{kind.lower()}/{name}"


def write_name(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(object_name(obj) + "\n")
