"""kubectl's global flags: the one table, and flags -> ``Overrides``.

Two readers: ``kctl.cli.options`` declares one click option per row (every command accepts
them), and shell completion reads them off a partial command line to know which cluster,
user and namespace a TAB should ask. Both turn the values into ``Overrides`` with
``overrides_from``, so a flag cannot mean one thing to a command and another to its TAB.
Standard library only (completion must not import click); ``Overrides`` is imported when built.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from kctl.clientcmd.overrides import Overrides


class GlobalFlag:
    """One row: ``long`` and ``short`` without dashes; ``kind`` is pflag's type (``string``,
    ``bool``, ``array`` = stringArray, repeated and never split, ``level`` = klog's -v);
    ``attr`` is the ``Overrides`` field it sets (None: not a kubeconfig override)."""

    __slots__ = ("long", "short", "kind", "attr", "help")

    def __init__(self, long: str, short: str, kind: str, attr: str | None, help: str) -> None:
        self.long = long
        self.short = short
        self.kind = kind
        self.attr = attr
        self.help = help


GLOBAL_FLAGS: tuple[GlobalFlag, ...] = (
    GlobalFlag("v", "v", "level", None, "Log level: 6 requests, 8 headers (secrets redacted)."),
    GlobalFlag("kubeconfig", "", "string", "kubeconfig", "Path to the kubeconfig file to use."),
    GlobalFlag("context", "", "string", "context", "The name of the kubeconfig context to use."),
    GlobalFlag("cluster", "", "string", "cluster", "The name of the kubeconfig cluster to use."),
    GlobalFlag("user", "", "string", "user", "The name of the kubeconfig user to use."),
    GlobalFlag("namespace", "n", "string", "namespace", "The namespace scope for this request."),
    GlobalFlag("server", "s", "string", "server", "The address and port of the API server."),
    GlobalFlag(
        "token", "", "string", "token", "Bearer token for authentication to the API server."
    ),
    GlobalFlag(
        "certificate-authority", "", "string", "certificate_authority", "Path to a CA cert file."
    ),
    GlobalFlag(
        "client-certificate", "", "string", "client_certificate", "Path to a client cert file."
    ),
    GlobalFlag("client-key", "", "string", "client_key", "Path to a client key file."),
    GlobalFlag(
        "insecure-skip-tls-verify",
        "",
        "bool",
        "insecure_skip_tls_verify",
        "Do not check the server certificate (insecure).",
    ),
    GlobalFlag(
        "tls-server-name", "", "string", "tls_server_name", "Server name for certificate checks."
    ),
    GlobalFlag(
        "request-timeout",
        "",
        "string",
        "request_timeout",
        "Time to wait for a single request (e.g. 1s, 2m, 3h; 0 = no limit).",
    ),
    GlobalFlag("as", "", "string", "as_user", "Username to impersonate."),
    GlobalFlag("as-group", "", "array", "as_groups", "Group to impersonate (repeatable)."),
    GlobalFlag("as-uid", "", "string", "as_uid", "UID to impersonate for the operation."),
    GlobalFlag(
        "username", "", "string", "username", "Username for basic authentication to the API server."
    ),
    GlobalFlag(
        "password", "", "string", "password", "Password for basic authentication to the API server."
    ),
    GlobalFlag(
        "disable-compression",
        "",
        "bool",
        "disable_compression",
        "If true, opt-out of response compression for all requests to the server.",
    ),
    GlobalFlag("cache-dir", "", "string", "cache_dir", "Directory for the discovery cache."),
)


def overrides_from(values: Mapping[str, Any]) -> Overrides:
    """The ``Overrides`` for parsed global flags: ``values`` maps a long name (no dashes) to
    its last value (a bool for bools, a sequence for ``array`` flags).

    A false bool overrides nothing (``--insecure-skip-tls-verify=false``,
    ``--disable-compression=false``): client-go merges only true values over the kubeconfig."""
    from kctl.clientcmd.overrides import Overrides

    fields: dict[str, Any] = {}
    for flag in GLOBAL_FLAGS:
        value = values.get(flag.long)
        if flag.attr is None or value is None:
            continue
        if flag.kind == "bool":
            if value is True:
                fields[flag.attr] = True
        elif flag.kind == "array":
            fields[flag.attr] = tuple(value)
        else:
            fields[flag.attr] = value
    return Overrides(**fields)


def verbosity_from(values: Mapping[str, Any]) -> int:
    """The ``-v`` level (0 when not given)."""
    level = values.get("v")
    return level if isinstance(level, int) else 0
