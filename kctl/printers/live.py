"""``get -w --live``: the watched objects as an in-place table (kubernetes/kubernetes#40262).

``LiveTable`` is the state: one row per object (keyed by namespace/name, per type), the cells
the server's Table gave it, when each cell last changed (highlighted for a moment), when it was
deleted (marked, then dropped), its creation time (so AGE keeps ticking between events).
``render_lines`` lays it out with kubectl's column rules (minwidth 6, padding 3) as rich
``Text`` lines; the command shows a window of them that fits the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kctl.printers.humanduration import age
from kctl.printers.rich_table import STATUS_COLUMNS, STYLES, status_class
from kctl.printers.table import TableBlock
from kctl.printers.watch import LastColumns

if TYPE_CHECKING:
    from rich.text import Text

HIGHLIGHT_SECONDS = 2.0  # a changed cell stands out this long
LINGER_SECONDS = 2.0  # a deleted row stays, marked, this long


@dataclass
class LiveRow:
    cells: list[str]
    created: str | None  # metadata.creationTimestamp, for a ticking AGE
    changed: dict[int, float] = field(default_factory=dict)  # column -> when it changed
    added: float = 0.0
    deleted: float | None = None


class LiveTable:
    """The rows of one type, updated from list pages and watch events."""

    def __init__(self, to_block: Callable[[dict[str, Any]], TableBlock]) -> None:
        self.to_block = to_block
        self.header: list[str] = []
        self.rows: dict[tuple[str, str], LiveRow] = {}
        self._columns = LastColumns()

    def apply(self, body: dict[str, Any], kind: str, now: float, initial: bool = False) -> None:
        """A list page (``initial``) or one event's Table (or object)."""
        from kctl.watch import DELETED, entry_objects

        body = self._columns.fill(body)
        block = self.to_block(body)
        if block.header:
            self.header = block.header
        for (meta, _item), cells in zip(entry_objects(body), block.rows, strict=False):
            key = (str(meta.get("namespace") or ""), str(meta.get("name") or ""))
            row = self.rows.get(key)
            if kind == DELETED:
                if row is not None:
                    row.deleted = now
                continue
            created = meta.get("creationTimestamp")
            if row is None or row.deleted is not None:
                self.rows[key] = LiveRow(cells, created, added=0.0 if initial else now)
                continue
            ticking = self._age_index() if created else -1  # AGE changes by itself
            for i, cell in enumerate(cells):
                if i != ticking and (i >= len(row.cells) or row.cells[i] != cell):
                    row.changed[i] = now
            row.cells = cells
            row.created = created or row.created

    def _age_index(self) -> int:
        try:
            return self.header.index("AGE")
        except ValueError:
            return -1

    def expire(self, now: float) -> None:
        """Drop rows whose deletion has been shown long enough."""
        gone = [k for k, r in self.rows.items() if r.deleted and now - r.deleted > LINGER_SECONDS]
        for key in gone:
            del self.rows[key]

    def cells_now(self, row: LiveRow, wall_clock: float) -> list[str]:
        cells = list(row.cells)
        i = self._age_index()
        if 0 <= i < len(cells) and row.created:
            cells[i] = age(row.created, wall_clock)
        return cells


def render_lines(tables: list[LiveTable], now: float, wall_clock: float) -> list[Text]:
    """Header and row lines for every table (a blank line between types)."""
    from rich.cells import cell_len
    from rich.text import Text

    lines: list[Text] = []
    for table in tables:
        if not table.header or not table.rows:
            continue
        if lines:
            lines.append(Text(""))
        rows = [(row, table.cells_now(row, wall_clock)) for row in table.rows.values()]
        widths = [0] * len(table.header)
        for cells in [table.header] + [c for _r, c in rows]:
            for j, cell in enumerate(cells[: len(widths)]):
                widths[j] = max(widths[j], 6, cell_len(cell) + 3)
        status_cols = {j for j, name in enumerate(table.header) if name in STATUS_COLUMNS}
        lines.append(_line(table.header, widths, lambda j, cell: STYLES["header"]))
        for row, cells in rows:

            def style(
                j: int, cell: str, row: LiveRow = row, status_cols: set[int] = status_cols
            ) -> str:
                if row.deleted is not None:
                    return "strike red"
                if row.added and now - row.added < HIGHLIGHT_SECONDS:
                    return "bold green"
                if now - row.changed.get(j, -1e9) < HIGHLIGHT_SECONDS:
                    return "reverse yellow"
                if j in status_cols:
                    kind = status_class(cell)
                    return STYLES[kind] if kind else ""
                return ""

            line = _line(cells, widths, style)
            if row.deleted is not None:
                line.append("  (deleted)", style="red")
            lines.append(line)
    return lines


def _line(cells: list[str], widths: list[int], style: Callable[[int, str], str]) -> Text:
    from rich.cells import cell_len
    from rich.text import Text

    text = Text(no_wrap=True, overflow="crop")
    last = len(cells) - 1
    for j, cell in enumerate(cells):
        text.append(cell, style=style(j, cell) or None)
        if j < last and j < len(widths):
            text.append(" " * (widths[j] - cell_len(cell)))
    return text
