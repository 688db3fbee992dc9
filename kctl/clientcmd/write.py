"""Changing a kubeconfig file: ``current-context``, written atomically.

kubectl re-serialises the whole file (dropping comments and unknown keys). kctl edits just the
``current-context`` line when it safely can, checks the result parses to the same document with
only that key changed, and otherwise re-serialises the parsed document (keeping every key). The
new text goes to a temporary file in the same directory, gets the old file's mode (0600 for a new
file) and replaces the original with ``os.replace``, so a crash never leaves half a kubeconfig.
Like kubectl, the write holds ``<file>.lock``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from typing import Any

from kctl.clientcmd.loader import LoadingRules
from kctl.clientcmd.merge import KubeConfig
from kctl.errors import ConfigError
from kctl.gostr import go_os_error

_TOP_LEVEL_LINE = re.compile(r"^current-context:[^\n]*$", re.MULTILINE)


def atomic_write(path: str, text: str, default_mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` via a temp file in the same directory and ``os.replace``.

    A symlink is written through: the temp file goes beside the link's target, not beside the
    link, so the rename never crosses file systems (``invalid cross-device link`` when
    ~/.kube/config points into another mount) and the link stays a link."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    try:
        os.makedirs(directory, mode=0o755, exist_ok=True)
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            mode = default_mode
        fd, tmp = tempfile.mkstemp(prefix=".kctl-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ConfigError(go_os_error("open", path, exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ConfigError(go_os_error("open", path, exc)) from None


def _read_text(path: str) -> str:
    try:
        # bytes that are not UTF-8 (say, a Latin-1 comment) survive the rewrite unchanged
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return f.read()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ConfigError(go_os_error("open", path, exc)) from None


def _parse_raw(text: str) -> Any:
    from kctl import yamlload

    if not text.strip():
        return {}
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # as load_file
    return yamlload.load(text)


def set_current_context_text(text: str, name: str) -> str:
    """The file text with ``current-context`` set to ``name``, everything else kept."""
    original = _parse_raw(text) if text.strip() else {}
    if not isinstance(original, dict):
        original = {}
    wanted = dict(original)
    wanted["current-context"] = name
    if not text.strip():
        wanted = {"apiVersion": "v1", "kind": "Config", **wanted}
        return _dump(wanted, as_json=False)
    if text.lstrip().startswith("{"):
        return _dump(wanted, as_json=True)
    matches = _TOP_LEVEL_LINE.findall(text)
    for value in (name, json.dumps(name)):  # plain when YAML reads it back as the same string
        line = f"current-context: {value}"
        if len(matches) == 1:
            found = _TOP_LEVEL_LINE.search(text)
            assert found is not None
            candidate = text[: found.start()] + line + text[found.end() :]
        elif not matches:
            candidate = text + ("" if text.endswith("\n") else "\n") + line + "\n"
        else:
            break
        try:
            if _parse_raw(candidate) == wanted:
                return candidate
        except Exception:  # noqa: BLE001 - a parse failure means: try the next form
            continue
    return _dump(wanted, as_json=False)


def _dump(doc: dict[str, Any], *, as_json: bool) -> str:
    if as_json:
        return json.dumps(doc, indent=2) + "\n"
    import yaml

    text: str = yaml.safe_dump(doc, default_flow_style=False, sort_keys=False, allow_unicode=True)
    return text


def write_current_context(rules: LoadingRules, config: KubeConfig, name: str) -> str:
    """kubectl's writeCurrentContext: the explicit file, else the first file that sets
    current-context (the merge recorded it while loading ``config`` with ``rules``), else the
    default file. Returns the file written."""
    target = config.current_context_origin or rules.default_filename()
    if not target:
        raise ConfigError("no kubeconfig file to write to")
    with _kubectl_lock(target):
        atomic_write(target, set_current_context_text(_read_text(target), name))
    return target


@contextlib.contextmanager
def _kubectl_lock(path: str) -> Iterator[None]:
    """kubectl's ``<file>.lock`` (created exclusively, removed after the write), so kctl and a
    concurrent ``kubectl config`` never interleave their writes to one file."""
    lock = f"{path}.lock"
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise ConfigError(go_os_error("open", lock, exc)) from None
    os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
