"""Server-side Tables to printable rows, with kubectl's decorations.

The API server builds the Table (columns, pre-formatted cells such as AGE); kubectl only filters
columns by priority, upper-cases headers, renders cells like Go's ``fmt.Sprint``, and decorates:
a NAMESPACE column with ``-A``, label columns (``-L``), a LABELS column (``--show-labels``) and
``kind/`` name prefixes when several kinds are printed (cli-runtime ``tableprinter.go``).

A page becomes a ``TableBlock`` of plain strings, so the objects behind it can be dropped at once.
``TableOutput`` is kubectl's ``get`` print loop: headers once per type (again only if the columns
change), a blank line between types, and whether anything was written at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from kctl.errors import malformed
from kctl.printers.humanduration import age
from kctl.printers.jsonpath_gofmt import sprint as go_sprint
from kctl.printers.tabwriter import TabWriter

_BREAK_CHARS = ("\n", "\r", "\f")


def cell_text(value: Any) -> str:
    """One printed cell: null is empty, text is cut at the first line break (``...`` added) and
    the terminal escape character is shown as ``^[``."""
    if value is None:
        return ""
    text = value if type(value) is str else go_sprint(value)
    if "\n" in text or "\r" in text or "\f" in text or "\x1b" in text:
        cut = min((i for i in (text.find(c) for c in _BREAK_CHARS) if i >= 0), default=-1)
        if cut >= 0:
            text = text[:cut] + "..."
        text = text.replace("\x1b", "^[")
    return text


def format_labels(labels: dict[str, Any] | None) -> str:
    """``labels.FormatLabels``: ``k=v`` pairs sorted as whole strings, ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(sorted(f"{k}={v}" for k, v in labels.items()))


def label_headers(label_columns: Sequence[str]) -> list[str]:
    """``-L`` headers: the upper-cased text after the last ``/``."""
    return [label.split("/")[-1].upper() for label in label_columns]


# Plain classes, not dataclasses: @dataclass compiles generated code at import time, a cost
# every `kctl get` would pay for two small records.


class TableOptions:
    """How to turn a server Table into rows (kubectl's PrintOptions)."""

    __slots__ = (
        "wide",
        "with_namespace",
        "show_labels",
        "label_columns",
        "kind_prefix",
        "row_namespace",
    )

    def __init__(
        self,
        wide: bool = False,
        with_namespace: bool = False,
        show_labels: bool = False,
        label_columns: tuple[str, ...] = (),
        kind_prefix: str = "",  # "pod", "deployment.apps": prefix name cells now (streaming mode)
        row_namespace: str | None = None,
    ) -> None:
        self.wide = wide
        self.with_namespace = with_namespace
        self.show_labels = show_labels
        self.label_columns = label_columns
        self.kind_prefix = kind_prefix
        # The NAMESPACE cell of every row when the page is one namespace's list, asked for
        # without row metadata (the cell then cannot come from the row).
        self.row_namespace = row_namespace


class TableBlock:
    """One Table page, rendered to strings. ``columns`` identifies the column set (headers are
    printed again only when it changes); ``name_index`` is the name cell's position or -1."""

    __slots__ = ("columns", "header", "rows", "name_index")

    def __init__(
        self,
        columns: tuple[Any, ...],
        header: list[str],
        rows: list[list[str]] | None = None,
        name_index: int = -1,
    ) -> None:
        self.columns = columns
        self.header = header
        self.rows: list[list[str]] = [] if rows is None else rows
        self.name_index = name_index


def _decorations(opts: TableOptions, obj: Any) -> tuple[list[str], list[str]]:
    """The NAMESPACE cell (as a one-item list or empty) and the trailing label cells of a row."""
    meta = obj.get("metadata") if isinstance(obj, dict) else None
    before = []
    if opts.with_namespace and opts.row_namespace is not None:
        before = [cell_text(opts.row_namespace)]
    elif opts.with_namespace:
        # no object metadata (includeObject=None, or none sent): an empty cell, like kubectl
        before = [cell_text(meta.get("namespace") or "") if isinstance(meta, dict) else ""]
    if not isinstance(meta, dict):
        after = [""] * (len(opts.label_columns) + (1 if opts.show_labels else 0))
        return before, after
    after = []
    if opts.label_columns or opts.show_labels:
        labels = meta.get("labels")
        # Go's metadata decoding would drop labels that are not a string map: no labels.
        if not isinstance(labels, dict):
            labels = {}
        after = [cell_text(labels.get(key, "")) for key in opts.label_columns]
        if opts.show_labels:
            after.append(cell_text(format_labels(labels)))
    return before, after


# Column definition fields and the JSON types Go's TableColumnDefinition decodes them into.
_COLUMN_FIELDS = (("name", str), ("type", str), ("format", str), ("description", str))


def check_table(table: dict[str, Any]) -> None:
    """Refuse a Table kubectl could not decode either (a wrong type where Go's struct has a
    fixed one), naming the field; cells and row objects may hold anything, as in Go."""
    coldefs = table.get("columnDefinitions")
    if coldefs is not None and not isinstance(coldefs, list):
        raise malformed("Table", "columnDefinitions", "an array", coldefs)
    for i, c in enumerate(coldefs or []):
        where = f"columnDefinitions[{i}]"
        if not isinstance(c, dict):
            raise malformed("Table", where, "an object", c)
        for key, kind in _COLUMN_FIELDS:
            if c.get(key) is not None and not isinstance(c[key], kind):
                raise malformed("Table", f"{where}.{key}", "a string", c[key])
        priority = c.get("priority")
        if priority is not None and (type(priority) is not int):
            raise malformed("Table", f"{where}.priority", "an integer", priority)
    rows = table.get("rows")
    if rows is not None and not isinstance(rows, list):
        raise malformed("Table", "rows", "an array", rows)
    for i, row in enumerate(rows or []):
        if not isinstance(row, dict):
            raise malformed("Table", f"rows[{i}]", "an object", row)
        cells = row.get("cells")
        if cells is not None and not isinstance(cells, list):
            raise malformed("Table", f"rows[{i}].cells", "an array", cells)


def convert_table(table: dict[str, Any], opts: TableOptions) -> TableBlock:
    """A ``meta.k8s.io`` Table page as header + rows of strings (``check_table`` first)."""
    check_table(table)
    coldefs: list[dict[str, Any]] = table.get("columnDefinitions") or []
    shown = [i for i, c in enumerate(coldefs) if opts.wide or not c.get("priority")]
    name_col = next(
        (
            i
            for i, c in enumerate(coldefs)
            if c.get("format") == "name" and c.get("type") == "string"
        ),
        -1,
    )
    offset = 1 if opts.with_namespace else 0
    header = (["NAMESPACE"] if opts.with_namespace else []) + [
        str(coldefs[i].get("name", "")).upper() for i in shown
    ]
    header += label_headers(opts.label_columns)
    if opts.show_labels:
        header.append("LABELS")
    name_index = shown.index(name_col) + offset if name_col in shown else -1
    decorate = opts.with_namespace or opts.label_columns or opts.show_labels
    prefix = opts.kind_prefix + "/" if opts.kind_prefix and name_col >= 0 else ""
    ncols = len(coldefs)
    rows: list[list[str]] = []
    for row in table.get("rows") or []:
        cells = row.get("cells") or []
        out = [cell_text(cells[i]) for i in shown if i < len(cells) and i < ncols]
        if prefix and name_index >= 0 and name_index - offset < len(out):
            j = name_index - offset
            out[j] = prefix + out[j]
        if decorate:
            before, after = _decorations(opts, row.get("object"))
            out = before + out + after
        rows.append(out)
    columns = tuple(
        (c.get("name"), c.get("type"), c.get("format"), c.get("priority"), c.get("description"))
        for c in coldefs
    )
    return TableBlock(columns=columns, header=header, rows=rows, name_index=name_index)


_OBJECT_META_COLUMNS = (("Name", "string", "name", 0, ""), ("Age", "string", "", 0, ""))


def convert_objects(
    objects: Iterable[dict[str, Any]], opts: TableOptions, now: float
) -> TableBlock:
    """kubectl's fallback when the server sends plain objects instead of a Table: NAME and AGE,
    AGE computed with the local clock."""
    offset = 1 if opts.with_namespace else 0
    header = (["NAMESPACE"] if opts.with_namespace else []) + ["NAME", "AGE"]
    header += label_headers(opts.label_columns)
    if opts.show_labels:
        header.append("LABELS")
    prefix = opts.kind_prefix + "/" if opts.kind_prefix else ""
    rows = []
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict):
            raise malformed("list", f"items[{i}]", "an object", obj)
        meta = obj.get("metadata")
        if not isinstance(meta, dict):
            meta = {}
        before, after = _decorations(opts, obj)
        name = prefix + str(meta.get("name") or "")
        rows.append(before + [name, age(meta.get("creationTimestamp"), now)] + after)
    return TableBlock(columns=_OBJECT_META_COLUMNS, header=header, rows=rows, name_index=offset)


