"""client-go's ``types.PatchType``: which Content-Type a PATCH body is sent with.

It sits in the REST layer because ``RESTClient.patch()`` needs it; the dynamic client, the
Clientset and ``kctl raw --patch-type`` use the same one.
"""

from __future__ import annotations

from enum import StrEnum


class PatchType(StrEnum):
    """client-go's ``types.PatchType``: the Content-Type of a PATCH body."""

    JSON = "application/json-patch+json"
    MERGE = "application/merge-patch+json"
    STRATEGIC = "application/strategic-merge-patch+json"
    APPLY = "application/apply-patch+yaml"


def patch_content_type(kind: PatchType | str) -> str:
    """The Content-Type for a ``PatchType``, its name (``"merge"``, ``"json"``, ...) or a
    Content-Type string (passed through)."""
    if isinstance(kind, PatchType):
        return kind.value
    if kind.upper() in PatchType.__members__:
        return PatchType[kind.upper()].value
    return kind
