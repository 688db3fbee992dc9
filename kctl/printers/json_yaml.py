"""``-o json`` and ``-o yaml`` with kubectl's exact bytes.

JSON follows Go's ``json.MarshalIndent(obj, "", "    ")``: sorted keys, 4-space indent, HTML-safe
escaping of ``<``, ``>``, ``&`` and U+2028/U+2029, non-ASCII kept as UTF-8, Go's float format.

YAML follows sigs.k8s.io/yaml (JSON, then go-yaml v2): keys in go-yaml's "natural" order, block
style, list dashes level with their key, strings that YAML 1.1 would read as something else
double-quoted, multi-line strings as literal blocks, lines folded at 80 columns. The emitter is
libyaml's (through PyYAML), which go-yaml's emitter is a port of.

Both write a ``List`` item by item, so a big list is never held as one string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cmp_to_key
from typing import IO, Any

from kctl.printers.jsonpath_gofmt import format_float as go_float_g
from kctl.printers.jsonpath_gofmt import format_json_float as go_float_json  # noqa: F401 (API)
from kctl.printers.jsonpath_gofmt import go_json

# --------------------------------------------------------------------------- JSON


def dumps_json(value: Any, level: int = 0) -> str:
    """Go's MarshalIndent text for ``value`` (no trailing newline), nested ``level`` deep."""
    return go_json(value, "    ", level)


def write_json(out: IO[str], obj: Any) -> None:
    """One object, as ``kubectl get -o json`` prints it."""
    out.write(dumps_json(obj) + "\n")


def write_json_list(out: IO[str], items: Iterable[Any]) -> int:
    """kubectl's ``List`` wrapper, written item by item; returns the number of items."""
    count = 0
    for item in items:
        out.write(
            '{\n    "apiVersion": "v1",\n    "items": [\n        ' if count == 0 else ",\n        "
        )
        out.write(dumps_json(item, level=2))
        count += 1
    if count == 0:
        out.write('{\n    "apiVersion": "v1",\n    "items": [],\n')
    else:
        out.write("\n    ],\n")
    out.write('    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
    return count


# --------------------------------------------------------------------------- YAML

# go-yaml v2 reads these plain scalars as bool/null/float, so strings equal to them are quoted.
_RESOLVED_WORDS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "~",
        "null",
        "Null",
        "NULL",
        ".nan",
        ".NaN",
        ".NAN",
        ".inf",
        ".Inf",
        ".INF",
        "+.inf",
        "+.Inf",
        "+.INF",
        "-.inf",
        "-.Inf",
        "-.INF",
        "<<",
    ]
)
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# strconv.ParseInt(s, 0, 64) syntax (also kyaml's rule for keys)
GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$")
_TIMESTAMP = re.compile(
    r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?"
    r"(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$"
)


def _needs_quotes(s: str) -> bool:
    """True when go-yaml v2 would resolve plain ``s`` to a non-string (so it double-quotes it)."""
    if s == "":
        return True
    first = s[0]
    if s in _RESOLVED_WORDS:
        return True
    if first == ".":
        return _YAML_FLOAT.match(s) is not None
    if first in "+-0123456789":
        if _BASE60.match(s):
            return True
        if _TIMESTAMP.match(s):
            return True
        plain = s.replace("_", "")
        if GO_INT.match(plain) or _YAML_FLOAT.match(plain):
            return True
        if plain.startswith(("0b", "-0b")):
            return re.match(r"^-?0b[01]+$", plain) is not None
    return False


