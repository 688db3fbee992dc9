"""The injected environment: every piece of process I/O a command touches.

``cli/`` builds one ``Environment`` per invocation and hands it down; tests build their own
(see ``Environment.for_test``) instead of monkeypatching globals. It is frozen: a layer that
needs a variant (the factory with ``--cache-dir``) builds a new one with ``with_cache_dir``, so
no one sees the environment change under them.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

from kctl.clientcmd.paths import cache_root


def default_cache_root(environ: Mapping[str, str], flag: str | None = None) -> Path:
    """kctl's cache root (the rule is ``clientcmd.paths.cache_root``, shared with completion)."""
    # pathlib (and the urllib.parse/ipaddress it pulls in) only when a cache is really used:
    # `--help` and `version --client` never get here.
    from pathlib import Path

    return Path(cache_root(environ, flag))


_FIELDS = (
    "stdout",
    "stderr",
    "stdin",
    "environ",
    "stdout_isatty",
    "stderr_isatty",
    "cache_dir_flag",
    "clock",
    "terminal_width",
)


class Environment:
    """Streams, terminal facts, colour choice, cache location, clock and environment variables.

    Immutable: ``replace`` gives a changed copy. (A plain class rather than a frozen dataclass:
    every command builds one, and generating a dataclass costs most of a millisecond of
    start-up.)"""

    __slots__ = (*_FIELDS, "__weakref__")
    _fields: tuple[str, ...] = _FIELDS  # what replace() and repr() go through (subclasses add)

    stdout: IO[str]
    stderr: IO[str]
    stdin: IO[str]
    environ: Mapping[str, str]
    stdout_isatty: bool
    stderr_isatty: bool
    cache_dir_flag: str | None
    clock: Callable[[], float]
    terminal_width: int | None

    def __init__(
        self,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
        environ: Mapping[str, str] | None = None,
        stdout_isatty: bool = False,
        stderr_isatty: bool = False,
        cache_dir_flag: str | None = None,
        clock: Callable[[], float] = time.time,
        terminal_width: int | None = None,
    ) -> None:
        values = (
            sys.stdout if stdout is None else stdout,
            sys.stderr if stderr is None else stderr,
            sys.stdin if stdin is None else stdin,
            os.environ if environ is None else environ,
            stdout_isatty,
            stderr_isatty,
            cache_dir_flag,
            clock,
            terminal_width,
        )
        for name, value in zip(_FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(
            f"{type(self).__name__} is immutable (use replace): cannot set {name!r}"
        )

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        # the environment variables may hold credentials: never shown
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self._fields if name != "environ"
        )
        return f"{type(self).__name__}({shown}, environ=<{len(self.environ)} variables>)"

    def replace(self, **changes: Any) -> Environment:
        """A copy with the given fields changed."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {sorted(unknown)}")
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)

    @classmethod
    def from_process(cls) -> Environment:
        """The real process environment.

        stdout/stderr encode with ``go-bytes`` so text that came from invalid UTF-8 (an argument,
        a template file) goes back out as the original bytes, as Go would write them, instead of
        ending in a UnicodeEncodeError traceback.
        """
        codecs.register_error(_GO_BYTES, _go_bytes)
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors=_GO_BYTES)
        return cls(
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
        )

    @classmethod
    def for_test(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        stdin: str = "",
        tty: bool = False,
        **kwargs: Any,
    ) -> Environment:
        """An environment writing to StringIO buffers (read back with ``.stdout.getvalue()``)."""
        return cls(
            stdout=io.StringIO(),
            stderr=io.StringIO(),
            stdin=io.StringIO(stdin),
            environ=dict(environ or {}),
            stdout_isatty=tty,
            stderr_isatty=tty,
            **kwargs,
        )

    def with_cache_dir(self, flag: str | None) -> Environment:
        """This environment with ``--cache-dir`` applied (itself when the flag is not given)."""
        return self.replace(cache_dir_flag=flag) if flag else self

    @property
    def cache_root(self) -> Path:
        return default_cache_root(self.environ, self.cache_dir_flag)

    @property
    def cache_dir(self) -> str:
        """``cache_root`` as text (no pathlib for callers that only join names onto it)."""
        return cache_root(self.environ, self.cache_dir_flag)

    @property
    def colour(self) -> bool:
        """Colour/rich output: on for a terminal unless ``NO_COLOR``/``TERM=dumb``; ``FORCE_COLOR``
        turns it on even when piped."""
        if self.environ.get("NO_COLOR"):
            return False
        if self.environ.get("FORCE_COLOR"):
            return True
        if self.environ.get("TERM") == "dumb":
            return False
        return self.stdout_isatty

    def warn(self, text: str) -> None:
        """Print a ``Warning: ...`` line on stderr (yellow on a colour terminal, like kubectl)."""
        line = f"Warning: {text}"
        coloured = (
            self.stderr_isatty
            and not self.environ.get("NO_COLOR")
            and self.environ.get("TERM") != "dumb"
        )
        if coloured:
            line = f"\x1b[33;1m{line}\x1b[0m"
        self.stderr.write(line + "\n")


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


_GO_BYTES = "kctl-go-bytes"


def _go_bytes(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: a surrogate-escaped byte (U+DC80-U+DCFF) becomes that byte again;
    any other unencodable character becomes U+FFFD, as Go's UTF-8 handling does."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start : exc.end]:
        code = ord(ch)
        out += bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF else "\ufffd".encode()
    return bytes(out), exc.end
