"""Resource types and API paths from the discovery disk cache (one small file, no network)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from kctl.completion.protocol import Candidate
    from kctl.restmapper.rules import Index


def full_name(res: dict[str, Any]) -> str:
    """kubectl's ``api-resources -o name`` spelling (``pods``, ``deployments.apps``), which the
    index worked out with the commands' rule when it summarised discovery."""
    name = res.get("fullName")
    if isinstance(name, str):
        return name
    from kctl.restmapper.rules import group_resource

    return group_resource(res)


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
    """Types ``get`` works on, each once (kubectl: ``api-resources --verbs=get``, which lists
    preferred versions only)."""
    return [r for r in resources if r.get("preferred", True) and "get" in (r.get("verbs") or [])]


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


def resolve(index: Index, typed: str) -> dict[str, Any] | None:
    """The one resource a typed ``TYPE`` means, by the RESTMapper's own rules (``po``,
    ``Pod``, ``deploy.apps``, ``ingresses.networking``, ``deployments.v1beta1.apps``); None
    for a category or a list (``all``, ``po,svc``: names of several types are not completed)
    and for an unknown name."""
    from kctl.restmapper import rules

    if "," in typed:
        return None
    found, _warnings = rules.types_for(index, typed)  # kubectl's completion prints no warnings
    return found[0] if len(found) == 1 else None


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
