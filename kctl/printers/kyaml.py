"""``-o kyaml``: KYAML (KEP-5295) with kubectl's exact bytes, for ``get`` and ``api-resources``.

KYAML is the YAML subset sigs.k8s.io/yaml's ``kyaml.Encoder`` writes: a ``---`` header, flow
``{}``/``[]`` brackets with a trailing comma after every entry, values always double-quoted,
keys quoted only when a YAML parser could read them as something other than a string, and
multi-line strings folded with ``\\`` line continuations. kubectl encodes an object to JSON
first, so maps come out with sorted keys (``sort_keys=True``) while typed documents such as
``APIResourceList`` keep their field order, and numbers print as Go's JSON prints them.

A ``List`` is written item by item, like the JSON and YAML printers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Any

from kctl.printers.json_yaml import GO_INT
from kctl.printers.jsonpath_gofmt import INT64_MAX, INT64_MIN, format_json_float

_INDENT = "  "
_FOLD = "\\\n"
# How a character is written inside a double-quoted value (besides " and \, always escaped).
_REGULAR = {"\n": "\\n" + _FOLD, "\t": "\t"}  # newlines fold the line; tabs stay literal
_COMPACT = {"\n": "\\n", "\t": "\\t"}  # keys stay on one line
_NAMED_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\x00": "\\0",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def dumps(value: Any, *, sort_keys: bool) -> str:
    """One KYAML document: the ``---`` header, the value, a newline."""
    return "---\n" + _render(value, 0, sort_keys) + "\n"


def write(out: IO[str], obj: Any, *, sort_keys: bool = True) -> None:
    """One object, as ``kubectl get TYPE NAME -o kyaml`` prints it."""
    out.write(dumps(obj, sort_keys=sort_keys))


def dumps_event(event_type: str, obj: Any) -> str:
    """A watch event as ``kubectl get -w --output-watch-events -o kyaml`` prints it: the
    WatchEvent's fields in struct order (type, then object), the object's keys sorted."""
    return f"---\n{{\n  type: {_scalar(event_type)},\n  object: {_render(obj, 1, True)},\n}}\n"


def write_list(out: IO[str], items: Iterable[Any]) -> int:
    """kubectl's ``List`` wrapper (keys sorted, as Go marshals it), written item by item;
    returns the number of items."""
    count = 0
    for item in items:
        out.write('---\n{\n  apiVersion: "v1",\n  items: [' if count == 0 else ", ")
        out.write(_render(item, 1, True))
        count += 1
    out.write('---\n{\n  apiVersion: "v1",\n  items: [],\n' if count == 0 else "],\n")
    out.write('  kind: "List",\n  metadata: {\n    resourceVersion: "",\n  },\n}\n')
    return count


def _render(value: Any, indent: int, sort_keys: bool) -> str:
    """A value whose first character goes where the cursor is; nested lines are indented
    ``indent`` levels (kyaml's ``renderNode``)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = _INDENT * (indent + 1)
        parts = ["{\n"]
        for key in sorted(value) if sort_keys else value:
            parts.append(pad)
            parts.append(_string(str(key), indent + 1, compact=True, lazy=True))
            parts.append(": ")
            parts.append(_render(value[key], indent + 1, sort_keys))
            parts.append(",\n")
        parts.append(_INDENT * indent + "}")
        return "".join(parts)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, (dict, list, tuple)) for v in value):
            # lists of maps and lists are "cuddled": [{ ... }, { ... }]
            return "[" + ", ".join(_render(v, indent, sort_keys) for v in value) + "]"
        close = _INDENT * indent
        parts = ["[\n", close]
        for item in value:
            parts.append(_INDENT)
            parts.append(_render(item, indent + 1, sort_keys))
            parts.append(",\n")
            parts.append(close)
        parts.append("]")
        return "".join(parts)
    if isinstance(value, str):
        return _string(value, indent + 1, compact=False, lazy=False)
    return _scalar(value)


