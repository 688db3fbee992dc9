"""KYAML (``-o kyaml``) rendering: the cases sigs.k8s.io/yaml's kyaml encoder documents, checked
here without a server; byte-for-byte comparisons with kubectl live in the integration tests."""

from __future__ import annotations

import io

import pytest
import yaml

from kctl.printers import kyaml


def test_values_are_always_quoted_and_keys_only_when_ambiguous() -> None:
    doc = {
        "plain": "v",
        "app.kubernetes.io/name": "x",
        "null": 1,
        "f": 2,
        "1": 3,
        "": 4,
        "a b": 5,
        "-lead": 6,
        "trail.": 7,
        "2024-05-01": 8,
        "1e3": 9,
        "0x1F": 10,
        "ünï_1": 11,
    }
    assert kyaml.dumps(doc, sort_keys=False) == (
        "---\n{\n"
        '  plain: "v",\n'
        '  app.kubernetes.io/name: "x",\n'
        '  "null": 1,\n'
        '  "f": 2,\n'  # Go's strconv.ParseBool reads "f" as false
        '  "1": 3,\n'
        '  "": 4,\n'
        '  "a b": 5,\n'
        '  "-lead": 6,\n'
        '  "trail.": 7,\n'
        '  "2024-05-01": 8,\n'
        '  "1e3": 9,\n'
        '  "0x1F": 10,\n'
        "  ünï_1: 11,\n"
        "}\n"
    )


def test_sorted_keys_nested_containers_and_scalars() -> None:
    doc = {
        "b": [1, 2.5, True, None],
        "a": {"y": "", "x": "yes"},
        "c": [{"k": 1}, {}],
        "d": [],
        "e": {},
        "g": [[1], ["s"]],
        "h": 1e21,
        "i": 2**64,
    }
    assert kyaml.dumps(doc, sort_keys=True) == (
        "---\n{\n"
        "  a: {\n"
        '    x: "yes",\n'
        '    "y": "",\n'
        "  },\n"
        "  b: [\n    1,\n    2.5,\n    true,\n    null,\n  ],\n"
        "  c: [{\n    k: 1,\n  }, {}],\n"
        "  d: [],\n"
        "  e: {},\n"
        '  g: [[\n    1,\n  ], [\n    "s",\n  ]],\n'
        "  h: 1e+21,\n"
        "  i: 18446744073709552000,\n"
        "}\n"
    )


def test_multi_line_strings_fold_and_keep_leading_blanks() -> None:
    # the upstream encoder's own example
    assert kyaml.dumps("This\n is a\n  multi-line\n string", sort_keys=True) == (
        '---\n"\\\n   This\\n\\\n  \\ is a\\n\\\n  \\  multi-line\\n\\\n  \\ string\\\n  "\n'
    )
    # a trailing newline ends the last folded line; nested values indent one level deeper
    assert kyaml.dumps({"k": "a\nb\n"}, sort_keys=True) == (
        '---\n{\n  k: "\\\n     a\\n\\\n     b\\n\\\n    ",\n}\n'
    )


def test_escapes_follow_go() -> None:
    text = 'q" b\\ t\t e\x1b z\x00 nb\xa0 bell\x07 del\x7f ls\u2028 zw\u200b ok✓'
    assert kyaml.dumps(text, sort_keys=True) == (
        '---\n"q\\" b\\\\ t\t e\\e z\\0 nb\\_ bell\\a del\\x7f ls\\L zw\\u200b ok✓"\n'
    )
    assert kyaml.dumps({"a\nb": 1, "t\tk": 2}, sort_keys=False) == (
        '---\n{\n  "a\\nb": 1,\n  "t\\tk": 2,\n}\n'
    )


@pytest.mark.parametrize("count", [0, 1, 3])
def test_list_is_written_item_by_item_as_the_whole_document(count: int) -> None:
    items = [
        {"kind": "Pod", "metadata": {"name": f"p{i}", "labels": {"a": "b"}}} for i in range(count)
    ]
    out = io.StringIO()
    assert kyaml.write_list(out, iter(items)) == count
    whole = {
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    }
    assert out.getvalue() == kyaml.dumps(whole, sort_keys=True)
    assert yaml.safe_load(out.getvalue()) == whole  # KYAML is YAML


def test_output_reads_back_as_the_same_data() -> None:
    doc = {
        "s": ["yes", "no", "1.0", "~", "null", "2024-01-01T00:00:00Z", " lead", "tab\there"],
        "m": "line 1\n  indented\n\nafter blank\n",
        "weird keys": {"on": 1, "y": 2, "x:y": 3, "#c": 4, "11:00": 5},
        "n": [0, -1, 0.5, 1.5e300],  # (PyYAML cannot read "1e-7": YAML 1.1 wants a dot)
    }
    assert yaml.safe_load(kyaml.dumps(doc, sort_keys=True)) == doc
