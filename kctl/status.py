"""The API server's ``meta.k8s.io/v1 Status``, decoded: what every ``APIError`` carries.

Its own module so that ``kctl.errors``, which every command imports, does not build these
dataclasses until an error answer needs them (``kctl.errors.Status`` still finds them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class StatusCause:
    """One entry of ``Status.details.causes``."""

    reason: str = ""
    message: str = ""
    field: str = ""


@dataclass
class Status:
    """The decoded ``meta.k8s.io/v1 Status`` (or what kctl synthesised from a non-Status body)."""

    code: int
    reason: str = ""
    message: str = ""
    kind: str = ""  # details.kind, e.g. "pods"
    name: str = ""  # details.name
    group: str = ""
    causes: list[StatusCause] = field(default_factory=list)
    raw: dict[str, Any] | None = None
    has_details: bool = True  # False when the server's Status had no ``details``
    retry_after: int = 0  # details.retryAfterSeconds

    @classmethod
    def from_dict(cls, obj: dict[str, Any], code: int = 0) -> Status:
        """Build from a decoded ``Status`` object (``code`` is the HTTP status, used when the
        body carries none)."""
        details = obj.get("details")
        d: dict[str, Any] = details if isinstance(details, dict) else {}
        causes = [
            StatusCause(
                reason=str(c.get("reason", "")),
                message=str(c.get("message", "")),
                field=str(c.get("field", "")),
            )
            for c in d.get("causes") or []
            if isinstance(c, dict)
        ]
        body_code = obj.get("code")
        return cls(
            code=int(body_code) if isinstance(body_code, int) and body_code else code,
            reason=str(obj.get("reason") or ""),
            message=str(obj.get("message") or ""),
            kind=str(d.get("kind") or ""),
            name=str(d.get("name") or ""),
            group=str(d.get("group") or ""),
            causes=causes,
            raw=obj,
            has_details=isinstance(details, dict),
            retry_after=int(d.get("retryAfterSeconds") or 0),
        )
