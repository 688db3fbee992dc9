"""Terminal rendering: same layout as the piped output, styled header, status colours, never
wrapped at the terminal width, fast for big lists."""

from __future__ import annotations

import io
import re
import time

from kctl.env import Environment
from kctl.printers.rich_table import RichSink, status_class
from kctl.printers.table import PlainSink, TableBlock, TableOutput

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _blocks() -> list[TableBlock]:
    cols = ("c",)
    header = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    first = TableBlock(
        cols,
        header,
        [
            ["web-1", "1/1", "Running", "0", "5m"],
            ["db-0", "0/1", "Pending", "0", "5m"],
        ],
    )
    second = TableBlock(
        cols,
        header,
        [
            ["a-pod-with-a-rather-long-name", "0/1", "CrashLoopBackOff", "7 (2m ago)", "1h"],
            ["job-x", "0/1", "Completed", "0", "2d"],
        ],
    )
    return [first, second]


def _render(sink: object) -> None:
    output = TableOutput(sink)  # type: ignore[arg-type]
    output.start_group("pods")
    for block in _blocks():
        output.add(block)
    output.close()


def test_terminal_layout_keeps_plain_columns_with_styles() -> None:
    env = Environment.for_test(environ={"FORCE_COLOR": "1", "TERM": "xterm"}, terminal_width=40)
    out = io.StringIO()
    _render(RichSink(out, env))
    text = out.getvalue()
    plain_lines = ANSI.sub("", text).splitlines()
    # page 1 sized from itself, page 2 widens only where it must (kubectl --watch style)
    assert plain_lines == [
        "NAME    READY   STATUS    RESTARTS   AGE",
        "web-1   1/1     Running   0          5m",
        "db-0    0/1     Pending   0          5m",
        "a-pod-with-a-rather-long-name   0/1     CrashLoopBackOff   7 (2m ago)   1h",
        "job-x                           0/1     Completed          0            2d",
    ]
    # wider than the 40-column terminal, yet not wrapped or cut
    assert max(len(line) for line in plain_lines) > 40
    assert "\x1b[1mNAME\x1b[0m" in text  # bold header
    assert "\x1b[32mRunning\x1b[0m" in text  # ok: green
    assert "\x1b[1;31mCrashLoopBackOff\x1b[0m" in text  # bad: bold red, not colour alone
    assert "\x1b[3;33mPending\x1b[0m" in text  # waiting: italic yellow
    assert "\x1b[2mCompleted\x1b[0m" in text  # finished: dim
    assert text.splitlines()[1].startswith("web-1   1/1     \x1b[32m")  # names not styled


def test_one_page_renders_exactly_like_the_plain_layout() -> None:
    env = Environment.for_test(environ={"FORCE_COLOR": "1"})
    rich_out, plain_out = io.StringIO(), io.StringIO()
    for _out, sink in ((rich_out, RichSink(rich_out, env)), (plain_out, PlainSink(plain_out))):
        output = TableOutput(sink)  # type: ignore[arg-type]
        output.start_group("pods")
        output.add(
            TableBlock(("c",), *[_blocks()[0].header, _blocks()[0].rows + _blocks()[1].rows])
        )
        output.close()
    assert ANSI.sub("", rich_out.getvalue()) == plain_out.getvalue()


def test_no_color_means_no_escape_codes() -> None:
    env = Environment.for_test(environ={"NO_COLOR": "1"}, tty=True)
    out = io.StringIO()
    _render(RichSink(out, env))
    assert "\x1b" not in out.getvalue()


def test_status_words() -> None:
    assert status_class("Running") == "ok"
    assert status_class("Init:0/1") == "waiting"
    assert status_class("Init:CrashLoopBackOff") == "bad"
    assert status_class("whatever") is None


def test_five_thousand_rows_render_quickly() -> None:
    env = Environment.for_test(environ={"FORCE_COLOR": "1"})
    out = io.StringIO()
    header = ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    pages = [
        TableBlock(
            ("c",),
            header,
            [
                ["bench", f"pod-{p}-{i:04d}", "0/1", "Pending" if i % 3 else "Running", "0", "5m"]
                for i in range(500)
            ],
        )
        for p in range(10)
    ]
    started = time.perf_counter()
    output = TableOutput(RichSink(out, env))
    output.start_group("pods")
    for page in pages:
        output.add(page)
    output.close()
    elapsed = time.perf_counter() - started
    assert out.getvalue().count("\n") == 5001
    assert elapsed < 1.0, f"5,000 styled rows took {elapsed:.2f}s"