def add_kind_prefix(block: TableBlock, kind_prefix: str) -> None:
    """Prefix every name cell with ``kind/`` (decided after all pages are in: piped mode)."""
    j = block.name_index
    if j < 0:
        return
    for row in block.rows:
        if j < len(row):
            row[j] = f"{kind_prefix}/{row[j]}"


class RowSink(Protocol):
    """Where ``TableOutput`` sends lines: the plain tabwriter or the terminal renderer."""

    def new_group(self) -> None: ...  # a new type: flush and forget remembered widths

    def blank_line(self) -> None: ...

    def header(self, cells: list[str]) -> None: ...

    def row(self, cells: list[str]) -> None: ...

    def end_page(self) -> None: ...  # a page is complete (streaming sinks render it now)

    def close(self) -> None: ...


class TableOutput:
    """kubectl's ``get`` loop over Tables: header logic per type, blank lines between types."""

    def __init__(self, sink: RowSink, no_headers: bool = False) -> None:
        self.sink = sink
        self.no_headers = no_headers
        self.written = False
        self._group: Any = None
        self._started = False
        self._separator = False
        self._last_columns: tuple[Any, ...] | None = None
        self._printed_headers = False

    def start_group(self, group: Any) -> None:
        """Call before each block; ``group`` identifies the resource type."""
        if self._started and group == self._group:
            return
        self.sink.new_group()
        if self._started and not self.no_headers and self.written:
            self._separator = True
        self._started = True
        self._group = group
        self._last_columns = None
        self._printed_headers = False

    def add(self, block: TableBlock) -> None:
        skip_header = self.no_headers
        if self._printed_headers and (not block.columns or block.columns == self._last_columns):
            skip_header = True
        if block.columns and block.columns != self._last_columns:
            self._last_columns = block.columns
            self._printed_headers = False
        if block.rows:
            self._printed_headers = True
        if not skip_header:
            if not block.rows:
                return
            self._emit_separator()
            self.sink.header(block.header)
        for row in block.rows:
            self._emit_separator()
            self.sink.row(row)
        self.sink.end_page()

    def _emit_separator(self) -> None:
        if self._separator:
            self.sink.blank_line()
            self._separator = False
        self.written = True

    def close(self) -> None:
        self.sink.close()


class PlainSink:
    """kubectl's byte-exact layout: Go tabwriter rules, columns aligned over a whole type."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.tw = TabWriter(out)

    def new_group(self) -> None:
        self.tw.flush()
        self.tw = TabWriter(self.out)

    def blank_line(self) -> None:
        self.tw.flush()
        self.out.write("\n")

    def header(self, cells: list[str]) -> None:
        self.tw.write_row(cells)

    def row(self, cells: list[str]) -> None:
        self.tw.write_row(cells)

    def end_page(self) -> None:
        pass  # kubectl aligns a whole type: rows wait for close() or the next type

    def close(self) -> None:
        self.tw.flush()
