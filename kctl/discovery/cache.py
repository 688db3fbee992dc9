"""The on-disk discovery cache: one JSON file per API server.

Standard library only (contextlib, json, os, re, time): shell completion reads this file
without loading click, requests or yaml.
A warm lookup is one small file read and one ``json.loads``.

Layout: ``<cache_root>/discovery/<host_dir>/discovery.json`` (see ``docs/layers.md`` for the
format). Writes go to a temp file in the same directory followed by ``os.replace``, so readers
never see a half-written file and two writers at once each leave a complete file behind.
"""

from __future__ import annotations

import json
import os
import re
import time
from typing import TYPE_CHECKING, Any

from kctl.privatefile import write_private

if TYPE_CHECKING:
    from pathlib import Path

# Paths are strings joined with os.path: pathlib (and the fnmatch, urllib.parse, ipaddress it
# imports) is loaded only by the functions that return a Path, none of which a warm read calls.

FORMAT = 1
FILE_NAME = "discovery.json"
TTL_SECONDS = 6 * 60 * 60  # kubectl's hard-coded discovery TTL
FAILED_TTL_SECONDS = 5 * 60  # how long an unavailable group-version is remembered

# kubectl keeps word characters, "/", ".", "(" and ")"; everything else becomes "_".
_UNSAFE = re.compile(r"[^(\w/.)]", re.ASCII)


def host_dir(server_url: str) -> str:
    """The cache directory name for a server, by kubectl's rule: drop the first ``https://``
    (else ``http://``), replace every unsafe character with ``_``. A URL path becomes nested
    directories; empty, ``.`` and ``..`` components are neutralised so the result always stays
    below the cache root."""
    host = server_url.replace("https://", "", 1).replace("http://", "", 1)
    safe = _UNSAFE.sub("_", host)
    parts = []
    for part in safe.split("/"):
        if not part or part == ".":
            continue
        if set(part) == {"."}:
            part = "_" * len(part)
        parts.append(part)
    return "/".join(parts) or "_"


def file_path(cache_root: str | os.PathLike[str], server_url: str) -> str:
    """``<cache_root>/discovery/<host_dir>/discovery.json``, as a string."""
    return os.path.join(os.fspath(cache_root), "discovery", host_dir(server_url), FILE_NAME)


def cache_file(cache_root: str | os.PathLike[str], server_url: str) -> Path:
    """``<cache_root>/discovery/<host_dir>/discovery.json``."""
    from pathlib import Path

    return Path(file_path(cache_root, server_url))


def read(cache_root: str | os.PathLike[str], server_url: str) -> dict[str, Any] | None:
    """The cached discovery document for ``server_url``; ``None`` when it is missing, unreadable,
    corrupt, of another format or for another server (never raises for a bad file)."""
    path = file_path(cache_root, server_url)
    try:
        with open(path, "rb") as f:
            raw = f.read()
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not _well_formed(data, server_url):
        return None
    if not isinstance(data.get("fetchedAt"), (int, float)):
        try:
            data["fetchedAt"] = os.stat(path).st_mtime
        except OSError:
            return None
    return data  # type: ignore[no-any-return]


def _well_formed(data: Any, server_url: str) -> bool:
    """Shape check, so a damaged or hand-edited file means a refetch instead of a crash."""
    if not isinstance(data, dict):
        return False
    if data.get("format") != FORMAT or data.get("server") != server_url:
        return False
    groups, resources = data.get("groups"), data.get("resources")
    if not isinstance(groups, list) or not isinstance(resources, list):
        return False
    for g in groups:
        if not isinstance(g, dict) or not isinstance(g.get("name"), str):
            return False
        if not _strings(g.get("versions", [])):
            return False
    for r in resources + (data.get("subresources") or []):
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in _TEXT):
            return False
        if not isinstance(r.get("namespaced"), bool) or not all(_strings(r.get(k)) for k in _LISTS):
            return False
    failed, etags = data.get("failed", {}), data.get("etags", {})
    if not isinstance(failed, dict) or not all(_failure(v) for v in failed.values()):
        return False
    return isinstance(etags, dict) and all(isinstance(v, str) for v in etags.values())


_TEXT = ("group", "version", "name", "singularName", "kind")
_LISTS = ("verbs", "shortNames", "categories")


def _failure(entry: Any) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("until", 0), (int, float))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_fresh(data: dict[str, Any], now: float | None = None, ttl: float = TTL_SECONDS) -> bool:
    """True while the document is younger than ``ttl`` (6 h) and no remembered failure has
    expired. A timestamp in the future (clock change) counts as stale."""
    now = time.time() if now is None else now
    fetched = float(data.get("fetchedAt", 0))
    if fetched > now + 60 or now > fetched + ttl:
        return False
    for entry in (data.get("failed") or {}).values():
        until = entry.get("until", 0) if isinstance(entry, dict) else 0
        if now >= float(until):
            return False
    return True


def write(cache_root: str | os.PathLike[str], server_url: str, data: dict[str, Any]) -> Path:
    """Atomically replace the cache file (directories 0700, file 0600). ``format`` and ``server``
    are filled in. Returns the path written."""
    path = cache_file(cache_root, server_url)
    doc = dict(data)
    doc["format"] = FORMAT
    doc["server"] = server_url
    write_private(path, json.dumps(doc, separators=(",", ":")).encode())
    return path


class DiskCache:
    """The discovery cache on disk, as the CLI keeps it: one JSON file per server under
    ``<directory>/discovery/<host>/``, revalidated with ETags after ``ttl`` seconds (kubectl's
    6 h). ``directory`` defaults to kctl's cache root (``$KUBECACHEDIR``, else
    ``$XDG_CACHE_HOME/kctl``, else ``~/.cache/kctl``). Pass one to ``kctl.DiscoveryClient``
    (``cache=DiskCache()``); without it discovery stays in memory."""

    def __init__(self, directory: str | os.PathLike[str] | None = None, ttl: float = TTL_SECONDS):
        if directory is None:
            from kctl.env import default_cache_root

            directory = default_cache_root(os.environ)
        self._root = os.fspath(directory)
        self.ttl = ttl

    @property
    def directory(self) -> Path:
        """The cache root."""
        from pathlib import Path

        return Path(self._root)

    def __repr__(self) -> str:
        return f"DiskCache({str(self.directory)!r}, ttl={self.ttl!r})"

    def read(self, server_url: str) -> dict[str, Any] | None:
        """The cached document for a server, or ``None``."""
        return read(self._root, server_url)

    def write(self, server_url: str, data: dict[str, Any]) -> None:
        """Store the document (atomically; an unwritable cache raises ``OSError``)."""
        write(self._root, server_url, data)

    def is_fresh(self, data: dict[str, Any], now: float) -> bool:
        """Whether the document may be used without asking the server."""
        return is_fresh(data, now, self.ttl)


class MemoryCache(DiskCache):
    """No disk: each ``DiscoveryClient`` asks the server once and keeps the answer in memory."""

    def __init__(self) -> None:
        self._root = ""
        self.ttl = TTL_SECONDS

    def __repr__(self) -> str:
        return "MemoryCache()"

    def read(self, server_url: str) -> dict[str, Any] | None:
        return None

    def write(self, server_url: str, data: dict[str, Any]) -> None:
        return None
