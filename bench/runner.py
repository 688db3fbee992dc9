"""Run one command the way a shell pipeline would and measure it.

Wall time is ``time.perf_counter`` around spawn-to-reap. Peak RSS is the child's ``ru_maxrss``,
taken by GNU ``/usr/bin/time`` rather than by our own ``wait4``: Linux carries the high-water mark
of the address space a process *exec'd from* into its ``ru_maxrss``, and a child spawned by this
(vfork/posix_spawn) Python process starts from the harness's own 50+ MiB. ``time`` is a ~1.5 MiB
process that forks the command itself, so the figure is the command's own. Without GNU time the
``wait4`` figure is used and flagged. (``RUSAGE_CHILDREN`` would be worse: the maximum over every
child so far.) stdout goes to a pipe, so both tools take their piped-output path; a reader thread
drains it so a large listing never blocks the child.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

_CHUNK = 1 << 16
GNU_TIME = "/usr/bin/time"


def gnu_time() -> str | None:
    """The GNU time binary when present (it accepts ``-f``/``-o``; BSD time does not)."""
    path = GNU_TIME if os.access(GNU_TIME, os.X_OK) else shutil.which("time")
    if not path:
        return None
    probe = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return path if "GNU" in probe.stdout + probe.stderr else None


def parse_time_output(text: str) -> int | None:
    """KiB from a ``time -f %M -o FILE`` file; its last line is the number, after any
    ``Command exited with non-zero status N`` line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    try:
        return int(lines[-1])
    except ValueError:
        return None


@dataclass(frozen=True)
class Measurement:
    """One run: exit code, wall seconds, peak RSS in bytes, and what was kept of the output."""

    exit_code: int
    wall: float
    max_rss: int
    stdout: bytes
    stderr: bytes
    stdout_bytes: int
    rss_exact: bool  # False: wait4's figure, which includes the harness's own high-water mark
    digest: str = ""  # sha256 of the whole stdout, kept or not: outputs compared without memory


def _drain(
    stream: IO[bytes], keep: bool, sink: list[bytes], counter: list[int], digest: Any = None
) -> None:
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        counter[0] += len(chunk)
        if digest is not None:
            digest.update(chunk)
        if keep:
            sink.append(chunk)
    stream.close()


def run(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    keep_stdout: bool = False,
    timeout: float = 300.0,
    time_binary: str | None = None,
) -> Measurement:
    """Run ``argv`` once with ``env``; stdout is kept only when asked (stderr always is).
    With ``time_binary`` (GNU time), peak RSS is the command's own."""
    if time_binary:
        with tempfile.TemporaryDirectory(prefix="kctl-bench-time-") as tmp:
            report = Path(tmp) / "rss"
            m = _run([time_binary, "-f", "%M", "-o", str(report), *argv], env, keep_stdout, timeout)
            kib = parse_time_output(report.read_text()) if report.exists() else None
        if kib is not None:
            return Measurement(
                m.exit_code, m.wall, kib * 1024, m.stdout, m.stderr, m.stdout_bytes, True, m.digest
            )
        return m
    return _run(argv, env, keep_stdout, timeout)


def _run(
    argv: Sequence[str], env: Mapping[str, str], keep_stdout: bool, timeout: float
) -> Measurement:
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    out_count = [0]
    err_count = [0]
    digest = hashlib.sha256()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a timeout kills the whole group (time and its command)
    )
    assert proc.stdout is not None and proc.stderr is not None
    readers = [
        threading.Thread(
            target=_drain, args=(proc.stdout, keep_stdout, out_chunks, out_count, digest)
        ),
        threading.Thread(target=_drain, args=(proc.stderr, True, err_chunks, err_count)),
    ]
    for reader in readers:
        reader.daemon = True
        reader.start()
    timer = threading.Timer(timeout, _kill_group, args=(proc.pid,))
    timer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    # Tell Popen the child is reaped so it never waits on a recycled pid.
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    # ru_maxrss is in KiB on Linux.
    return Measurement(
        exit_code=proc.returncode,
        wall=wall,
        max_rss=usage.ru_maxrss * 1024,
        stdout=b"".join(out_chunks),
        stderr=b"".join(err_chunks),
        stdout_bytes=out_count[0],
        rss_exact=False,
        digest=digest.hexdigest(),
    )


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
