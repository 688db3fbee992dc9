"""Helpers for tests that run ``get -w`` in the background."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.integration.conftest import Spawner


def wait_for(
    check: Callable[[], Any],
    what: str,
    timeout: float = 45.0,
    show: Callable[[], str] | None = None,
) -> None:
    """Poll ``check`` until it is true; on time-out, fail with ``show()`` (what was seen)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    seen = f"; saw:\n{show()}" if show is not None else ""
    raise AssertionError(f"timed out waiting for {what}{seen}")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)


class Watch:
    """One background ``get -w`` with its output in files (pipes could fill up)."""

    def __init__(
        self, spawn: Spawner, tmp: Path, label: str, args: tuple[str, ...], **kwargs: Any
    ) -> None:
        self.out_path = tmp / f"{label}.out"
        self.err_path = tmp / f"{label}.err"
        self.out = self.out_path.open("w")
        self.err = self.err_path.open("w")
        self.proc = spawn(*args, stdout=self.out, stderr=self.err, **kwargs)

    def text(self) -> str:
        return self.out_path.read_text()

    def stderr(self) -> str:
        return self.err_path.read_text()

    def stop(self) -> int:
        stop(self.proc)
        self.out.close()
        self.err.close()
        return self.proc.returncode
