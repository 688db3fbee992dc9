"""kubectl's merge of several kubeconfig files: the first file to define a name (or
current-context) wins. A function over parsed documents, free of YAML, so completion's index
merges with the same rule.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any


class KubeConfig:
    """A merged kubeconfig: named entries in first-file-wins order, plus where each came from.

    A plain class, not a dataclass (whose generated code every kubeconfig-reading command would
    compile at import time)."""

    __slots__ = (
        "clusters",
        "users",
        "contexts",
        "current_context",
        "preferences",
        "extensions",
        "origins",
        "current_context_origin",
    )

    def __init__(
        self,
        clusters: dict[str, dict[str, Any]] | None = None,
        users: dict[str, dict[str, Any]] | None = None,
        contexts: dict[str, dict[str, Any]] | None = None,
        current_context: str = "",
        preferences: dict[str, Any] | None = None,
        extensions: list[dict[str, Any]] | None = None,
        origins: dict[tuple[str, str], str] | None = None,
        current_context_origin: str = "",
    ) -> None:
        self.clusters: dict[str, dict[str, Any]] = {} if clusters is None else clusters
        self.users: dict[str, dict[str, Any]] = {} if users is None else users
        self.contexts: dict[str, dict[str, Any]] = {} if contexts is None else contexts
        self.current_context = current_context
        self.preferences: dict[str, Any] = {} if preferences is None else preferences
        self.extensions: list[dict[str, Any]] = [] if extensions is None else extensions
        # ("clusters" | "users" | "contexts", name) -> the file that defined the entry
        self.origins: dict[tuple[str, str], str] = {} if origins is None else origins
        # the file whose current-context won ("" when none sets it): where a change of it is
        # written
        self.current_context_origin = current_context_origin

    def __repr__(self) -> str:
        # Names only: the entries hold tokens, passwords and key data, and a repr ends up in
        # logs, tracebacks and debuggers.
        return (
            f"KubeConfig(clusters={list(self.clusters)!r}, users={list(self.users)!r}, "
            f"contexts={list(self.contexts)!r}, current_context={self.current_context!r})"
        )

    def origin_dir(self, section: str, name: str) -> str:
        origin = self.origins.get((section, name), "")
        return os.path.dirname(os.path.abspath(origin)) if origin else os.getcwd()


def merge(docs: Iterable[tuple[str, dict[str, Any]]]) -> KubeConfig:
    """Merge ``(file, parsed document)`` pairs in precedence order (documents as
    ``loader.parse_kubeconfig`` returns them)."""
    merged = KubeConfig()
    colors_set = False
    for path, doc in docs:
        if not doc:
            continue
        for section in ("clusters", "users", "contexts"):
            target: dict[str, dict[str, Any]] = getattr(merged, section)
            for name, body in doc[section]:
                if name not in target:
                    target[name] = body
                    merged.origins[(section, name)] = path
        if not merged.current_context and doc["current-context"]:
            merged.current_context = doc["current-context"]
            merged.current_context_origin = path
        prefs = doc["preferences"]
        if prefs.get("colors") and not colors_set:
            merged.preferences["colors"] = True
            colors_set = True
        for ext in prefs.get("extensions") or []:
            _add_extension(merged.preferences.setdefault("extensions", []), ext)
        for ext in doc["extensions"]:
            _add_extension(merged.extensions, ext)
    return merged


def _add_extension(target: list[dict[str, Any]], ext: Any) -> None:
    if isinstance(ext, dict) and not any(e.get("name") == ext.get("name") for e in target):
        target.append(ext)
