"""Measuring one child process: exit code, wall time, peak RSS of that child alone, piped output."""

from __future__ import annotations

import os
import sys

from bench import runner

ENV = dict(os.environ)


def test_exit_code_and_output_kept_when_asked():
    m = runner.run(
        [
            sys.executable,
            "-c",
            "import sys; print('hi'); print('oops', file=sys.stderr); sys.exit(3)",
        ],
        ENV,
        keep_stdout=True,
    )
    assert m.exit_code == 3
    assert m.stdout == b"hi\n"
    assert m.stderr == b"oops\n"
    assert m.stdout_bytes == 3
    assert m.wall > 0


def test_stdout_discarded_but_counted_and_large_output_does_not_block():
    code = "import sys; sys.stdout.write('x' * (8 * 1024 * 1024))"
    m = runner.run([sys.executable, "-c", code], ENV)
    assert m.exit_code == 0
    assert m.stdout == b""
    assert m.stdout_bytes == 8 * 1024 * 1024


def test_peak_rss_without_gnu_time_is_per_child():
    big = runner.run(
        [
            sys.executable,
            "-c",
            "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])",
        ],
        ENV,
    )
    small = runner.run([sys.executable, "-c", "pass"], ENV)
    assert big.max_rss > 200 * 1024 * 1024
    # A later, smaller child does not inherit the earlier child's peak (RUSAGE_CHILDREN would).
    assert small.max_rss < 100 * 1024 * 1024


def test_killed_child_reports_the_signal():
    m = runner.run([sys.executable, "-c", "import time; time.sleep(30)"], ENV, timeout=0.5)
    assert m.exit_code == -9
    assert m.wall < 10


def test_parse_time_output():
    assert runner.parse_time_output("115748\n") == 115748
    assert runner.parse_time_output("Command exited with non-zero status 3\n1596\n") == 1596
    assert runner.parse_time_output("Command terminated by signal 9\n1460\n") == 1460
    assert runner.parse_time_output("") is None
    assert runner.parse_time_output("garbage\n") is None


def test_with_gnu_time_a_small_child_of_a_big_harness_reports_its_own_peak():
    time_binary = runner.gnu_time()
    assert time_binary is not None, "GNU time (/usr/bin/time) is part of the bench's toolset"
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: this process is now big
    m = runner.run([sys.executable, "-c", "pass"], ENV, time_binary=time_binary)
    assert m.rss_exact and m.exit_code == 0
    assert 1024 * 1024 < m.max_rss < 60 * 1024 * 1024
    code = runner.run(
        [sys.executable, "-c", "import sys; sys.exit(4)"], ENV, time_binary=time_binary
    )
    assert code.exit_code == 4 and code.rss_exact
    del ballast


def test_timeout_kills_the_command_under_time_too():
    m = runner.run(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        ENV,
        timeout=0.5,
        time_binary=runner.gnu_time(),
    )
    assert m.exit_code != 0
    assert m.wall < 10
