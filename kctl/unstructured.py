"""client-go's ``unstructured.NestedFieldNoCopy`` / ``SetNestedField`` / ``RemoveNestedField``
for plain dicts: read, write and delete fields deep inside an object without ``KeyError``\\ s.

    nested(pod, "status", "phase")                 -> "Running" (or None)
    nested(pod, "spec", "containers", 0, "image")  -> list indexes work too
    set_nested(deploy, 3, "spec", "replicas")      -> creates missing maps on the way
    remove_nested(obj, "metadata", "managedFields")
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any


def nested(obj: Any, *path: str | int, default: Any = None) -> Any:
    """The value at ``path`` (map keys and list indexes), or ``default`` when any step is
    missing or has the wrong shape."""
    current = obj
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool) and isinstance(current, list):
            if not -len(current) <= step < len(current):
                return default
            current = current[step]
        elif isinstance(step, str) and isinstance(current, Mapping):
            if step not in current:
                return default
            current = current[step]
        else:
            return default
    return current


def set_nested(obj: MutableMapping[str, Any], value: Any, *path: str) -> None:
    """Set ``obj[path[0]]...[path[-1]] = value``, creating the maps on the way; raises
    ``ValueError`` when a step exists but is not a map (as ``SetNestedField`` errors)."""
    if not path:
        raise ValueError("set_nested needs at least one field name")
    current: MutableMapping[str, Any] = obj
    for i, step in enumerate(path[:-1]):
        child = current.get(step)
        if child is None:
            child = current[step] = {}
        elif not isinstance(child, MutableMapping):
            where = ".".join(path[: i + 1])
            raise ValueError(f"value cannot be set because {where} is not a map")
        current = child
    current[path[-1]] = value


def remove_nested(obj: MutableMapping[str, Any], *path: str) -> None:
    """Delete the field at ``path`` if it is there (a missing step is not an error)."""
    if not path:
        return
    parent = nested(obj, *path[:-1]) if len(path) > 1 else obj
    if isinstance(parent, MutableMapping):
        parent.pop(path[-1], None)
