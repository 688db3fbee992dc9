"""Child processes of the control plane: free ports, process groups, stopping them cleanly."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import time
from collections.abc import Callable, Iterable
from pathlib import Path

LOG_TAIL_LINES = 40


def free_port() -> int:
    """A loopback port nobody listens on right now (a start retry covers the rare race)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> Callable[[], None] | None:
    """A preexec hook: the child is killed when this process dies (Linux only).

    SIGKILL, not SIGTERM: both processes get it at once, and a kube-apiserver whose etcd
    vanishes mid-shutdown retries for a long time. The data is throw-away anyway."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    return hook


def group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs. Zombies do not count: an orphan's zombie
    lingers until init reaps it, which some minimal init processes do only now and then."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        entries = os.listdir("/proc")
    except OSError:
        return True
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields_ = stat[stat.rfind(")") + 2 :].split()
        if len(fields_) > 2 and fields_[2] == str(pgid) and fields_[0] != "Z":
            return True
    return False


def stop_groups(
    pgids: Iterable[int], timeout: float, reap: Callable[[], None] = lambda: None
) -> list[int]:
    """Stop process groups one after the other (in the order given): SIGTERM, then SIGKILL
    after ``timeout``. Returns the groups that had to be killed.

    One at a time because kube-apiserver shuts down in about a second while etcd is still
    there, but hangs until the timeout when etcd goes away under it.
    """
    killed = []
    for pgid in pgids:
        if not group_alive(pgid):
            continue
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        if _wait_gone(pgid, timeout, reap):
            continue
        killed.append(pgid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        _wait_gone(pgid, 5.0, reap)
    return killed


def _wait_gone(pgid: int, timeout: float, reap: Callable[[], None]) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        reap()  # our own children stay in the group as zombies until reaped
        if not group_alive(pgid):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
