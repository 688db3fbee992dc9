"""Go's texts that kubectl's messages are built with: string quoting (``strconv.Quote`` /
``%q``), ``*os.PathError`` and the value kinds of ``encoding/json``'s type errors.

One implementation for error texts, request logs and JSONPath output, so they cannot drift.
Stdlib only.
"""

from __future__ import annotations

import errno
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def go_quote(text: str) -> str:
    """``strconv.Quote`` / ``%q``: printable runes kept, the rest escaped Go-style."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif 0xD800 <= code <= 0xDFFF:
            # a lone surrogate stands for an undecodable byte (surrogateescape)
            out.append(f"\\x{code & 0xFF:02x}" if 0xDC80 <= code <= 0xDCFF else "\\ufffd")
        elif is_print(ch):
            out.append(ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_SHORT_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SHORT_ESCAPES["\v"] = "\\v"


def is_print(ch: str) -> bool:
    """Go's ``strconv.IsPrint``: letters, marks, numbers, punctuation, symbols and ASCII space."""
    if " " <= ch <= "~":  # ASCII space and graphic characters
        return True
    if ch < "\x80":  # ASCII control characters
        return False
    # unicodedata (a shared library, ~0.4 ms to load) only for text beyond ASCII: every command
    # imports this module, few ever quote such text
    import unicodedata

    return unicodedata.category(ch)[0] in "LMNPS"


def go_os_error(op: str, path: str, exc: OSError) -> str:
    """Go's ``*PathError`` text: ``open /x: no such file or directory``."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.ENOENT:
        reason = "no such file or directory"
    reason = reason[:1].lower() + reason[1:]
    return f"{op} {path}: {reason}"


def json_kind(value: Any) -> str:
    """The kind ``encoding/json`` names in "cannot unmarshal <kind> into ..." for a decoded
    value. (JSON null never fails to unmarshal in Go, so callers handle None first.)"""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
