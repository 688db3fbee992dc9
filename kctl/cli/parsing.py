"""kubectl's flag syntax for click commands.

click stays the one place a command's parameters are declared, converted and handed to the
callback; what changes is how argv becomes values. ``PflagCommand.parse_args`` reads argv with
pflag's rules (``kctl.pflag``, the same code completion uses) over the command's own click
options, then gives click the values to convert, validate and call back, as click's own
parser would have. ``PflagGroup`` finds its subcommand the way cobra does, so flags may come
before the subcommand's name and the subcommand parses them.

Why not click's parser: it reads ``-n=x`` as ``=x``, rejects ``-A=true`` and
``--all-namespaces=false``, stops a group at its first word, and words its errors differently
(exit 2); reference/flags-and-parsing.md §6 lists the 15 differences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from kctl import pflag
from kctl.errors import KctlError, UsageError
from kctl.gostr import go_quote

# click >= 8.2 fills unset parameters with a sentinel that Command.parse_args turns into None.
_UNSET: Any = getattr(click.core, "UNSET", object())


class FlagUsageError(click.UsageError):
    """A flag error in pflag's exact words; the funnel adds ``error: `` and the See line."""


class GoInt(click.types.IntParamType):
    """An int flag read with Go's ``strconv.ParseInt`` (pflag's int types): ``0x10``, ``010``
    (octal), ``1_0``; spaces and ``1.5`` are errors in Go's words."""

    name = "integer"

    def __init__(self, parse: Callable[[str], int] = pflag.parse_int) -> None:
        self.parse = parse  # pflag.parse_int (int64), or pflag.parse_level (klog's -v)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            return value
        try:
            return self.parse(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class StringSlice(click.types.StringParamType):
    """pflag's stringSlice (``-L``, ``--verbs``): every use is a CSV line, so ``-L a,b -L c``
    gives ``a b c``. Use with ``multiple=True``; plain ``multiple`` options are stringArray
    (appended unsplit, like ``--as-group``)."""

    name = "strings"


STRING_SLICE = StringSlice()


def flag_set(command: click.Command, ctx: click.Context) -> pflag.FlagSet:
    """The pflag view of a command's click options."""
    flags: list[pflag.Flag] = []
    for param in command.get_params(ctx):
        if not isinstance(param, click.Option):
            continue
        names = [*param.opts, *param.secondary_opts]
        longs = [n[2:] for n in names if n.startswith("--")]
        shorts = [n[1:] for n in names if len(n) == 2 and n[0] == "-" and n[1] != "-"]
        no_opt, setter = _kind(param)
        spellings = longs or shorts  # a short-only option still needs a name for messages
        for i, long in enumerate(spellings):
            short = shorts[0] if i == 0 and shorts else ""
            flags.append(pflag.Flag(long, short, no_opt, setter, key=param))
    return pflag.FlagSet(flags)


def _kind(param: click.Option) -> tuple[str | None, Any]:
    """(pflag NoOptDefVal, value parser) for one click option."""
    if param.is_flag and not param.count:
        return "true", pflag.parse_bool
    if getattr(param, "_flag_needs_value", False):  # an optional value: ``--dry-run[=x]``
        return str(param.flag_value), None
    if isinstance(param.type, GoInt):
        return None, param.type.parse
    if isinstance(param.type, click.types.IntParamType):
        return None, pflag.parse_int
    if isinstance(param.type, StringSlice):
        return None, pflag.read_csv
    return None, None


# Where click >= 8.5 stores the help flag's value (clear of a parameter named "help").
_HELP_STORAGE: str | None = getattr(click.core, "_HELP_OPTION_STORAGE_NAME", None)


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class PflagCommand(click.Command):
    """A click command whose argv is read with kubectl's (pflag's) rules."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's help option, built as click builds it but with its text given: click asks
        gettext for "Show this message and exit." (it ships no translations), and the first
        such lookup imports locale and searches for catalogues, about 1.4 ms on every command.
        """
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        option: click.Option | None = getattr(self, "_help_option", None)
        if option is None:
            option = click.Option(
                [*names, _HELP_STORAGE] if _HELP_STORAGE else names,
                is_flag=True,
                expose_value=False,
                is_eager=True,
                help="Show this message and exit.",
                callback=_show_help,
            )
            self._help_option = option  # click's own cache (the same object every time)
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            return super().parse_args(ctx, args)  # click shows the help
        opts, rest, order = self.pflag_split(ctx, args)
        for param in click.core.iter_params_for_processing(order, self.get_params(ctx)):
            _, rest = param.handle_parse_result(ctx, opts, rest)
        for name, value in ctx.params.items():
            if value is _UNSET:
                ctx.params[name] = None
        if rest and not ctx.allow_extra_args and not ctx.resilient_parsing:
            ctx.fail(
                f"Got unexpected extra argument{'s' if len(rest) > 1 else ''} ({' '.join(rest)})"
            )
        ctx.args = rest
        return rest

    def pflag_split(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[dict[str, Any], list[str], list[click.Parameter]]:
        """argv -> (click's ``opts`` by parameter name, leftover words, invocation order)."""
        try:
            parsed = pflag.parse(flag_set(self, ctx), args)
        except pflag.FlagError as exc:
            raise FlagUsageError(str(exc), ctx) from None
        opts: dict[str, Any] = {}
        order: list[click.Parameter] = []
        for flag, value in parsed.values:
            param: click.Option = flag.key
            name = param.name or ""
            if param.multiple:
                opts.setdefault(name, []).extend(value if isinstance(value, list) else [value])
            else:
                opts[name] = value
            if param not in order:
                order.append(param)
        rest = _bind_arguments(self, ctx, parsed.args, opts, order)
        return opts, rest, order


def _bind_arguments(
    command: click.Command,
    ctx: click.Context,
    words: list[str],
    opts: dict[str, Any],
    order: list[click.Parameter],
) -> list[str]:
    """Hand the positional words to the command's click arguments (nargs 1 or -1, in
    declaration order, as click does); returns the words no argument took."""
    arguments = [p for p in command.get_params(ctx) if isinstance(p, click.Argument)]
    fixed = sum(1 for a in arguments if a.nargs != -1)
    words = list(words)
    for arg in arguments:
        name = arg.name or ""
        if arg.nargs == -1:
            take = max(0, len(words) - (fixed - _fixed_before(arguments, arg)))
            opts[name], words = tuple(words[:take]), words[take:]
        elif arg.nargs == 1:
            if not words:
                continue  # click reports the missing argument
            opts[name], words = words[0], words[1:]
        else:
            raise TypeError(f"argument {name!r}: only nargs 1 and -1 are supported")
        order.append(arg)
    return words


def _fixed_before(arguments: list[click.Argument], arg: click.Argument) -> int:
    """How many single-word arguments come before ``arg``."""
    return sum(1 for a in arguments[: arguments.index(arg)] if a.nargs != -1)


class PflagGroup(click.Group, PflagCommand):
    """A group that finds its subcommand as cobra does (skipping flags and their values) and
    lets the subcommand parse every other word, flags before its name included: ``kctl -n x
    get pods`` and ``kctl -o name get cm`` work as in kubectl.

    Without a subcommand, kubectl's root prints its help (exit 0) and a command group
    (``kubectl config``) prints its help on stderr (exit 1), or ``unknown command`` for words.
    """

    command_class = PflagCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("no_args_is_help", False)  # decided in pflag_split, as kubectl does
        super().__init__(*args, **kwargs)

    def pflag_split(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[dict[str, Any], list[str], list[click.Parameter]]:
        flags = flag_set(self, ctx)
        words = pflag.strip_flags(flags, args)
        if words and self.get_command(ctx, words[0]) is not None:
            return {}, [words[0], *pflag.without_word(flags, args, words[0])], []
        if words and ctx.parent is None:
            if args[0].startswith("-"):
                # kubectl looked for a plugin and cannot name one: a flag comes first
                raise KctlError(f"Error: flags cannot be placed before plugin name: {args[0]}")
            raise KctlError(
                f'error: unknown command "{words[0]}" for "{ctx.command_path}"'
                + _suggestions(self, ctx, words[0])
            )
        opts, rest, order = super().pflag_split(ctx, args)
        help_option = self.get_help_option(ctx)
        if help_option is not None and opts.get(help_option.name or ""):
            return opts, rest, order  # click prints the help
        if ctx.parent is None:
            click.echo(ctx.get_help(), color=ctx.color)
            raise click.exceptions.Exit(0)
        if rest:
            raise UsageError(
                f"unknown command {go_quote(' '.join(rest))}",
                f"See '{ctx.command_path} -h' for help and examples",
            )
        raise KctlError(ctx.get_help())


def _suggestions(group: click.Group, ctx: click.Context, typed: str) -> str:
    """cobra's "Did you mean this?": commands within edit distance 2, or that start with what
    was typed, in registration order."""
    lowered = typed.lower()
    names = [
        name
        for name in group.list_commands(ctx)
        if _distance(lowered, name.lower()) <= 2 or name.lower().startswith(lowered)
    ]
    if not names:
        return ""
    return "\n\nDid you mean this?\n" + "".join(f"\t{name}\n" for name in names).rstrip("\n")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
