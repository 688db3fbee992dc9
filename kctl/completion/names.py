"""Object names for ``get TYPE <TAB>`` and ``-n <TAB>``: one metadata-only list with a hard
deadline, remembered for a few seconds.

kubectl downloads every full object (a 2,000-pod namespace is megabytes) and has no timeout.
Here the server is asked for a Table without objects (``includeObject=None``): one row of
cells per object, the name among them. The HTTP client is the standard library's
``http.client`` — importing requests alone would cost more than the whole list.
"""

from __future__ import annotations

import marshal
import os
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from kctl.clientcmd.overrides import Overrides
    from kctl.rest.config import RestConfig

DEADLINE_SECONDS = 2.0  # the whole lookup, connect to last byte
CACHE_SECONDS = 10.0  # how long a list is reused across TABs
_TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json"


class Unavailable(Exception):
    """No names: no usable credentials, no server, too slow, or an error answer."""


def list_names(
    overrides: Callable[[], Overrides],
    environ: Mapping[str, str],
    cache_root: str,
    scope: tuple[str, str, str, str],
    resource: tuple[str, str, str, bool],
    deadline: float = DEADLINE_SECONDS,
    verbosity: int = 0,
) -> list[str]:
    """Names of ``resource`` (group, version, plural, namespaced) for ``scope`` (server,
    context, user, namespace as the completion index predicts them).

    A hit in the name cache needs no kubeconfig loading at all; the list itself is made with
    the kubeconfig loaded properly, and cached under what it was really made with."""
    group, version, plural, namespaced = resource
    server, context, user, namespace = scope
    cached = _cache_read(
        cache_root, _key(server, context, user, namespace if namespaced else "", resource)
    )
    if cached is not None:
        return cached
    config = _rest_config(overrides(), environ)
    namespace = config.namespace if namespaced else ""
    from kctl.schema import GroupVersionResource

    path = GroupVersionResource(group, version, plural).path(namespace or None)
    log = None
    if verbosity >= 6:  # kubectl's -v request log, on stderr (the shell scripts drop it)
        import sys

        from kctl.rest.httplog import HTTPLogger

        log = HTTPLogger(sys.stderr, verbosity)
    body = _get(config, environ, path + "?includeObject=None", deadline, log)
    names = _names_of(body)
    key = _key(config.host, config.context_name, config.user_name, namespace, resource)
    _cache_write(cache_root, key, names)
    return names


def _key(
    server: str, context: str, user: str, namespace: str, resource: tuple[str, str, str, bool]
) -> str:
    group, version, plural, _ = resource
    return "\n".join((server.rstrip("/"), context, user, namespace, group, version, plural))


def _rest_config(overrides: Overrides, environ: Mapping[str, str]) -> RestConfig:
    from kctl.completion.index import ensure_site

    ensure_site()  # the kubeconfig loader needs PyYAML
    try:
        from kctl.clientcmd.clientconfig import load_rest_config

        return load_rest_config(overrides, environ)
    except Exception as exc:  # any kubeconfig problem means "no names", silently
        raise Unavailable(str(exc)) from exc


def _credentials(config: RestConfig, environ: Mapping[str, str]) -> tuple[dict[str, str], Any]:
    """Request headers and the credentials object. Cached-only: an exec plugin is never run
    on a TAB; without a cached credential the list goes out unauthenticated (and most likely
    comes back 401: no names)."""
    from kctl.env import Environment
    from kctl.rest.auth import Authenticator

    env = Environment(environ=environ)
    creds = Authenticator(config, env, cached_only=True).credentials()
    return {"Accept": _TABLE_ACCEPT, **creds.headers}, creds


