"""``kctl get -w / --watch-only / --output-watch-events``: kubectl's watch output, and a watch
that never dies silently.

Piped, the bytes are kubectl's: the same requests (the list, then one watch from the list's
resourceVersion, with the same Accept header), the same remembered column widths and separators,
stdout flushed after every event. Unlike kubectl, the engine (``kctl.watch``) reconnects when the
stream ends, relists after 410 Gone and prints the missed changes, hides bookmarks, watches a named
object from its own resourceVersion, and watches several types (``get pods,svc -w``, ``get all
-w``) at once, one stream per type merged into one output with kind prefixes.

Exit codes: an unrecoverable error (403, the type removed) prints kubectl's error, exit 1; Ctrl-C
ends quietly with 130 and SIGTERM with 143 (kubectl gives 1 for both), a closed pipe ends quietly
with 0.
"""

from __future__ import annotations

import queue
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kctl.env import Environment
from kctl.errors import KctlError

if TYPE_CHECKING:
    from kctl.cli.factory import Factory
    from kctl.cli.get import GetOptions, Target
    from kctl.printers.table import TableBlock
    from kctl.printers.watch import EventPrinter
    from kctl.restmapper import RESTMapping
    from kctl.watch import Update, Watcher

NO_RESOURCES = (
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)
EXIT_SIGINT = 130  # 128 + SIGINT, as a shell reports a process ended by it
EXIT_SIGTERM = 143  # 128 + SIGTERM


def validate(opts: GetOptions, args: list[str], env: Environment) -> None:
    """kubectl's checks for the watch flags (run before the general ``get`` checks)."""
    watching = opts.watch or opts.watch_only
    if opts.output_watch_events and not watching:
        raise KctlError(
            "error: --output-watch-events option can only be used with --watch or --watch-only"
        )
    if opts.live and not watching:
        raise KctlError("error: --live can only be used with --watch or --watch-only")
    if opts.live and opts.output not in ("", "wide"):
        raise KctlError("error: --live shows a table: it cannot be used with -o " + opts.output)
    if watching and not args:
        raise KctlError(NO_RESOURCES)
    if watching and opts.sort_by:
        env.stderr.write(
            "warning: --watch-only requested, --sort-by will be ignored\n"
            if opts.watch_only
            else "warning: --watch requested, --sort-by will be ignored for watch events received\n"
        )


@dataclass
class Stream:
    """One watched thing: a type (and one name, or the whole collection) and its engine."""

    mapping: RESTMapping
    name: str | None
    watcher: Watcher
    updates: Iterator[Update]


def run(factory: Factory, env: Environment, targets: list[Target], opts: GetOptions) -> None:
    """List, print, then print events until interrupted."""
    from kctl.watch import Watcher

    as_table = opts.output in ("", "wide")
    streams: list[Stream] = []
    for target in targets:
        names: list[str | None] = list(target.names) or [None]
        for name in names:
            watcher = Watcher(
                _source(factory, target.mapping, name, opts, as_table),
                notice=lambda text: _notice(env, text),
            )
            streams.append(Stream(target.mapping, name, watcher, iter(watcher.run())))
    kinds = {s.mapping.gvk for s in streams}
    printers = _Printers(env, opts, with_kind=opts.show_kind or len(kinds) > 1)
    # --live needs a terminal; piped, it is the plain stream (scripts keep kubectl's bytes)
    live = opts.live and env.stdout_isatty
    with _quiet_signals():
        try:
            if live:
                from kctl.cli import get_live

                get_live.run(env, streams, opts, printers.with_kind)
            else:
                _initial(streams, printers, opts)
            if live:
                pass
            elif len(streams) == 1:
                stream = streams[0]
                for update in stream.updates:
                    printers.event(stream.mapping, update)
            else:
                _merged(streams, printers)
        except KeyboardInterrupt:
            # quiet: no newline, no "Aborted!" (click would add both)
            raise SystemExit(EXIT_SIGINT) from None
        except BrokenPipeError:
            from kctl.cli.main import _silence_stdout

            _silence_stdout()  # the reader went away (`| head`): nothing left to say
            raise SystemExit(0) from None
        finally:
            for stream in streams:
                stream.watcher.stop()