def _scalar(value: Any) -> str:
    """Numbers, booleans and null as Go's JSON encoder writes them (kyaml keeps that text)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return str(int(value))
        return format_json_float(float(value))  # beyond int64 Go decodes a float64
    if isinstance(value, float):
        return format_json_float(value)
    return _string(str(value), 1, compact=False, lazy=False)


def _string(val: str, indent: int, *, compact: bool, lazy: bool) -> str:
    """kyaml's ``renderString``: double quotes with Go-style escapes; a multi-line value starts
    and ends with a folded line break and keeps each line's leading blanks escaped."""
    multi = "\n" in val
    if lazy and not multi and not _needs_quotes(val):
        return val
    overrides = _COMPACT if compact else _REGULAR
    fold = multi and not compact
    buf = ['"', _FOLD] if fold else ['"']
    after_newline = fold
    pad = _INDENT * indent
    for ch in val:
        if after_newline:
            # keep the line's leading blanks: an escaped first blank, else one extra space
            buf.append(pad + ("\\" if ch.isspace() and ch != "\n" else " "))
        text = overrides.get(ch)
        if text is None:
            text = _escape(ch)
        buf.append(text)
        after_newline = text.endswith("\n")
    if fold:
        if not after_newline:
            buf.append(_FOLD)
        buf.append(pad)
    buf.append('"')
    return "".join(buf)


def _escape(ch: str) -> str:
    if ch in ('"', "\\"):
        return "\\" + ch
    if "\ud800" <= ch <= "\udfff":
        ch = "\ufffd"  # a lone surrogate stands for invalid UTF-8: Go's encoder writes U+FFFD
    if ch.isprintable():  # Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols
        return ch
    named = _NAMED_ESCAPES.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# ---------------------------------------------------------------------------- key quoting


def _needs_quotes(s: str) -> bool:
    """Whether a key must be quoted: empty, readable as another YAML type, or holding anything
    but letters, digits and ``_`` (``-``, ``.`` and ``/`` are fine inside)."""
    if not s or _type_ambiguous(s):
        return True
    last = len(s) - 1
    for i, ch in enumerate(s):
        if ch == "_" or unicodedata.category(ch)[0] in "LN":
            continue
        if 0 < i < last and ch in "-./":
            continue
        return True
    return False


_BOOL_LIKE = frozenset(["true", "y", "yes", "on", "false", "n", "no", "off", "null", "~"])
_GO_BOOLS = frozenset(["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false"])
_SPECIAL_FLOATS = frozenset([".inf", "-.inf", "+.inf", ".nan"])
_SEXAGESIMAL = re.compile(r"[+-]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_GO_FLOAT = re.compile(
    r"[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
    r"|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+"
    r"|[iI][nN][fF]([iI][nN][iI][tT][yY])?)"
    r"|[nN][aA][nN]"
)
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:(?:[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2}))"
    r"|(?: ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?))?"
)


def _type_ambiguous(s: str) -> bool:
    """kyaml's ``isTypeAmbiguous``: null, bool, int, float, sexagesimal or timestamp."""
    if s in _GO_BOOLS or s.lower() in _BOOL_LIKE or s.lower() in _SPECIAL_FLOATS:
        return True
    bare = s.replace("_", "")
    if GO_INT.fullmatch(bare):
        return _go_int_in_range(bare)
    if _GO_FLOAT.fullmatch(bare):
        return _go_float_in_range(bare)
    return bool(_SEXAGESIMAL.fullmatch(s)) or _is_timestamp(s)


def _go_int_in_range(s: str) -> bool:
    """``strconv.ParseInt(s, 0, 64)`` succeeds (kyaml ignores out-of-range numbers), or the
    same text reads as an in-range float."""
    body = s.lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        value = int(body[2:], {"x": 16, "o": 8, "b": 2}[body[1].lower()])
    elif len(body) > 1 and body[0] == "0":
        value = int(body, 8)
    else:
        value = int(body)
    if s.startswith("-"):
        value = -value
    return INT64_MIN <= value <= INT64_MAX or (
        _GO_FLOAT.fullmatch(s) is not None and _go_float_in_range(s)
    )


def _go_float_in_range(s: str) -> bool:
    """``strconv.ParseFloat(s, 64)`` succeeds: not an overflow to infinity."""
    try:
        value = float.fromhex(s) if "x" in s.lower() else float(s)
    except (ValueError, OverflowError):
        return False
    return value not in (float("inf"), float("-inf")) or "n" in s.lower()


def _is_timestamp(s: str) -> bool:
    """go-yaml's timestamp forms (date, date and time with zone, or space-separated)."""
    m = _TIMESTAMP.fullmatch(s)
    if not m:
        return False
    import calendar

    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    clock = m.group(4, 5, 6) if m[4] is not None else m.group(7, 8, 9)
    if clock[0] is None:
        return True
    hour, minute, second = (int(x) for x in clock)
    return hour < 24 and minute < 60 and second < 60
