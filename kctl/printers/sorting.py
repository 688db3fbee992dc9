"""``--sort-by``: order objects (or server Table rows) by a JSONPath field, like kubectl.

The path is relaxed like kubectl's (``.a.b``, ``a.b``, ``{a.b}``, ``{.a.b}``); each object's
sort value is the *first* result of the template. Ordering, as in kubectl:

- objects without a value come first;
- numbers compare numerically, strings that both parse as Kubernetes quantities compare as
  quantities (``100Mi`` < ``1Gi``), other strings bytewise (``pod-10`` < ``pod-9``, as in
  kubectl: the natural order in kubectl's sorter only applies to typed objects);

and where kubectl is wrong or crashes, kctl does better:

- the sort is stable (kubectl's ``sort.Sort`` is not, for more than 12 items);
- RFC 3339 timestamps compare as instants, whatever their offsets;
- ints and floats compare with each other, booleans sort false < true; values of different
  kinds (or maps/lists, which kubectl aborts on) sort by kind: null, bool, number, string,
  list, map (lists and maps by their JSON text);
- a path that no object has is an error (kubectl's table output silently prints
  "No resources found" instead).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from kctl.errors import KctlError
from kctl.gostr import go_quote
from kctl.printers import jsonpath
from kctl.printers.jsonpath_gofmt import go_json
from kctl.quantity import QuantityError, parse_quantity

T = TypeVar("T")
_MISSING: Any = object()


class SortError(KctlError):
    """--sort-by cannot be applied; ``str()`` is the ``error: ...`` line."""

    def __str__(self) -> str:
        return f"error: {self.message}"


def sort_template(path: str) -> jsonpath.Template:
    """Parse a --sort-by path (relaxed like kubectl's)."""
    try:
        field = jsonpath.relaxed_expression(path)
    except ValueError as exc:
        raise SortError(str(exc)) from None
    return jsonpath.parse(field)


def sort_items(items: Sequence[T], path: str, obj: Callable[[T], Any] = lambda x: x) -> list[T]:
    """Stable sort of ``items`` by the value ``path`` selects in ``obj(item)``."""
    if not items:
        return list(items)
    template = sort_template(path)
    keyed: list[tuple[Any, T]] = []
    found = False
    for item in items:
        try:
            results = template.find_results(obj(item), allow_missing_keys=True)
        except jsonpath.JSONPathError as exc:
            raise SortError(exc.cause) from None
        value = results[0][0] if results and results[0] else _MISSING
        found = found or value is not _MISSING
        keyed.append((value, item))
    if not found:
        raise SortError(
            f"couldn't find any field with path {go_quote(template.text)} in the list of objects"
        )
    order = functools.cmp_to_key(compare_values)
    try:
        keyed.sort(key=lambda pair: order(pair[0]))
    except RecursionError:
        raise SortError("sort values nested too deeply to compare") from None
    return [item for _value, item in keyed]


def sort_objects(objects: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    """Objects ordered by ``path`` (for json/yaml/name/jsonpath/custom-columns output)."""
    return sort_items(objects, path)


def sort_table_rows(rows: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    """Server Table rows ordered by their embedded object (request includeObject=Object)."""
    return sort_items(rows, path, lambda row: row.get("object") or {})


# -- the ordering


def _rank(value: Any) -> int:
    if value is _MISSING:
        return 0
    if value is None:
        return 1
    if isinstance(value, bool):
        return 2
    if isinstance(value, (int, float)):
        return 3
    if isinstance(value, str):
        return 4
    if isinstance(value, list):
        return 5
    return 6


def compare_values(a: Any, b: Any) -> int:
    """Three-way comparison of two sort values (see the module docstring)."""
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra in (0, 1):
        return 0
    if ra == 2 or ra == 3:
        # Python compares ints and floats exactly, even beyond int64
        return int(a > b) - int(a < b)
    if ra == 4:
        return compare_strings(a, b)
    ja, jb = go_json(a), go_json(b)
    return (ja > jb) - (ja < jb)


def compare_strings(a: str, b: str) -> int:
    """Quantities as quantities, timestamps as instants, anything else bytewise (UTF-8 byte
    order is code point order)."""
    qa, qb = _quantity(a), _quantity(b)
    if qa is not None and qb is not None:
        return (qa > qb) - (qa < qb)
    ta, tb = _timestamp(a), _timestamp(b)
    if ta is not None and tb is not None:
        return (ta > tb) - (ta < tb)
    return (a > b) - (a < b)


@functools.lru_cache(maxsize=8192)
def _quantity(text: str) -> Decimal | None:
    # cached: a sort compares each value about log2(n) times
    try:
        return parse_quantity(text)
    except (QuantityError, ArithmeticError):
        return None


@functools.lru_cache(maxsize=8192)
def _timestamp(text: str) -> datetime | None:
    if len(text) < 20 or text[4] != "-" or text[10] not in "Tt":
        return None
    try:
        stamp = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None
