"""Server Table → rows: recorded Tables replayed against what kubectl printed for them, plus the
cell and decoration rules for values a test server does not produce."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from kctl.printers.table import (
    PlainSink,
    TableOptions,
    TableOutput,
    add_kind_prefix,
    cell_text,
    convert_objects,
    convert_table,
    format_labels,
    go_sprint,
)

FIXTURES = Path(__file__).parent / "fixtures" / "get"


def _render(blocks: list[tuple[Any, Any]], no_headers: bool = False) -> str:
    out = io.StringIO()
    output = TableOutput(PlainSink(out), no_headers=no_headers)
    for group, block in blocks:
        output.start_group(group)
        output.add(block)
    output.close()
    return out.getvalue()


def test_recorded_paged_pods_wide_with_labels_match_kubectl() -> None:
    case = json.loads((FIXTURES / "table-pods-wide.json").read_text())
    assert len(case["pages"]) > 1  # several pages aligned as one table, one header
    opts = TableOptions(wide=True, show_labels=True)
    text = _render([("pods", convert_table(page, opts)) for page in case["pages"]])
    assert text == case["kubectl"]


def test_recorded_namespaces_with_kind_and_label_column_match_kubectl() -> None:
    case = json.loads((FIXTURES / "table-namespaces.json").read_text())
    opts = TableOptions(label_columns=("kubernetes.io/metadata.name",))
    blocks = [convert_table(page, opts) for page in case["pages"]]
    for block in blocks:
        add_kind_prefix(block, "namespace")
    assert _render([("ns", b) for b in blocks]) == case["kubectl"]
    # the streaming path prefixes while converting: same text
    streamed = [
        convert_table(p, TableOptions(label_columns=opts.label_columns, kind_prefix="namespace"))
        for p in case["pages"]
    ]
    assert _render([("ns", b) for b in streamed]) == case["kubectl"]


def test_cells_follow_kubectls_rules() -> None:
    assert cell_text(None) == ""
    assert cell_text("a\nb") == "a..."
    assert cell_text("a\rb\nc") == "a..."
    assert cell_text("x\fy") == "x..."
    assert cell_text("\x1b[31mred") == "^[[31mred"
    assert cell_text("\x1b[31mred\nmore") == "^[[31mred..."
    assert cell_text(3) == "3"
    assert cell_text(True) == "true"
    assert cell_text(0.5) == "0.5"
    assert cell_text(1000000.5) == "1.0000005e+06"  # Go's %v switches to e-notation
    assert go_sprint({"b": 1, "a": [1, "x"]}) == "map[a:[1 x] b:1]"


def test_cell_numbers_beyond_int64_print_as_go_float64() -> None:
    # kubectl decodes a Table cell number that does not fit int64 as a float64, and %v then
    # prints it in e-notation (the server itself sends it as float64 digits)
    assert cell_text(18446744073709552000) == "1.8446744073709552e+19"
    assert cell_text(-(2**63)) == "-9223372036854775808"


def test_labels_sorted_as_whole_strings() -> None:
    assert format_labels({}) == "<none>"
    assert format_labels(None) == "<none>"
    assert format_labels({"app": "web", "app.kubernetes.io/name": "frontend"}) == (
        "app.kubernetes.io/name=frontend,app=web"
    )


def _table(rows: list[dict[str, Any]], extra_cols: list[dict[str, Any]] | None = None) -> dict:
    cols = [
        {"name": "Name", "type": "string", "format": "name", "priority": 0},
        {"name": "Status", "type": "string", "format": "", "priority": 0},
        {"name": "Cluster-IP", "type": "string", "format": "", "priority": 1},
    ] + (extra_cols or [])
    return {"kind": "Table", "columnDefinitions": cols, "rows": rows}


def test_namespace_labels_and_prefix_decorations() -> None:
    row = {
        "cells": ["web", "Running", "10.0.0.1"],
        "object": {"metadata": {"namespace": "shop", "labels": {"app": "web", "x/tier": "a"}}},
    }
    opts = TableOptions(
        with_namespace=True,
        label_columns=("x/tier", "missing"),
        show_labels=True,
        kind_prefix="pod",
    )
    block = convert_table(_table([row]), opts)
    assert block.header == ["NAMESPACE", "NAME", "STATUS", "TIER", "MISSING", "LABELS"]
    assert block.rows == [["shop", "pod/web", "Running", "a", "", "app=web,x/tier=a"]]
    wide = convert_table(_table([row]), TableOptions(wide=True))
    assert wide.header == ["NAME", "STATUS", "CLUSTER-IP"]
    # a row without object metadata (includeObject=None) gets empty decoration cells
    bare = convert_table(_table([{"cells": ["a", "b", "c"]}]), TableOptions(with_namespace=True))
    assert bare.rows == [["", "a", "b"]]


def test_headers_once_per_type_blank_line_between_types() -> None:
    pods = convert_table(_table([{"cells": ["a", "Running", "x"]}]), TableOptions())
    more = convert_table(_table([{"cells": ["bb", "Pending", "x"]}]), TableOptions())
    empty = convert_table(_table([]), TableOptions())
    svc = convert_table(_table([{"cells": ["longer-name", "ok", "x"]}]), TableOptions())
    text = _render([("pods", pods), ("pods", more), ("cm", empty), ("svc", svc)])
    assert text == (
        "NAME   STATUS\na      Running\nbb     Pending\n\nNAME          STATUS\nlonger-name   ok\n"
    )
    # --no-headers: no blank line, and each type still aligned on its own
    assert _render([("pods", pods), ("svc", svc)], no_headers=True) == (
        "a     Running\nlonger-name   ok\n"
    )
    assert _render([("cm", empty)]) == ""


def test_fallback_name_age_rows_from_plain_objects() -> None:
    objects = [
        {"metadata": {"name": "a", "creationTimestamp": "2024-01-01T00:00:00Z"}},
        {"metadata": {"name": "b"}},
    ]
    now = 1704067200 + 3 * 3600 + 20 * 60  # 3h20m later
    block = convert_objects(objects, TableOptions(kind_prefix="widget.example.com"), now)
    assert block.header == ["NAME", "AGE"]
    assert block.rows == [["widget.example.com/a", "3h20m"], ["widget.example.com/b", "<unknown>"]]
