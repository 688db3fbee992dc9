"""The ``get -w`` printers: remembered widths, EVENT column, json/yaml event framing."""

from __future__ import annotations

import io
from typing import Any

from kctl.printers import customcolumns
from kctl.printers.table import TableOptions, convert_table
from kctl.printers.watch import ColumnsEventPrinter, ObjectEventPrinter, TableEventPrinter

COLUMNS = [
    {"name": "Name", "type": "string", "format": "name"},
    {"name": "Data", "type": "integer", "format": ""},
    {"name": "Age", "type": "string", "format": ""},
]


def table(*rows: tuple[str, int, str], columns: bool = True) -> dict[str, Any]:
    return {
        "kind": "Table",
        "columnDefinitions": COLUMNS if columns else None,
        "rows": [{"cells": list(r)} for r in rows],
    }


def test_table_rows_keep_remembered_widths_and_the_header_comes_once() -> None:
    out = io.StringIO()
    printer = TableEventPrinter(out, lambda t: convert_table(t, TableOptions()))
    printer.item(table(("a", 1, "1s"), ("bb", 1, "0s")), "ADDED")
    printer.end_batch()
    printer.item(table(("a-very-long-configmap-name", 2, "0s")), "ADDED")
    printer.end_batch()
    printer.item(table(("c", 0, "0s"), columns=False), "MODIFIED")
    printer.end_batch()
    assert out.getvalue() == (
        "NAME   DATA   AGE\n"
        "a      1      1s\n"
        "bb     1      0s\n"
        "a-very-long-configmap-name   2      0s\n"
        "c                            0      0s\n"
    )


def test_event_column_is_padded_to_eight_and_comes_first() -> None:
    out = io.StringIO()
    printer = TableEventPrinter(out, lambda t: convert_table(t, TableOptions()), show_events=True)
    printer.item(table(("zz", 1, "0s")), "ADDED")
    printer.end_batch()
    printer.item(table(("zz", 1, "0s"), columns=False), "DELETED")
    printer.end_batch()
    assert out.getvalue() == (
        "EVENT      NAME   DATA   AGE\nADDED      zz     1      0s\nDELETED    zz     1      0s\n"
    )


def test_empty_list_prints_nothing_and_the_first_event_brings_the_header() -> None:
    out = io.StringIO()
    printer = TableEventPrinter(out, lambda t: convert_table(t, TableOptions()))
    printer.item(table(), "ADDED")
    printer.end_batch()
    assert out.getvalue() == ""
    printer.item(table(("a", 1, "0s")), "ADDED")
    printer.end_batch()
    assert out.getvalue() == "NAME   DATA   AGE\na      1      0s\n"


CM = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "a<b", "managedFields": [{"manager": "m"}]},
}


def test_json_events_are_compact_lines_in_kubectls_field_order_without_managed_fields() -> None:
    out = io.StringIO()
    printer = ObjectEventPrinter(out, "json", show_events=True, strip_managed_fields=True)
    printer.item(dict(CM, metadata=dict(CM["metadata"])), "ADDED")
    assert out.getvalue() == (
        '{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap",'
        '"metadata":{"name":"a\\u003cb"}}}\n'
    )


def test_yaml_documents_are_separated_not_preceded() -> None:
    out = io.StringIO()
    printer = ObjectEventPrinter(out, "yaml", show_events=True)
    printer.item({"kind": "ConfigMap", "metadata": {"name": "a"}}, "ADDED")
    printer.item({"kind": "ConfigMap", "metadata": {"name": "a"}}, "DELETED")
    assert out.getvalue() == (
        "object:\n  kind: ConfigMap\n  metadata:\n    name: a\ntype: ADDED\n---\n"
        "object:\n  kind: ConfigMap\n  metadata:\n    name: a\ntype: DELETED\n"
    )


def test_custom_columns_header_once_and_events_see_type_and_object() -> None:
    out = io.StringIO()
    columns = customcolumns.parse_spec("T:.type,N:.object.metadata.name")
    printer = ColumnsEventPrinter(out, columns, show_events=True)
    printer.item({"metadata": {"name": "a"}}, "ADDED")
    printer.end_batch()
    printer.item({"metadata": {"name": "a"}}, "MODIFIED")
    printer.end_batch()
    assert out.getvalue() == "T       N\nADDED   a\nMODIFIED   a\n"
