"""The parsed-kubeconfig cache: a kubeconfig needs PyYAML only when it changed.

For each kubeconfig file, ``<cache_root>/kubeconfig/<name>-<crc>.marshal`` holds the document
PyYAML built from it, stamped with the file's size, mtime, ctime, inode and device; while the
file keeps that stamp the document is taken from here (``marshal``: no parser, no ``json``).
Files are 0600 in a 0700 directory, written atomically; one that cannot be written only costs
the parse next time.

No secret is stored. Every string under a user (token, password, client-key-data, exec args and
env values, auth-provider config, extensions, unknown keys) except the fields known to be plain
facts (certificate paths and data, username, impersonation, exec command and the like), and a
cluster's proxy-url (it may carry credentials), is kept only as *where it is* in the file: the
character offsets of the value and the indentation and key in front of it. On load the value is
read from the file itself, after checking that the text in front of it is still that key. A
secret the offsets cannot describe exactly (a block or folded scalar, an escape, a flow
collection, a non-string) makes the file uncacheable: it is parsed every time, as before.
"""

from __future__ import annotations

import binascii
import marshal
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Ref = tuple[tuple[Any, ...], int, int, str, str]  # path, start, end, prefix, quote

FORMAT = 1
# Keys under users[].user whose values are not secrets (everything else there is).
_PLAIN_USER = frozenset(
    {
        "client-certificate",
        "client-certificate-data",
        "client-key",
        "tokenFile",
        "as",
        "as-uid",
        "as-groups",
        "as-user-extra",
        "username",
    }
)
_PLAIN_EXEC = frozenset(
    {"command", "apiVersion", "installHint", "provideClusterInfo", "interactiveMode"}
)
_STR_TAG = "tag:yaml.org,2002:str"


class Uncacheable(Exception):
    """This file's secrets cannot be described by offsets: parse it every time."""


