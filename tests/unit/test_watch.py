"""The watch engine over a scripted fake source: resume, bookmarks, relist diff, backoff."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from kctl.errors import ConnectionFailed, Status, api_error
from kctl.watch import ListPage, Watcher, WatchEvent, resource_version


def cm(name: str, rv: str, uid: str = "", data: str = "") -> dict[str, Any]:
    return {
        "kind": "ConfigMap",
        "apiVersion": "v1",
        "metadata": {
            "name": name,
            "namespace": "ns",
            "uid": uid or f"uid-{name}",
            "resourceVersion": rv,
            "managedFields": [{"manager": "x"}],
        },
        "data": {"k": data},
    }


def cm_list(rv: str, *items: dict[str, Any]) -> dict[str, Any]:
    plain = []
    for item in items:
        item = dict(item)
        item.pop("kind"), item.pop("apiVersion")
        plain.append(item)
    return {
        "kind": "ConfigMapList",
        "apiVersion": "v1",
        "metadata": {"resourceVersion": rv},
        "items": plain,
    }


def ev(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "object": obj}


def bookmark(rv: str) -> dict[str, Any]:
    return ev(
        "BOOKMARK", {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"resourceVersion": rv}}
    )


EXPIRED = ev(
    "ERROR",
    {"kind": "Status", "status": "Failure", "reason": "Expired", "code": 410, "message": "too old"},
)


class End:
    """A scripted stream ending; the next watch() call takes the next script entry."""


class FakeSource:
    """Lists and streams from scripts; records every request."""

    def __init__(self, lists: list[Any], streams: list[Any]) -> None:
        self.lists = list(lists)
        self.streams = list(streams)
        self.calls: list[tuple[str, Any]] = []

    def list(self, *, relist: bool) -> Iterator[dict[str, Any]]:
        self.calls.append(("list", relist))
        entry = self.lists.pop(0)
        if isinstance(entry, BaseException):
            raise entry
        yield from entry

    def watch(self, params: Mapping[str, str], read_timeout: float) -> Iterator[dict[str, Any]]:
        self.calls.append(("watch", dict(params)))
        if not self.streams:
            raise KeyboardInterrupt  # the script is over: end the test's iteration
        entry = self.streams.pop(0)
        if isinstance(entry, BaseException):
            raise entry
        return iter(entry)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        self.now += 2.0  # every stream looks long-lived unless a test says otherwise
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def run(source: FakeSource, **kwargs: Any) -> tuple[list[Any], list[str], FakeClock]:
    notices: list[str] = []
    clock = FakeClock()
    watcher = Watcher(
        source, notice=notices.append, sleep=clock.sleep, clock=clock, rand=lambda: 0.0, **kwargs
    )
    out: list[Any] = []
    with pytest.raises(KeyboardInterrupt):
        for update in watcher.run():
            out.append(update)
    return out, notices, clock


def summary(updates: list[Any]) -> list[tuple[str, str, str]]:
    rows = []
    for u in updates:
        if isinstance(u, ListPage):
            rows.append(("LIST", resource_version(u.body), ""))
        else:
            meta = u.object.get("metadata", {})
            rows.append((u.type, meta.get("name", ""), meta.get("resourceVersion", "")))
    return rows


def test_lists_then_watches_from_the_list_rv_with_bookmarks_and_resumes_after_each_end() -> None:
    source = FakeSource(
        [[cm_list("10", cm("a", "5"))]],
        [
            [ev("ADDED", cm("b", "11")), bookmark("15")],
            [ev("MODIFIED", cm("b", "16", data="x"))],
        ],
    )
    out, notices, clock = run(source)
    assert summary(out) == [("LIST", "10", ""), ("ADDED", "b", "11"), ("MODIFIED", "b", "16")]
    watches = [params for kind, params in source.calls if kind == "watch"]
    assert watches[0] == {"resourceVersion": "10", "allowWatchBookmarks": "true"}
    assert watches[1]["resourceVersion"] == "15"  # the bookmark moved it; never yielded
    assert watches[2]["resourceVersion"] == "16"
    assert notices == [] and clock.slept == []  # a normal end reconnects at once, quietly


def test_expired_relists_and_yields_exactly_the_missed_changes() -> None:
    source = FakeSource(
        [
            [cm_list("10", cm("keep", "5"), cm("change", "6"), cm("gone", "7"), cm("swap", "8"))],
            [
                cm_list(
                    "40",
                    cm("keep", "5"),
                    cm("change", "30", data="new"),
                    cm("swap", "31", uid="other"),
                    cm("new", "32"),
                )
            ],
        ],
        [[ev("ADDED", cm("early", "11")), EXPIRED], [ev("MODIFIED", cm("new", "41"))]],
    )
    out, notices, _ = run(source)
    events = [u for u in out if isinstance(u, WatchEvent)]
    assert summary(events) == [
        ("ADDED", "early", "11"),
        ("MODIFIED", "change", "30"),
        ("DELETED", "swap", "8"),
        ("ADDED", "swap", "31"),
        ("ADDED", "new", "32"),
        ("DELETED", "gone", "7"),
        ("DELETED", "early", "11"),
        ("MODIFIED", "new", "41"),
    ]
    assert [e.synthetic for e in events] == [False] + [True] * 6 + [False]
    # the relist is a fresh consistent list; the watch resumes from its resourceVersion
    assert ("list", True) in source.calls
    assert [p for k, p in source.calls if k == "watch"][1]["resourceVersion"] == "40"
    assert notices == ["watch expired; resynced from a fresh list (2 added, 1 modified, 3 deleted)"]
    # synthetic objects carry kind/apiVersion like real events, and tombstones no managedFields
    deleted_gone = events[5].object
    assert deleted_gone["kind"] == "ConfigMap" and deleted_gone["apiVersion"] == "v1"
    assert "managedFields" not in deleted_gone["metadata"]


def test_410_when_opening_the_watch_also_relists() -> None:
    expired = api_error(Status(code=410, reason="Expired", message="too old"))
    source = FakeSource(
        [[cm_list("10", cm("a", "5"))], [cm_list("20", cm("a", "5"))]],
        [[ev("ADDED", cm("b", "11"))], expired, []],
    )
    out, notices, _ = run(source)
    assert summary(out)[1:] == [("ADDED", "b", "11"), ("DELETED", "b", "11")]
    assert len(notices) == 1


def test_unchanged_relist_right_after_the_start_is_quiet() -> None:
    # a named object's own resourceVersion may already be out of the server's window
    source = FakeSource([[cm("a", "5")], [cm_list("20", cm("a", "5"))]], [[EXPIRED], []])
    out, notices, _ = run(source)
    assert summary(out) == [("LIST", "5", "")]
    assert notices == []
    assert source.calls[0] == ("list", False) and ("list", True) in source.calls


@pytest.mark.parametrize("code", [401, 403, 404])
def test_refusals_are_raised(code: int) -> None:
    refused = api_error(Status(code=code, reason="Forbidden", message="no"))
    source = FakeSource([[cm_list("10")]], [refused])
    watcher = Watcher(source, sleep=lambda s: None)
    updates = watcher.run()
    assert isinstance(next(updates), ListPage)
    with pytest.raises(type(refused)):
        next(updates)


def test_connection_failures_back_off_and_say_so_once_then_recover() -> None:
    down = ConnectionFailed("connection refused")
    source = FakeSource(
        [[cm_list("10")]],
        [down, down, down, down, [ev("ADDED", cm("b", "11"))]],
    )
    out, notices, clock = run(source)
    assert clock.slept == [0.8, 1.6, 3.2, 6.4]
    assert notices == ["watch connection lost; reconnecting", "watch reconnected"]
    assert summary(out)[-1] == ("ADDED", "b", "11")
    assert all(p["resourceVersion"] == "10" for k, p in source.calls[:-1] if k == "watch")


def test_a_stream_that_ends_at_once_without_events_is_paced() -> None:
    source = FakeSource([[cm_list("10")]], [[], []])
    notices: list[str] = []
    slept: list[float] = []
    watcher = Watcher(source, notice=notices.append, sleep=slept.append, clock=lambda: 0.0)
    with pytest.raises(KeyboardInterrupt):
        list(watcher.run())
    assert len(slept) == 2 and 0.8 <= slept[0] <= 1.6 and 1.6 <= slept[1] <= 3.2


def test_server_busy_error_event_reconnects_from_the_last_rv() -> None:
    busy = ev("ERROR", {"kind": "Status", "code": 500, "reason": "InternalError"})
    source = FakeSource([[cm_list("10")]], [[ev("ADDED", cm("b", "11")), busy], []])
    out, notices, clock = run(source)
    assert [p for k, p in source.calls if k == "watch"][1]["resourceVersion"] == "11"
    assert len(clock.slept) == 1 and notices == []


def test_an_exact_repeat_is_not_yielded_twice() -> None:
    source = FakeSource(
        [[cm_list("10", cm("a", "5"))]], [[ev("ADDED", cm("a", "5")), ev("ADDED", cm("b", "11"))]]
    )
    out, _, _ = run(source)
    assert summary(out)[1:] == [("ADDED", "b", "11")]


def table(rv: str, rows: list[tuple[str, str]], columns: bool = True) -> dict[str, Any]:
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": rv},
        "columnDefinitions": [{"name": "Name", "type": "string", "format": "name"}]
        if columns
        else None,
        "rows": [
            {
                "cells": [name, "1"],
                "object": {
                    "kind": "PartialObjectMetadata",
                    "metadata": {
                        "name": name,
                        "namespace": "ns",
                        "uid": f"u-{name}",
                        "resourceVersion": orv,
                    },
                },
            }
            for name, orv in rows
        ],
    }


def test_tables_bookmark_columns_reach_the_next_event_and_relist_rows_are_one_row_tables() -> None:
    table_bookmark = table("12", [("", "12")])
    table_bookmark["rows"][0]["cells"] = ["", 0, "<unknown>"]
    source = FakeSource(
        [[table("10", [("a", "5")])], [table("30", [("b", "20")])]],
        [
            [
                ev("BOOKMARK", table_bookmark),
                ev("ADDED", table("13", [("b", "13")], columns=False)),
                EXPIRED,
            ]
        ],
    )
    out, notices, _ = run(source)
    events = [u for u in out if isinstance(u, WatchEvent)]
    assert [e.type for e in events] == ["ADDED", "MODIFIED", "DELETED"]
    for e in events:
        assert e.object["kind"] == "Table" and len(e.object["rows"]) == 1
        assert e.object["columnDefinitions"][0]["name"] == "Name"
    assert events[2].object["rows"][0]["cells"] == ["a", "1"]  # the row last shown for it


def test_stop_ends_run_during_a_backoff() -> None:
    down = ConnectionFailed("refused")
    source = FakeSource([[cm_list("10")]], [down, down])
    watcher: Watcher

    def sleep(seconds: float) -> None:
        watcher.stop()

    watcher = Watcher(source, sleep=sleep)
    assert len(list(watcher.run())) == 1
