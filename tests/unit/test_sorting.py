"""--sort-by ordering (kctl/printers/sorting.py) and quantity parsing (kctl/quantity.py).

kubectl parity for quantities, natural string order and numbers is also checked against the
real kubectl in tests/integration/test_get_templates.py; the cases here pin the edge cases a
server cannot easily produce and the places where kctl deliberately does better.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kctl.printers import sorting
from kctl.printers.sorting import SortError, sort_objects, sort_table_rows
from kctl.quantity import QuantityError, parse_quantity


def obj(name: str, **fields: object) -> dict:
    return {"metadata": {"name": name}, **fields}


def names(objects: list[dict]) -> list[str]:
    return [o["metadata"]["name"] for o in objects]


@pytest.mark.parametrize("path", ["{.v}", ".v", "v", "{v}"])
def test_relaxed_paths(path: str) -> None:
    objs = [obj("b", v=2), obj("a", v=1)]
    assert names(sort_objects(objs, path)) == ["a", "b"]


def test_numbers_numeric_not_textual() -> None:
    objs = [obj("ten", v=10), obj("nine", v=9), obj("half", v=0.5), obj("big", v=2**70)]
    assert names(sort_objects(objs, ".v")) == ["half", "nine", "ten", "big"]


def test_quantities_compare_as_quantities() -> None:
    values = ["1Gi", "100Mi", "2", "500m", "1.5", "1e3", "1k", "0"]
    objs = [obj(v, q=v) for v in values]
    assert names(sort_objects(objs, ".q")) == ["0", "500m", "1.5", "2", "1e3", "1k", "100Mi", "1Gi"]


def test_strings_bytewise_like_kubectl() -> None:
    objs = [obj(n, s=n) for n in ["pod-10", "pod-9", "pod-1", "Pod-2", "pöd", "pod-01"]]
    assert names(sort_objects(objs, ".s")) == ["Pod-2", "pod-01", "pod-1", "pod-10", "pod-9", "pöd"]


def test_timestamps_compare_as_instants() -> None:
    objs = [
        obj("at-0900z", t="2024-01-01T09:00:00Z"),
        obj("at-0830z", t="2024-01-01T10:30:00+02:00"),
    ]
    # compared as text (kubectl) 09:00Z would come first
    assert names(sort_objects(objs, ".t")) == ["at-0830z", "at-0900z"]


def test_missing_values_first_and_stable() -> None:
    objs = [obj("x1", v=2), obj("none1"), obj("x2", v=1), obj("none2"), obj("x3", v=1)]
    assert names(sort_objects(objs, ".v")) == ["none1", "none2", "x2", "x3", "x1"]


def test_stable_for_many_equal_items() -> None:
    objs = [obj(f"o{i:02d}", v=i % 3) for i in range(30)]
    ordered = names(sort_objects(objs, ".v"))
    assert ordered == sorted(ordered, key=lambda n: (int(n[1:]) % 3, int(n[1:])))


def test_mixed_kinds_sort_by_kind_instead_of_crashing() -> None:
    objs = [
        obj("map", v={"a": 1}),
        obj("str", v="x"),
        obj("list", v=[1]),
        obj("int", v=3),
        obj("bool", v=True),
        obj("null", v=None),
        obj("float", v=2.5),
    ]
    assert names(sort_objects(objs, ".v")) == ["null", "bool", "float", "int", "str", "list", "map"]


def test_first_result_is_the_key() -> None:
    objs = [obj("b", l=[1, 9]), obj("a", l=[2, 0])]
    assert names(sort_objects(objs, ".l[*]")) == ["b", "a"]


def test_path_no_object_has_is_an_error() -> None:
    with pytest.raises(SortError) as err:
        sort_objects([obj("a"), obj("b")], "{.spec.nope}")
    assert str(err.value) == (
        'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects'
    )


def test_empty_list_is_fine() -> None:
    assert sort_objects([], ".anything") == []


def test_bad_path_texts() -> None:
    with pytest.raises(SortError) as err:
        sort_objects([obj("a")], "{.a}{.b}")
    assert "unexpected path string, expected a 'name1.name2'" in str(err.value)
    with pytest.raises(Exception) as perr:
        sort_objects([obj("a")], ".a[")
    assert str(perr.value) == "error: error parsing jsonpath {.a[}, unterminated array"


def test_execution_error_reports_the_cause() -> None:
    with pytest.raises(SortError) as err:
        sort_objects([obj("a", l=[1])], ".l[3]")
    assert str(err.value) == "error: array index out of bounds: index 3, length 1"


def test_table_rows_sorted_by_embedded_object() -> None:
    rows = [
        {"cells": ["b"], "object": obj("b", spec={"n": 2})},
        {"cells": ["a"], "object": obj("a", spec={"n": 1})},
        {"cells": ["c"]},  # no object: treated as missing
    ]
    assert [r["cells"][0] for r in sort_table_rows(rows, ".spec.n")] == ["c", "a", "b"]


def test_sort_items_with_key_function() -> None:
    pairs = [("x", obj("x", v=2)), ("y", obj("y", v=1))]
    assert [p[0] for p in sorting.sort_items(pairs, ".v", lambda p: p[1])] == ["y", "x"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", Decimal(0)),
        ("100Mi", Decimal(100 * 2**20)),
        ("1Gi", Decimal(2**30)),
        ("1.5Gi", Decimal(3 * 2**29)),
        ("100m", Decimal("0.1")),
        ("1k", Decimal(1000)),
        ("1e3", Decimal(1000)),
        ("2E-2", Decimal("0.02")),
        ("-1.5", Decimal("-1.5")),
        ("+5", Decimal(5)),
        ("1n", Decimal("1e-9")),
        ("0.0000000001", Decimal("1e-9")),  # rounded up to a nano unit like the apiserver
        ("m", Decimal(0)),  # apimachinery accepts a bare suffix as zero
        ("12345678901234567890Ei", Decimal(2**63 - 1)),  # binary values are capped
    ],
)
def test_parse_quantity(text: str, value: Decimal) -> None:
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1K", "1e", "1.2.3", "Mi1", "1 Gi", "1Gi "])
def test_not_quantities(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(text)


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**66), max_value=2**66)
    | st.floats(allow_nan=False)
    | st.sampled_from(["1Gi", "100Mi", "5m", "1e3", "2024-01-01T00:00:00Z", "-", "m", "x"])
    | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=2), children)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.just(None), VALUES), max_size=12))
def test_sort_never_crashes_and_keeps_every_object(values: list) -> None:
    objs = [obj(f"o{i}") if v is None else obj(f"o{i}", v=v) for i, v in enumerate(values)]
    try:
        ordered = sort_objects(objs, ".v")
    except SortError as err:
        assert "couldn't find any field" in str(err)
        return
    assert sorted(names(ordered)) == sorted(names(objs))
    missing = [o for o in ordered if "v" not in o]
    assert ordered[: len(missing)] == missing
