"""The RESTMapper's resolution rules, as functions over plain discovery data.

One copy of the rules for both entry points: ``kctl.restmapper.mapper.RESTMapper`` (commands)
and ``kctl.completion.resources`` (shell completion) call these with the same data, so a typed
name means the same type in both. Standard library only, nothing imported at all (``typing``
only for the type checker): completion imports this on a TAB. Nothing is printed; warnings are
returned for the caller to show.

Input: ``groups`` as discovery lists them (``{"name", "versions", "preferredVersion"}``, in
the server's order) and ``resources`` (``{"group", "version", "name", "singularName", "kind",
"shortNames", "categories", ...}``, no subresources, in discovery order).

The rules (cli-runtime's builder, client-go's shortcut expander and discovery RESTMapper,
apimachinery's DefaultRESTMapper and PriorityRESTMapper):

1. Parsing (``resolve``): ``a.b.c`` (two dots or more) is first tried as
   ``resource.version.group``; then ``resource.group`` (everything after the first dot is the
   group); then the same shapes as a Kind (``Kind.version.group``, ``Kind.group``).
2. Names: a resource is named by its plural or singular name, lowercased (the singular defaults
   to the lowercased kind). A short name is expanded first unless the word is already a plural
   or singular in the typed group; the first short name in priority order wins, and a later one
   naming another resource gives kubectl's ``could also match lower priority resource`` warning;
   failing that, a short name whose group starts with the typed group. A typed group may be a
   prefix of the real one (``ingresses.networking``) when nothing matches it exactly.
3. Priority (``Index.rank``): the core group's ``v1`` first, whatever order discovery lists
   groups in (client-go's ``NewDiscoveryRESTMapper`` puts it first explicitly); then each group
   in discovery order, its preferred version before its other versions. Among several matches
   the best-ranked group-version wins, then the server's order within it.
4. Categories (``category_members``): every resource declaring the category, in discovery
   order, one per kind, each resolved by rule 3.
5. ``Did you mean`` (``suggest``): a type the word is a prefix of, by its plural (``dep`` ->
   ``deployments``; the type with the shortest such name, then priority), else the nearest
   name by edit distance.

Better than kubectl, on purpose: short names match case-insensitively (``PO``), and the version
of ``deploy.v1.apps`` is kept when a short name is expanded.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Entry = dict[str, Any]

_CORE_V1 = ("", "v1")


class Index:
    """Discovery data arranged for lookups: resources in priority order, short names in
    discovery order, and the priority rank of every group-version."""

    __slots__ = ("_ranks", "in_discovery_order", "resources", "short_names")

    def __init__(self, groups: list[dict[str, Any]], resources: list[Entry]) -> None:
        # rule 3: core v1 is ranked first explicitly, not by where discovery happens to list it
        ranks: dict[tuple[str, str], int] = {_CORE_V1: 0}
        for g in groups:
            versions = list(g.get("versions") or [])
            preferred = g.get("preferredVersion") or ""
            ordered = ([preferred] if preferred in versions else []) + [
                v for v in versions if v != preferred
            ]
            for v in ordered:
                ranks.setdefault((g["name"], v), len(ranks))
        self._ranks = ranks
        self.in_discovery_order = resources
        self.resources = sorted(resources, key=self.rank)  # stable: server order within a GV
        self.short_names = [
            (s.lower(), e["group"], e["name"])
            for e in self.resources
            for s in e.get("shortNames") or ()
        ]

    def rank(self, entry: Entry) -> int:
        """Lower is preferred; group-versions discovery does not list come last."""
        return self._ranks.get((entry["group"], entry["version"]), len(self._ranks))

    def best(self, candidates: list[Entry]) -> Entry | None:
        """PriorityRESTMapper: the candidate in the highest-priority group-version."""
        return min(candidates, key=self.rank) if candidates else None


def resolve(index: Index, typed: str) -> tuple[Entry | None, list[str]]:
    """The resource a typed type name means (rule 1), and the warnings to show."""
    warnings: list[str] = []
    if not typed:
        return None, warnings
    three = typed.split(".", 2) if typed.count(".") >= 2 else None
    if three is not None:
        entry = lookup_resource(index, three[2], three[1], three[0], warnings)
        if entry is not None:
            return entry, warnings
    resource, _, group = typed.partition(".")
    entry = lookup_resource(index, group, "", resource, warnings)
    if entry is not None:
        return entry, warnings
    if three is not None:
        entry = lookup_kind(index, three[2], three[1], three[0])
        if entry is not None:
            return entry, warnings
    return lookup_kind(index, group, "", resource), warnings


def types_for(index: Index, typed: str) -> tuple[list[Entry], list[str]]:
    """What one word of ``TYPE[,TYPE...]`` names: every member of a category (``all``), else
    the one resource it resolves to; empty when it names nothing."""
    if "." not in typed:
        members = category_members(index, typed)
        if members:
            return members, []
    entry, warnings = resolve(index, typed)
    return ([entry] if entry is not None else []), warnings


def lookup_resource(
    index: Index, group: str, version: str, resource: str, warnings: list[str]
) -> Entry | None:
    """``RESTMapper.ResourceFor`` after the shortcut expander (rule 2), best match by rule 3."""
    if not resource:
        return None
    group, version, resource = _expand_short_name(index, group, version, resource, warnings)
    return index.best(_resources_for(index, group, version, resource))


def _expand_short_name(
    index: Index, group: str, version: str, resource: str, warnings: list[str]
) -> tuple[str, str, str]:
    """client-go's shortcut expander, case-insensitive."""
    low = resource.lower()
    for e in index.resources:
        if group and e["group"] != group:
            continue
        if low == e["name"] or low == (e["singularName"] or "").lower():
            return group, version, resource
    found: tuple[str, str] | None = None
    for short, s_group, plural in index.short_names:
        if (group and s_group != group) or short != low:
            continue
        if found is None:
            found = (s_group, plural)
        elif found != (s_group, plural):
            other = group_resource({"name": plural, "group": s_group})
            text = f'short name "{resource}" could also match lower priority resource {other}'
            if text not in warnings:
                warnings.append(text)
    if found is not None:
        return found[0], version, found[1]
    if group:
        for short, s_group, plural in index.short_names:
            if s_group.startswith(group) and short == low:
                return s_group, version, plural
    return group, version, resource


