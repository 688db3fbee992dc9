"""``kctl get -w --live`` in a real terminal: tmux runs it, the test sends keys and reads the
pane (``capture-pane``, with escape sequences when styles matter)."""

from __future__ import annotations

import secrets
import shlex
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import Runner, Spawner
from tests.integration.watchtools import Watch, wait_for

WIDTH, HEIGHT = 100, 12


class Pane:
    """A detached tmux session running one command, then printing its exit code."""

    def __init__(self, argv: list[str], environ: dict[str, str], tmp: Path) -> None:
        self.name = f"kctl-live-{secrets.token_hex(3)}"
        script = tmp / f"{self.name}.sh"
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in environ.items())
        script.write_text(
            # the shell survives Ctrl-C (a trap with a command: the child still gets SIGINT)
            f"{exports}cd {shlex.quote(str(tmp))}\ntrap 'true' INT\n"
            f'{shlex.join(argv)}\necho "EXIT=$?"\nsleep 120\n'
        )
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT)]
            + ["sh", str(script)],
            check=True,
        )

    def text(self, escapes: bool = False) -> str:
        args = ["tmux", "capture-pane", "-p", "-t", self.name] + (["-e"] if escapes else [])
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def pane(
    kctl_command: Callable[..., tuple[list[str], dict[str, str]]], tmp_path: Path
) -> Iterator[Callable[..., Pane]]:
    opened: list[Pane] = []

    def start(*args: str) -> Pane:
        argv, environ = kctl_command(*args)
        environ["TERM"] = "xterm-256color"
        p = Pane(argv, environ, tmp_path)
        opened.append(p)
        return p

    yield start
    for p in opened:
        p.close()


def _row(text: str, name: str) -> str:
    return next((line for line in text.splitlines() if line.startswith(name + " ")), "")


def test_live_table_updates_in_place_scrolls_and_quits_cleanly(
    namespace: str, pane: Callable[..., Pane], kubectl_ok: Runner
) -> None:
    for name in ("a", "b"):
        kubectl_ok("-n", namespace, "create", "cm", name)
    view = pane("-n", namespace, "get", "cm", "-w", "--live")
    wait_for(
        lambda: "● watching" in view.text() and _row(view.text(), "b"),
        "the live table",
        show=view.text,
    )
    screen = view.text()
    assert screen.splitlines()[0].split() == ["NAME", "DATA", "AGE"]
    assert "2 objects" in screen

    # a changed cell is highlighted (reverse video) in place: still one row for "a"
    kubectl_ok("-n", namespace, "patch", "cm", "a", "-p", '{"data":{"k":"v"}}')
    wait_for(lambda: _row(view.text(), "a").split()[1:2] == ["1"], "the change", show=view.text)
    styled = view.text(escapes=True)
    assert "\x1b[7m" in styled or "\x1b[7;" in styled or ";7m" in styled, styled
    assert sum(1 for line in view.text().splitlines() if line.startswith("a ")) == 1

    # AGE keeps ticking without events
    before = _row(view.text(), "b").split()[-1]
    wait_for(
        lambda: _row(view.text(), "b").split()[-1] != before,
        "AGE to tick",
        timeout=10,
        show=view.text,
    )

    # a deleted row is marked, then goes
    kubectl_ok("-n", namespace, "delete", "cm", "b")
    wait_for(lambda: "(deleted)" in _row(view.text(), "b"), "the deletion mark", show=view.text)
    wait_for(lambda: not _row(view.text(), "b"), "the deleted row to go", show=view.text)

    # more rows than the terminal has lines: a window, moved with the arrow keys
    for i in range(14):
        kubectl_ok("-n", namespace, "create", "cm", f"n{i:02d}")
    wait_for(lambda: "rows 1-10 of 16" in view.text(), "the scrolling window", show=view.text)
    assert len(view.text().rstrip("\n").splitlines()) <= HEIGHT
    view.keys("Down")
    wait_for(lambda: "rows 2-11 of 16" in view.text(), "the window to move", show=view.text)
    assert view.text().splitlines()[0].startswith("a ")

    view.keys("q")
    wait_for(lambda: "EXIT=0" in view.text(), "kctl to quit on q", show=view.text)
    # the alternate screen is gone: nothing of the table is left on the terminal
    assert "NAME" not in view.text() and "watching" not in view.text()


def test_live_ctrl_c_quits_quietly_and_piped_live_is_the_plain_stream(
    namespace: str,
    pane: Callable[..., Pane],
    kubectl_ok: Runner,
    kctl: Runner,
    kctl_spawn: Spawner,
    tmp_path: Path,
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    view = pane("-n", namespace, "get", "cm", "-w", "--live")
    wait_for(lambda: "● watching" in view.text(), "the live table", show=view.text)
    view.keys("C-c")
    wait_for(lambda: "EXIT=130" in view.text(), "kctl to end on Ctrl-C", show=view.text)
    assert view.text().strip() == "EXIT=130"
    # not a terminal: --live leaves kubectl's bytes alone...
    piped = Watch(kctl_spawn, tmp_path, "piped", ("-n", namespace, "get", "cm", "-w", "--live"))
    wait_for(lambda: bool(piped.text()), "the piped list")
    piped.stop()
    assert [line.split()[:2] for line in piped.text().splitlines()] == [
        ["NAME", "DATA"],
        ["a", "0"],
    ]
    # ...and it needs a table
    refused = kctl("-n", namespace, "get", "cm", "-w", "--live", "-o", "json")
    assert refused.code == 1
    assert refused.stderr == "error: --live shows a table: it cannot be used with -o json\n"


def test_plain_watch_on_a_terminal_scrolls_with_styling(
    namespace: str, pane: Callable[..., Pane], kubectl_ok: Runner
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    view = pane("-n", namespace, "get", "cm", "-w")
    wait_for(lambda: _row(view.text(), "a"), "the list", show=view.text)
    kubectl_ok("-n", namespace, "create", "cm", "b")
    wait_for(lambda: _row(view.text(), "b"), "the event row", show=view.text)
    lines = view.text().splitlines()
    assert lines[0].split() == ["NAME", "DATA", "AGE"]
    assert [line.split()[0] for line in lines[1:3]] == ["a", "b"]  # appended, kubectl-style
    assert "\x1b[1mNAME" in view.text(escapes=True)  # the header is bold on a terminal
    view.keys("C-c")
    wait_for(lambda: "EXIT=130" in view.text(), "kctl to end on Ctrl-C", show=view.text)


def test_live_shows_several_types_as_stacked_tables(
    namespace: str, pane: Callable[..., Pane], kubectl_ok: Runner
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    view = pane("-n", namespace, "get", "cm,svc", "-w", "--live")
    wait_for(lambda: _row(view.text(), "configmap/a"), "the live table", show=view.text)
    kubectl_ok("-n", namespace, "create", "service", "clusterip", "s", "--tcp=80")
    wait_for(lambda: _row(view.text(), "service/s"), "the other type's row", show=view.text)
    lines = view.text().splitlines()
    headers = [line.split()[:2] for line in lines if line.startswith("NAME ")]
    assert headers == [["NAME", "DATA"], ["NAME", "TYPE"]]
    view.keys("q")
    wait_for(lambda: "EXIT=0" in view.text(), "kctl to quit on q", show=view.text)
