"""What a kubeconfig (plus flags) resolves to: client-go's ``rest.Config``. Plain data, no I/O
and stdlib only: ``clientcmd.clientconfig`` fills it, ``rest.client`` consumes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from kctl.rest.execconfig import ExecConfig as ExecConfig


def __getattr__(name: str) -> object:
    # ExecConfig (a public dataclass) lives in kctl.rest.execconfig: only a user with an exec
    # plugin needs it built, and every command that talks to a server imports this module.
    if name == "ExecConfig":
        from kctl.rest.execconfig import ExecConfig

        return ExecConfig
    raise AttributeError(f"module 'kctl.rest.config' has no attribute {name!r}")


# repr=False: RestConfig defines its own __repr__ (which hides secrets), so the generated one
# would never be used; not generating it saves a quarter of its start-up cost.
@dataclass(repr=False)
class RestConfig:
    """Everything the REST layer needs to talk to one server as one user.

    Secrets (token, password, key data) live only here and in request headers; ``__repr__``
    redacts them so a stray log line cannot leak them.
    """

    host: str  # "https://127.0.0.1:6443" (scheme, host, port, optional path prefix)
    namespace: str = "default"  # the context's namespace or the -n flag
    namespace_explicit: bool = False  # True when -n was given
    context_name: str = ""
    cluster_name: str = ""
    user_name: str = ""
    # TLS
    ca_data: bytes | None = None  # PEM; from certificate-authority-data or read from the file
    insecure: bool = False
    tls_server_name: str | None = None
    client_cert_data: bytes | None = None
    client_key_data: bytes | None = None
    # auth
    bearer_token: str | None = None
    bearer_token_file: str | None = None
    username: str | None = None
    password: str | None = None
    exec_config: ExecConfig | None = None
    auth_provider: dict[str, Any] | None = None
    # transport
    proxy_url: str | None = None
    timeout: float | None = None  # seconds; None = no client-side limit
    impersonate_user: str | None = None
    impersonate_groups: tuple[str, ...] = ()
    impersonate_uid: str | None = None  # Impersonate-Uid (kubeconfig ``as-uid``)
    impersonate_extra: dict[str, list[str]] = field(default_factory=dict)  # Impersonate-Extra-<k>
    disable_compression: bool = False  # cluster ``disable-compression``: no gzip Accept-Encoding
    # the kubeconfig's cluster entry fields not otherwise used (e.g. extensions), for exec info;
    # clientcmd.clientconfig fills it with the ExecCredential ``spec.cluster`` object
    cluster_info: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        from kctl.rest.httplog import mask_url  # URLs may carry user:password@ (proxy-url)

        shown = {
            k: ("--- REDACTED ---" if k in _SECRET_FIELDS and v else v)
            for k, v in self.__dict__.items()
        }
        for k in ("host", "proxy_url"):
            if isinstance(shown.get(k), str):
                shown[k] = mask_url(shown[k])
        body = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        return f"RestConfig({body})"


# auth_provider: its config holds id-token, refresh-token and client-secret
_SECRET_FIELDS = {"bearer_token", "password", "client_key_data", "auth_provider"}


def normalise_host(server: str) -> str:
    """The server URL as RestConfig.host holds it (and the discovery cache is keyed by).

    A server that is neither a URL nor a host:port pair is refused with kubectl's text (before:
    ``ht!tp://::::`` went to DNS, ``http://[::1`` was a traceback)."""
    try:
        parts = urlsplit(server)
        if not parts.scheme or not parts.netloc:
            # client-go: a server without a scheme is plain http unless TLS material is
            # configured, and at this point none is (it only reads TLS settings for https).
            parts = urlsplit("http://" + server)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        valid = _valid_host(server, parts.hostname or "")
    except ValueError:  # an unclosed "[", a port that is not a number
        valid = False
    if not valid:
        from kctl.errors import ConfigError
        from kctl.gostr import go_quote

        raise ConfigError(f"host must be a URL or a host:port pair: {go_quote(server)}")
    if len(parts.path) > 1:
        parts = parts._replace(query="", fragment="")
    return urlunsplit(parts)


def _valid_host(server: str, hostname: str) -> bool:
    """A scheme (when one is written) of URL scheme characters, and a host name of letters,
    digits, '-', '.', '_' (or an IPv6 literal, which urlsplit has checked)."""
    scheme = server.partition("://")[0] if "://" in server else "x"
    if not (scheme[:1].isascii() and scheme[:1].isalpha()):
        return False
    if not all(c.isascii() and (c.isalnum() or c in "+.-") for c in scheme):
        return False
    if not hostname:
        return False
    return ":" in hostname or all(c.isalnum() or c in "-._%" for c in hostname)
