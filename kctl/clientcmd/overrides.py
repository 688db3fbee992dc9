"""clientcmd's ConfigOverrides: the command-line flags that override the kubeconfig, and
kubectl's reading of ``--request-timeout``. Plain data, stdlib only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kctl import duration
from kctl.errors import ConfigError


@dataclass
class Overrides:
    """Command-line flags that override the kubeconfig (kubectl's global flags)."""

    kubeconfig: str | None = None
    context: str | None = None
    cluster: str | None = None
    user: str | None = None
    namespace: str | None = None
    server: str | None = None
    token: str | None = field(default=None, repr=False)  # a credential: never in a repr
    certificate_authority: str | None = None
    client_certificate: str | None = None
    client_key: str | None = None
    insecure_skip_tls_verify: bool | None = None
    tls_server_name: str | None = None
    request_timeout: str | None = None  # kubectl syntax: "0", "30", "1s", "2m", "1h"
    as_user: str | None = None
    as_groups: tuple[str, ...] = ()
    as_uid: str | None = None
    username: str | None = None
    password: str | None = None
    disable_compression: bool | None = None
    cache_dir: str | None = None

    def __repr__(self) -> str:
        # --token and --password are credentials: never in a repr or a log line
        shown = {
            k: ("--- REDACTED ---" if k in ("token", "password") and v else v)
            for k, v in self.__dict__.items()
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
    try:
        seconds = duration.parse(text)
    except ValueError:
        raise ConfigError(TIMEOUT_ERROR) from None
    return seconds if seconds > 0 else None