def _notice(env: Environment, text: str) -> None:
    env.stderr.write(f"{text}\n")
    env.stderr.flush()


def _source(
    factory: Factory, mapping: RESTMapping, name: str | None, opts: GetOptions, as_table: bool
) -> Any:
    from kctl.cli.get import _namespace_for
    from kctl.dynamic import JSON_ACCEPT, TABLE_ACCEPT
    from kctl.params import query
    from kctl.watch import RESTWatchSource

    params = dict(
        query(
            {
                "label_selector": opts.selector or None,
                "field_selector": opts.field_selector or None,
                "include_object": "Object" if as_table and opts.sort_by else None,
            }
        )
    )
    # Otherwise the server default (Metadata): every row carries the object's name, uid and
    # resourceVersion, which resume and relist need, as kubectl's requests do.
    ns = _namespace_for(factory, mapping, opts)
    return RESTWatchSource(
        factory.rest_client,
        mapping.gvr.path(ns or None),
        params=params,
        headers={"Accept": TABLE_ACCEPT if as_table else JSON_ACCEPT},
        name=name,
        chunk_size=0 if opts.sort_by else opts.chunk_size,
    )


def _initial(streams: list[Stream], printers: _Printers, opts: GetOptions) -> None:
    """Each stream's initial list, in the order asked for, printed unless --watch-only."""
    from kctl.errors import APIError
    from kctl.watch import ListPage

    for stream in streams:
        try:
            for update in stream.updates:
                assert isinstance(update, ListPage)
                if not opts.watch_only:
                    printers.page(stream.mapping, update.body, update.last)
                if update.last:
                    break
        except APIError as exc:
            if opts.ignore_not_found and exc.code == 404:
                stream.updates = iter(())
                continue
            raise
    printers.end_initial()


def _merged(streams: list[Stream], printers: _Printers) -> None:
    """Several streams at once: one thread per stream, events printed in arrival order."""
    inbox: queue.Queue[tuple[int, Any]] = queue.Queue(maxsize=1024)
    done = object()

    def pump(index: int, updates: Iterator[Update]) -> None:
        try:
            for update in updates:
                inbox.put((index, update))
        except BaseException as exc:  # handed to the main thread, raised there
            inbox.put((index, exc))
        inbox.put((index, done))

    for index, stream in enumerate(streams):
        threading.Thread(
            target=pump, args=(index, stream.updates), name="kctl-watch", daemon=True
        ).start()
    running = len(streams)
    while running:
        try:
            index, item = inbox.get(timeout=0.5)  # a timeout keeps Ctrl-C responsive
        except queue.Empty:
            continue
        if item is done:
            running -= 1
        elif isinstance(item, BaseException):
            raise item
        else:
            printers.event(streams[index].mapping, item)


