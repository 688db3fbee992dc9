"""Split the words of a partial command line into command, flags, arguments and the word
being completed, with the rules the finished line will be parsed by (``kctl.pflag``: cobra's
command finder, then pflag, leniently: a TAB must work on a line with mistakes in it)."""

from __future__ import annotations

from kctl import pflag
from kctl.globalflags import GLOBAL_FLAGS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from kctl.completion.commands import Command, Flag

# the global flags that add up (stringArray) instead of keeping the last value
_ARRAYS = frozenset(flag.long for flag in GLOBAL_FLAGS if flag.kind == "array")


class Parsed:
    """What the words before the cursor say."""

    __slots__ = ("command", "args", "values", "pending", "to_complete", "dashdash")

    def __init__(self, command: Command, to_complete: str) -> None:
        self.command = command  # the deepest (sub)command named on the line
        self.args: list[str] = []  # positional arguments before the word being completed
        # long name without dashes -> the parsed value (last one wins; a list for stringArray)
        self.values: dict[str, Any] = {}
        self.pending: Flag | None = None  # a flag waiting for its value: the word is that value
        self.to_complete = to_complete
        self.dashdash = False  # "--" seen: everything after it is an argument

    def value(self, long_name: str) -> Any:
        """The value of ``--long-name`` (None when not on the line)."""
        return self.values.get(long_name.lstrip("-"))


def parse(root: Command, words: list[str]) -> Parsed:
    """``words`` are the arguments after ``kctl``; the last one is the (possibly empty) word
    under the cursor."""
    before, to_complete = (words[:-1], words[-1]) if words else ([], "")
    command, rest = find(root, before)
    result = pflag.parse(command, rest, strict=False)
    parsed = Parsed(command, to_complete)
    parsed.args = result.args
    parsed.dashdash = result.dash_at is not None
    if result.pending is not None:
        parsed.pending = result.pending.key
    for flag, value in result.values:
        if flag.long in _ARRAYS:
            parsed.values.setdefault(flag.long, []).append(value)
        else:
            parsed.values[flag.long] = value
    return parsed


def find(root: Command, args: list[str]) -> tuple[Command, list[str]]:
    """cobra's ``Find``: the deepest command named on the line, and the words left for it."""
    command = root
    while command.commands:
        words = pflag.strip_flags(command, args)
        sub = command.commands.get(words[0]) if words else None
        if sub is None:
            break
        args = pflag.without_word(command, args, words[0])
        command = sub
    return command, args
