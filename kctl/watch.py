"""List, then watch, and keep watching: kubectl's ``get -w`` request shape with client-go's
RetryWatcher and reflector ideas, so a watch never dies silently.

``Watcher.run()`` yields the initial list pages (``ListPage``) and then watch events
(``WatchEvent``) for as long as the caller keeps iterating:

- it watches from the list's resourceVersion (every change after the list exactly once) with
  ``allowWatchBookmarks=true``; bookmarks only move the resourceVersion and are never yielded;
- when a stream ends (server timeout, connection reset, read timeout on a silent connection,
  apiserver restart) it reconnects from the last resourceVersion, paced by a jittered
  exponential backoff when reconnects fail or streams end at once;
- on 410 Gone/Expired it relists and diffs the new list against what it has yielded so far
  (key -> uid, resourceVersion), yields the missed ADDED/MODIFIED/DELETED as synthetic events and
  resumes from the new list's resourceVersion; one notice says so;
- 401/403/404 (and any other 4xx) are not recoverable and are raised as the REST layer's typed
  errors; the caller prints them.

The engine knows nothing about HTTP, terminals or printing: it talks to a ``WatchSource`` (list
pages, open a watch stream) and reports through the ``notice`` callback, so it is testable with a
fake stream and usable from the library. Objects stay dicts; pages may be ``meta.k8s.io`` Tables
(one row per object, each with the object's metadata), ``<Kind>List`` bodies, or a single object
(a named GET). Memory is bounded by the number of live objects (one small tombstone each), never
by the number of events.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from kctl.errors import APIError, ConnectionFailed

ADDED = "ADDED"
MODIFIED = "MODIFIED"
DELETED = "DELETED"
BOOKMARK = "BOOKMARK"
ERROR = "ERROR"

# A silent connection (a dropped peer, a NAT that forgot us) gets this long before it is
# treated as ended and reconnected: twice the apiserver's bookmark interval (~1 min).
DEFAULT_READ_TIMEOUT = 150.0

# Reflector-style pacing of failed reconnects: 0.8 s, doubling, capped at 30 s, with jitter.
BACKOFF_INITIAL = 0.8
BACKOFF_CAP = 30.0
# A stream that ends this soon without any event counts as a failure (no hot loop).
SHORT_STREAM = 1.0
# After this many failed reconnects in a row, one notice tells the user (until then it's quiet).
NOTICE_AFTER_FAILURES = 3

Key = tuple[str, str]  # (namespace, name)


@dataclass(frozen=True)
class ListPage:
    """One page of the initial list (or the named object), as the server sent it; ``last``
    marks the final page (a printer writes the list out then, before the watch blocks)."""

    body: dict[str, Any]
    last: bool = True


@dataclass(frozen=True)
class WatchEvent:
    """One change. ``object`` is what the server sends for the request's Accept header: the
    object, or a one-row Table. ``synthetic`` marks events made by a relist diff."""

    type: str
    object: dict[str, Any]
    synthetic: bool = False


Update = ListPage | WatchEvent


class WatchSource(Protocol):
    """What the engine needs from a client, for one type (and selectors) fixed in advance."""

    def list(self, *, relist: bool) -> Iterator[dict[str, Any]]:
        """The current state, page by page. ``relist`` is True after a 410: a named source
        then lists by field selector instead of GETting (a deleted object is then simply
        absent)."""
        ...

    def watch(self, params: Mapping[str, str], read_timeout: float) -> Iterator[dict[str, Any]]:
        """Open a watch with these extra query parameters and yield its raw events
        (``{"type", "object"}``) until the stream ends. Raises ``APIError`` when the server
        refuses it and ``ConnectionFailed`` when no answer came; a stream cut mid-way simply
        ends."""
        ...


@dataclass
class _Known:
    uid: str
    rv: str
    tombstone: dict[str, Any]  # what a synthetic DELETED shows: a slim object or one Table row


@dataclass
class WatchStats:
    """What the live view's footer shows; updated by the engine as it goes."""

    state: str = "listing"  # listing, watching, reconnecting, resynced
    events: dict[str, int] = field(default_factory=dict)
    reconnects: int = 0
    resyncs: int = 0


def _meta(obj: Any) -> dict[str, Any]:
    meta = obj.get("metadata") if isinstance(obj, dict) else None
    return meta if isinstance(meta, dict) else {}