class _Printers:
    """The printer(s) of one ``get -w``: per type for tables (each type keeps its columns and
    widths), one shared printer for the other formats."""

    def __init__(self, env: Environment, opts: GetOptions, with_kind: bool) -> None:
        self.env = env
        self.opts = opts
        self.with_kind = with_kind
        self.table = opts.output in ("", "wide")
        self._by_type: dict[Any, EventPrinter] = {}
        self._shared: EventPrinter | None = None
        self._last_type: Any = None

    def _printer(self, mapping: RESTMapping) -> EventPrinter:
        if not self.table:
            if self._shared is None:
                self._shared = _object_printer(self.env, self.opts)
            return self._shared
        found = self._by_type.get(mapping.gvr)
        if found is None:
            found = self._table_printer(mapping)
            self._by_type[mapping.gvr] = found
        return found

    def _table_printer(self, mapping: RESTMapping) -> EventPrinter:
        from kctl.printers.watch import TableEventPrinter

        opts, env = self.opts, self.env
        sink = None
        if env.colour:
            # a terminal: kubectl's scrolling rows, with rich styling
            from kctl.printers.rich_table import RichSink

            sink = RichSink(env.stdout, env)
        return TableEventPrinter(
            env.stdout,
            block_maker(env, opts, mapping, self.with_kind),
            no_headers=opts.no_headers,
            show_events=opts.output_watch_events,
            sink=sink,
        )

    def page(self, mapping: RESTMapping, body: dict[str, Any], last: bool) -> None:
        printer = self._printer(mapping)
        if self.table:
            has_rows = bool(body.get("rows") or body.get("items")) or (
                body.get("kind") != "Table" and "items" not in body
            )
            if has_rows:
                if self._last_type not in (None, mapping.gvr) and not self.opts.no_headers:
                    # a blank line between types, as plain `get pods,svc` prints them
                    self.env.stdout.write("\n")
                self._last_type = mapping.gvr
            printer.item(body, "ADDED")
        else:
            for obj in _page_objects(body):
                printer.item(obj, "ADDED")
        if last:
            printer.end_batch()

    def end_initial(self) -> None:
        for printer in self._by_type.values():
            printer.end_batch()
        if self._shared is not None:
            self._shared.end_batch()

    def event(self, mapping: RESTMapping, update: Update) -> None:
        from kctl.watch import WatchEvent

        if not isinstance(update, WatchEvent):
            return
        printer = self._printer(mapping)
        printer.item(update.object, update.type)
        printer.end_batch()


def block_maker(
    env: Environment, opts: GetOptions, mapping: RESTMapping, with_kind: bool
) -> Callable[[dict[str, Any]], TableBlock]:
    """Server Table (or plain object) -> printable rows, with get's decorations for a type."""
    from kctl.cli.get import Page, _kind_prefix, _table_options, _to_block

    topts = _table_options(opts, mapping, _kind_prefix(mapping) if with_kind else "")

    def to_block(body: dict[str, Any]) -> TableBlock:
        return _to_block(Page(mapping, body, body.get("kind") != "Table"), topts, env, opts)

    return to_block


def _page_objects(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects of a list page one by one (kubectl prints the initial items one by one,
    not as a List), or the named object itself."""
    from kctl.dynamic import list_items

    return list_items(body) if isinstance(body.get("items"), list) else [body]


def _object_printer(env: Environment, opts: GetOptions) -> EventPrinter:
    from kctl.printers import registry
    from kctl.printers.watch import ColumnsEventPrinter, ObjectEventPrinter

    spec = registry.parse(opts.output, ("get",), opts.template or "")
    fmt = spec.format
    if fmt in registry.CUSTOM_COLUMNS:
        columns, no_headers = registry.custom_columns(spec, opts.no_headers)
        return ColumnsEventPrinter(
            env.stdout, columns, no_headers=no_headers, show_events=opts.output_watch_events
        )
    template = None
    if fmt in registry.JSONPATH:
        template = registry.jsonpath_renderer(spec, env.environ, opts.allow_missing_template_keys)
    return ObjectEventPrinter(
        env.stdout,
        "jsonpath" if template else fmt,
        show_events=opts.output_watch_events,
        strip_managed_fields=spec.strips_managed_fields and not opts.show_managed_fields,
        template=template,
    )


@contextmanager
def _quiet_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM end the watch quietly. A shell starts background jobs with SIGINT
    ignored, so the handler is installed explicitly (only from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum: int, frame: Any) -> None:
        raise SystemExit(EXIT_SIGTERM)

    saved: list[tuple[signal.Signals, Any]] = []
    for number, handler in (
        (signal.SIGINT, signal.default_int_handler),
        (signal.SIGTERM, on_term),
    ):
        saved.append((number, signal.getsignal(number)))
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, previous in saved:
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
