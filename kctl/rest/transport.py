"""The HTTP transport under ``RESTClient``: TLS from the RestConfig, proxy choice, User-Agent.

TLS material never touches ``requests``' own certificate handling: the CA goes into an
``ssl.SSLContext`` in memory, and the adapter ignores ``verify``/``REQUESTS_CA_BUNDLE``, so a
bundle in the environment cannot widen (or replace) the kubeconfig's trust.
"""

from __future__ import annotations

import functools
import os
import socket
import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from kctl.errors import ConfigError
from kctl.rest.useragent import go_platform, user_agent

__all__ = ["go_platform", "user_agent"]  # re-exported: the one copy lives in rest/useragent.py

if TYPE_CHECKING:
    from requests.adapters import HTTPAdapter

    from kctl.rest.config import RestConfig


def impersonation_headers(config: RestConfig) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """client-go's impersonation headers: the single-valued ones, and the repeated ones (one
    line per group, and per value of each extra, whose key travels percent-encoded in the
    header name). Shared by the REST client and shell completion's stdlib client."""
    single: dict[str, str] = {}
    if config.impersonate_user:
        single["Impersonate-User"] = config.impersonate_user
    if config.impersonate_uid:
        single["Impersonate-Uid"] = config.impersonate_uid
    repeated = [("Impersonate-Group", group) for group in config.impersonate_groups]
    for key, values in config.impersonate_extra.items():
        repeated += [("Impersonate-Extra-" + quote(key, safe=""), value) for value in values]
    return single, repeated


def wire_header(value: str, name: str = "") -> str | bytes:
    """A header value as Go sends it: non-ASCII text as its UTF-8 bytes (http.client would
    encode a str as Latin-1, and fail outright on a character beyond it, e.g. in a token).

    A value with a control character (a line break in a token) is refused before anything is
    sent, with Go's text (``httpguts.ValidHeaderFieldValue``: tab is the only one allowed);
    the value itself is never shown, it may be a credential."""
    if any((c < " " and c != "\t") or c == "\x7f" for c in value):
        from kctl.errors import ConnectionFailed

        raise ConnectionFailed(f'net/http: invalid header field value for "{name}"')
    return value if value.isascii() else value.encode("utf-8")


