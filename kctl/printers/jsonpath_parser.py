"""Parser for kubectl's JSONPath *template* dialect (client-go ``util/jsonpath``).

A template is literal text plus ``{...}`` actions. Each action becomes a ``ListNode`` of steps
that the evaluator applies left to right (field, index, filter, ...). ``{range X}`` and ``{end}``
are plain identifiers in that flat list; the evaluator gives them their meaning, exactly as
kubectl does, so a stray ``{end}`` is an *execution* error, not a parse error.

Errors are raised as ``ParseError`` with kubectl's cause texts (``unclosed action``,
``invalid array index x``, ...); ``jsonpath.parse`` wraps them in kubectl's full message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kctl.printers.jsonpath_gofmt import INT64_MAX, INT64_MIN


class ParseError(Exception):
    """A template that kubectl would reject; ``str()`` is kubectl's cause text."""


@dataclass
class ListNode:
    nodes: list[Node] = field(default_factory=list)


@dataclass
class TextNode:
    text: str


@dataclass
class FieldNode:
    name: str


@dataclass
class Param:
    known: bool = False
    value: int = 0
    derived: bool = False


@dataclass
class ArrayNode:
    params: tuple[Param, Param, Param]


@dataclass
class FilterNode:
    left: ListNode
    right: ListNode
    op: str
    # kctl extension: a boolean combination ("&&"/"||") of further filters, in order
    chain: list[tuple[str, FilterNode]] = field(default_factory=list)


@dataclass
class IntNode:
    value: int


@dataclass
class FloatNode:
    value: float


@dataclass
class BoolNode:
    value: bool


@dataclass
class WildcardNode:
    pass


@dataclass
class RecursiveNode:
    pass


@dataclass
class UnionNode:
    branches: list[ListNode]


@dataclass
class IdentifierNode:
    name: str


Node = (
    ListNode
    | TextNode
    | FieldNode
    | ArrayNode
    | FilterNode
    | IntNode
    | FloatNode
    | BoolNode
    | WildcardNode
    | RecursiveNode
    | UnionNode
    | IdentifierNode
)

# Go's regexp \d is ASCII-only; Python's is not, hence the explicit classes.
_DICT_KEY = re.compile(r"'([^']*)'")
_SLICE = re.compile(r"(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?")
_FILTER = re.compile(r"([^!<>=]+)([!<>=]+)(.+?)")
_FILTER_EXTENDED = re.compile(r"([^!<>=~]+)([!<>=~]+)(.+?)")
_GO_INT = re.compile(r"[+-]?[0-9]+")
_GO_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
_TERMINATORS = frozenset(" \t\r\n.,[]$@{}")


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def _is_alnum(ch: str | None) -> bool:
    if ch is None:
        return False
    return ch == "_" or unicodedata.category(ch)[0] == "L" or _is_digit(ch)


def _is_terminator(ch: str | None) -> bool:
    return ch is None or ch in _TERMINATORS


def _go_rune(ch: str) -> str:
    """``%#U``: ``U+007B '{'`` (the quoted glyph only when printable)."""
    from kctl.gostr import is_print

    code = f"U+{ord(ch):04X}"
    return f"{code} '{ch}'" if is_print(ch) else code


def _atoi(text: str) -> int | None:
    """Go's ``strconv.Atoi`` on a 64-bit platform: None when it fails."""
    if not _GO_INT.fullmatch(text):
        return None
    value = int(text)
    return value if INT64_MIN <= value <= INT64_MAX else None


