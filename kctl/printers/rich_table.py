"""Terminal rendering: the plain layout's columns, with a styled header and status colours.

Rich supplies the terminal's colour capabilities and the styles; the layout is kctl's own
(tabwriter rules: minwidth 6, padding 3, the last column unpadded), measured in display cells,
so a line is never wrapped or cut differently from the piped output and 5,000 rows cost no more
than writing them. Pages are rendered as they arrive: column widths come from the first page and
only ever grow (like kubectl's ``--watch``), so a later, wider cell shifts only its own lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kctl.env import Environment

if TYPE_CHECKING:
    from rich.console import Console

# Status words by meaning. Colour is never the only signal: problems are bold, waiting states
# italic, finished ones dim.
_OK = frozenset({"Running", "Ready", "Active", "Bound", "Available", "True", "Healthy", "Normal"})
_WAITING = frozenset(
    {
        "Pending",
        "ContainerCreating",
        "PodInitializing",
        "Terminating",
        "Unknown",
        "NotReady",
        "Waiting",
        "SchedulingGated",
        "Released",
    }
)
_BAD = frozenset(
    {
        "Failed",
        "Error",
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "ErrImageNeverPull",
        "InvalidImageName",
        "CreateContainerConfigError",
        "CreateContainerError",
        "RunContainerError",
        "OOMKilled",
        "Evicted",
        "Lost",
        "False",
        "Warning",
        "ContainerStatusUnknown",
        "DeadlineExceeded",
        "BackoffLimitExceeded",
    }
)
_DONE = frozenset({"Completed", "Succeeded", "Terminated", "Complete"})
STATUS_COLUMNS = frozenset({"STATUS", "PHASE", "STATE", "CONDITION", "TYPE", "REASON"})

STYLES = {
    "header": "bold",
    "ok": "green",
    "waiting": "italic yellow",
    "bad": "bold red",
    "done": "dim",
}


def status_class(word: str) -> str | None:
    """``ok``/``waiting``/``bad``/``done`` for a status cell, None for anything else."""
    if word in _OK:
        return "ok"
    if word in _BAD:
        return "bad"
    if word in _WAITING:
        return "waiting"
    if word in _DONE:
        return "done"
    if word.startswith("Init:"):
        rest = word[5:]
        if rest in _BAD:
            return "bad"
        return "waiting"
    return None


def make_console(out: Any, env: Environment) -> Console:
    """A rich Console on ``out`` that honours NO_COLOR/FORCE_COLOR through ``env.colour``."""
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=env.colour,
        no_color=not env.colour,
        color_system="auto",
        width=env.terminal_width or 80,
        soft_wrap=True,
        highlight=False,
        markup=False,
        emoji=False,
        _environ=dict(env.environ),
    )


class RichSink:
    """Streams table pages to a terminal with colour (a ``RowSink`` for ``TableOutput``)."""

    def __init__(self, out: Any, env: Environment, minwidth: int = 6, padding: int = 3) -> None:
        from rich.cells import cell_len
        from rich.style import Style

        self.out = out
        self.console = make_console(out, env)
        self.minwidth = minwidth
        self.padding = padding
        self._cell_len = cell_len
        self._lines: list[tuple[bool, list[str]]] = []
        self._widths: list[int] = []
        self._status_cols: set[int] = set()
        system = self.console.color_system
        self._codes: dict[str, tuple[str, str]] = {}
        for name, spec in STYLES.items():
            if system is None:
                self._codes[name] = ("", "")
                continue
            rendered = Style.parse(spec).render("\0", color_system=self.console._color_system)
            before, _, after = rendered.partition("\0")
            self._codes[name] = (before, after)

    # RowSink
    def new_group(self) -> None:
        self._render()
        self._widths = []
        self._status_cols = set()

    def blank_line(self) -> None:
        self._render()
        self.out.write("\n")

    def header(self, cells: list[str]) -> None:
        self._status_cols = {i for i, c in enumerate(cells) if c in STATUS_COLUMNS}
        self._lines.append((True, cells))

    def row(self, cells: list[str]) -> None:
        self._lines.append((False, cells))

    def end_page(self) -> None:
        self._render()
        self.out.flush()

    def close(self) -> None:
        self._render()

    def _render(self) -> None:
        if not self._lines:
            return
        widths = self._widths
        cell_len = self._cell_len
        for _is_header, cells in self._lines:
            for j in range(len(cells) - 1):
                w = max(self.minwidth, cell_len(cells[j]) + self.padding)
                if j >= len(widths):
                    widths.append(w)
                elif w > widths[j]:
                    widths[j] = w
        codes = self._codes
        head_on, head_off = codes["header"]
        parts: list[str] = []
        status_cols = self._status_cols
        for is_header, cells in self._lines:
            last = len(cells) - 1
            for j, cell in enumerate(cells):
                pad = " " * (widths[j] - cell_len(cell)) if j < last else ""
                if is_header and cell:
                    parts.append(head_on + cell + head_off + pad)
                elif j in status_cols and cell:
                    kind = status_class(cell)
                    if kind is None:
                        parts.append(cell + pad)
                    else:
                        on, off = codes[kind]
                        parts.append(on + cell + off + pad)
                else:
                    parts.append(cell + pad)
            parts.append("\n")
        self.out.write("".join(parts))
        self._lines = []
