"""Resource types and API paths from the discovery disk cache (one small file, no network)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from kctl.completion.protocol import Candidate


def full_name(res: dict[str, Any]) -> str:
    """kubectl's ``api-resources -o name`` spelling: ``pods``, ``deployments.apps``."""
    group = res.get("group") or ""
    return f"{res['name']}.{group}" if group else str(res["name"])


def describe(res: dict[str, Any]) -> str:
    """``Pod (po)``: the kind and the short names, shown by zsh and fish."""
    kind = str(res.get("kind") or "")
    shorts = [s for s in res.get("shortNames") or [] if isinstance(s, str)]
    return f"{kind} ({', '.join(shorts)})" if shorts else kind


def _alias_matches(res: dict[str, Any], prefix: str) -> bool:
    """The typed prefix starts the singular or a short name (``svc``, ``sts``, ``pod``)."""
    low = prefix.lower()
    singular = str(res.get("singularName") or "")
    if singular and singular.startswith(low):
        return True
    return any(
        isinstance(s, str) and s.lower().startswith(low) for s in res.get("shortNames") or []
    )


def gettable(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only types ``get`` works on (kubectl: ``api-resources --verbs=get``)."""
    return [r for r in resources if "get" in (r.get("verbs") or [])]


def type_candidates(
    resources: list[dict[str, Any]], typed: str, suffix: str = ""
) -> list[Candidate]:
    """Types for the word ``typed``; after a comma (``po,se``) the part before it is kept.

    Full names that start with the word come first (kubectl's rule). Only when none does are
    singulars and short names consulted (``svc`` -> ``services``): mixing both kinds would let
    the shell shrink the word to a shorter common prefix than the user typed.
    """
    head, comma, tail = typed.rpartition(",")
    keep = head + comma
    usable = gettable(resources)
    chosen = [r for r in usable if full_name(r).startswith(tail)]
    if not chosen and tail:
        chosen = [r for r in usable if _alias_matches(r, tail)]
    return [(f"{keep}{full_name(r)}{suffix}", describe(r)) for r in chosen]


def resolve(resources: list[dict[str, Any]], typed: str) -> dict[str, Any] | None:
    """The resource a typed type name means (``po``, ``pod``, ``pods``, ``deploy.apps``,
    ``deployments.v1.apps``), by the RESTMapper's order: plural, singular, short name; core
    group first, then discovery order."""
    typed = typed.lower()
    name, _, group = typed.partition(".")
    version = ""
    if group and "." in group:
        first, _, rest = group.partition(".")
        # "deployments.v1.apps": the middle part is a version when the rest is a known group
        if any(str(r.get("group") or "") == rest for r in resources):
            version, group = first, rest
    candidates = [
        r
        for r in resources
        if (not group or str(r.get("group") or "") == group)
        and (not version or r.get("version") == version)
    ]
    for field in ("name", "singularName", "kind", "shortNames"):
        for res in sorted(candidates, key=lambda r: 0 if not r.get("group") else 1):
            value = res.get(field)
            if field == "shortNames":
                if name in [str(s).lower() for s in value or []]:
                    return res
            elif isinstance(value, str) and value.lower() == name:
                return res
    return None


def api_path_candidates(
    resources: list[dict[str, Any]], versions: list[str], typed: str
) -> list[Candidate]:
    """``raw GET /<TAB>``: one path segment at a time (``/apis/`` -> ``/apis/apps/`` ->
    ``/apis/apps/v1/`` -> ``/apis/apps/v1/deployments``)."""
    paths = {"/api", "/apis", "/version"}
    for gv in versions:
        paths.add(gv)
    for res in resources:
        group, version = res.get("group") or "", res.get("version") or ""
        base = f"/apis/{group}/{version}" if group else f"/api/{version}"
        paths.add(f"{base}/{res['name']}")
    out: dict[str, None] = {}
    for path in sorted(paths):
        if not path.startswith(typed):
            continue
        # stop after the next segment: a deeper path shows as "<segment>/"
        cut = path.find("/", len(typed))
        out[path if cut == -1 else path[: cut + 1]] = None
    # "/api" is also "/api/": offer only the form that leads on
    return [(p, "") for p in out if p + "/" not in out]
