"""Printers for ``get -w``: kubectl's bytes for the initial list and each watch event.

One writer per watch, flushed after the initial list and after every event (kubectl's
tabwriter ``Flush()``; Python buffers pipes, so the stream is flushed too). Table and
custom-columns output share kubectl's remembered widths: a wider row pushes its own columns
right and later rows follow, earlier lines stay as printed. Only widths are kept, never rows,
so memory stays flat over a long watch.

- tables: the header comes with the first Table that has rows, again only when the columns
  change; ``--output-watch-events`` adds a first ``EVENT`` column (``ADDED   `` padded to 8).
- ``-o json``: each object 4-space indented; with events one compact
  ``{"type":…,"object":…}`` line.
- ``-o yaml``: ``---`` between documents; with events ``object:`` … ``type:`` documents.
- ``-o kyaml``: ``---`` before every document; with events ``{type: …, object: {…}}``.
- ``-o name``, ``jsonpath``: per object (the template sees ``{type, object}`` with events).
- ``-o custom-columns``: header once, rows through the remembered-width writer.

kctl strips ``managedFields`` from json/yaml events too (kubectl keeps them with
``--output-watch-events``) unless ``--show-managed-fields``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, Protocol

from kctl.printers.table import PlainSink, RowSink, TableBlock, TableOptions, TableOutput

EVENT_HEADER = "EVENT"


def event_cell(kind: str) -> str:
    """kubectl's ``formatEventType``: the type left-aligned in 8 characters."""
    return f"{kind:<8}"


def _flush(out: IO[str]) -> None:
    flush = getattr(out, "flush", None)
    if callable(flush):
        flush()


class EventPrinter(Protocol):
    """What ``get -w`` hands the initial list and the events to."""

    def item(self, obj: dict[str, Any], kind: str) -> None:
        """One object of the initial list (``kind`` is ADDED) or one event's object."""
        ...

    def end_batch(self) -> None:
        """The initial list is complete, or one event was printed: write it out now."""
        ...


class LastColumns:
    """Only a stream's first Table carries its columns; later ones get the last seen
    (cli-runtime's HumanReadablePrinter does the same)."""

    def __init__(self) -> None:
        self.columns: list[Any] = []

    def fill(self, obj: dict[str, Any]) -> dict[str, Any]:
        if obj.get("kind") == "Table":
            if obj.get("columnDefinitions"):
                self.columns = obj["columnDefinitions"]
            elif self.columns:
                obj = dict(obj, columnDefinitions=self.columns)
        return obj


class TableEventPrinter:
    """Server Tables (one per list page, one row per event) through one remembered-width
    tabwriter. ``to_block`` turns a Table (or a plain object, for servers without Table
    support) into rows with the decorations of ``opts``."""

    def __init__(
        self,
        out: IO[str],
        to_block: Callable[[dict[str, Any]], TableBlock],
        *,
        no_headers: bool = False,
        show_events: bool = False,
        sink: RowSink | None = None,
    ) -> None:
        self.out = out
        self.to_block = to_block
        self.show_events = show_events
        self.sink = sink or PlainSink(out)
        self.output = TableOutput(self.sink, no_headers=no_headers)
        self._columns = LastColumns()

    def item(self, obj: dict[str, Any], kind: str) -> None:
        block = self.to_block(self._columns.fill(obj))
        if self.show_events:
            cell = event_cell(kind)
            block.header = [EVENT_HEADER, *block.header]
            block.rows = [[cell, *row] for row in block.rows]
            if block.name_index >= 0:
                block.name_index += 1
        self.output.add(block)

    def end_batch(self) -> None:
        if isinstance(self.sink, PlainSink):
            self.sink.tw.flush()  # the plain sink holds rows until told (kubectl aligns a list)
        else:
            self.sink.end_page()
        _flush(self.out)


class ObjectEventPrinter:
    """json, yaml, kyaml, name and jsonpath: one object (or ``{type, object}`` event) at a
    time."""

    def __init__(
        self,
        out: IO[str],
        fmt: str,
        *,
        show_events: bool = False,
        strip_managed_fields: bool = False,
        template: Callable[[Any], str] | None = None,
    ) -> None:
        self.out = out
        self.fmt = fmt
        self.show_events = show_events
        self.strip = strip_managed_fields
        self.template = template
        self._documents = 0

    def item(self, obj: dict[str, Any], kind: str) -> None:
        from kctl.printers import json_yaml

        if self.strip:
            obj = json_yaml.strip_managed_fields(obj)
        out = self.out
        if self.fmt == "name":
            from kctl.printers.name import write_name

            write_name(out, obj)  # the event wrapper is unwrapped, as kubectl does
        elif self.fmt == "json":
            if self.show_events:
                # Go's json.Marshal of a WatchEvent: struct order (type, object), compact
                from kctl.printers.jsonpath_gofmt import go_json

                out.write(f'{{"type":{go_json(kind)},"object":{go_json(obj)}}}\n')
            else:
                json_yaml.write_json(out, obj)
        elif self.fmt == "yaml":
            if self._documents:
                out.write("---\n")
            json_yaml.write_yaml(out, {"object": obj, "type": kind} if self.show_events else obj)
        elif self.fmt == "kyaml":
            from kctl.printers import kyaml

            # every kyaml document starts with its own `---`, the first one too
            out.write(
                kyaml.dumps_event(kind, obj)
                if self.show_events
                else kyaml.dumps(obj, sort_keys=True)
            )
        else:
            assert self.template is not None
            out.write(self.template({"type": kind, "object": obj} if self.show_events else obj))
        self._documents += 1

    def end_batch(self) -> None:
        _flush(self.out)


class ColumnsEventPrinter:
    """``-o custom-columns``: header once, then rows; the list aligned as one block, each event
    on the same remembered widths."""

    def __init__(
        self,
        out: IO[str],
        columns: list[Any],
        *,
        no_headers: bool = False,
        show_events: bool = False,
    ) -> None:
        from kctl.printers.tabwriter import TabWriter

        self.out = out
        self.columns = columns
        self.show_events = show_events
        self.tw = TabWriter(out)
        self._header_due = not no_headers

    def item(self, obj: dict[str, Any], kind: str) -> None:
        from kctl.printers import customcolumns

        if self._header_due:
            self._line([c.header for c in self.columns])
            self._header_due = False
        target = {"type": kind, "object": obj} if self.show_events else obj
        self._line(customcolumns.cells(target, self.columns))

    def _line(self, cells: list[str]) -> None:
        # Go's tabwriter ends a line at a newline inside a value, as kubectl shows it
        for line in "\t".join(cells).split("\n"):
            self.tw.write_line(line)

    def end_batch(self) -> None:
        self.tw.flush()
        _flush(self.out)


__all__ = [
    "EVENT_HEADER",
    "ColumnsEventPrinter",
    "EventPrinter",
    "ObjectEventPrinter",
    "TableEventPrinter",
    "TableOptions",
    "event_cell",
]
