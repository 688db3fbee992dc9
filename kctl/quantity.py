"""Kubernetes resource quantities (``100m``, ``1.5Gi``, ``2e3``) parsed for comparison.

Follows apimachinery's ``resource.ParseQuantity``: an optional sign, digits with an optional
fraction, then a suffix that is binary (``Ki``..``Ei``), decimal SI (``n u m k M G T P E``) or
an exponent (``e3``, ``E-2``). Values are exact ``Decimal``s, rounded up to the nano unit
like the apiserver does, binary ones capped at 2^63-1. Note the permissive corners kubectl
inherits: ``-``, ``.``, ``m`` or ``Ki`` alone parse as zero.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")
_DIGITS = frozenset("0123456789")
_MAX_BINARY = Decimal(2**63 - 1)
_NANO = Decimal("1e-9")


class QuantityError(ValueError):
    """Not a quantity (kubectl then falls back to comparing the text)."""


def _split(text: str) -> tuple[bool, str, str, str]:
    """(positive, integer digits, fraction digits, suffix) as apimachinery scans it."""
    positive = True
    pos = 0
    end = len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return positive, "0", "", ""
    num_start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    num = text[num_start:pos] or "0"
    denom = ""
    if pos < end and text[pos] == ".":
        pos += 1
        denom_start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[denom_start:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise QuantityError(text)
    return positive, num, denom, text[suffix_start:]


def parse_quantity(text: str) -> Decimal:
    """The exact value of a quantity string; QuantityError if kubectl would not parse it."""
    if not text:
        raise QuantityError(text)
    if text == "0":
        return Decimal(0)
    positive, num, denom, suffix = _split(text)
    base, exponent = 10, 0
    if suffix in _BINARY:
        base, exponent = 2, _BINARY[suffix]
    elif suffix in _DECIMAL:
        exponent = _DECIMAL[suffix]
    elif len(suffix) > 1 and suffix[0] in "eE":
        digits = suffix[1:]
        body = digits[1:] if digits[:1] in ("+", "-") else digits
        if not body or not set(body) <= _DIGITS:
            raise QuantityError(text)
        exponent = int(digits)
        if not -(2**63) <= exponent < 2**63:
            raise QuantityError(text)
        # apimachinery keeps the exponent in an int32
        exponent = (exponent + 2**31) % 2**32 - 2**31
    else:
        raise QuantityError(text)
    context = decimal.Context(prec=len(num) + len(denom) + 40, Emax=10**9, Emin=-(10**9))
    amount = Decimal(f"{num}.{denom}" if denom else num)
    if base == 10:
        amount = amount.scaleb(exponent, context)
    else:
        amount = context.multiply(amount, Decimal(2**exponent))
    # non-zero amounts are rounded up (away from zero) to whole nano units
    if amount and amount.as_tuple().exponent < -9:  # type: ignore[operator]
        amount = amount.quantize(_NANO, rounding=decimal.ROUND_UP, context=context)
    if base == 2 and amount > _MAX_BINARY:
        amount = _MAX_BINARY
    return amount if positive else -amount