def build_ssl_context(
    *,
    ca_data: bytes | None,
    insecure: bool,
    client_cert_data: bytes | None = None,
    client_key_data: bytes | None = None,
) -> ssl.SSLContext:
    """An SSLContext trusting exactly the kubeconfig's CA (or the system roots without one).

    Client cert and key: ``ssl`` only loads them from paths (see ``_load_client_pair``)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # TLS >= 1.2, hostname check, CERT_REQUIRED
    if insecure:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    elif ca_data:
        try:
            ctx.load_verify_locations(cadata=ca_data.decode("ascii", errors="replace"))
        except (ssl.SSLError, ValueError) as exc:
            raise ConfigError(
                "unable to load root certificates: unable to parse bytes as PEM block"
            ) from exc
    else:
        ctx.load_default_certs()
    if client_cert_data or client_key_data:
        if not (client_cert_data and client_key_data):
            raise ConfigError("tls: client certificate and key must both be set")
        _load_client_pair(ctx, client_cert_data, client_key_data)
    return ctx


def _load_client_pair(ctx: ssl.SSLContext, cert: bytes, key: bytes) -> None:
    """Load a client certificate and key given as bytes.

    Where the system has anonymous in-memory files (Linux), the key never reaches a disk and no
    temporary-file machinery is imported (it costs a few ms of every command's start-up);
    elsewhere they are written 0600 into a private (0700) temporary directory and removed as
    soon as they are loaded."""
    try:
        loaded = _load_from_memory(ctx, cert, key)
        if not loaded:
            _load_from_tempdir(ctx, cert, key)
    except ssl.SSLError as exc:
        if exc.reason == "KEY_VALUES_MISMATCH":
            raise ConfigError("tls: private key does not match public key") from None
        reason = str(exc.reason or exc).lower().replace("_", " ")
        raise ConfigError(f"tls: failed to load client certificate/key: {reason}") from None


def _load_from_memory(ctx: ssl.SSLContext, cert: bytes, key: bytes) -> bool:
    """Load the pair through two memfds opened again by their /proc path; False when the
    system offers neither (then nothing was loaded)."""
    create = getattr(os, "memfd_create", None)
    if create is None:
        return False
    fds: list[int] = []
    try:
        for name, data in (("kctl-client-crt", cert), ("kctl-client-key", key)):
            fd = create(name, os.MFD_CLOEXEC)
            fds.append(fd)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        paths = [f"/proc/self/fd/{fd}" for fd in fds]
        if not all(os.path.exists(path) for path in paths):
            return False  # no /proc mounted
        ctx.load_cert_chain(paths[0], paths[1])
        return True
    except ssl.SSLError:
        raise
    except OSError:
        return False  # memfds refused (seccomp, limits): the temporary directory still works
    finally:
        for fd in fds:
            os.close(fd)


def _load_from_tempdir(ctx: ssl.SSLContext, cert: bytes, key: bytes) -> None:
    import shutil
    import tempfile

    tmpdir = tempfile.mkdtemp(prefix="kctl-tls-")  # mode 0700
    try:
        cert_path = os.path.join(tmpdir, "client.crt")
        key_path = os.path.join(tmpdir, "client.key")
        for path, data in ((cert_path, cert), (key_path, key)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        ctx.load_cert_chain(cert_path, key_path)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _env_any(environ: Mapping[str, str], *names: str) -> str:
    for name in names:
        value = environ.get(name)
        if value:
            return value
    return ""


def proxy_for(url: str, proxy_url: str | None, environ: Mapping[str, str]) -> str | None:
    """The proxy for ``url``: the kubeconfig's ``proxy-url``, else ``HTTPS_PROXY``/
    ``HTTP_PROXY`` unless ``NO_PROXY`` matches (Go's ``httpproxy`` rules: loopback and
    ``localhost`` never go through an environment proxy)."""
    if proxy_url:
        return proxy_url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "https":
        proxy = _env_any(environ, "HTTPS_PROXY", "https_proxy")
    else:
        proxy = _env_any(environ, "HTTP_PROXY", "http_proxy")
    if not proxy:
        return None
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = 443 if scheme == "https" else 80
    if host == "localhost" or _is_loopback(host):
        return None
    if _no_proxy_matches(host, port, _env_any(environ, "NO_PROXY", "no_proxy")):
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    return proxy


def _is_loopback(host: str) -> bool:
    import ipaddress  # only once an environment proxy is set: most commands never get here

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _no_proxy_matches(host: str, port: int, no_proxy: str) -> bool:
    import ipaddress

    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    for raw in no_proxy.split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        if "/" in entry:  # CIDR
            try:
                if ip is not None and ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                pass
            continue
        entry_host, entry_port = _split_host_port(entry)
        if entry_port and entry_port != port:
            continue
        try:
            entry_ip = ipaddress.ip_address(entry_host.strip("[]"))
        except ValueError:
            entry_ip = None
        if entry_ip is not None:
            if ip is not None and ip == entry_ip:
                return True
            continue
        if entry_host.startswith("*."):
            entry_host = entry_host[1:]
        if entry_host.startswith("."):
            if host.endswith(entry_host):
                return True
        elif host == entry_host or host.endswith("." + entry_host):
            return True
    return False


def _split_host_port(entry: str) -> tuple[str, int]:
    if entry.startswith("["):
        end = entry.find("]")
        rest = entry[end + 1 :]
        port = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else 0
        return entry[: end + 1], port
    if entry.count(":") == 1:
        host, _, port_text = entry.partition(":")
        return host, int(port_text) if port_text.isdigit() else 0
    return entry, 0


def tls_adapter(ssl_context: ssl.SSLContext, server_name: str | None) -> HTTPAdapter:
    """A requests adapter whose HTTPS connections use ``ssl_context`` and, when set,
    ``server_name`` for SNI and the certificate's hostname check."""
    if ssl_context.verify_mode == ssl.CERT_NONE:
        # The user asked for it (insecure-skip-tls-verify); urllib3's per-request Python
        # warning would only add noise to stderr. (Here, not in build_ssl_context: shell
        # completion builds contexts too and must not import urllib3.)
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    cls = _tls_adapter_class()
    adapter: HTTPAdapter = cls(ssl_context, server_name)
    return adapter


@functools.cache
def _tls_adapter_class() -> type[Any]:
    from requests.adapters import HTTPAdapter

    class KctlTLSAdapter(HTTPAdapter):
        """HTTPAdapter with its TLS settings fixed at construction."""

        def __init__(self, ssl_context: ssl.SSLContext, server_name: str | None) -> None:
            self._ssl_context = ssl_context
            self._server_name = server_name
            # maxsize >= discovery's parallel requests, so no connection is thrown away
            super().__init__(pool_connections=4, pool_maxsize=16, max_retries=0)

        def build_connection_pool_key_attributes(
            self, request: Any, verify: Any, cert: Any = None
        ) -> Any:
            host_params, _ignored = super().build_connection_pool_key_attributes(
                request, True, None
            )
            pool_kwargs: dict[str, Any] = {}
            if host_params.get("scheme") == "https":
                pool_kwargs["ssl_context"] = self._ssl_context
                verifying = self._ssl_context.verify_mode != ssl.CERT_NONE
                pool_kwargs["cert_reqs"] = "CERT_REQUIRED" if verifying else "CERT_NONE"
                if self._server_name:
                    pool_kwargs["server_hostname"] = self._server_name
            return host_params, pool_kwargs

        def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
            # requests would point the pool at a CA bundle (certifi or REQUESTS_CA_BUNDLE)
            # that urllib3 then *adds* to our context; trust comes from the context alone.
            return None

    return KctlTLSAdapter


def hostname_mismatch_text(host: str, port: int, sni: str, wanted: str) -> str | None:
    """Go's ``x509.HostnameError`` text (``x509: certificate is valid for a, b, not c``).

    OpenSSL's error does not list the certificate's names, so the certificate is fetched once
    more without verification (only to describe the failure; nothing is sent)."""
    try:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with (
            socket.create_connection((host, port), timeout=5) as sock,
            ctx.wrap_socket(sock, server_hostname=sni) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
        if not der:
            return None
        decoded = _decode_cert(ssl.DER_cert_to_PEM_cert(der))
    except (OSError, ValueError, AttributeError):
        return None
    import ipaddress

    sans = decoded.get("subjectAltName") or ()
    dns = [str(v) for k, v in sans if k == "DNS"]
    ips = []
    for k, v in sans:
        if k == "IP Address":
            try:
                ips.append(ipaddress.ip_address(str(v).strip()).compressed)
            except ValueError:
                ips.append(str(v))
    target = wanted.strip("[]")
    try:
        ipaddress.ip_address(target)
        is_ip = True
    except ValueError:
        is_ip = False
    if is_ip:
        if not ips:
            return (
                f"x509: cannot validate certificate for {target} "
                "because it doesn't contain any IP SANs"
            )
        valid = ", ".join(ips)
    else:
        valid = ", ".join(dns)
    if not valid:
        return f"x509: certificate is not valid for any names, but wanted to match {target}"
    return f"x509: certificate is valid for {valid}, not {target}"


def _decode_cert(pem: str) -> dict[str, Any]:
    # The stdlib decodes a certificate only from a file; this one is public, not a secret.
    import tempfile

    fd, path = tempfile.mkstemp(prefix="kctl-peer-", suffix=".pem")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(pem)
        decoded: dict[str, Any] = ssl._ssl._test_decode_cert(path)  # type: ignore[attr-defined]
        return decoded
    finally:
        os.unlink(path)
