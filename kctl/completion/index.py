"""The completion index: what a TAB needs from the kubeconfig and the discovery cache, in one
small file that loads without any parser.

- ``kubeconfig``: per kubeconfig file list, the current context, context -> cluster/user/
  namespace, cluster -> server, user names. No secrets. Stamped with each file's mtime and size.
- ``discovery``: per server, the resources (trimmed to the fields completion uses) and the
  group-version paths, stamped with the discovery cache file's mtime and size.

The file is ``<cache_root>/completion/index.marshal``, written with :mod:`marshal` (built into
the interpreter: no ``json``/``re`` import, unlike the sources it summarises). It lives in the
user's private cache directory, like the ``.pyc`` files Python itself trusts. A stale or
missing entry is rebuilt from the source — the kubeconfig with PyYAML's C loader, discovery with
``kctl.discovery.cache.read`` — and the file rewritten atomically.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeGuard

FORMAT = 3  # 2: every version of every resource, with categories, and the groups; 3: fullName
_MAX_ENTRIES = 8  # kubeconfig file lists / servers remembered
_RESOURCE_FIELDS = (
    "group",
    "version",
    "name",
    "singularName",
    "kind",
    "verbs",
    "shortNames",
    "categories",
    "namespaced",
)


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return (-1, -1)


class Index:
    """The index file of one cache root; changes are saved once, at the end."""

    def __init__(self, cache_root: str) -> None:
        self.path = os.path.join(cache_root, "completion", "index.marshal")
        self.cache_root = cache_root
        self.data: dict[str, Any] = {"format": FORMAT, "kubeconfig": {}, "discovery": {}}
        self.dirty = False
        try:
            with open(self.path, "rb") as f:
                data = marshal.load(f)
            if (
                isinstance(data, dict)
                and data.get("format") == FORMAT
                and isinstance(data.get("kubeconfig"), dict)
                and isinstance(data.get("discovery"), dict)
            ):
                self.data = data
            else:
                # Damaged or from another version: start afresh, and make sure the next save
                # replaces the file even if this TAB changes nothing.
                self.dirty = True
        except FileNotFoundError:
            pass
        except (OSError, EOFError, ValueError, TypeError):
            self.dirty = True

    def kubeconfig(self, paths: list[str]) -> dict[str, Any]:
        """``{"current", "contexts", "clusters", "users"}`` for these kubeconfig files."""
        stamp = [(p, *_stat(p)) for p in paths]
        key = "\n".join(paths)
        section: dict[str, Any] = self.data["kubeconfig"]
        entry = section.get(key)
        if _valid_kubeconfig(entry) and entry.get("stamp") == stamp:
            return entry
        entry = _parse_kubeconfig(paths, self.cache_root)
        entry["stamp"] = stamp
        self._put(section, key, entry)
        return entry

    def discovery(self, server: str) -> dict[str, Any] | None:
        """``{"groups", "resources", "versions"}`` for ``server``; None when its discovery cache
        is cold."""
        section: dict[str, Any] = self.data["discovery"]
        entry = section.get(server)
        if _valid_discovery(entry) and entry.get("stamp") == _stat(entry["file"]):
            return entry
        from kctl.discovery import cache as discovery_cache

        file = discovery_cache.file_path(self.cache_root, server)
        stamp = _stat(file)
        doc = discovery_cache.read(self.cache_root, server)
        if not doc:
            return None
        entry = {"file": file, "stamp": stamp, **_summarise(doc)}
        self._put(section, server, entry)
        return entry

    def _put(self, section: dict[str, Any], key: str, entry: dict[str, Any]) -> None:
        section.pop(key, None)
        section[key] = entry
        while len(section) > _MAX_ENTRIES:
            section.pop(next(iter(section)))
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            write_atomic(self.path, marshal.dumps(self.data))
            self.dirty = False


# An entry that unmarshals but has the wrong shape (a damaged or hand-edited file) is treated
# as stale: rebuilt from its source and written back, so completion heals itself.


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


def _valid_kubeconfig(entry: Any) -> TypeGuard[dict[str, Any]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("current"), str):
        return False
    contexts, clusters = entry.get("contexts"), entry.get("clusters")
    if not isinstance(contexts, dict) or not isinstance(clusters, dict):
        return False
    for body in contexts.values():
        if not isinstance(body, dict) or not all(type(v) is str for v in body.values()):
            return False
    return all(type(v) is str for v in clusters.values()) and _strings(entry.get("users"))


def _valid_discovery(entry: Any) -> TypeGuard[dict[str, Any]]:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        return False
    resources, groups = entry.get("resources"), entry.get("groups")
    if not isinstance(resources, list) or not _strings(entry.get("versions")):
        return False
    if not isinstance(groups, list):
        return False
    for g in groups:
        if not isinstance(g, dict) or set(g) != {"name", "versions", "preferredVersion"}:
            return False
        if type(g["name"]) is not str or type(g["preferredVersion"]) is not str:
            return False
        if not _strings(g["versions"]):
            return False
    for res in resources:
        if not isinstance(res, dict) or set(res) != {*_RESOURCE_FIELDS, "preferred", "fullName"}:
            return False
        if not all(type(res[k]) is str for k in ("group", "version", "name", "kind", "fullName")):
            return False
        if type(res["singularName"]) is not str or type(res["namespaced"]) is not bool:
            return False
        if type(res["preferred"]) is not bool:
            return False
        if not all(_strings(res[k]) for k in ("verbs", "shortNames", "categories")):
            return False
    return True


def _summarise(doc: dict[str, Any]) -> dict[str, Any]:
    """What the RESTMapper's rules need (``kctl.restmapper.rules``): the groups and every
    resource in every version (no subresources), trimmed to the fields completion uses, each
    marked ``preferred`` as ``api-resources`` picks it (the discovery client's mark, else the
    first version listed) and named ``fullName`` as ``api-resources -o name`` spells it.
    ``doc`` comes from ``discovery_cache.read``, which has checked the field types."""
    from kctl.restmapper.rules import group_resource

    seen: set[tuple[str, str]] = set()
    resources: list[dict[str, Any]] = []
    for res in doc["resources"]:
        key = (res["group"], res["name"])
        if not key[1] or "/" in key[1]:
            continue
        entry = {k: res[k] for k in _RESOURCE_FIELDS}
        entry["preferred"] = bool(res.get("preferred", key not in seen))
        # the commands' own spelling, worked out here so a warm TAB imports no rules module
        entry["fullName"] = group_resource(res)
        seen.add(key)
        resources.append(entry)
    groups = [
        {
            "name": g["name"],
            "versions": list(g.get("versions") or []),
            "preferredVersion": str(g.get("preferredVersion") or ""),
        }
        for g in doc["groups"]
    ]
    versions = [
        f"/apis/{g['name']}/{v}" if g["name"] else f"/api/{v}"
        for g in groups
        for v in g["versions"]
    ]
    return {"groups": groups, "resources": resources, "versions": versions}


def ensure_site() -> None:
    """The fast launcher runs Python with ``-S``; third-party packages (PyYAML) need the
    site-packages directories, added here on the rare slow path."""
    if sys.flags.no_site:
        import site

        site.main()


def _parse_kubeconfig(paths: list[str], cache_root: str) -> dict[str, Any]:
    """The completion facts of the merged files: the loader's parse and checks (through the
    parsed-kubeconfig cache the commands share, so YAML is parsed once per change of a file,
    by whichever comes first) and clientcmd's merge (first file to name an entry wins), so a
    TAB sees what the command will. A file the command would reject is left out, so the other
    files still complete."""
    ensure_site()
    from kctl.clientcmd.loader import load_file
    from kctl.clientcmd.merge import merge
    from kctl.errors import ConfigError
    from kctl.rest.config import normalise_host

    docs: list[tuple[str, dict[str, Any]]] = []
    for path in paths:
        try:
            docs.append((path, load_file(path, cache_root)))
        except (OSError, ValueError, ConfigError):
            continue
    config = merge(docs)
    contexts = {
        name: {k: str(body.get(k) or "") for k in ("cluster", "user", "namespace")}
        for name, body in config.contexts.items()
    }
    # Servers keyed as kctl keys its discovery cache (`localhost:8080` -> `http://localhost:8080`).
    clusters = {
        name: normalise_host(body["server"]) if body.get("server") else ""
        for name, body in config.clusters.items()
    }
    return {
        "current": config.current_context,
        "contexts": contexts,
        "clusters": clusters,
        "users": list(config.users),
    }


def write_atomic(path: str, data: bytes) -> None:
    """Write a cache file atomically (``kctl.discovery.cache.write_private``: 0600, directories
    0700). Failures are ignored — a cache that cannot be written only costs speed. Only slow
    paths (something was just parsed or fetched) write, so the import is not paid on a warm TAB."""
    import contextlib

    from kctl.privatefile import write_private

    with contextlib.suppress(OSError):
        write_private(path, data)
