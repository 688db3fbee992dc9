"""The one global-flag table: the commands and completion build the same ``Overrides`` from it."""

from __future__ import annotations

from typing import Any

import click
import pytest

from kctl.cli import main as cli_main
from kctl.cli.options import global_options, overrides_of, verbosity_of
from kctl.cli.parsing import PflagCommand
from kctl.clientcmd.overrides import Overrides
from kctl.completion import engine
from kctl.completion.cmdline import parse
from kctl.completion.commands import load_root
from kctl.globalflags import GLOBAL_FLAGS, overrides_from
from tests.unit.cli import kctl

_SEEN: dict[str, Any] = {}


@click.command("probe", cls=PflagCommand)
@global_options
@click.pass_context
def probe(ctx: click.Context) -> None:
    _SEEN.update(overrides=overrides_of(ctx), v=verbosity_of(ctx))


def _words(flag: Any) -> list[str]:
    """The flag given on a command line: bools bare, arrays twice, others with a value."""
    if flag.kind == "bool":
        return [f"--{flag.long}"]
    if flag.kind == "array":
        return [f"--{flag.long}=a,b", f"--{flag.long}", "c"]
    if flag.kind == "level":
        return [f"--{flag.long}=7"]
    return [f"--{flag.long}=value-of-{flag.long}"]


@pytest.mark.parametrize("flag", GLOBAL_FLAGS, ids=[f.long for f in GLOBAL_FLAGS])
def test_every_global_flag_means_the_same_to_a_command_and_to_completion(flag, monkeypatch):
    monkeypatch.setitem(cli_main.COMMANDS, "probe", (__name__, "probe", ""))
    _SEEN.clear()
    kctl("probe", *_words(flag))
    request = engine.Request(parse(load_root(), ["get", *_words(flag), ""]), {})
    assert _SEEN["overrides"] == request.overrides()
    if flag.attr is not None:
        assert _SEEN["overrides"] != Overrides(), "the flag changed nothing"
    else:
        assert _SEEN["v"] == 7


def test_values_become_overrides_as_client_go_reads_them() -> None:
    ov = overrides_from(
        {"namespace": "", "insecure-skip-tls-verify": False, "as-group": ["a"], "v": 3}
    )
    # an empty namespace is given (kubectl then uses the kubeconfig's); false TLS skip is not
    assert ov == Overrides(namespace="", as_groups=("a",))
    assert overrides_from({"request-timeout": "5s", "as": "jane"}) == Overrides(
        request_timeout="5s", as_user="jane"
    )


def test_every_global_flag_is_on_every_command() -> None:
    names = {f"--{flag.long}" for flag in GLOBAL_FLAGS}
    stack = [load_root()]
    while stack:
        node = stack.pop()
        assert names <= {n for f in node.flags for n in f.names}, node.path
        stack.extend(node.commands.values())


def test_the_newer_global_flags_reach_the_rest_config(tmp_path) -> None:
    from kctl.clientcmd.clientconfig import load_rest_config

    kubeconfig = tmp_path / "config"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        "clusters: [{name: k, cluster: {server: 'https://k.example.test'}}]\n"
        "users: [{name: u, user: {}}]\n"
    )
    values = {
        "as": "jane",
        "as-uid": "u-1",
        "username": "basic",
        "password": "pw",
        "disable-compression": True,
    }
    rc = load_rest_config(overrides_from(values), {"KUBECONFIG": str(kubeconfig)})
    assert (rc.impersonate_user, rc.impersonate_uid) == ("jane", "u-1")
    assert (rc.username, rc.password, rc.disable_compression) == ("basic", "pw", True)
    plain = load_rest_config(
        overrides_from({"disable-compression": False}), {"KUBECONFIG": str(kubeconfig)}
    )
    assert plain.disable_compression is False


def test_credentials_given_as_flags_stay_out_of_reprs() -> None:
    text = repr(overrides_from({"token": "tok-secret", "password": "pw-secret", "user": "u"}))
    assert "tok-secret" not in text and "pw-secret" not in text
    assert "user='u'" in text
