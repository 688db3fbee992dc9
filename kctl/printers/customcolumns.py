"""``-o custom-columns=HEADER:PATH,...`` and ``-o custom-columns-file=FILE``, like kubectl.

kubectl's rules: the spec is split naively on ``,`` then on the first ``:``; headers print as
written; paths are relaxed (``.a.b``, ``a.b``, ``{a.b}``, ``{.a.b}``); a column with no value
shows ``<none>``; several values are joined by ``,``; each value is Go's ``fmt.Sprint`` of it
(so a map prints ``map[k:v]``) with ESC and CR escaped; layout is the same tabwriter as
kubectl's tables (minwidth 6, padding 3).

Two kubectl quirks, and what kctl does: kubectl ignores ``--no-headers`` for
``custom-columns-file`` (headers hard-coded on); ``render`` simply follows ``no_headers`` and
the get command passes False for the file form, keeping kubectl's output. kubectl parses a
column's path only when printing, so a bad path still prints the header line; kctl parses in
``parse_spec``/``parse_file`` and fails before any request.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from kctl.errors import KctlError
from kctl.printers import jsonpath
from kctl.printers.jsonpath_gofmt import sprint
from kctl.printers.tabwriter import TabWriter

FILE_FORMAT_HINT = (
    "Expected format is one line of space separated headers, one line of space separated "
    "column specs."
)


class CustomColumnsError(KctlError):
    """A bad spec or file; ``str()`` is kubectl's ``error: ...`` line. When rendering fails
    part-way, ``output`` holds what ``render`` produced before (if it had no ``out``)."""

    output = ""

    def __str__(self) -> str:
        return f"error: {self.message}"


@dataclass(frozen=True)
class Column:
    header: str
    field_spec: str  # the relaxed template, e.g. "{.metadata.name}" ("" = always <none>)
    template: jsonpath.Template


def _column(header: str, path: str) -> Column:
    try:
        field_spec = jsonpath.relaxed_expression(path)
    except ValueError as exc:
        raise CustomColumnsError(str(exc)) from None
    try:
        template = jsonpath.parse(field_spec)
    except jsonpath.JSONPathError as exc:
        # kubectl reports the bare parser message for a column
        raise CustomColumnsError(exc.cause) from None
    return Column(header, field_spec, template)


def parse_spec(spec: str) -> list[Column]:
    """Columns from ``HEADER:PATH,HEADER:PATH``."""
    if not spec:
        raise CustomColumnsError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, sep, path = part.partition(":")
        if not sep:
            raise CustomColumnsError(
                f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            )
        columns.append(_column(header, path))
    return columns


def parse_file(text: str) -> list[Column]:
    """Columns from a custom-columns file: a line of headers, then a line of paths."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    if not lines:
        raise CustomColumnsError(f"invalid template, missing header line. {FILE_FORMAT_HINT}")
    if len(lines) < 2:
        raise CustomColumnsError(f"invalid template, missing spec line. {FILE_FORMAT_HINT}")
    headers, specs = lines[0].split(), lines[1].split()
    if len(headers) != len(specs):
        raise CustomColumnsError(
            f"number of headers ({len(headers)}) and field specifications ({len(specs)}) "
            "don't match"
        )
    return [_column(h, s) for h, s in zip(headers, specs, strict=True)]


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def cells(obj: Any, columns: Sequence[Column]) -> list[str]:
    """One row of cell texts for ``obj``."""
    row = []
    for column in columns:
        try:
            results = column.template.find_results(obj, allow_missing_keys=True)
        except jsonpath.JSONPathError as exc:
            raise CustomColumnsError(exc.cause) from None
        values = [] if results and results[0] else ["<none>"]
        try:
            values += [_escape(sprint(v)) for action in results for v in action]
        except RecursionError:
            raise CustomColumnsError("object nested too deeply to print") from None
        row.append(",".join(values))
    return row


def render(
    objects: Iterable[Any],
    columns: Sequence[Column],
    *,
    no_headers: bool,
    out: IO[str] | None = None,
) -> str:
    """Write the header (unless ``no_headers``) and one row per object, tab-aligned, to
    ``out``; without ``out`` the text is returned instead."""
    buffer = io.StringIO()  # stays empty when writing to ``out``
    writer = TabWriter(out if out is not None else buffer)
    cols = list(columns)

    def emit(line_cells: list[str]) -> None:
        # Go's tabwriter ends a line at any newline inside a value, as kubectl shows it
        for line in "\t".join(line_cells).split("\n"):
            writer.write_line(line)

    if not no_headers:
        emit([c.header for c in cols])
    try:
        for obj in objects:
            emit(cells(obj, cols))
    except CustomColumnsError as exc:
        # kubectl still prints the header and the rows before the failing object
        writer.flush()
        exc.output = buffer.getvalue()
        raise
    writer.flush()
    return buffer.getvalue()
