"""``get TYPE -A`` as a table on a big cluster: the rest of the list one namespace at a time.

The NAMESPACE column is the one thing the table needs from row metadata, and asking for row
metadata brings each object's whole ``metadata`` (managedFields included): 50,000 realistic pods
are ~380 MB that way, 13.5 MB as Tables without objects. So once the first cluster-wide page
(asked for as kubectl does) carries a continue token, the rest comes as each namespace's Table
without objects, and the NAMESPACE cell is the namespace asked for.

Row order stays the server's: a cluster-wide list runs in the byte order of its storage keys,
``<namespace>/<name>``, so namespaces are visited in the order of ``namespace + "/"`` (``a-b``
before ``a``, as ``-`` sorts before ``/``) and, in the namespace the first page stopped in, only
names after its last one are kept.

Consistency: the cluster-wide pages share one snapshot; per-namespace lists are each their own
(later) snapshot, so an object created or deleted while the command runs may be shown or missed
where a single list would have decided otherwise. Every row is still the object as the server
had it during the command, which is all a table of a changing cluster promises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kctl.errors import APIError, KctlError
from kctl.schema import GroupVersionResource

if TYPE_CHECKING:
    from kctl.cli.factory import Factory
    from kctl.cli.get import GetOptions
    from kctl.restmapper import RESTMapping

_NAMESPACES = GroupVersionResource("", "v1", "namespaces")

# Namespaces visited per remaining cluster-wide page, at most: a page of 500 realistic pods with
# their metadata costs the server and the wire about as much as 30 small lists, so a cluster
# with many near-empty namespaces keeps the cluster-wide pages.
_NAMESPACES_PER_PAGE = 16


def _key(namespace: str) -> str:
    """Where a namespace's objects sort among the storage keys (``<namespace>/<name>``)."""
    return namespace + "/"


def _name_column(table: dict[str, Any]) -> int:
    """The index of the Table's name cell, or -1."""
    for i, col in enumerate(table.get("columnDefinitions") or []):
        if isinstance(col, dict) and col.get("format") == "name":
            return i
    return -1


def _row_name(row: Any, index: int) -> str | None:
    cells = row.get("cells") if isinstance(row, dict) else None
    if not isinstance(cells, list) or not 0 <= index < len(cells):
        return None
    name = cells[index]
    return name if isinstance(name, str) else None


def _last_position(first: dict[str, Any]) -> tuple[str, str] | None:
    """The namespace and name of the first page's last row (from its metadata), or None."""
    rows = first.get("rows")
    if first.get("kind") != "Table" or not isinstance(rows, list) or not rows:
        return None
    last = rows[-1]
    obj = last.get("object") if isinstance(last, dict) else None
    meta = obj.get("metadata") if isinstance(obj, dict) else None
    if not isinstance(meta, dict):
        return None
    namespace, name = meta.get("namespace"), meta.get("name")
    if not isinstance(namespace, str) or not namespace or not isinstance(name, str):
        return None
    return namespace, name


def _budget(first: dict[str, Any], chunk_size: int) -> int:
    """How many namespaces may be visited instead of the remaining cluster-wide pages."""
    meta = first.get("metadata")
    remaining = meta.get("remainingItemCount") if isinstance(meta, dict) else None
    if type(remaining) is not int or remaining <= 0:
        return _NAMESPACES_PER_PAGE  # a filtered list tells no count: at least one more page
    pages = -(-remaining // chunk_size)
    return _NAMESPACES_PER_PAGE * pages


def _namespaces_after(
    factory: Factory, last: str, chunk_size: int, budget: int
) -> list[str] | None:
    """Every namespace whose objects come after namespace ``last``'s, in storage order; None
    when they cannot be listed (refused, failed, odd answer) or are more than ``budget``."""
    after: list[str] = []
    resource = factory.dynamic.resource(_NAMESPACES)
    try:
        for page in resource.pages(chunk_size=chunk_size, as_table=True, include_object="None"):
            if not isinstance(page, dict) or page.get("kind") != "Table":
                return None
            index = _name_column(page)
            for row in page.get("rows") or []:
                name = _row_name(row, index)
                if not name:
                    return None
                if _key(name) > _key(last):
                    after.append(name)
            if len(after) > budget:
                return None
    except (APIError, KctlError):
        return None  # the cluster-wide list goes on as before, with its own errors
    after.sort(key=_key)
    return after


def rest_by_namespace(
    factory: Factory, mapping: RESTMapping, first: dict[str, Any], opts: GetOptions
) -> Iterator[tuple[str, dict[str, Any]]] | None:
    """The rest of a cluster-wide Table list after its ``first`` page, as ``(namespace,
    Table page)`` pairs, or None when the cluster-wide list should simply go on."""
    position = _last_position(first)
    index = _name_column(first)
    if position is None or index < 0:
        return None
    last_ns, last_name = position
    chunk = opts.chunk_size
    namespaces = _namespaces_after(factory, last_ns, chunk, _budget(first, chunk))
    if namespaces is None:
        return None
    return _pages(factory, mapping, opts, [last_ns, *namespaces], last_name, index)


def _pages(
    factory: Factory,
    mapping: RESTMapping,
    opts: GetOptions,
    namespaces: list[str],
    last_name: str,
    index: int,
) -> Iterator[tuple[str, dict[str, Any]]]:
    resource = factory.dynamic.resource(mapping.gvr, error_context=True)
    for i, namespace in enumerate(namespaces):
        pages = resource.namespace(namespace).pages(
            chunk_size=opts.chunk_size,
            as_table=True,
            include_object="None",
            label_selector=opts.selector or None,
            field_selector=opts.field_selector or None,
        )
        try:
            for page in pages:
                if i == 0 and isinstance(page, dict) and isinstance(page.get("rows"), list):
                    # the first page already printed this namespace up to last_name
                    page = dict(page)
                    page["rows"] = [
                        row for row in page["rows"] if (_row_name(row, index) or "") > last_name
                    ]
                yield namespace, page
        except APIError as exc:
            if exc.code != 404:
                raise
            # the namespace went away while the command ran: nothing of it to show
