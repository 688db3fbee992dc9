"""The command tree as the completion engine sees it (parsed from ``commands_table.py``).

Plain classes, not dataclasses: ``dataclasses`` and ``typing`` cost 10-15 ms to import, more
than the whole rest of a TAB.
"""

from __future__ import annotations

from kctl import pflag
from kctl.globalflags import GLOBAL_FLAGS

TYPE_CHECKING = False  # mypy treats this name as True; nothing is imported at run time
if TYPE_CHECKING:
    from typing import Any


class Flag:
    """One option: its spellings, whether it takes a value, choices, path-ness."""

    __slots__ = ("names", "takes_value", "help", "choices", "path")

    def __init__(
        self,
        names: tuple[str, ...],
        takes_value: bool,
        help: str = "",
        choices: tuple[str, ...] = (),
        path: str = "",
    ) -> None:
        self.names = names
        self.takes_value = takes_value
        self.help = help
        self.choices = choices
        self.path = path  # "file" or "dir" when the value is a path

    @property
    def long_name(self) -> str:
        """The first ``--name`` (kubectl's spelling), else the short one."""
        for name in self.names:
            if name.startswith("--"):
                return name
        return self.names[0]


class Command:
    """A node of the tree: the root, a subcommand or a nested subcommand.

    Built from its table entry on demand: a TAB reads the root and one or two subcommands, and
    turning the whole table into objects cost more than the rest of the parse."""

    __slots__ = ("path", "help", "args", "_node", "_flags", "_commands", "_pflags")

    def __init__(self, path: tuple[str, ...], node: dict[str, Any]) -> None:
        self.path = path  # () for the root, ("config", "use-context") for a nested one
        self.help: str = node["help"]
        self.args: list[str] = list(node.get("args", ()))
        self._node = node
        self._flags: list[Flag] | None = None
        self._commands: dict[str, Command] | None = None
        self._pflags: dict[str, pflag.Flag | None] = {}

    @property
    def flags(self) -> list[Flag]:
        if self._flags is None:
            self._flags = [_flag(f) for f in self._node["flags"]]
        return self._flags

    @property
    def commands(self) -> dict[str, Command]:
        if self._commands is None:
            self._commands = {
                name: Command((*self.path, name), sub)
                for name, sub in self._node["commands"].items()
            }
        return self._commands

    def flag(self, name: str) -> Flag | None:
        """The flag spelled ``name`` (``--namespace``, ``-n``)."""
        if self._flags is not None:
            return next((f for f in self._flags if name in f.names), None)
        entry = next((f for f in self._node["flags"] if name in f["names"]), None)
        return None if entry is None else _flag(entry)

    # pflag's view (``kctl.pflag.Flags``), built per flag on first use: a TAB reads a few
    # flags of a line, and building all of them cost more than the rest of the parse

    def lookup(self, long: str) -> pflag.Flag | None:
        """``--long`` (``_`` is ``-``, as in kubectl)."""
        return self._pflag("--" + pflag.normalize(long))

    def short(self, letter: str) -> pflag.Flag | None:
        """``-letter``."""
        return self._pflag("-" + letter)

    def _pflag(self, name: str) -> pflag.Flag | None:
        if name not in self._pflags:
            flag = self.flag(name)
            self._pflags[name] = None if flag is None else _as_pflag(flag)
        return self._pflags[name]


def _flag(entry: dict[str, Any]) -> Flag:
    return Flag(
        names=tuple(entry["names"]),
        takes_value=bool(entry["value"]),
        help=entry.get("help", ""),
        choices=tuple(entry.get("choices", ())),
        path=entry.get("path", ""),
    )


def _as_pflag(flag: Flag) -> pflag.Flag:
    """One completion flag as the parser sees it; ``key`` is the completion flag."""
    long = flag.long_name.lstrip("-")
    short = next((n[1:] for n in flag.names if len(n) == 2 and n[1] != "-"), "")
    if not flag.takes_value:
        return pflag.Flag(long, short, "true", pflag.parse_bool, key=flag)
    setter = pflag.parse_level if _GLOBAL_KINDS.get(long) == "level" else None
    return pflag.Flag(long, short, None, setter, key=flag)


# how a global flag's value is read (from the one global-flag table)
_GLOBAL_KINDS = {flag.long: flag.kind for flag in GLOBAL_FLAGS}


def load_root() -> Command:
    """The root ``kctl`` command with its whole tree."""
    from kctl.completion.commands_table import TABLE

    return Command((), TABLE)
