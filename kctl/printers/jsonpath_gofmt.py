"""Render JSON values the way Go renders the same values inside kubectl.

kubectl's template engine works on decoded JSON (``map[string]interface{}``, ``[]interface{}``,
``int64``, ``float64``, ``string``, ``bool``, ``nil``) and prints it through Go's ``fmt`` and
``encoding/json``. Scripts compare that output byte for byte, so kctl reproduces the rules:
``%v`` (``fmt.Sprint``), ``%#v`` (the debug dump in error messages), ``%q`` and
``json.Marshal`` (compact, sorted keys, HTML-safe escapes) / ``json.MarshalIndent``.

This is kctl's one copy of those rules: ``-o json`` (``json_yaml.dumps_json``), go-yaml's float
text and Table cells (``fmt.Sprint``) use it too.
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring as _json_str
from typing import Any

from kctl.gostr import go_quote

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class GoByte(int):
    """A ``uint8``: what Go yields when a string is indexed (``{.name.*}`` walks its bytes)."""


def as_go_number(value: Any) -> Any:
    """Integers beyond int64 decode as float64 in Go's JSON decoder."""
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
        return float(value)
    return value


def go_type_name(value: Any) -> str:
    """The Go type name ``reflect.Type.String()`` gives for a decoded JSON value."""
    value = as_go_number(value)
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, GoByte):
        return "uint8"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    return "interface {}"


def format_float(value: float) -> str:
    """Go's ``%v`` for a float64 (``strconv.FormatFloat(f, 'g', -1, 64)``); go-yaml's float
    text too."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    from decimal import Decimal

    sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    point = len(digit_tuple) + int(exponent)  # position of the decimal point in `digits`
    exp = point - 1
    neg = "-" if sign else ""
    if exp < -4 or exp >= 6:  # shortest formatting decides with precision 6
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{neg}{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{neg}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return neg + digits + "0" * (point - len(digits))
    return f"{neg}{digits[:point]}.{digits[point:]}"


def format_json_float(value: float) -> str:
    """``encoding/json``'s float64: plain in [1e-6, 1e21), else ``1e-7`` / ``1e+21`` style."""
    if value != value or value in (float("inf"), float("-inf")):
        return format_float(value)  # not JSON at all (Go refuses); never from a server
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    text = repr(value)
    if 1e-6 <= abs(value) < 1e21:
        if "e" in text:
            from decimal import Decimal

            text = format(Decimal(text), "f")
        return text[:-2] if text.endswith(".0") else text
    # exponent form: Go writes e-7 / e+21 (at least one exponent digit, no padding)
    mant, _, exp = text.partition("e")
    if mant.endswith(".0"):
        mant = mant[:-2]
    sign = "-" if exp.startswith("-") else "+"
    return f"{mant}e{sign}{int(exp.lstrip('+-'))}"


def sprint(value: Any) -> str:
    """``fmt.Sprint(v)`` (``%v``) for a decoded JSON value."""
    value = as_go_number(value)
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        items = " ".join(f"{k}:{sprint(value[k])}" for k in sorted(value))
        return f"map[{items}]"
    if isinstance(value, list):
        return "[" + " ".join(sprint(v) for v in value) + "]"
    return str(value)


def go_sharp_v(value: Any) -> str:
    """``%#v`` of a decoded JSON value, as in kubectl's "object given to jsonpath engine was"."""
    value = as_go_number(value)
    if value is None:
        return "interface {}(nil)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, GoByte):
        return f"0x{int(value):x}"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict):
        items = ", ".join(f"{go_quote(k)}:{go_sharp_v(value[k])}" for k in sorted(value))
        return "map[string]interface {}{" + items + "}"
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(go_sharp_v(v) for v in value) + "}"
    return repr(value)


def _encode(value: Any, parts: list[str], newline: str, indent: str, colon: str) -> None:
    """Append ``value``'s JSON text to ``parts``; ``newline`` is the line break plus the
    current depth's indent ("" when compact)."""
    t = type(value)
    if t is str:
        parts.append(_json_str(value))
    elif t is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + indent
        sep = "{" + inner
        for key in sorted(value):
            parts.append(sep)
            parts.append(_json_str(key))
            parts.append(colon)
            _encode(value[key], parts, inner, indent, colon)
            sep = "," + inner
        parts.append(newline + "}")
    elif t is list:
        if not value:
            parts.append("[]")
            return
        inner = newline + indent
        sep = "[" + inner
        for item in value:
            parts.append(sep)
            _encode(item, parts, inner, indent, colon)
            sep = "," + inner
        parts.append(newline + "]")
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif t is int and INT64_MIN <= value <= INT64_MAX:
        parts.append(int.__repr__(value))
    elif t is float:
        parts.append(format_json_float(value))
    elif isinstance(value, dict):
        _encode(dict(value), parts, newline, indent, colon)
    elif isinstance(value, (list, tuple)):
        _encode(list(value), parts, newline, indent, colon)
    elif isinstance(value, int):
        number = as_go_number(int(value))  # beyond int64: a float64, as Go decodes it
        parts.append(format_json_float(number) if type(number) is float else str(number))
    elif isinstance(value, float):
        parts.append(format_json_float(float(value)))
    else:
        parts.append(_json_str(str(value)))


# Compiled on first use (re caches it): tables print no JSON.
_SURROGATE = "[\ud800-\udfff]"


def _go_escape(text: str) -> str:
    # <, >, & and U+2028/9 never occur outside string literals in JSON text, so replacing them
    # in the whole output escapes exactly the characters Go escapes inside strings.
    if "<" in text:
        text = text.replace("<", "\\u003c")
    if ">" in text:
        text = text.replace(">", "\\u003e")
    if "&" in text:
        text = text.replace("&", "\\u0026")
    if text.isascii():
        return text
    if "\u2028" in text:
        text = text.replace("\u2028", "\\u2028")
    if "\u2029" in text:
        text = text.replace("\u2029", "\\u2029")
    surrogate = re.compile(_SURROGATE)
    if surrogate.search(text):
        # a lone surrogate stands for invalid UTF-8, which Go's encoder writes as U+FFFD
        text = surrogate.sub("\\\\ufffd", text)
    return text


def go_json(value: Any, indent: str | None = None, level: int = 0) -> str:
    """``json.Marshal`` (indent None) or ``json.MarshalIndent(v, "", indent)``; ``level``
    starts the indented text that deep (no leading indent, no trailing newline)."""
    parts: list[str] = []
    if indent is None:
        _encode(value, parts, "", "", ":")
    else:
        _encode(value, parts, "\n" + indent * level, indent, ": ")
    return _go_escape("".join(parts))
