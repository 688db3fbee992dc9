"""Render JSON values the way Go renders the same values inside kubectl.

kubectl's template engine works on decoded JSON (``map[string]interface{}``, ``[]interface{}``,
``int64``, ``float64``, ``string``, ``bool``, ``nil``) and prints it through Go's ``fmt`` and
``encoding/json``. Scripts compare that output byte for byte, so kctl reproduces the rules:
``%v`` (``fmt.Sprint``), ``%#v`` (the debug dump in error messages), ``%q`` and
``json.Marshal`` (compact, sorted keys, HTML-safe escapes) / ``json.MarshalIndent``.
"""

from __future__ import annotations

from typing import Any

from kctl.gostr import go_quote

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class GoByte(int):
    """A ``uint8``: what Go yields when a string is indexed (``{.name.*}`` walks its bytes)."""


def is_int(value: Any) -> bool:
    """An ``int64`` in Go terms (JSON integers that fit; bools excluded)."""
    return type(value) is int and INT64_MIN <= value <= INT64_MAX


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


def _shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip digits and the decimal exponent of the first: 1234.5 -> ("12345", 3)."""
    from decimal import Decimal

    sign_digits_exp = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(str(d) for d in sign_digits_exp.digits)
    exponent = int(sign_digits_exp.exponent)
    return digits, len(digits) - 1 + exponent


def _exp_form(digits: str, exponent: int, min_exp_digits: int) -> str:
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    sign = "-" if exponent < 0 else "+"
    return f"{mantissa}e{sign}{abs(exponent):0{min_exp_digits}d}"


def _plain_form(digits: str, exponent: int) -> str:
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits
    if exponent + 1 >= len(digits):
        return digits + "0" * (exponent + 1 - len(digits))
    return digits[: exponent + 1] + "." + digits[exponent + 1 :]


def format_float(value: float) -> str:
    """Go's ``%v`` for a float64 (``strconv.FormatFloat(f, 'g', -1, 64)``)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if str(value).startswith("-") else ""
    if value == 0:
        return sign + "0"
    digits, exponent = _shortest_digits(value)
    if exponent < -4 or exponent >= 6:
        # %g with the shortest precision: Go switches to %e from exponent 6 (1e+06)
        return sign + _exp_form(digits, exponent, 2)
    return sign + _plain_form(digits, exponent)


def format_json_float(value: float) -> str:
    """``encoding/json``'s float64: plain unless < 1e-6 or >= 1e21, then ``1e-7`` style."""
    if value != value or value in (float("inf"), float("-inf")):
        return format_float(value)  # not JSON at all (Go refuses); never from a server
    sign = "-" if str(value).startswith("-") else ""
    if value == 0:
        return sign + "0"
    digits, exponent = _shortest_digits(value)
    if abs(value) < 1e-6 or abs(value) >= 1e21:
        return sign + _exp_form(digits, exponent, 1 if exponent < 0 else 2)
    return sign + _plain_form(digits, exponent)


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


def go_sharp_v(value: Any, *, in_interface: bool = False) -> str:
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


def _json_string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "<>&" or ch in "\u2028\u2029":
            out.append(f"\\u{code:04x}")
        elif code < 0x20:
            out.append(_JSON_SHORT.get(ch, f"\\u{code:04x}"))
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")  # invalid UTF-8 becomes U+FFFD in Go's encoder
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_JSON_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def go_json(value: Any, indent: str | None = None, _level: int = 0) -> str:
    """``json.Marshal`` (indent None) or ``json.MarshalIndent(v, "", indent)``."""
    value = as_go_number(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return format_json_float(value)
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        keys = sorted(value)
        if indent is None:
            return "{" + ",".join(f"{_json_string(k)}:{go_json(value[k])}" for k in keys) + "}"
        inner = "\n" + indent * (_level + 1)
        parts = [f"{_json_string(k)}: {go_json(value[k], indent, _level + 1)}" for k in keys]
        return "{" + inner + ("," + inner).join(parts) + "\n" + indent * _level + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if indent is None:
            return "[" + ",".join(go_json(v) for v in value) + "]"
        inner = "\n" + indent * (_level + 1)
        parts = [go_json(v, indent, _level + 1) for v in value]
        return "[" + inner + ("," + inner).join(parts) + "\n" + indent * _level + "]"
    return _json_string(str(value))