class _Parser:
    def __init__(self, text: str, extensions: bool) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.width = 0
        self.extensions = extensions
        self.root = ListNode()

    # -- scanning primitives (positions are code points; kubectl's are bytes of UTF-8)
    def next(self) -> str | None:
        if self.pos >= len(self.input):
            self.width = 0
            return None
        self.width = 1
        self.pos += 1
        return self.input[self.pos - 1]

    def peek(self) -> str | None:
        return self.input[self.pos] if self.pos < len(self.input) else None

    def backup(self) -> None:
        self.pos -= self.width

    def consume(self) -> str:
        text = self.input[self.start : self.pos]
        self.start = self.pos
        return text

    def before(self, back: int) -> str:
        index = self.pos - back
        return self.input[index] if index >= 0 else ""

    # -- grammar
    def parse(self) -> ListNode:
        while True:
            brace = self.input.find("{", self.pos)
            if brace < 0:
                self.pos = len(self.input)
                if self.pos > self.start:
                    self.root.nodes.append(TextNode(self.consume()))
                return self.root
            self.pos = brace
            if self.pos > self.start:
                self.root.nodes.append(TextNode(self.consume()))
            self.pos += 1
            self.consume()
            action = ListNode()
            self.root.nodes.append(action)
            self.inside_action(action)

    def inside_action(self, cur: ListNode) -> None:
        """Parse steps until the closing brace (consumed)."""
        while True:
            rest = self.input[self.pos : self.pos + 3]
            if rest.startswith("}"):
                self.pos += 1
                self.consume()
                return
            if rest == "[?(":
                self.parse_filter(cur)
                continue
            if rest.startswith(".."):
                self.parse_recursive(cur)
                continue
            ch = self.next()
            if ch is None or ch in "\r\n":
                raise ParseError("unclosed action")
            if ch in " @$":
                self.consume()
            elif ch == "[":
                self.parse_array(cur)
            elif ch in "\"'":
                self.parse_quote(cur, ch)
            elif ch == ".":
                self.parse_field(cur)
            elif ch in "+-" or _is_digit(ch):
                self.backup()
                self.parse_number(cur)
            elif _is_alnum(ch):
                self.backup()
                self.parse_identifier(cur)
            else:
                raise ParseError(f"unrecognized character in action: {_go_rune(ch)}")

    def parse_identifier(self, cur: ListNode) -> None:
        while True:
            if _is_terminator(self.next()):
                self.backup()
                break
        value = self.consume()
        if value in ("true", "false"):
            cur.nodes.append(BoolNode(value == "true"))
        else:
            cur.nodes.append(IdentifierNode(value))

    def parse_recursive(self, cur: ListNode) -> None:
        if cur.nodes and isinstance(cur.nodes[-1], RecursiveNode):
            raise ParseError("invalid multiple recursive descent")
        self.pos += 2
        self.consume()
        cur.nodes.append(RecursiveNode())
        if _is_alnum(self.peek()):
            self.parse_field(cur)

    def parse_number(self, cur: ListNode) -> None:
        if self.peek() in ("+", "-"):
            self.next()
        while True:
            ch = self.next()
            if ch is None or (ch != "." and not _is_digit(ch)):
                self.backup()
                break
        value = self.consume()
        as_int = _atoi(value)
        if as_int is not None:
            cur.nodes.append(IntNode(as_int))
            return
        if _GO_FLOAT.fullmatch(value):
            as_float = float(value)
            if as_float not in (float("inf"), float("-inf")):
                cur.nodes.append(FloatNode(as_float))
                return
        raise ParseError(f"cannot parse number {value}")

    def parse_array(self, cur: ListNode) -> None:
        while True:
            ch = self.next()
            if ch is None or ch == "\n":
                raise ParseError("unterminated array")
            if ch == "]":
                break
        text = self.consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            branches = [self.sub_action(f"[{part.strip(' ')}]") for part in parts]
            cur.nodes.append(UnionNode(branches))
            return
        key = _DICT_KEY.fullmatch(text)
        if key:
            # kubectl re-parses the key as a dotted path: ['a.b'] means .a.b
            cur.nodes.extend(self.sub_action("." + key.group(1)).nodes)
            return
        match = _SLICE.fullmatch(text)
        if not match:
            raise ParseError(f"invalid array index {text}")
        groups = [match.group(1) or "", match.group(2) or "", match.group(3) or ""]
        params = (Param(), Param(), Param())
        for i in range(3):
            raw = groups[i]
            if raw:
                if i > 0:
                    raw = raw[1:]
                if i > 0 and raw == "":
                    params[i].known = False
                else:
                    number = _atoi(raw)
                    if number is None:
                        raise ParseError(f"array index {raw} is not a number")
                    params[i].known = True
                    params[i].value = number
            elif i == 1:
                params[1].known = True
                params[1].value = params[0].value + 1
                params[1].derived = True
        cur.nodes.append(ArrayNode(params))

    def parse_filter(self, cur: ListNode) -> None:
        self.pos += 3
        self.consume()
        begin = end = False
        pair = ""
        while True:
            ch = self.next()
            if ch is None or ch == "\n":
                raise ParseError("unterminated filter")
            if ch in "\"'" and self.extensions:
                # several quoted operands: track each string, not just the first
                if not pair:
                    pair = ch
                elif ch == pair and self.before(2) != "\\":
                    pair = ""
                begin, end = True, not pair
            elif ch in "\"'":
                if not begin:
                    begin = True
                    pair = ch
                    continue
                if self.before(2) != "\\" and ch == pair:
                    end = True
            elif ch == ")" and begin == end:
                break
        if self.next() != "]":
            raise ParseError("unclosed array expect ]")
        text = self.consume()[:-2]
        if self.extensions:
            cur.nodes.append(self.extended_filter(text))
            return
        cur.nodes.append(self.simple_filter(text))

    def simple_filter(self, text: str) -> FilterNode:
        match = (_FILTER_EXTENDED if self.extensions else _FILTER).fullmatch(text)
        if match is None:
            return FilterNode(self.sub_action(text), ListNode(), "exists")
        left = self.sub_action(match.group(1))
        right = self.sub_action(match.group(3))
        return FilterNode(left, right, match.group(2))

    def extended_filter(self, text: str) -> FilterNode:
        """kctl extension: ``a && b || c`` (left to right, no precedence) and ``=~``."""
        parts = _split_logical(text)
        first = self.simple_filter(parts[0][1])
        for op, piece in parts[1:]:
            first.chain.append((op, self.simple_filter(piece)))
        return first

    def parse_quote(self, cur: ListNode, quote: str) -> None:
        while True:
            ch = self.next()
            if ch is None or ch == "\n":
                raise ParseError("unterminated quoted string")
            if ch == quote and self.before(2) != "\\":
                break
        value = self.consume()
        try:
            text = unquote_extend(value)
        except ValueError:
            raise ParseError(f"unquote string {value} error invalid syntax") from None
        cur.nodes.append(TextNode(text))

    def parse_field(self, cur: ListNode) -> None:
        self.consume()
        while True:
            ch = self.next()
            if ch == "\\":
                self.next()
            elif _is_terminator(ch):
                self.backup()
                break
        value = self.consume()
        if value == "*":
            cur.nodes.append(WildcardNode())
        else:
            cur.nodes.append(FieldNode(value.replace("\\", "")))

    def sub_action(self, text: str) -> ListNode:
        """kubectl's ``parseAction``: parse ``{text}`` on its own, keep its first action."""
        inner = _Parser("{" + text + "}", self.extensions).parse()
        first = inner.nodes[0]
        assert isinstance(first, ListNode)
        return first


