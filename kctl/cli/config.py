"""``kctl config view|get-contexts|current-context|use-context``: kubectl's ``config`` commands.

They read the kubeconfig files only (never the server) with kubectl's loading rules; ``view``
prints the merged file with secrets redacted unless ``--raw``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kctl.cli.options import global_options, overrides_of
from kctl.cli.parsing import PflagCommand, PflagGroup
from kctl.env import Environment
from kctl.errors import ConfigError, KctlError, MultipleErrors, UsageError

if TYPE_CHECKING:
    from kctl.clientcmd.loader import LoadingRules


def _env(ctx: click.Context) -> Environment:
    env: Environment = ctx.find_root().obj or Environment.from_process()
    return env


def _rules(ctx: click.Context) -> LoadingRules:
    from kctl.clientcmd.loader import LoadingRules

    return LoadingRules.from_environ(overrides_of(ctx), _env(ctx).environ)


class _ConfigGroup(PflagGroup):
    """kubectl's ``use`` alias for ``use-context``, kept out of the help listing."""

    aliases = {"use": "use-context"}

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(cmd_name, cmd_name))


@click.group(
    "config",
    cls=_ConfigGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    short_help="Inspect and switch kubeconfig contexts",
)
@global_options
def config() -> None:
    """Modify kubeconfig files using subcommands like "kctl config use-context my-context".

    The loading order follows kubectl: --kubeconfig, else $KUBECONFIG (a list of files merged
    in order, the first file to set a value wins), else ~/.kube/config.
    """


@config.command("view")
@click.option("--minify", is_flag=True, help="Remove all information not used by current-context.")
@click.option("--raw", "raw", is_flag=True, help="Display raw byte data and sensitive data.")
@click.option("--flatten", is_flag=True, help="Inline referenced files (portable output).")
@click.option(
    "--merge",
    type=click.BOOL,
    default=True,
    show_default=True,
    help="Merge the full hierarchy of kubeconfig files.",
)
@click.option(
    "-o", "--output", default="yaml", help="Output format: yaml, json, kyaml, name or jsonpath=..."
)
@global_options
@click.pass_context
def view(
    ctx: click.Context, minify: bool, raw: bool, flatten: bool, merge: bool, output: str
) -> None:
    """Display merged kubeconfig settings or a specified kubeconfig file."""
    from kctl.clientcmd import view as kv

    env = _env(ctx)
    overrides = overrides_of(ctx)
    rules = _rules(ctx)
    if not merge and not rules.explicit_path:
        raise ConfigError("if merge==false a precise file must be specified")
    from kctl.printers import registry

    spec = registry.parse(output, ("config", "view"))
    fmt = spec.format
    cfg = rules.load(missing_explicit_ok=True)
    if minify:
        cfg = kv.minify(cfg, overrides.context)
    if flatten:
        cfg = kv.flatten(cfg)
    doc = kv.to_v1(cfg, raw=raw or flatten)
    if fmt == "json":
        env.stdout.write(kv.dump_json(doc))
    elif fmt == "name":
        env.stdout.write("config/<unknown>\n")
    elif fmt == "kyaml":
        import json

        from kctl.printers import kyaml

        # kubectl renders its JSON text: struct fields in Go's order, extension maps sorted
        env.stdout.write(kyaml.dumps(json.loads(kv.dump_json(doc)), sort_keys=False))
    elif fmt in registry.JSONPATH:
        import json

        printer = registry.to_printer(spec, env.stdout, environ=env.environ)
        # A JSON round trip: the template sees what kubectl's JSONPath printer sees.
        printer(iter([json.loads(json.dumps(doc))]), True)
    else:
        from kctl.printers.json_yaml import dumps_yaml

        env.stdout.write(dumps_yaml(doc))


@config.command("get-contexts")
@click.argument("names", nargs=-1)
@click.option("--no-headers", is_flag=True, help="Don't print headers.")
@click.option("-o", "--output", default="", help="Output format. One of: (name).")
@global_options
@click.pass_context
def get_contexts(ctx: click.Context, names: tuple[str, ...], no_headers: bool, output: str) -> None:
    """Display one or many contexts from the kubeconfig file."""
    from kctl.printers.tabwriter import TabWriter

    env = _env(ctx)
    if output not in ("", "name"):
        raise ConfigError(
            f"--output {output} is not available in kctl config get-contexts; "
            "resetting to default output format"
        )
    cfg = _rules(ctx).load(missing_explicit_ok=True)
    wanted = list(names) or list(cfg.contexts)
    shown = sorted((n for n in wanted if n in cfg.contexts), key=lambda n: n.encode())
    missing = [n for n in wanted if n not in cfg.contexts]
    if output == "name":
        for name in shown:
            env.stdout.write(f"{name}\n")
    else:
        tw = TabWriter(env.stdout, minwidth=6, padding=3)
        if not no_headers:
            tw.write_row(["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"])
        for name in shown:
            c = cfg.contexts[name]
            cells = [
                "*" if name == cfg.current_context else "",
                name,
                c.get("cluster") or "",
                c.get("user") or "",
                c.get("namespace") or "",
            ]
            # kubectl writes one tab-separated line per context; a newline inside a name ends
            # the tabwriter line there, exactly as in Go
            for line in "\t".join(cells).split("\n"):
                tw.write_line(line)
        tw.flush()
    if len(missing) == 1:
        raise ConfigError(f"context {missing[0]} not found")
    if missing:
        # kubectl prints an aggregate as bare lines, without "error: "
        raise MultipleErrors([KctlError(f"context {n} not found") for n in missing])


@config.command("current-context")
@click.argument("ignored", nargs=-1)
@global_options
@click.pass_context
def current_context(ctx: click.Context, ignored: tuple[str, ...]) -> None:
    """Display the current-context."""
    cfg = _rules(ctx).load(missing_explicit_ok=True)
    if not cfg.current_context:
        raise ConfigError("current-context is not set")
    _env(ctx).stdout.write(f"{cfg.current_context}\n")


class _UseContextCommand(PflagCommand):
    """kubectl prints the help and ``error: Unexpected args: [...]`` for a wrong arg count."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        names = ctx.params.get("names") or ()
        if len(names) != 1:
            _env(ctx).stdout.write(ctx.get_help() + "\n")
            raise UsageError(f"Unexpected args: [{' '.join(names)}]")
        return rest


@config.command("use-context", cls=_UseContextCommand)
@click.argument("names", nargs=-1)
@global_options
@click.pass_context
def use_context(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Set the current-context in a kubeconfig file (only the file that holds it changes)."""
    from kctl.clientcmd.write import write_current_context

    name = names[0]
    if not name:
        raise ConfigError("empty context names are not allowed")
    rules = _rules(ctx)
    cfg = rules.load(missing_explicit_ok=True)
    if name not in cfg.contexts:
        raise ConfigError(f'no context exists with the name: "{name}"')
    if cfg.current_context != name:
        write_current_context(rules, cfg, name)
    _env(ctx).stdout.write(f'Switched to context "{name}".\n')
