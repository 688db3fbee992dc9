"""kubectl's merge of several kubeconfig files: the first file to define a name (or
current-context) wins. A function over parsed documents, free of YAML, so completion's index
merges with the same rule.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class KubeConfig:
    """A merged kubeconfig: named entries in first-file-wins order, plus where each came from."""

    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    current_context: str = ""
    preferences: dict[str, Any] = field(default_factory=dict)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    # ("clusters" | "users" | "contexts", name) -> the file that defined the entry
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    # the file whose current-context won ("" when none sets it): where a change of it is written
    current_context_origin: str = ""

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
