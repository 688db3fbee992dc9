"""kubectl's global flags on every click command, from the one table in ``kctl.globalflags``.

Each flag's callback records its value in the root context, so ``kctl -n x get pods`` and
``kctl get pods -n x`` mean the same and commands need no parameter per global flag. The
values become ``Overrides`` through ``globalflags.overrides_from``, the builder completion uses
too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from kctl import pflag
from kctl.cli.parsing import GoInt
from kctl.globalflags import GLOBAL_FLAGS, GlobalFlag, overrides_from, verbosity_from

if TYPE_CHECKING:
    # built (and imported) only by commands that read a kubeconfig: `version --client` and
    # `--help` never need it
    from kctl.clientcmd.overrides import Overrides

F = TypeVar("F", bound=Callable[..., Any])

_VALUES_KEY = "kctl.global-flags"
_OVERRIDES_KEY = "kctl.overrides"


def _values(ctx: click.Context) -> dict[str, Any]:
    values: dict[str, Any] = ctx.find_root().meta.setdefault(_VALUES_KEY, {})
    return values


def overrides_of(ctx: click.Context) -> Overrides:
    """The ``Overrides`` the global flags of this invocation ask for (built once)."""
    meta = ctx.find_root().meta
    if _OVERRIDES_KEY not in meta:
        meta[_OVERRIDES_KEY] = overrides_from(_values(ctx))
    ov: Overrides = meta[_OVERRIDES_KEY]
    return ov


def verbosity_of(ctx: click.Context) -> int:
    """The ``-v/--v`` level (0 when not given)."""
    return verbosity_from(_values(ctx))


def _record(long: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        source = ctx.get_parameter_source(param.name or "")
        if source is click.core.ParameterSource.COMMANDLINE:
            _values(ctx)[long] = value
        return value

    return callback


def _click_kwargs(flag: GlobalFlag) -> dict[str, Any]:
    if flag.kind == "bool":
        return {"is_flag": True, "default": None}
    if flag.kind == "array":
        return {"multiple": True}
    if flag.kind == "level":
        return {"type": GoInt(pflag.parse_level)}
    return {}


# One click.Option per global flag, built on first use and shared by every command: an Option
# holds no per-command or per-invocation state, and building the 21 of them again for each
# command cost about 0.15 ms a time (the config group alone defines five commands).
_OPTIONS: dict[str, click.Option] = {}


def _option(flag: GlobalFlag) -> Callable[..., click.Option]:
    def build(decls: Any, **attrs: Any) -> click.Option:
        option = _OPTIONS.get(flag.long)
        if option is None:
            option = _OPTIONS[flag.long] = click.Option(decls, **attrs)
        return option

    return build


def global_options(f: F) -> F:
    """Add kubectl's global flags to a command."""
    for flag in reversed(GLOBAL_FLAGS):
        decls = [*([f"-{flag.short}"] if flag.short else []), f"--{flag.long}"]
        f = click.option(
            *decls,
            "global_" + flag.long.replace("-", "_"),
            # (click calls ``cls(decls, **attrs)``: a function returning the shared one works)
            cls=cast("type[click.Option]", _option(flag)),
            expose_value=False,
            callback=_record(flag.long),
            help=flag.help,
            **_click_kwargs(flag),
        )(f)
    return f