def _split_logical(text: str) -> list[tuple[str, str]]:
    """Split a filter body on ``&&``/``||`` outside quotes: [("", a), ("&&", b), ...]."""
    parts: list[tuple[str, str]] = []
    op = ""
    quote = ""
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif text.startswith(("&&", "||"), i):
            parts.append((op, text[start:i]))
            op = text[i : i + 2]
            start = i + 2
            i += 2
            continue
        i += 1
    parts.append((op, text[start:]))
    return parts


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def unquote_extend(text: str) -> str:
    """Go's ``strconv.Unquote`` rules for ``"..."`` and (kubectl's extension) ``'...'``.

    ``\\x`` and octal escapes yield raw bytes; bytes that are not UTF-8 become U+FFFD.
    Raises ValueError for what Go calls "invalid syntax".
    """
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "\"'":
        raise ValueError("invalid syntax")
    quote = text[0]
    body = text[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == quote:
            raise ValueError("invalid syntax")
        if ch != "\\":
            out += ch.encode("utf-8", "surrogatepass")
            i += 1
            continue
        if i + 1 >= len(body):
            raise ValueError("invalid syntax")
        esc = body[i + 1]
        i += 2
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
        elif esc in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i : i + size]
            if len(digits) < size or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise ValueError("invalid syntax")
            i += size
            code = int(digits, 16)
            if esc == "x":
                out.append(code)
            elif code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise ValueError("invalid syntax")
            else:
                out += chr(code).encode("utf-8")
        elif esc in "01234567":
            digits = body[i : i + 2]
            if len(digits) < 2 or not all(c in "01234567" for c in digits):
                raise ValueError("invalid syntax")
            i += 2
            code = int(esc + digits, 8)
            if code > 255:
                raise ValueError("invalid syntax")
            out.append(code)
        elif esc in "'\"":
            if esc != quote:
                raise ValueError("invalid syntax")
            out.append(ord(esc))
        else:
            raise ValueError("invalid syntax")
    return out.decode("utf-8", "replace")


def parse_template(text: str, *, extensions: bool = False) -> ListNode:
    """Parse a whole template into its root list (text nodes and action lists)."""
    try:
        return _Parser(text, extensions).parse()
    except RecursionError:
        raise ParseError("template nested too deeply") from None
