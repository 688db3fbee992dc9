"""Credentials for one ``RestConfig``: bearer token, token file, basic auth, client certificate,
exec plugin, or the ``oidc`` auth-provider's ID token.

The precedence is client-go's: a token, basic auth or client certificate from the kubeconfig or
flags means the exec plugin is never run. ``refresh()`` is called by the REST layer after a 401:
it re-runs the exec plugin or re-reads the token file, and says whether a retry makes sense.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from kctl.env import Environment
from kctl.errors import ConfigError
from kctl.rest.config import RestConfig

if TYPE_CHECKING:
    from kctl.rest.exec import ExecPlugin


class Credentials:
    """What to send: extra request headers and, maybe, a client certificate and key (PEM).

    A plain class, not a dataclass (whose generated code costs every request-sending command
    at import time); equal when all three parts are."""

    __slots__ = ("headers", "client_cert_data", "client_key_data")

    def __init__(
        self,
        headers: dict[str, str] | None = None,
        client_cert_data: bytes | None = None,
        client_key_data: bytes | None = None,
    ) -> None:
        self.headers: dict[str, str] = {} if headers is None else headers
        self.client_cert_data = client_cert_data
        self.client_key_data = client_key_data

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credentials):
            return NotImplemented
        return (self.headers, self.client_cert_data, self.client_key_data) == (
            other.headers,
            other.client_cert_data,
            other.client_key_data,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        shown = {
            k: ("<redacted>" if k.lower() == "authorization" else v)
            for k, v in self.headers.items()
        }
        return (
            f"Credentials(headers={shown!r}, client_cert={'yes' if self.client_cert_data else 'no'}"
            f", client_key={'<redacted>' if self.client_key_data else None})"
        )


class Authenticator:
    """Turns a ``RestConfig`` into ``Credentials``; one instance per REST client."""

    def __init__(self, config: RestConfig, env: Environment, *, cached_only: bool = False) -> None:
        self.config = config
        self.env = env
        self.only_cached = cached_only
        self._token = config.bearer_token
        self._plugin: ExecPlugin | None = None
        if config.exec_config is not None and not self._has_static_auth():
            # Only users with a plugin pay for it (subprocess, hashlib, datetime).
            from kctl.rest.exec import ExecPlugin

            self._plugin = ExecPlugin(config.exec_config, env, config.host, config.cluster_info)

    def cached_only(self) -> Authenticator:
        """A copy that never runs an exec plugin (shell completion): cached credentials or
        none."""
        other = copy.copy(self)
        other.only_cached = True
        return other

    def _has_static_auth(self) -> bool:
        c = self.config
        return bool(
            c.bearer_token or c.bearer_token_file or c.username or c.password or c.client_cert_data
        )

    def credentials(self) -> Credentials:
        """The headers and TLS client material for the next request."""
        c = self.config
        creds = Credentials(client_cert_data=c.client_cert_data, client_key_data=c.client_key_data)
        if self._token:
            creds.headers["Authorization"] = f"Bearer {self._token}"
        elif c.username or c.password:
            import base64  # basic auth only

            pair = f"{c.username or ''}:{c.password or ''}".encode()
            creds.headers["Authorization"] = f"Basic {base64.b64encode(pair).decode('ascii')}"
        elif self._plugin is not None:
            cred = self._plugin.cached() if self.only_cached else self._plugin.get()
            if cred is not None:
                if cred.token:
                    creds.headers["Authorization"] = f"Bearer {cred.token}"
                if cred.client_cert_data and cred.client_key_data:
                    creds.client_cert_data = cred.client_cert_data
                    creds.client_key_data = cred.client_key_data
        elif c.auth_provider is not None:
            creds.headers.update(self._auth_provider_headers())
        return creds

    def _auth_provider_headers(self) -> dict[str, str]:
        provider = self.config.auth_provider or {}
        name = provider.get("name") or ""
        if name != "oidc":
            raise ConfigError(f'no Auth Provider found for name "{name}"')
        token = (provider.get("config") or {}).get("id-token") or ""
        # Refreshing an expired ID token (and writing it back to the kubeconfig) is not done.
        return {"Authorization": f"Bearer {token}"} if token else {}

    def refresh(self) -> bool:
        """After a 401: get fresh credentials if there is a way to. True = retry once."""
        if self.only_cached:
            return False
        c = self.config
        if self._plugin is not None:
            self._plugin.forget()
            self._plugin.get()
            return True
        if c.bearer_token_file:
            try:
                with open(c.bearer_token_file, encoding="utf-8", errors="replace") as f:
                    fresh = f.read().strip()
            except OSError:
                return False
            changed = bool(fresh) and fresh != self._token
            if changed:
                self._token = fresh
            return changed
        return False

    @property
    def exec_runs(self) -> int:
        """How many times the exec plugin ran in this process."""
        return self._plugin.runs if self._plugin is not None else 0
