"""Split the words of a partial command line into command, flags, arguments and the word
being completed, the way kctl's parser (click) will read the finished line."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kctl.completion.commands import Command, Flag


class Parsed:
    """What the words before the cursor say."""

    __slots__ = ("command", "args", "values", "pending", "to_complete", "dashdash")

    def __init__(self, command: Command, to_complete: str) -> None:
        self.command = command  # the deepest (sub)command named on the line
        self.args: list[str] = []  # positional arguments before the word being completed
        # flag long name ("--namespace") -> last value given; "true" for a flag without value
        self.values: dict[str, str] = {}
        self.pending: Flag | None = None  # a flag waiting for its value: the word is that value
        self.to_complete = to_complete
        self.dashdash = False  # "--" seen: everything after it is an argument

    def value(self, long_name: str) -> str | None:
        return self.values.get(long_name)


def parse(root: Command, words: list[str]) -> Parsed:
    """``words`` are the arguments after ``kctl``; the last one is the (possibly empty) word
    under the cursor."""
    before, to_complete = (words[:-1], words[-1]) if words else ([], "")
    parsed = Parsed(root, to_complete)
    i = 0
    while i < len(before):
        word = before[i]
        i += 1
        if parsed.dashdash:
            parsed.args.append(word)
            continue
        if word == "--":
            parsed.dashdash = True
            continue
        if word.startswith("-") and len(word) > 1:
            name, has_inline, inline = _split_flag(word)
            flag = parsed.command.flag(name)
            if flag is None:
                continue
            if not flag.takes_value:
                parsed.values[flag.long_name] = "true"
                continue
            if has_inline:
                parsed.values[flag.long_name] = inline
            elif i < len(before):
                parsed.values[flag.long_name] = before[i]
                i += 1
            else:
                parsed.pending = flag
            continue
        sub = parsed.command.commands.get(word)
        if sub is not None and not parsed.args:
            parsed.command = sub
            continue
        parsed.args.append(word)
    return parsed


def _split_flag(word: str) -> tuple[str, bool, str]:
    """``--namespace=x`` -> ("--namespace", True, "x"); ``-nx`` -> ("-n", True, "x")."""
    if word.startswith("--"):
        name, eq, value = word.partition("=")
        return name, bool(eq), value
    if len(word) > 2:
        value = word[2:]
        # pflag accepts "-n=x" as well as "-nx"
        return word[:2], True, value[1:] if value.startswith("=") else value
    return word, False, ""
