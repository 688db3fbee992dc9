"""Private cache files: written atomically, readable by the user only. The one writer of every
cache kctl keeps (discovery, completion's index and name lists, parsed kubeconfigs); ``os``
only, so the lowest layers can use it.
"""

from __future__ import annotations

import contextlib
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def write_private(path: str | Path, payload: bytes) -> None:
    """Replace ``path`` atomically with a file only the user can read: a temp file (0600) in
    the same directory, then ``os.replace``; missing directories are created 0700. Raises
    ``OSError``."""
    directory, name = os.path.split(os.fspath(path))
    _make_dirs(directory)
    tmp = os.path.join(directory, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _make_dirs(directory: str) -> None:
    """Create missing directories one level at a time with mode 0700 (``os.makedirs`` only
    applies the mode to the last one)."""
    missing: list[str] = []
    d = directory
    while d and not os.path.isdir(d):
        missing.append(d)
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(d, 0o700)
