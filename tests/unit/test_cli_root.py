"""The root command: lazy registry, global flags in either position, the error funnel."""

from __future__ import annotations

import click

from kctl.cli import main as cli_main
from kctl.cli.options import global_options, overrides_of
from kctl.errors import ConfigError
from tests.unit.cli import kctl


def test_help_lists_every_registered_command() -> None:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        kctl("--help")
    for name in cli_main.COMMANDS:
        assert f"  {name} " in buf.getvalue()


def test_unknown_flag_is_a_kubectl_style_usage_error_with_exit_1() -> None:
    err = kctl("--no-such-flag", expect=1).stderr
    assert err == "error: unknown flag: --no-such-flag\nSee 'kctl --help' for usage.\n"


def test_unknown_command_and_missing_flag_value_use_kubectl_wording() -> None:
    err = kctl("bogus", expect=1).stderr
    assert err.splitlines()[0] == 'error: unknown command "bogus" for "kctl"'
    err = kctl("--namespace", expect=1).stderr
    assert err.splitlines()[0] == "error: flag needs an argument: --namespace"
    err = kctl("-n", expect=1).stderr
    assert err.splitlines()[0] == "error: flag needs an argument: 'n' in -n"


def test_global_flags_work_before_and_after_the_subcommand(monkeypatch) -> None:
    seen: dict[str, object] = {}

    @click.command("probe")
    @global_options
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        ov = overrides_of(ctx)
        seen.update(namespace=ov.namespace, context=ov.context, groups=ov.as_groups)

    monkeypatch.setitem(cli_main.COMMANDS, "probe", ("tests.unit.test_cli_root", "probe", ""))
    globals()["probe"] = probe
    kctl("-n", "before", "probe", "--context", "c1")
    assert seen == {"namespace": "before", "context": "c1", "groups": ()}
    kctl("-n", "before", "probe", "-n", "after", "--as-group", "a", "--as-group", "b")
    assert seen["namespace"] == "after"
    assert seen["groups"] == ("a", "b")


def test_kctl_errors_are_printed_once_with_their_exit_code(monkeypatch) -> None:
    @click.command("boom")
    def boom() -> None:
        raise ConfigError('context "nope" does not exist')

    monkeypatch.setitem(cli_main.COMMANDS, "boom", ("tests.unit.test_cli_root", "boom", ""))
    globals()["boom"] = boom
    result = kctl("boom", expect=1)
    assert (result.stdout, result.stderr) == ("", 'error: context "nope" does not exist\n')