def _is_table(body: Mapping[str, Any]) -> bool:
    return body.get("kind") == "Table" and "rows" in body


def _rows(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [r for r in body.get("rows") or [] if isinstance(r, dict)]


def entry_objects(body: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    """(metadata, the item itself) for each object a page or event carries."""
    if _is_table(body):
        return [(_meta(row.get("object")), row) for row in _rows(body)]
    if isinstance(body.get("items"), list):
        from kctl.dynamic import list_items

        return [(_meta(item), item) for item in list_items(body)]
    return [(_meta(body), body)]


def _key(meta: Mapping[str, Any]) -> Key:
    return (str(meta.get("namespace") or ""), str(meta.get("name") or ""))


def resource_version(body: Mapping[str, Any]) -> str:
    """The resourceVersion a page or event brings the watch to: the list's (or Table's), else
    that of the (last) object it carries."""
    rv = str(_meta(body).get("resourceVersion") or "")
    if rv:
        return rv
    objects = entry_objects(dict(body))
    for meta, _item in reversed(objects):
        if meta.get("resourceVersion"):
            return str(meta["resourceVersion"])
    return ""


def _slim(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata a tombstone keeps: enough to name, label and place the object."""
    keep = ("name", "namespace", "uid", "resourceVersion", "labels", "creationTimestamp")
    return {k: meta[k] for k in keep if k in meta}


def _tombstone(item: Any, meta: Mapping[str, Any], page: Mapping[str, Any]) -> dict[str, Any]:
    if _is_table(page):
        row = dict(item)
        obj = row.get("object")
        if isinstance(obj, dict):
            row["object"] = {k: v for k, v in obj.items() if k != "metadata"}
            row["object"]["metadata"] = _slim(meta)
        return row
    out: dict[str, Any] = {"metadata": _slim(meta)}
    for key in ("kind", "apiVersion"):  # list items have them back (entry_objects)
        if item.get(key):
            out[key] = item[key]
    return out


def _status_code(obj: Any) -> int:
    try:
        return int(obj.get("code") or 0) if isinstance(obj, dict) else 0
    except (TypeError, ValueError):
        return 0


def _is_expired(obj: Any) -> bool:
    return _status_code(obj) == 410 or (
        isinstance(obj, dict) and obj.get("reason") in ("Expired", "Gone")
    )


class Stopped(Exception):
    """Raised inside ``run()`` when ``stop()`` was called during a backoff wait."""


class Watcher:
    """List + watch with resume and relist for one ``WatchSource``."""

    def __init__(
        self,
        source: WatchSource,
        *,
        notice: Callable[[str], None] = lambda text: None,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.source = source
        self.notice = notice
        self.read_timeout = read_timeout
        self._stop = threading.Event()
        self._sleep = sleep or self._wait
        self._clock = clock
        self._rand = rand
        self.rv = ""
        self.columns: list[Any] = []
        self.stats = WatchStats()
        self._known: dict[Key, _Known] = {}
        self._failures = 0
        self._told_failure = False

    # -- public -----------------------------------------------------------------------------

    def run(self) -> Iterator[Update]:
        """The initial pages, then events, until the caller stops iterating, ``stop()`` is
        called or an unrecoverable error is raised."""
        held: dict[str, Any] | None = None
        for page in self.source.list(relist=False):
            self._remember_page(page)
            if held is not None:
                yield ListPage(held, last=False)
            held = page
        if held is not None:
            yield ListPage(held, last=True)
        first = True
        try:
            while not self._stop.is_set():
                outcome = yield from self._stream()
                if outcome == "expired":
                    # A named object's own resourceVersion may be older than the server's
                    # window: relisting at once is then routine, not worth a word.
                    yield from self._relist(quiet_if_unchanged=first)
                elif outcome == "failed":
                    self._backoff()
                first = False
        except Stopped:
            return

    def stop(self) -> None:
        """Make ``run()`` end at the next event or backoff wait (from another thread)."""
        self._stop.set()

    # -- the watch stream -------------------------------------------------------------------

    def _params(self) -> dict[str, str]:
        return {"resourceVersion": self.rv, "allowWatchBookmarks": "true"}

    def _stream(self) -> Generator[Update, None, str]:
        """One watch connection; returns "ended" (reconnect now), "failed" (reconnect after a
        backoff) or "expired" (relist)."""
        started = self._clock()
        try:
            events = self.source.watch(self._params(), self.read_timeout)
            self.stats.state = "watching"
            received = 0
            for raw in events:
                if self._stop.is_set():
                    return "ended"
                kind = str(raw.get("type") or "")
                obj = raw.get("object")
                if not isinstance(obj, dict):
                    continue
                if kind == ERROR:
                    if _is_expired(obj):
                        return "expired"
                    # 500/504 and the like: the server is busy; reconnect from the last RV.
                    return "failed"
                received += 1
                self._healthy()
                self._take_columns(obj)
                if kind == BOOKMARK:
                    self.rv = resource_version(obj) or self.rv
                    continue
                if kind not in (ADDED, MODIFIED, DELETED):
                    continue
                event = self._admit(kind, obj)
                if event is not None:
                    self._count(kind)
                    yield event
        except APIError as exc:
            if exc.code == 410:
                return "expired"
            if exc.code == 429 or exc.code >= 500:
                return "failed"
            raise
        except ConnectionFailed:
            return "failed"
        if received == 0 and self._clock() - started < SHORT_STREAM:
            return "failed"
        return "ended"

    def _admit(self, kind: str, obj: dict[str, Any]) -> WatchEvent | None:
        """Record an event's object; None for an exact repeat of what was already yielded."""
        rv = resource_version(obj)
        if rv:
            self.rv = rv
        entries = entry_objects(obj)
        if not entries:
            return None
        meta, item = entries[0]
        key = _key(meta)
        old = self._known.get(key)
        uid = str(meta.get("uid") or "")
        obj_rv = str(meta.get("resourceVersion") or rv)
        if kind == DELETED:
            self._known.pop(key, None)
        else:
            if old is not None and old.uid == uid and old.rv == obj_rv and obj_rv:
                return None  # e.g. an aggregated API replaying ADDEDs on a resume
            self._known[key] = _Known(uid, obj_rv, _tombstone(item, meta, obj))
        return WatchEvent(kind, self._with_columns(obj))

    # -- relist -----------------------------------------------------------------------------

    def _relist(self, quiet_if_unchanged: bool) -> Iterator[Update]:
        """A fresh list, diffed against what was yielded; the differences as events."""
        while not self._stop.is_set():
            try:
                pages = list(self.source.list(relist=True))
                break
            except APIError as exc:
                if exc.code != 429 and exc.code < 500:
                    raise
            except ConnectionFailed:
                pass
            self._backoff()
        else:
            return
        old = self._known
        self._known = {}
        changes = {ADDED: 0, MODIFIED: 0, DELETED: 0}
        out: list[WatchEvent] = []
        rv = ""
        for page in pages:
            rv = resource_version(page) or rv
            self._take_columns(page)
            for meta, item in entry_objects(page):
                key = _key(meta)
                uid = str(meta.get("uid") or "")
                obj_rv = str(meta.get("resourceVersion") or "")
                known = _Known(uid, obj_rv, _tombstone(item, meta, page))
                self._known[key] = known
                before = old.pop(key, None)
                single = self._single(page, item)
                if before is None:
                    out.append(WatchEvent(ADDED, single, True))
                elif before.uid != uid:
                    out.append(WatchEvent(DELETED, self._single(page, before.tombstone), True))
                    out.append(WatchEvent(ADDED, single, True))
                    changes[DELETED] += 1
                elif before.rv != obj_rv:
                    out.append(WatchEvent(MODIFIED, single, True))
                else:
                    continue
                changes[out[-1].type] += 1
        for gone in old.values():
            sample = pages[0] if pages else {}
            out.append(WatchEvent(DELETED, self._single(sample, gone.tombstone), True))
            changes[DELETED] += 1
        self.rv = rv or self.rv
        self.stats.resyncs += 1
        self.stats.state = "resynced"
        total = sum(changes.values())
        if total or not quiet_if_unchanged:
            self.notice(
                "watch expired; resynced from a fresh list "
                f"({changes[ADDED]} added, {changes[MODIFIED]} modified, "
                f"{changes[DELETED]} deleted)"
            )
        for event in out:
            self._count(event.type)
            yield event

    def _single(self, page: Mapping[str, Any], item: dict[str, Any]) -> dict[str, Any]:
        """An item of a page as a watch event would carry it (a one-row Table, or the object
        with its kind and apiVersion)."""
        if _is_table(page) or ("cells" in item and "kind" not in item):
            return {
                "kind": "Table",
                "apiVersion": page.get("apiVersion") or "meta.k8s.io/v1",
                "metadata": {
                    "resourceVersion": str(_meta(item.get("object")).get("resourceVersion") or "")
                },
                "columnDefinitions": self.columns,
                "rows": [item],
            }
        return item  # list items already have their kind back (entry_objects)

    # -- bookkeeping ------------------------------------------------------------------------

    def _remember_page(self, page: dict[str, Any]) -> None:
        self.rv = resource_version(page) or self.rv
        self._take_columns(page)
        for meta, item in entry_objects(page):
            self._known[_key(meta)] = _Known(
                str(meta.get("uid") or ""),
                str(meta.get("resourceVersion") or ""),
                _tombstone(item, meta, page),
            )

    def _take_columns(self, obj: Mapping[str, Any]) -> None:
        # Only a stream's first Table event (possibly a bookmark) carries the columns.
        if _is_table(obj) and obj.get("columnDefinitions"):
            self.columns = list(obj["columnDefinitions"])

    def _with_columns(self, obj: dict[str, Any]) -> dict[str, Any]:
        """Give a Table event the stream's columns if it came without (a bookmark took them),
        so a printer sees the same shape whichever event came first."""
        if _is_table(obj) and not obj.get("columnDefinitions") and self.columns:
            obj = dict(obj)
            obj["columnDefinitions"] = self.columns
        return obj

    def _count(self, kind: str) -> None:
        self.stats.events[kind] = self.stats.events.get(kind, 0) + 1

    def _healthy(self) -> None:
        if self._failures and self._told_failure:
            self.notice("watch reconnected")
        self._failures = 0
        self._told_failure = False
        self.stats.state = "watching"

    def _backoff(self) -> None:
        self._failures += 1
        self.stats.reconnects += 1
        self.stats.state = "reconnecting"
        if self._failures == NOTICE_AFTER_FAILURES and not self._told_failure:
            self._told_failure = True
            self.notice("watch connection lost; reconnecting")
        delay = min(BACKOFF_CAP, BACKOFF_INITIAL * 2 ** (self._failures - 1))
        self._sleep(delay * (1 + self._rand()))
        if self._stop.is_set():
            raise Stopped()

    def _wait(self, seconds: float) -> None:
        self._stop.wait(seconds)


class RESTWatchSource:
    """A ``WatchSource`` over the REST client: one type in one namespace (or all), with fixed
    selectors and Accept header, optionally one named object (kubectl's ``get TYPE NAME -w``)."""

    def __init__(
        self,
        rest: Any,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        name: str | None = None,
        chunk_size: int = 500,
    ) -> None:
        self.rest = rest
        self.path = path.rstrip("/")
        self.params = dict(params or {})
        self.headers = dict(headers or {})
        self.name = name
        self.chunk_size = chunk_size

    def _collection_params(self) -> dict[str, str]:
        params = dict(self.params)
        if self.name is not None:
            params["fieldSelector"] = f"metadata.name={self.name}"
        return params

    def list(self, *, relist: bool) -> Iterator[dict[str, Any]]:
        if self.name is not None and not relist:
            # GET the object: kubectl's request, and its NotFound error when it is missing
            yield self.rest.get_json(f"{self.path}/{self.name}", self.params, self.headers)
            return
        yield from self.rest.list_pages(
            self.path, self._collection_params(), self.headers, self.chunk_size
        )

    def watch(self, params: Mapping[str, str], read_timeout: float) -> Iterator[dict[str, Any]]:
        from kctl.rest.client import decode_json_stream

        query = self._collection_params()
        query.update(params)
        query["watch"] = "true"
        # timeout=0: --request-timeout bounds the list, not the watch's life (kubectl exits
        # after it, silently); a dead connection is caught by the read timeout instead.
        resp = self.rest.request(
            "GET",
            self.path,
            params=query,
            headers=self.headers,
            stream=True,
            timeout=0,
            read_timeout=read_timeout,
        )
        return decode_json_stream(resp)


__all__ = [
    "ADDED",
    "BOOKMARK",
    "DELETED",
    "ERROR",
    "MODIFIED",
    "ListPage",
    "RESTWatchSource",
    "Stopped",
    "Update",
    "WatchEvent",
    "WatchSource",
    "WatchStats",
    "Watcher",
    "entry_objects",
    "resource_version",
]
