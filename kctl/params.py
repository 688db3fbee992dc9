"""client-go's ``VersionedParams``: ListOptions/GetOptions/... keywords as query parameters.

Python callers write ``label_selector="app=web"``, ``resource_version="0"``, ``limit=50``,
``dry_run=True``; the server reads ``labelSelector``, ``resourceVersion``, ``limit``,
``dryRun=All``. The rule is general (snake_case -> camelCase) so any option the server accepts
works without a table here; ``continue_`` is ``continue`` (a Python keyword), and ``None``
leaves a parameter out, as Go's ``omitempty`` does.
"""

from __future__ import annotations

from typing import Any

# Options whose Python spelling is friendlier than the wire value.
_RENAMED = {"continue_": "continue"}


def wire_name(key: str) -> str:
    """``label_selector`` -> ``labelSelector``; already camelCase names pass through."""
    if key in _RENAMED:
        return _RENAMED[key]
    head, *rest = key.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def query(options: dict[str, Any]) -> list[tuple[str, str]]:
    """Query pairs for keyword options (lists repeat the key; booleans are ``true``/``false``;
    ``dry_run=True`` is ``dryRun=All``, the only value the server knows)."""
    pairs: list[tuple[str, str]] = []
    for key, value in options.items():
        if value is None:
            continue
        name = wire_name(key)
        if name == "dryRun" and isinstance(value, bool):
            if value:
                pairs.append((name, "All"))
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            pairs.append((name, "true" if v is True else "false" if v is False else str(v)))
    return pairs
