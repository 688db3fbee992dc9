"""kubectl's command-line syntax (spf13/pflag + cobra's command finder), over plain data.

One copy of the rules, used by the click commands (``kctl.cli.parsing`` feeds the result to
click) and by shell completion (which must not import click). Standard library only.

The rules (pflag v1.0.9 ``parseArgs``): ``--name=value``, ``--name value``, bools take a value
only after ``=``; ``-n value``, ``-nvalue``, ``-n=value``; shorthands group (``-Aoname``), a
bool letter never takes the next token; ``--`` ends the flags; flags and positionals interleave;
``_`` in a long name means ``-``. Errors carry pflag's exact texts.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, Protocol

    class Flags(Protocol):
        """What the parser asks of a command's flags (``FlagSet``, or completion's lazily
        built view of its command table)."""

        def lookup(self, long: str) -> Flag | None: ...

        def short(self, letter: str) -> Flag | None: ...


class FlagError(Exception):
    """A command line kubectl would reject while parsing flags (its exact text)."""


class Flag:
    """One flag: ``long`` without dashes, an optional one-letter ``short``, and ``no_opt``:
    pflag's NoOptDefVal, the value a bare ``--flag`` means (``"true"`` for bools, ``None`` when
    the flag needs a value)."""

    __slots__ = ("long", "short", "no_opt", "set", "key")

    def __init__(
        self,
        long: str,
        short: str = "",
        no_opt: str | None = None,
        set: Callable[[str], Any] | None = None,
        key: Any = None,
    ) -> None:
        self.long = long
        self.short = short
        self.no_opt = no_opt
        # parses one value, raising ValueError(<Go's cause text>); None keeps the string
        self.set = set
        self.key = key  # what the caller maps this flag to (a click parameter, a table entry)

    @property
    def display(self) -> str:
        """The name in pflag's value errors: ``-A, --all-namespaces`` or ``--chunk-size``."""
        return f"-{self.short}, --{self.long}" if self.short else f"--{self.long}"

    @property
    def is_bool(self) -> bool:
        return self.no_opt is not None


class FlagSet:
    """The flags one command accepts (its own plus the global ones)."""

    def __init__(self, flags: Iterable[Flag]) -> None:
        self.flags = list(flags)
        self.by_long = {f.long: f for f in self.flags}
        self.by_short = {f.short: f for f in self.flags if f.short}

    def lookup(self, long: str) -> Flag | None:
        """The flag for ``--long``; ``_`` and ``-`` are the same (kubectl's
        WordSepNormalizeFunc, applied silently)."""
        return self.by_long.get(normalize(long))

    def short(self, letter: str) -> Flag | None:
        """The flag for ``-letter``."""
        return self.by_short.get(letter)


def normalize(name: str) -> str:
    return name.replace("_", "-")


class Parsed:
    """The outcome of one parse: ``(flag, value)`` in command-line order, the positionals, and
    for lenient (completion) parses the flag still waiting for its value."""

    __slots__ = ("values", "args", "dash_at", "pending")

    def __init__(self) -> None:
        self.values: list[tuple[Flag, Any]] = []
        self.args: list[str] = []
        self.dash_at: int | None = None  # len(args) when ``--`` was seen (cobra's ArgsLenAtDash)
        self.pending: Flag | None = None


def parse(flags: Flags, args: Sequence[str], strict: bool = True) -> Parsed:
    """Parse ``args`` as pflag does. ``strict=False`` (completion) skips unknown flags and
    leaves a trailing value-less flag in ``pending`` instead of raising ``FlagError``."""
    out = Parsed()
    rest = list(args)
    while rest:
        s = rest.pop(0)
        if len(s) < 2 or s[0] != "-":
            out.args.append(s)
        elif s == "--":
            out.dash_at = len(out.args)
            out.args.extend(rest)
            break
        elif s[1] == "-":
            rest = _long(flags, s, rest, out, strict)
        else:
            letters = s[1:]
            while letters:
                letters, rest = _short(flags, letters, rest, out, strict)
    return out


def _long(flags: Flags, s: str, rest: list[str], out: Parsed, strict: bool) -> list[str]:
    name = s[2:]
    if not name or name[0] in "-=":
        if strict:
            raise FlagError(f"bad flag syntax: {s}")
        return rest
    name, eq, inline = name.partition("=")
    flag = flags.lookup(name)
    if flag is None:
        if strict:
            raise FlagError(f"unknown flag: --{name}")
        return rest
    if eq:
        value = inline
    elif flag.no_opt is not None:
        value = flag.no_opt
    elif rest:
        value = rest.pop(0)
    elif strict:
        raise FlagError(f"flag needs an argument: {s}")
    else:
        out.pending = flag
        return rest
    _set(flag, value, out, strict)
    return rest


def _short(
    flags: Flags, letters: str, rest: list[str], out: Parsed, strict: bool
) -> tuple[str, list[str]]:
    """One letter of a shorthand group; returns the letters left and the arguments left."""
    c, more = letters[0], letters[1:]
    flag = flags.short(c)
    if flag is None:
        if strict:
            raise FlagError(f"unknown shorthand flag: '{c}' in -{letters}")
        return "", rest
    if len(letters) > 2 and letters[1] == "=":  # -n=value: the group ends
        value, more = letters[2:], ""
    elif flag.no_opt is not None:  # a bool letter never takes a value of its own
        value = flag.no_opt
    elif more:  # -nvalue
        value, more = more, ""
    elif rest:  # -n value (even "-o": pflag takes it)
        value = rest.pop(0)
    elif strict:
        raise FlagError(f"flag needs an argument: '{c}' in -{letters}")
    else:
        out.pending = flag
        return "", rest
    _set(flag, value, out, strict)
    return more, rest


