"""Standard streams that fail like Go's: a write to a full or closed stdout, or a read from a
closed stdin, becomes kubectl's one-line error instead of a traceback.

kubectl prints ``error: write /dev/stdout: no space left on device`` (exit 1) for ``> /dev/full``
and ``... bad file descriptor`` for ``>&-``. The CLI wraps the process streams once (in the error
funnel, ``kctl.cli.main.run``); every printer, rich included, writes through the wrapper, so no
command can forget. A closed pipe (EPIPE) is left alone: the funnel ends quietly then, as before.
"""

from __future__ import annotations

import errno
import os
from typing import IO, Any, cast

from kctl.errors import KctlError
from kctl.gostr import go_os_error


class StreamError(KctlError):
    """A standard stream failed: ``error: write /dev/stdout: <Go's errno text>``."""

    def __init__(self, op: str, name: str, exc: OSError) -> None:
        super().__init__(f"error: {go_os_error(op, name, exc)}")


def _guard(op: str, name: str, call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except BrokenPipeError:
        raise  # the reader went away: the funnel ends quietly
    except OSError as exc:
        raise StreamError(op, name, exc) from None
    except ValueError as exc:  # I/O on a stream closed earlier in this process
        raise StreamError(op, name, OSError(errno.EBADF, str(exc))) from None


class _Binary:
    """The ``.buffer`` of a guarded stream (raw output writes bytes)."""

    def __init__(self, raw: Any, name: str) -> None:
        self._raw = raw
        self._name = name

    def write(self, data: bytes) -> int:
        return int(_guard("write", self._name, self._raw.write, data))

    def flush(self) -> None:
        _guard("write", self._name, self._raw.flush)

    def read(self, size: int = -1) -> bytes:
        return bytes(_guard("read", self._name, self._raw.read, size))

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._raw, attr)


class GuardedStream:
    """A text stream whose I/O errors are ``StreamError``s naming ``/dev/stdout`` etc."""

    def __init__(self, raw: Any, name: str) -> None:
        self._raw = raw
        self._name = name
        buffer = getattr(raw, "buffer", None)
        self.buffer = _Binary(buffer, name) if buffer is not None else None

    def write(self, text: str) -> int:
        return int(_guard("write", self._name, self._raw.write, text))

    def writelines(self, lines: Any) -> None:
        _guard("write", self._name, self._raw.writelines, lines)

    def flush(self) -> None:
        _guard("write", self._name, self._raw.flush)

    def read(self, size: int = -1) -> str:
        return str(_guard("read", self._name, self._raw.read, size))

    def readline(self, size: int = -1) -> str:
        return str(_guard("read", self._name, self._raw.readline, size))

    def isatty(self) -> bool:
        try:
            return bool(self._raw.isatty())
        except (OSError, ValueError):
            return False

    def __iter__(self) -> Any:
        return iter(self.readline, "")

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._raw, attr)


class ClosedStream:
    """Stands in for a stream the process started without (``>&-``, ``<&-``): Python sets
    ``sys.stdout`` to None then; Go gets EBADF on first use, and so do we."""

    buffer = None

    def _fail(self, *_args: Any) -> Any:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    write = writelines = flush = read = readline = _fail

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def guard(stream: IO[str] | None, name: str) -> IO[str]:
    """``stream`` wrapped (or a closed stand-in) so its failures read like Go's."""
    return cast(IO[str], GuardedStream(stream if stream is not None else ClosedStream(), name))
