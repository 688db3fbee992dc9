"""Elastic tab stops with the exact layout kubectl's printers get from Go's text/tabwriter.

kubectl writes each row as cells joined by ``\\t`` and ended by ``\\n``; the text after the last
tab is not part of any column and is never padded. A *column block* is a run of consecutive
lines that all have a tab-terminated cell in that column; its width is
``max(minwidth, widest cell + padding)``, counted in code points like Go counts runes.

``remember_widths`` is the behaviour of the tabwriter fork kubectl uses: a column never gets
narrower than it was in an earlier flush, so output written page by page only ever widens.
"""

from __future__ import annotations

from typing import IO


class TabWriter:
    """Buffer lines, lay them out on ``flush()``."""

    def __init__(
        self,
        out: IO[str],
        minwidth: int = 6,
        padding: int = 3,
        remember_widths: bool = True,
    ) -> None:
        self.out = out
        self.minwidth = minwidth
        self.padding = padding
        self.remember_widths = remember_widths
        self._lines: list[list[str]] = []
        self._widths: list[int] = []  # column stack during format()
        self._max_widths: list[int] = []  # remembered across flushes

    def write_row(self, cells: list[str]) -> None:
        """Add one line: every cell but the last is tab-terminated."""
        self._lines.append(list(cells))

    def write_line(self, text: str) -> None:
        """Add one raw line; tabs in it separate cells."""
        self._lines.append(text.split("\t"))

    def flush(self) -> None:
        """Lay out and write everything buffered since the last flush."""
        if not self._lines:
            return
        parts: list[str] = []
        self._format(parts, 0, len(self._lines))
        self.out.write("".join(parts))
        self._lines = []
        self._widths = []

    def _format(self, parts: list[str], line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            if column >= len(self._lines[this]) - 1:
                this += 1
                continue
            # This line opens a column block at `column`: write the lines before it first.
            self._write_lines(parts, line0, this)
            line0 = this
            width = self.minwidth
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                width = max(width, len(line[column]) + self.padding)
                this += 1
            if self.remember_widths:
                if column < len(self._max_widths):
                    width = max(width, self._max_widths[column])
                    self._max_widths[column] = width
                else:
                    self._max_widths.append(width)
            self._widths.append(width)
            self._format(parts, line0, this)
            self._widths.pop()
            line0 = this
        self._write_lines(parts, line0, line1)

    def _write_lines(self, parts: list[str], line0: int, line1: int) -> None:
        widths = self._widths
        for line in self._lines[line0:line1]:
            for j, cell in enumerate(line):
                parts.append(cell)
                if j < len(widths) and j < len(line) - 1:
                    parts.append(" " * (widths[j] - len(cell)))
            parts.append("\n")


def format_rows(rows: list[list[str]], minwidth: int = 6, padding: int = 3) -> str:
    """Lay out a whole table at once (no remembered widths)."""
    import io

    buf = io.StringIO()
    tw = TabWriter(buf, minwidth=minwidth, padding=padding, remember_widths=False)
    for row in rows:
        tw.write_row(row)
    tw.flush()
    return buf.getvalue()