def _set(flag: Flag, value: str, out: Parsed, strict: bool) -> None:
    parsed: Any = value
    if flag.set is not None:
        try:
            parsed = flag.set(value)
        except ValueError as exc:
            if not strict:
                return  # a TAB on a line with a bad value: the value counts as not given
            raise FlagError(
                f"invalid argument {_quote(value)} for {_quote(flag.display)} flag: {exc}"
            ) from None
    out.values.append((flag, parsed))


def _quote(text: str) -> str:
    from kctl.gostr import go_quote

    return go_quote(text)


# --------------------------------------------------------------------- cobra's command finder


def strip_flags(flags: Flags, args: Sequence[str]) -> list[str]:
    """The words cobra's ``Find`` takes for command names (cobra ``stripFlags``): a
    ``--name``/``-x`` without ``=`` that is not a bool is assumed to take the next word."""
    words: list[str] = []
    i = 0
    while i < len(args):
        s = args[i]
        i += 1
        if s == "--":
            break
        if _swallows_next(flags, s):
            if i >= len(args):  # cobra: the value would be the last word; stop looking
                break
            i += 1
        elif s and not s.startswith("-"):
            words.append(s)
    return words


def without_word(flags: Flags, args: Sequence[str], word: str) -> list[str]:
    """``args`` without the first ``word`` that is not a flag's value (cobra
    ``argsMinusFirstX``)."""
    i = 0
    while i < len(args):
        s = args[i]
        if s == "--":
            break
        if _swallows_next(flags, s):
            i += 2
            continue
        if not s.startswith("-") and s == word:
            return [*args[:i], *args[i + 1 :]]
        i += 1
    return list(args)


def _swallows_next(flags: Flags, s: str) -> bool:
    if "=" in s:
        return False
    if s.startswith("--"):
        flag = flags.lookup(s[2:])
        return flag is None or not flag.is_bool
    if s.startswith("-") and len(s) == 2:
        flag = flags.short(s[1])
        return flag is None or not flag.is_bool
    return False


# ------------------------------------------------------------------------ Go's value parsers

_TRUE = frozenset(("1", "t", "T", "TRUE", "true", "True"))
_FALSE = frozenset(("0", "f", "F", "FALSE", "false", "False"))


def parse_bool(text: str) -> bool:
    """``strconv.ParseBool``: the exact spellings only."""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"strconv.ParseBool: parsing {_quote(text)}: invalid syntax")


# what strconv.ParseInt can accept after the sign (no spaces, no non-ASCII digits); a set, not
# a regex: completion imports this module and re costs it milliseconds
_INT_CHARS = frozenset("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def parse_int(text: str, bits: int = 64, base: int = 0) -> int:
    """``strconv.ParseInt(text, base, bits)`` for base 0 (``0x``/``0o``/``0b``, a leading
    ``0`` means octal, ``_`` between digits) or base 10."""
    body = text[1:] if text[:1] in "+-" else text
    value: int | None = None
    if body and all(c in _INT_CHARS for c in body):
        if base == 0 and len(body) > 1 and body[0] == "0" and body[1] not in "xXoObB":
            body = "0o" + body[1:]  # Go: a leading 0 is the octal prefix
        try:
            value = int(body, base)
        except ValueError:
            value = None
        if base == 10 and "_" in body:
            value = None  # Go allows underscores only with base 0
    if value is None:
        raise ValueError(f"strconv.ParseInt: parsing {_quote(text)}: invalid syntax")
    value = -value if text.startswith("-") else value
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise ValueError(f"strconv.ParseInt: parsing {_quote(text)}: value out of range")
    return value


def parse_level(text: str) -> int:
    """klog's ``-v`` level: ``strconv.ParseInt(text, 10, 32)``."""
    return parse_int(text, bits=32, base=10)


def read_csv(text: str) -> list[str]:
    """One stringSlice value: a line of Go's ``encoding/csv`` (quotes, ``""`` escapes), with
    its error texts; ``""`` is no value at all."""
    if text == "":
        return []
    fields: list[str] = []
    raw = text.encode()
    pos = 0  # byte offset of the field being read
    while True:
        if raw[pos : pos + 1] != b'"':
            end = raw.find(b",", pos)
            field = raw[pos:] if end == -1 else raw[pos:end]
            quote = field.find(b'"')
            if quote != -1:
                raise ValueError(_csv_error(pos + quote + 1, 'bare " in non-quoted-field'))
            fields.append(field.decode())
            if end == -1:
                return fields
            pos = end + 1
            continue
        buf = bytearray()
        i = pos + 1
        while True:
            q = raw.find(b'"', i)
            if q == -1:  # no closing quote before the end of the line
                raise ValueError(_csv_error(len(raw) + 1, _CSV_QUOTE))
            buf += raw[i:q]
            after = raw[q + 1 : q + 2]
            if after == b'"':
                buf += b'"'
                i = q + 2
            elif after == b",":
                fields.append(buf.decode())
                pos = q + 2
                break
            elif after == b"":
                fields.append(buf.decode())
                return fields
            else:
                raise ValueError(_csv_error(q + 1, _CSV_QUOTE))


_CSV_QUOTE = 'extraneous or missing " in quoted-field'


def _csv_error(column: int, what: str) -> str:
    return f"parse error on line 1, column {column}: {what}"
