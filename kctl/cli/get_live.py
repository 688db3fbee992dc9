"""``kctl get -w --live``: the in-place table on a terminal.

The watch streams run on threads and hand their updates over a queue; the main thread applies
them to ``printers.live.LiveTable``s and redraws a few times a second (rich ``Live`` on the
alternate screen, so quitting gives the terminal back as it was). A window of rows that fits
the terminal is shown; the arrow keys, PgUp/PgDn, Home/End move it. ``q`` or Ctrl-C quits.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kctl.env import Environment

if TYPE_CHECKING:
    from kctl.cli.get import GetOptions
    from kctl.cli.get_watch import Stream
    from kctl.printers.live import LiveTable

FRAME_SECONDS = 0.25
_KEYS = {
    "\x1b[A": -1,  # up
    "k": -1,
    "\x1b[B": 1,  # down
    "j": 1,
    "\x1b[5~": -20,  # page up
    "\x1b[6~": 20,  # page down
    " ": 20,
}


def run(env: Environment, streams: list[Stream], opts: GetOptions, with_kind: bool) -> None:
    from rich.console import Console
    from rich.live import Live

    from kctl.watch import ListPage

    tables = _tables(env, streams, opts, with_kind)
    now = time.monotonic()
    for stream in streams:
        table = tables[id(stream)]
        for update in stream.updates:
            assert isinstance(update, ListPage)
            if not opts.watch_only:  # --watch-only: the table fills with what changes
                table.apply(update.body, "ADDED", now, initial=True)
            if update.last:
                break
    inbox: queue.Queue[tuple[Stream, Any]] = queue.Queue(maxsize=4096)
    for stream in streams:
        threading.Thread(target=_pump, args=(stream, inbox), daemon=True).start()
    console = Console(
        file=env.stdout,
        force_terminal=True,
        no_color=not env.colour,
        highlight=False,
        markup=False,
        emoji=False,
        _environ=dict(env.environ),
    )
    unique = list({id(t): t for t in tables.values()}.values())
    offset = 0
    with (
        _keys(env) as keys,
        Live(console=console, screen=True, auto_refresh=False, transient=True) as live,
    ):
        while True:
            deadline = time.monotonic() + FRAME_SECONDS
            while True:
                try:
                    stream, item = inbox.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if isinstance(item, BaseException):
                    raise item
                tables[id(stream)].apply(item.object, item.type, time.monotonic())
            for key in keys.drain():
                if key in ("q", "Q"):
                    return
                if key == "\x1b[H" or key == "g":
                    offset = 0
                elif key == "\x1b[F" or key == "G":
                    offset = 1 << 30
                else:
                    offset += _KEYS.get(key, 0)
            now = time.monotonic()
            for table in unique:
                table.expire(now)
            _fit(console, env)
            view, offset = _frame(unique, streams, console.size.height, offset, now, env)
            live.update(view, refresh=True)


def _fit(console: Any, env: Environment) -> None:
    """Size the view to the terminal stdout is (asked every frame, so a resize just works;
    rich would ask stdin first, which may be another terminal or none)."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        size = os.get_terminal_size(env.stdout.fileno())
        if (size.columns, size.lines) != tuple(console.size):
            console.size = (size.columns, size.lines)


def _tables(
    env: Environment, streams: list[Stream], opts: GetOptions, with_kind: bool
) -> dict[int, LiveTable]:
    """One LiveTable per type (streams of one type share theirs)."""
    from kctl.cli.get_watch import block_maker
    from kctl.printers.live import LiveTable

    by_type: dict[Any, LiveTable] = {}
    out: dict[int, LiveTable] = {}
    for stream in streams:
        mapping = stream.mapping
        table = by_type.get(mapping.gvr)
        if table is None:
            table = LiveTable(block_maker(env, opts, mapping, with_kind))
            by_type[mapping.gvr] = table
        out[id(stream)] = table
    return out


def _pump(stream: Stream, inbox: queue.Queue[tuple[Stream, Any]]) -> None:
    from kctl.watch import WatchEvent

    try:
        for update in stream.updates:
            if isinstance(update, WatchEvent):
                inbox.put((stream, update))
    except BaseException as exc:  # handed to the main thread, raised there
        inbox.put((stream, exc))


def _frame(
    tables: list[LiveTable],
    streams: list[Stream],
    height: int,
    offset: int,
    now: float,
    env: Environment,
) -> tuple[Any, int]:
    """The visible window and the footer; the offset clamped to what there is."""
    from rich.console import Group
    from rich.text import Text

    from kctl.printers.live import render_lines

    lines = render_lines(tables, now, env.clock())
    room = max(1, height - 2)  # the footer and its blank line
    offset = max(0, min(offset, max(0, len(lines) - room)))
    shown = lines[offset : offset + room]
    if not lines:
        shown = [Text("No resources yet; waiting for events.", style="dim")]
    states = {s.watcher.stats.state for s in streams}
    state = next(
        (name for name in ("reconnecting", "listing", "resynced") if name in states), "watching"
    )
    counts: dict[str, int] = {}
    resyncs = 0
    for stream in streams:
        resyncs += stream.watcher.stats.resyncs
        for kind, n in stream.watcher.stats.events.items():
            counts[kind] = counts.get(kind, 0) + n
    rows = sum(1 for t in tables for r in t.rows.values() if r.deleted is None)
    footer = Text()
    footer.append(f"● {state}", style="green" if state == "watching" else "yellow")
    footer.append(f"  {rows} objects")
    for kind in ("ADDED", "MODIFIED", "DELETED"):
        footer.append(f"  {kind.lower()} {counts.get(kind, 0)}")
    if resyncs:
        footer.append(f"  resynced {resyncs}x")
    if len(lines) > room:
        footer.append(f"  rows {offset + 1}-{offset + len(shown)} of {len(lines)} (↑/↓ PgUp/PgDn)")
    footer.append("  q quits", style="dim")
    return Group(*shown, Text(""), footer), offset


class _KeyReader:
    """Keys typed on the terminal, read by a thread in cbreak mode."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd
        self._keys: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()

    def start(self) -> None:
        if self.fd is not None:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        import select

        assert self.fd is not None
        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 32).decode("utf-8", "replace")
            except OSError:
                return
            if not data:
                return
            for key in _split_keys(data):
                self._keys.put(key)

    def drain(self) -> list[str]:
        keys = []
        while True:
            try:
                keys.append(self._keys.get_nowait())
            except queue.Empty:
                return keys

    def stop(self) -> None:
        self._stop.set()


def _split_keys(data: str) -> list[str]:
    keys = []
    i = 0
    while i < len(data):
        if data[i] == "\x1b" and data[i + 1 : i + 2] == "[":
            j = i + 2
            while j < len(data) and not (data[j].isalpha() or data[j] == "~"):
                j += 1
            keys.append(data[i : j + 1])
            i = j + 1
        else:
            keys.append(data[i])
            i += 1
    return keys


@contextlib.contextmanager
def _keys(env: Environment) -> Iterator[_KeyReader]:
    """Read keys from the terminal (cbreak: no echo, no line buffering; Ctrl-C still a
    signal), and put the terminal back as it was afterwards."""
    fd = None
    saved = None
    with contextlib.suppress(AttributeError, ValueError, OSError):
        if env.stdin.isatty():
            fd = env.stdin.fileno()
    if fd is not None:
        import termios
        import tty

        try:
            saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
        except termios.error:
            fd = None
    reader = _KeyReader(fd)
    reader.start()
    try:
        yield reader
    finally:
        reader.stop()
        if fd is not None and saved is not None:
            import termios

            with contextlib.suppress(termios.error):
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
