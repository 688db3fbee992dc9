"""The ``Environment`` a library client runs in: no process I/O at all.

The CLI hands its layers an ``Environment`` built from the process (``sys.stdout``, a terminal,
``-v`` logging on stderr). A program that imports kctl gets this one instead, so a library object
never writes to stdout/stderr and never changes ``sys.*``:

- server warnings (``Warning:`` headers) go to ``warning_handler`` if one is given, else through
  Python's ``warnings`` module as ``kctl.ServerWarning``;
- what the CLI would print at ``-v8`` goes to the ``kctl`` logger at DEBUG instead (one line
  per request and response with headers, credentials masked exactly as ``-v`` masks them), as
  does an exec credential plugin's stderr.
"""

from __future__ import annotations

import io
import sys
import warnings
from collections.abc import Callable
from typing import IO, Any, cast

from kctl.env import Environment

# logging's numeric levels, without importing logging (a program that never imported it cannot
# have configured a handler, so nothing could be logged; see verbosity_from_logger).
DEBUG, INFO = 10, 20

WarningHandler = Callable[[str], None]


class ServerWarning(UserWarning):
    """A ``Warning:`` header from the API server (e.g. a deprecated API version)."""


def warn_through_python(text: str) -> None:
    """The default warning handler: ``warnings.warn(text, ServerWarning)``."""
    warnings.warn(text, ServerWarning, stacklevel=2)


class _LogStream(io.TextIOBase):
    """A text stream whose complete lines become ``kctl`` log records at ``level``."""

    def __init__(self, level: int) -> None:
        self.level = level
        self._partial = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            if line:
                logger().log(self.level, "%s", line)
        return len(text)


def logger() -> Any:
    """The ``kctl`` logger (``logging`` is imported on first use only)."""
    import logging

    return logging.getLogger("kctl")


def verbosity_from_logger() -> int:
    """The ``-v`` level the ``kctl`` logger wants: 8 (requests and responses with headers,
    masked) when it is enabled for DEBUG, else none. Bodies (``-v9``) are never logged: they
    can carry Secret data. A program that has not imported ``logging`` has configured no
    handler, so the check is skipped (and ``logging`` not imported) then."""
    if "logging" not in sys.modules:
        return 0
    return 8 if logger().isEnabledFor(DEBUG) else 0


class LibraryEnvironment(Environment):
    """An ``Environment`` for library use: see the module docstring."""

    __slots__ = ("warning_handler",)
    _fields = (*Environment._fields, "warning_handler")

    warning_handler: WarningHandler

    def __init__(
        self,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        *,
        warning_handler: WarningHandler = warn_through_python,
        **rest: Any,
    ) -> None:
        """Output goes to the ``kctl`` logger unless streams are given; ``rest``: the other
        ``Environment`` fields."""
        super().__init__(
            cast(IO[str], _LogStream(INFO)) if stdout is None else stdout,
            cast(IO[str], _LogStream(DEBUG)) if stderr is None else stderr,
            **rest,
        )
        object.__setattr__(self, "warning_handler", warning_handler)

    def warn(self, text: str) -> None:
        self.warning_handler(text)
