"""The one way the unit tests run a kctl command line: in process, with an injected
``Environment``, returning a ``CLIResult``; an exit code other than the expected one fails the test
with everything the command printed (after httpie's ``http()`` test helper).

    result = kctl("config", "current-context", environ={"KUBECONFIG": path})
    assert result.stdout == "dev\\n"
    failed = kctl("get", "nope", expect=1)
    assert failed.stderr.startswith("error: ")

``kctl("__complete", ...)`` runs the completion engine the way ``kctl/__main__.py`` does (it
writes to the process streams, which are captured here). ``kctl_process`` runs ``python -m kctl``
in a fresh interpreter, for what only a real process shows (start-up, the completion launcher).
"""

from __future__ import annotations

import contextlib
import io
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kctl.env import Environment


@dataclass(frozen=True)
class CLIResult:
    """What one command line did."""

    argv: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    env: Environment | None = field(default=None, repr=False, compare=False)

    @property
    def streams(self) -> tuple[str, str]:
        """``(stdout, stderr)``, to compare both at once."""
        return self.stdout, self.stderr

    def __repr__(self) -> str:
        return (
            f"<kctl {shlex.join(self.argv)}: exit {self.exit_code}>\n"
            f"--- stdout ---\n{self.stdout}"
            f"{'' if not self.stdout or self.stdout.endswith(chr(10)) else chr(10)}"
            f"--- stderr ---\n{self.stderr}"
            f"{'' if not self.stderr or self.stderr.endswith(chr(10)) else chr(10)}"
            "--- end ---"
        )


class UnexpectedExit(AssertionError):
    """The command exited with another code than the test expected."""


def kctl(
    *argv: str,
    expect: int | None = 0,
    env: Environment | None = None,
    environ: Mapping[str, str] | None = None,
    **env_kwargs: Any,
) -> CLIResult:
    """Run ``kctl ARGV``. ``expect`` is the exit code the test expects (None: any); ``env`` an
    environment to use as is, else one is built with ``Environment.for_test(environ=...,
    **env_kwargs)``."""
    if argv and argv[0] in ("__complete", "__completeNoDesc"):
        if env is not None or env_kwargs:
            raise TypeError("completion runs with `environ` only (it has no Environment)")
        result = _complete(argv, dict(environ or {}))
    else:
        from kctl.cli.main import run

        if env is None:
            env = Environment.for_test(environ=environ, **env_kwargs)
        elif environ is not None or env_kwargs:
            raise TypeError("pass either `env` or what to build one from, not both")
        code = run(list(argv), env)
        result = CLIResult(argv, code, _text(env.stdout), _text(env.stderr), env)
    if expect is not None and result.exit_code != expect:
        raise UnexpectedExit(f"expected exit code {expect}, got:\n{result!r}")
    return result


def kctl_process(
    *argv: str, expect: int | None = 0, environ: Mapping[str, str] | None = None
) -> CLIResult:
    """Run ``python -m kctl ARGV`` from the repository root (``environ`` None: this process's)."""
    done = subprocess.run(
        [sys.executable, "-m", "kctl", *argv],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env=None if environ is None else dict(environ),
        timeout=60,
    )
    result = CLIResult(argv, done.returncode, done.stdout, done.stderr)
    if expect is not None and result.exit_code != expect:
        raise UnexpectedExit(f"expected exit code {expect}, got:\n{result!r}")
    return result


def _complete(argv: tuple[str, ...], environ: dict[str, str]) -> CLIResult:
    from kctl.completion.engine import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(argv[1:]), descriptions=argv[0] == "__complete", environ=environ)
    return CLIResult(argv, code, out.getvalue(), err.getvalue())


def _text(stream: Any) -> str:
    getvalue = getattr(stream, "getvalue", None)
    if getvalue is None:
        raise TypeError("the environment's streams must be StringIO (Environment.for_test)")
    text: str = getvalue()
    return text
