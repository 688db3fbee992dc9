"""-o json / -o yaml bytes: recorded kubectl output for a tricky object, plus Go's rules."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kctl.printers.json_yaml import (
    dumps_json,
    dumps_yaml,
    go_float_g,
    go_float_json,
    strip_managed_fields,
    write_json_list,
    write_yaml_list,
    yaml_sorted_keys,
)

FIXTURES = Path(__file__).parent / "fixtures" / "get"


def _recorded() -> dict:
    return json.loads((FIXTURES / "configmap.json").read_text())


def test_json_matches_kubectl_byte_for_byte() -> None:
    case = _recorded()
    assert dumps_json(case["object"]) + "\n" == case["json"]


def test_yaml_matches_kubectl_byte_for_byte() -> None:
    # quoting ("on", "y", "012", "0x1F", "1e3", ".5", "1:20", timestamps, ""), literal blocks,
    # single quotes for ": " and " #", folding at 80 columns, go-yaml's key order (a9 < a10)
    case = _recorded()
    assert dumps_yaml(case["object"]) == case["yaml"]


def test_go_html_safe_escaping_and_utf8() -> None:
    text = dumps_json({"k": "<a>&\u2028\u2029é日", "esc": '\x1b\x07\n\t"\\'})
    assert text == (
        '{\n    "esc": "\\u001b\\u0007\\n\\t\\"\\\\",\n'
        '    "k": "\\u003ca\\u003e\\u0026\\u2028\\u2029é日"\n}'
    )


def test_json_numbers_and_invalid_utf8_follow_go() -> None:
    # one encoder for -o json and JSONPath: integers beyond int64 are Go float64s, a lone
    # surrogate (an undecodable byte) is written as U+FFFD like Go writes invalid UTF-8
    assert dumps_json({"n": 2**64, "m": 2**63 - 1}) == (
        '{\n    "m": 9223372036854775807,\n    "n": 18446744073709552000\n}'
    )
    assert dumps_json(["a\udcffb"]) == '[\n    "a\\ufffdb"\n]'


@pytest.mark.parametrize(
    ("value", "json_text", "g_text"),
    [
        # Go: encoding/json uses %f in [1e-6, 1e21) and e-notation with a trimmed exponent
        # outside; strconv 'g' (fmt %v, go-yaml) switches to e-notation from exponent 6 / < -4
        (1.5, "1.5", "1.5"),
        (1e6 + 0.5, "1000000.5", "1.0000005e+06"),
        (123456.5, "123456.5", "123456.5"),
        (0.0001, "0.0001", "0.0001"),
        (0.00001, "0.00001", "1e-05"),
        (1.5e-7, "1.5e-7", "1.5e-07"),
        (1e21, "1e+21", "1e+21"),
        (-2.25, "-2.25", "-2.25"),
        (3.0, "3", "3"),
    ],
)
def test_go_float_formats(value: float, json_text: str, g_text: str) -> None:
    assert go_float_json(value) == json_text
    assert go_float_g(value) == g_text


def test_list_wrapper_streams_items_and_handles_empty() -> None:
    buf = io.StringIO()
    assert write_json_list(buf, iter([{"b": 1, "a": [1, {}]}, {"c": []}])) == 2
    assert json.loads(buf.getvalue()) == {
        "apiVersion": "v1",
        "items": [{"a": [1, {}], "b": 1}, {"c": []}],
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    }
    assert buf.getvalue() == dumps_json(json.loads(buf.getvalue())) + "\n"
    empty = io.StringIO()
    assert write_json_list(empty, iter([])) == 0
    assert empty.getvalue() == (
        '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n'
        '    "metadata": {\n        "resourceVersion": ""\n    }\n}\n'
    )
    ybuf = io.StringIO()
    write_yaml_list(ybuf, iter([{"b": "x", "a": {"c": [1]}}]))
    assert ybuf.getvalue() == (
        "apiVersion: v1\nitems:\n- a:\n    c:\n    - 1\n  b: x\nkind: List\n"
        'metadata:\n  resourceVersion: ""\n'
    )
    yempty = io.StringIO()
    write_yaml_list(yempty, iter([]))
    assert yempty.getvalue() == (
        'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n'
    )


def test_yaml_key_order_is_go_yamls_natural_order() -> None:
    # the recorded fixture pins these against kubectl (labels A, a9, a10, u-u, u.u, u_u;
    # data key-1, key-2, key-10); this checks the same rule outside a whole document
    keys = ["a10", "a9", "b", "A", "key-10", "key-2", "u_u", "u-u", "u.u"]
    assert yaml_sorted_keys(keys) == ["A", "a9", "a10", "b", "key-2", "key-10", "u-u", "u.u", "u_u"]
    recorded = _recorded()["yaml"]
    assert recorded.index("    a9:") < recorded.index("    a10:")
    assert recorded.index("  key-2:") < recorded.index("  key-10:")
    assert yaml_sorted_keys(["metadata", "kind", "apiVersion"]) == [
        "apiVersion",
        "kind",
        "metadata",
    ]


def test_managed_fields_stripped() -> None:
    obj = {"metadata": {"name": "x", "managedFields": [{"manager": "kubectl"}]}}
    assert strip_managed_fields(obj) == {"metadata": {"name": "x"}}
