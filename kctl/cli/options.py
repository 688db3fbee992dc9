"""kubectl's global flags, accepted on the root command and on every subcommand.

Each flag's callback writes into one shared ``Overrides`` held in the root context, so
``kctl -n x get pods`` and ``kctl get pods -n x`` mean the same, and commands do not need a
parameter per global flag. A value given on the subcommand wins over one given before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kctl.cli.parsing import GoInt
from kctl.clientcmd.overrides import Overrides

F = TypeVar("F", bound=Callable[..., Any])

_META_KEY = "kctl.overrides"
_VERBOSITY_KEY = "kctl.verbosity"


def overrides_of(ctx: click.Context) -> Overrides:
    """The shared ``Overrides`` for this invocation."""
    meta = ctx.find_root().meta
    if _META_KEY not in meta:
        meta[_META_KEY] = Overrides()
    ov: Overrides = meta[_META_KEY]
    return ov


def verbosity_of(ctx: click.Context) -> int:
    """The ``-v/--v`` level (0 when not given)."""
    return int(ctx.find_root().meta.get(_VERBOSITY_KEY, 0))


def _store(attr: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is None or value == () or value is False:
            return value
        ov = overrides_of(ctx)
        setattr(ov, attr, tuple(value) if isinstance(value, (list, tuple)) else value)
        return value

    return callback


def _store_verbosity(ctx: click.Context, _param: click.Parameter, value: int | None) -> None:
    if value is not None:
        ctx.find_root().meta[_VERBOSITY_KEY] = value


# (param decls, attribute, help, extra click kwargs)
_FLAGS: list[tuple[tuple[str, ...], str, str, dict[str, Any]]] = [
    (("--kubeconfig",), "kubeconfig", "Path to the kubeconfig file to use.", {}),
    (("--context",), "context", "The name of the kubeconfig context to use.", {}),
    (("--cluster",), "cluster", "The name of the kubeconfig cluster to use.", {}),
    (("--user",), "user", "The name of the kubeconfig user to use.", {}),
    (("-n", "--namespace"), "namespace", "The namespace scope for this request.", {}),
    (("-s", "--server"), "server", "The address and port of the API server.", {}),
    (("--token",), "token", "Bearer token for authentication to the API server.", {}),
    (("--certificate-authority",), "certificate_authority", "Path to a CA cert file.", {}),
    (("--client-certificate",), "client_certificate", "Path to a client cert file.", {}),
    (("--client-key",), "client_key", "Path to a client key file.", {}),
    (
        ("--insecure-skip-tls-verify",),
        "insecure_skip_tls_verify",
        "Do not check the server certificate (insecure).",
        {"is_flag": True, "default": None},
    ),
    (("--tls-server-name",), "tls_server_name", "Server name for certificate checks.", {}),
    (
        ("--request-timeout",),
        "request_timeout",
        "Time to wait for a single request (e.g. 1s, 2m, 3h; 0 = no limit).",
        {},
    ),
    (("--as",), "as_user", "Username to impersonate.", {}),
    (("--as-group",), "as_groups", "Group to impersonate (repeatable).", {"multiple": True}),
    (("--cache-dir",), "cache_dir", "Directory for the discovery cache.", {}),
]


def global_options(f: F) -> F:
    """Add kubectl's global flags (and ``-v``) to a command."""
    for decls, attr, help_text, extra in reversed(_FLAGS):
        f = click.option(
            *decls,
            attr,
            expose_value=False,
            callback=_store(attr),
            help=help_text,
            **extra,
        )(f)
    f = click.option(
        "-v",
        "--v",
        "verbosity",
        type=GoInt(bits=32, base=10),  # klog's Level: base 10, 32 bits
        expose_value=False,
        callback=_store_verbosity,
        help="Log level: 6 requests, 8 headers (secrets redacted).",
    )(f)
    return f