def stamp_of(st: os.stat_result) -> tuple[int, int, int, int, int]:
    """What must not change for an entry to stay valid (ctime: a rewrite within the same mtime
    tick, or an mtime set back, still changes it)."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def cache_file(cache_root: str, path: str) -> str:
    absolute = os.path.abspath(path)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in os.path.basename(absolute))
    # binascii's CRC-32 is zlib's; binascii is loaded anyway (the loader's base64 fields)
    crc = binascii.crc32(absolute.encode("utf-8", "surrogateescape"))
    return os.path.join(cache_root, "kubeconfig", f"{name[:40]}-{crc:08x}.marshal")


def is_secret(path: tuple[Any, ...]) -> bool:
    """Whether the scalar at ``path`` in a raw kubeconfig document is kept out of the cache."""
    if len(path) >= 4 and path[0] == "users" and path[2] == "user":
        rest = path[3:]
        if rest[0] in _PLAIN_USER:
            return False
        if rest[0] == "exec" and len(rest) >= 2:
            if len(rest) == 2 and rest[1] in _PLAIN_EXEC:
                return False
            return not (len(rest) == 4 and rest[1] == "env" and rest[3] == "name")
        return rest != ("auth-provider", "name")
    return len(path) == 4 and path[0] == "clusters" and path[3] == "proxy-url"


def _prefix_ok(prefix: str) -> bool:
    """The text between the start of the line and a secret: indentation, list dashes and one
    key. Nothing else, so it holds no other value (it is stored, and checked on load)."""
    body = prefix.lstrip(" \t")
    while body.startswith("-"):
        body = body[1:].lstrip(" \t")
    if not body:
        return True
    key, sep, after = body.rpartition(":")
    if not sep or after.strip(" \t"):
        return False
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        key = key[1:-1]  # a quoted key: JSON written one entry per line
    return bool(key) and all(c.isalnum() or c in "-_." for c in key)


def _still_there(text: str, start: int, end: int, prefix: str, quote: str) -> bool:
    """The text around a remembered secret still reads: line start, ``prefix``, the quote (if
    any), the value, its end (the closing quote, or a blank, line end or end of text)."""
    value_start = start - len(quote)
    line_start = value_start - len(prefix)
    if line_start < 0 or end > len(text) or (line_start and text[line_start - 1] != "\n"):
        return False
    if text[line_start:value_start] != prefix or text[value_start:start] != quote:
        return False
    if quote:
        return text[end : end + 1] == quote
    return end == len(text) or text[end] in " \t\r\n"


def _ref(node: Any, text: str) -> tuple[int, int, str, str]:
    """(start, end, prefix, quote) of a secret string scalar whose value is exactly
    ``text[start:end]``."""
    start, end = node.start_mark.index, node.end_mark.index
    raw = text[start:end]
    if node.style in ("'", '"'):
        if len(raw) < 2 or raw[0] != node.style or raw[-1] != node.style:
            raise Uncacheable("quoted scalar")
        start, end, raw = start + 1, end - 1, raw[1:-1]
        after_ok = True
    elif not node.style:  # plain: None from PyYAML's Python loader, "" from its C loader
        after_ok = end >= len(text) or text[end] in " \t\r\n"
    else:
        raise Uncacheable("block scalar")
    if raw != node.value or "\n" in raw or "\r" in raw or not after_ok:
        raise Uncacheable("scalar not verbatim")
    quote = node.style if node.style in ("'", '"') else ""
    line_start = text.rfind("\n", 0, start - len(quote)) + 1
    prefix = text[line_start : start - len(quote)]
    if not _prefix_ok(prefix) or not _still_there(text, start, end, prefix, quote):
        raise Uncacheable("secret not alone on its line")
    return start, end, prefix, quote


def secret_refs(node: Any, text: str) -> list[Ref]:
    """Where each secret of the document ``node`` is. Raises ``Uncacheable``."""
    refs: list[Ref] = []

    def walk(n: Any, path: tuple[Any, ...]) -> None:
        kind = n.id
        if kind == "mapping":
            last: dict[str, Any] = {}
            for key, value in n.value:
                if key.id != "scalar" or key.tag != _STR_TAG:
                    raise Uncacheable("non-string key")  # merge keys, numbers: rare
                last[key.value] = value  # a repeated key: the last one wins, as in the doc
            for name, value in last.items():
                walk(value, (*path, name))
        elif kind == "sequence":
            for i, item in enumerate(n.value):
                walk(item, (*path, i))
        elif is_secret(path):
            if n.tag == _STR_TAG:
                refs.append((path, *_ref(n, text)))
            elif n.tag != "tag:yaml.org,2002:null":
                raise Uncacheable("non-string secret")

    walk(node, ())
    return refs


def _redacted(doc: Any, refs: list[Ref]) -> Any:
    """A copy of ``doc`` with every secret replaced by None."""
    import copy

    out = copy.deepcopy(doc)
    for path, *_where in refs:
        target = out
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = None
    return out


def read(cache_root: str, path: str, stamp: tuple[int, ...], text: str) -> Any:
    """The cached document for ``path`` with its secrets read back from ``text`` (the file's
    content with this ``stamp``), or ``KeyError`` when there is no valid entry."""
    try:
        with open(cache_file(cache_root, path), "rb") as f:
            entry = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        raise KeyError(path) from None
    if (
        not isinstance(entry, dict)
        or entry.get("format") != FORMAT
        or entry.get("path") != os.path.abspath(path)
        or entry.get("stamp") != tuple(stamp)
    ):
        raise KeyError(path)
    doc = entry["doc"]
    try:
        for keys, start, end, prefix, quote in entry["refs"]:
            if not _still_there(text, start, end, prefix, quote):
                raise KeyError(path)
            target = doc
            for step in keys[:-1]:
                target = target[step]
            target[keys[-1]] = text[start:end]
    except (IndexError, KeyError, TypeError, ValueError):
        raise KeyError(path) from None
    return doc


def write(
    cache_root: str, path: str, stamp: tuple[int, ...], doc: Any, node: Any, text: str
) -> None:
    """Remember ``doc`` (parsed from ``text``, the file with ``stamp``) without its secrets.
    A file whose secrets the offsets cannot describe is not cached."""
    try:
        refs = secret_refs(node, text)
        data = marshal.dumps(
            {
                "format": FORMAT,
                "path": os.path.abspath(path),
                "stamp": tuple(stamp),
                "doc": _redacted(doc, refs),
                "refs": refs,
            }
        )
    except (Uncacheable, ValueError):  # ValueError: marshal met a type it cannot hold (a date)
        return
    import contextlib

    from kctl.privatefile import write_private

    with contextlib.suppress(OSError):  # an unwritable cache only costs the parse next time
        write_private(cache_file(cache_root, path), data)