def _resources_for(index: Index, group: str, version: str, resource: str) -> list[Entry]:
    """apimachinery's ``DefaultRESTMapper.ResourcesFor``: plural or singular, lowercased;
    a group alone may also match as a prefix when nothing matches exactly."""
    low = resource.lower()
    entries = index.resources

    def named(e: Entry) -> bool:
        return bool(low == e["name"] or low == singular(e))

    if group and version:
        return [e for e in entries if e["group"] == group and e["version"] == version and named(e)]
    if group:
        exact = [e for e in entries if e["group"] == group and named(e)]
        if exact:
            return exact
        return [e for e in entries if e["group"].startswith(group) and named(e)]
    if version:
        return [e for e in entries if e["version"] == version and named(e)]
    return [e for e in entries if named(e)]


def lookup_kind(index: Index, group: str, version: str, kind: str) -> Entry | None:
    """``RESTMapping(GroupKind, version)``: the group exactly, the kind as served or all
    lowercase; an empty version means the best-ranked one. Within one group-version the last
    resource with the kind wins, as in kubectl's kind table."""
    if not kind:
        return None
    matches = [
        e
        for e in index.resources
        if e["group"] == group
        and (not version or e["version"] == version)
        and e["kind"]
        and (e["kind"] == kind or e["kind"].lower() == kind)
    ]
    if not matches:
        return None
    best_rank = min(index.rank(e) for e in matches)
    return [e for e in matches if index.rank(e) == best_rank][-1]


def category_members(index: Index, name: str) -> list[Entry]:
    """Rule 4: the types of a category, one per kind, each in its best-ranked version."""
    out: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    kinds: set[tuple[str, str, str]] = set()
    for e in index.in_discovery_order:
        key = (e["group"], e["name"])
        if name not in (e.get("categories") or ()) or key in seen:
            continue
        seen.add(key)
        entry = index.best(_resources_for(index, e["group"], "", e["name"]))
        if entry is None:
            continue
        gvk = (entry["group"], entry["version"], entry["kind"])
        if gvk not in kinds:
            kinds.add(gvk)
            out.append(entry)
    return out


def is_category(index: Index, name: str) -> bool:
    """Whether some resource declares this category."""
    return any(name in (e.get("categories") or ()) for e in index.in_discovery_order)


def suggest(index: Index, typed: str) -> str | None:
    """Rule 5: a known name close to a word that named nothing (plural, singular or short
    name; a short name is shown as its plural), group-qualified when a group was typed."""
    resource, _, group = typed.partition(".")
    low = resource.lower()
    if not low:
        return None
    pool = [e for e in index.resources if not group or e["group"].startswith(group)]
    if group and not pool:
        pool = index.resources
    names: dict[str, Entry] = {}  # priority order: the first entry to use a name keeps it
    shorts: set[str] = set()
    for e in pool:
        for n in (e["name"], singular(e)):
            names.setdefault(n.lower(), e)
        for s in e.get("shortNames") or ():
            names.setdefault(s.lower(), e)
            shorts.add(s.lower())
    extensions = [n for n in names if n.startswith(low) and n != low]
    if extensions:
        # the type needing the least more typing (ties: priority), shown by its plural
        e = names[min(extensions, key=len)]
        name = str(e["name"])  # shown by its plural
    else:
        limit = max(1, len(low) // 4)
        near = [(edit_distance(low, n), n) for n in names]
        near = [(d, n) for d, n in near if d <= limit]
        if not near:
            return None
        chosen = min(near, key=lambda dn: dn[0])[1]  # ties: priority order
        e = names[chosen]
        name = e["name"] if chosen in shorts else chosen  # the spelling the user aimed at
    return f"{name}.{e['group']}" if group and e["group"] else name


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    two neighbours (``deploymnets``) each cost one."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def group_resource(entry: Entry) -> str:
    """kubectl's GroupResource spelling, as ``api-resources -o name`` prints it: ``pods``,
    ``deployments.apps``."""
    return f"{entry['name']}.{entry['group']}" if entry["group"] else str(entry["name"])


def singular(entry: Entry) -> str:
    """The singular name, or the lowercased kind when the server gave none (client-go)."""
    return str(entry["singularName"] or entry["kind"].lower())
