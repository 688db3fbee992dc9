"""``kctl version``: kctl's own version and the server's, shaped like ``kubectl version``.

The client part describes kctl (``kctl.__version__``, Python, platform), not a Kubernetes
release; the server part is the server's ``/version`` answer as is.
"""

from __future__ import annotations

import platform
from typing import Any

import click

from kctl import __version__
from kctl.cli.options import global_options
from kctl.cli.parsing import PflagCommand
from kctl.env import Environment
from kctl.errors import KctlError, UsageError


def client_version() -> dict[str, str]:
    """kctl's answer to ``/version``: kubectl's field names where they fit."""
    from kctl.rest.useragent import go_platform

    major, minor = (__version__.split(".") + ["0", "0"])[:2]
    return {
        "major": major,
        "minor": minor,
        "gitVersion": f"v{__version__}",
        "pythonVersion": platform.python_version(),
        "platform": go_platform(),
    }


@click.command(
    "version",
    cls=PflagCommand,
    context_settings={"help_option_names": ["-h", "--help"]},
    short_help="Print the client and server version information",
)
@click.argument("extra", nargs=-1, required=False, metavar="")
@click.option("--client", "client_only", is_flag=True, help="Print the client version only.")
@click.option("-o", "--output", default="", help="One of 'yaml' or 'json'.")
@global_options
@click.pass_context
def version(ctx: click.Context, extra: tuple[str, ...], client_only: bool, output: str) -> None:
    """Print the client and server version information for the current context.

    \b
    Examples:
      kctl version
      kctl version --client
      kctl version -o json
    """
    if extra:
        raise UsageError(f"extra arguments: [{' '.join(extra)}]")
    if output not in ("", "json", "yaml"):
        raise UsageError("--output must be 'yaml' or 'json'")
    env: Environment = ctx.find_root().obj
    out = env.stdout
    info: dict[str, Any] = {"clientVersion": client_version()}
    server_error: KctlError | None = None
    if not client_only:
        # The factory (kubeconfig, REST layer) only when the server is asked.
        from kctl.cli.factory import Factory

        factory = Factory.from_context(ctx)
        try:
            info["serverVersion"] = factory.rest_client.get_json("/version")
        except KctlError as exc:
            server_error = exc  # kubectl prints the client part first, then the error
    if output == "json":
        import json

        out.write(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
    elif output == "yaml":
        from kctl.printers.json_yaml import dumps_yaml

        out.write(dumps_yaml(info) + "\n")
    else:
        out.write(f"Client Version: {info['clientVersion']['gitVersion']}\n")
        server = info.get("serverVersion")
        if isinstance(server, dict):
            out.write(f"Server Version: {server.get('gitVersion', '')}\n")
    if server_error is not None:
        out.flush()
        raise server_error