def _get(
    config: RestConfig, environ: Mapping[str, str], path: str, deadline: float, log: Any = None
) -> Any:
    """GET ``path`` and decode the JSON body, all within ``deadline`` seconds."""
    import http.client
    import signal
    from urllib.parse import urlsplit

    from kctl.rest import transport

    headers, creds = _credentials(config, environ)
    headers["User-Agent"] = transport.user_agent()
    url = urlsplit(config.host)
    host = url.hostname or ""
    https = url.scheme == "https"
    port = url.port or (443 if https else 80)
    proxy = transport.proxy_for(config.host, config.proxy_url, environ)
    target = (url.path.rstrip("/") + path) if url.path else path
    single, repeated = transport.impersonation_headers(config)
    headers.update(single)

    def expired(_signum: int, _frame: Any) -> None:
        raise Unavailable("deadline")

    # The socket timeout bounds each read; the alarm bounds the whole exchange (DNS, a server
    # that trickles bytes), so a TAB never waits longer than the deadline.
    started = time.monotonic()
    answered = False

    def ms() -> int:
        return int((time.monotonic() - started) * 1000)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, deadline)
    try:
        conn: http.client.HTTPConnection
        connect_host, connect_port = host, port
        if proxy:
            p = urlsplit(proxy)
            if p.scheme != "http":
                raise Unavailable("only http:// proxies are used for completion")
            connect_host, connect_port = p.hostname or "", p.port or 80
        if https:
            ctx = transport.build_ssl_context(
                ca_data=config.ca_data,
                insecure=config.insecure,
                client_cert_data=creds.client_cert_data,
                client_key_data=creds.client_key_data,
            )
            conn = _HTTPS(connect_host, connect_port, ctx, config.tls_server_name, deadline)
        else:
            conn = http.client.HTTPConnection(connect_host, connect_port, timeout=deadline)
        if proxy:
            conn.set_tunnel(host, port)
        conn.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in [*headers.items(), *repeated]:
            conn.putheader(name, transport.wire_header(value))
        conn.endheaders()
        resp = conn.getresponse()
        answered = True
        if log is not None:
            status = f"{resp.status} {resp.reason}"
            log.response("GET", config.host + path, status, resp.getheaders(), ms())
        if resp.status != 200:
            raise Unavailable(f"HTTP {resp.status}")
        raw = resp.read()
        conn.close()
    except Exception as exc:  # network errors, ConfigError from the TLS material, the deadline
        if log is not None and not answered:
            log.failure("GET", config.host + path, str(exc) or type(exc).__name__, ms())
        if isinstance(exc, Unavailable):
            raise
        raise Unavailable(type(exc).__name__) from exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > deadline:
        raise Unavailable("deadline")
    import json

    try:
        return json.loads(raw)
    except ValueError as exc:
        raise Unavailable("not JSON") from exc


def _https_class() -> Any:
    import http.client

    class HTTPS(http.client.HTTPSConnection):
        """HTTPS with a separate TLS server name (the kubeconfig's ``tls-server-name``)."""

        def __init__(
            self, host: str, port: int, ctx: Any, server_name: str | None, timeout: float
        ) -> None:
            super().__init__(host, port, timeout=timeout, context=ctx)
            self._server_name = server_name

        def connect(self) -> None:
            http.client.HTTPConnection.connect(self)
            tunnel_host: str | None = getattr(self, "_tunnel_host", None)
            name = self._server_name or tunnel_host or self.host
            self.sock = self._context.wrap_socket(self.sock, server_hostname=name)  # type: ignore[attr-defined]

    return HTTPS


def _HTTPS(host: str, port: int, ctx: Any, server_name: str | None, timeout: float) -> Any:  # noqa: N802
    return _https_class()(host, port, ctx, server_name, timeout)


def _names_of(body: Any) -> list[str]:
    """Names from a Table (the ``name``-format column) or, from a server that ignored the
    Table request, a list's ``items[].metadata.name``."""
    if not isinstance(body, dict):
        raise Unavailable("bad body")
    if body.get("kind") == "Table":
        columns = body.get("columnDefinitions") or []
        index = 0
        for i, col in enumerate(columns):
            if isinstance(col, dict) and col.get("format") == "name":
                index = i
                break
        names = []
        for row in body.get("rows") or []:
            cells = row.get("cells") if isinstance(row, dict) else None
            if isinstance(cells, list) and len(cells) > index and isinstance(cells[index], str):
                names.append(cells[index])
        return names
    names = []
    for item in body.get("items") or []:
        meta = item.get("metadata") if isinstance(item, dict) else None
        if isinstance(meta, dict) and isinstance(meta.get("name"), str):
            names.append(meta["name"])
    return names


def _cache_path(cache_root: str, key: str) -> str:
    import hashlib

    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return os.path.join(cache_root, "completion", "names", f"{digest}.marshal")


def _cache_read(cache_root: str, key: str) -> list[str] | None:
    """The names listed less than ``CACHE_SECONDS`` ago (marshal, like the completion index:
    no ``json`` import on a warm TAB)."""
    try:
        with open(_cache_path(cache_root, key), "rb") as f:
            doc = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(doc, dict) or doc.get("key") != key:
        return None
    at = doc.get("at")
    if not isinstance(at, (int, float)) or not 0 <= time.time() - at < CACHE_SECONDS:
        return None
    names = doc.get("names")
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else None


def _cache_write(cache_root: str, key: str, names: list[str]) -> None:
    from kctl.completion.index import write_atomic

    doc = {"key": key, "at": time.time(), "names": names}
    write_atomic(_cache_path(cache_root, key), marshal.dumps(doc))