def go_float_yaml(value: float) -> str:
    """go-yaml's float scalar text."""
    text = go_float_g(value)
    return {"NaN": ".nan", "+Inf": ".inf", "-Inf": "-.inf"}.get(text, text)


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _go_yaml_key_less(a: str, b: str) -> bool:
    """go-yaml v2's map key order: digit runs compare as numbers, non-letters before letters."""
    digits = False
    n = min(len(a), len(b))
    for i in range(n):
        ca, cb = a[i], b[i]
        if ca == cb:
            digits = ca.isdigit()
            continue
        al, bl = _is_letter(ca), _is_letter(cb)
        if al and bl:
            return ca < cb
        if al or bl:
            return al if digits else bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + (ord(a[ai]) - 48)
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + (ord(b[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def _cmp(a: str, b: str) -> int:
    if _go_yaml_key_less(a, b):
        return -1
    if _go_yaml_key_less(b, a):
        return 1
    return 0


_KEY = cmp_to_key(_cmp)
_ASCII_LETTERS = re.compile(r"^[A-Za-z]*$")


def yaml_sorted_keys(keys: Iterable[str]) -> list[str]:
    """Keys in go-yaml v2's order (plain code point order when every key is ASCII letters)."""
    keys = list(keys)
    if all(_ASCII_LETTERS.match(k) for k in keys):
        return sorted(keys)
    return sorted(keys, key=_KEY)


def _yaml_events(value: Any) -> Iterator[Any]:
    import yaml

    scalar = yaml.ScalarEvent
    t = type(value)
    if t is dict:
        if not value:
            yield yaml.MappingStartEvent(None, None, True, flow_style=True)
            yield yaml.MappingEndEvent()
            return
        yield yaml.MappingStartEvent(None, None, True, flow_style=False)
        for key in yaml_sorted_keys(value):
            yield from _yaml_scalar_str(scalar, str(key))
            yield from _yaml_events(value[key])
        yield yaml.MappingEndEvent()
    elif t is list:
        yield yaml.SequenceStartEvent(None, None, True, flow_style=not value)
        for item in value:
            yield from _yaml_events(item)
        yield yaml.SequenceEndEvent()
    elif t is str:
        yield from _yaml_scalar_str(scalar, value)
    elif value is None:
        yield scalar(None, None, (True, True), "null")
    elif value is True:
        yield scalar(None, None, (True, True), "true")
    elif value is False:
        yield scalar(None, None, (True, True), "false")
    elif t is int:
        yield scalar(None, None, (True, True), int.__repr__(value))
    elif t is float:
        if value.is_integer() and abs(value) < 1e21:
            # JSON first: Go's encoder writes 3.0 as 3, which go-yaml then reads as an int
            yield scalar(None, None, (True, True), str(int(value)))
        else:
            yield scalar(None, None, (True, True), go_float_yaml(value))
    elif isinstance(value, dict):
        yield from _yaml_events(dict(value))
    elif isinstance(value, (list, tuple)):
        yield from _yaml_events(list(value))
    else:
        yield from _yaml_scalar_str(scalar, str(value))


def _yaml_scalar_str(scalar: Any, s: str) -> Iterator[Any]:
    if "\n" in s:
        style: str | None = "|"
    elif _needs_quotes(s):
        style = '"'
    else:
        style = None  # plain, or single quotes when the emitter finds plain unsafe
    yield scalar(None, None, (True, True), s, style=style)


def _emitter(out: IO[str]) -> Any:
    import yaml

    try:
        from yaml._yaml import CEmitter  # libyaml itself: the emitter go-yaml was ported from
    except ImportError:
        return yaml.emitter.Emitter(out, allow_unicode=True, width=80, indent=2)
    return CEmitter(out, allow_unicode=True, width=80, indent=2, encoding=None)


def _document(body: Iterable[Any]) -> Iterator[Any]:
    import yaml

    yield yaml.StreamStartEvent()
    yield yaml.DocumentStartEvent(explicit=False)
    yield from body
    yield yaml.DocumentEndEvent(explicit=False)
    yield yaml.StreamEndEvent()


def _emit(out: IO[str], events: Iterable[Any]) -> None:
    emitter = _emitter(out)
    for event in events:
        emitter.emit(event)


def dumps_yaml(value: Any) -> str:
    """sigs.k8s.io/yaml text for ``value``."""
    import io

    buf = io.StringIO()
    _emit(buf, _document(_yaml_events(value)))
    return buf.getvalue()


def write_yaml(out: IO[str], obj: Any) -> None:
    """One object, as ``kubectl get -o yaml`` prints it."""
    _emit(out, _document(_yaml_events(obj)))


def write_yaml_list(out: IO[str], items: Iterable[Any]) -> int:
    """kubectl's ``List`` wrapper in YAML, emitted item by item; returns the number of items."""
    counter = [0]
    _emit(out, _document(_list_events(items, counter)))
    return counter[0]


def _list_events(items: Iterable[Any], counter: list[int]) -> Iterator[Any]:
    import yaml

    scalar = yaml.ScalarEvent
    yield yaml.MappingStartEvent(None, None, True, flow_style=False)
    yield from _yaml_scalar_str(scalar, "apiVersion")
    yield from _yaml_scalar_str(scalar, "v1")
    yield from _yaml_scalar_str(scalar, "items")
    started = False
    for item in items:
        if not started:
            yield yaml.SequenceStartEvent(None, None, True, flow_style=False)
            started = True
        counter[0] += 1
        yield from _yaml_events(item)
    if not started:
        yield yaml.SequenceStartEvent(None, None, True, flow_style=True)
    yield yaml.SequenceEndEvent()
    yield from _yaml_scalar_str(scalar, "kind")
    yield from _yaml_scalar_str(scalar, "List")
    yield from _yaml_scalar_str(scalar, "metadata")
    yield from _yaml_events({"resourceVersion": ""})
    yield yaml.MappingEndEvent()


def strip_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop ``metadata.managedFields`` (kubectl does for json/yaml unless --show-managed-fields)."""
    meta = obj.get("metadata")
    if isinstance(meta, dict) and "managedFields" in meta:
        del meta["managedFields"]
    return obj
