"""clientcmd's ConfigOverrides: the command-line flags that override the kubeconfig, and
kubectl's reading of ``--request-timeout``. Plain data, stdlib only."""

from __future__ import annotations

import re
from typing import Any

from kctl.errors import ConfigError

_FIELDS = (
    "kubeconfig",
    "context",
    "cluster",
    "user",
    "namespace",
    "server",
    "token",
    "certificate_authority",
    "client_certificate",
    "client_key",
    "insecure_skip_tls_verify",
    "tls_server_name",
    "request_timeout",
    "as_user",
    "as_groups",
    "as_uid",
    "username",
    "password",
    "disable_compression",
    "cache_dir",
)


class Overrides:
    """Command-line flags that override the kubeconfig (kubectl's global flags).

    A plain class, not a dataclass: every command that reads a kubeconfig imports it, and
    @dataclass compiles generated code at import time. Built with keywords, equal when every
    field is, changed only through ``replace``; its repr never shows ``token`` or ``password``.
    """

    __slots__ = _FIELDS

    def __init__(
        self,
        kubeconfig: str | None = None,
        context: str | None = None,
        cluster: str | None = None,
        user: str | None = None,
        namespace: str | None = None,
        server: str | None = None,
        token: str | None = None,
        certificate_authority: str | None = None,
        client_certificate: str | None = None,
        client_key: str | None = None,
        insecure_skip_tls_verify: bool | None = None,
        tls_server_name: str | None = None,
        request_timeout: str | None = None,  # kubectl syntax: "0", "30", "1s", "2m", "1h"
        as_user: str | None = None,
        as_groups: tuple[str, ...] = (),
        as_uid: str | None = None,
        username: str | None = None,
        password: str | None = None,
        disable_compression: bool | None = None,
        cache_dir: str | None = None,
    ) -> None:
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.token = token
        self.certificate_authority = certificate_authority
        self.client_certificate = client_certificate
        self.client_key = client_key
        self.insecure_skip_tls_verify = insecure_skip_tls_verify
        self.tls_server_name = tls_server_name
        self.request_timeout = request_timeout
        self.as_user = as_user
        self.as_groups = as_groups
        self.as_uid = as_uid
        self.username = username
        self.password = password
        self.disable_compression = disable_compression
        self.cache_dir = cache_dir

    def _values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def replace(self, **changes: Any) -> Overrides:
        """A copy with ``changes`` applied (an unknown name raises ``TypeError``)."""
        return Overrides(**{**self._values(), **changes})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Overrides):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        # --token and --password are credentials: never in a repr or a log line
        shown = {
            k: ("--- REDACTED ---" if k in ("token", "password") and v else v)
            for k, v in self._values().items()
        }
        return f"Overrides({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


TIMEOUT_ERROR = (
    "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
    "followed by a corresponding time unit (e.g. 1s | 2m | 3h)"
)


def parse_timeout(text: str) -> float | None:
    """kubectl's ``--request-timeout``: "0" = no limit, a bare integer = seconds, else a Go
    duration. Returns seconds, or None for no limit."""
    if re.fullmatch(r"[+-]?[0-9]+", text):
        n = int(text)
        if 0 <= n < 2**63:  # beyond Go's Atoi range it is a duration without a unit: invalid
            return float(n) if n else None
    from kctl import duration

    try:
        seconds = duration.parse(text)
    except ValueError:
        raise ConfigError(TIMEOUT_ERROR) from None
    return seconds if seconds > 0 else None
