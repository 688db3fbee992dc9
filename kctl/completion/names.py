"""Object names for ``get TYPE <TAB>`` and ``-n <TAB>``: one metadata-only list with a hard
deadline, remembered for a few seconds.

kubectl downloads every full object (a 2,000-pod namespace is megabytes) and has no timeout.
Here the server is asked for a Table without objects (``includeObject=None``): one row of
cells per object, the name among them. The request goes through the REST layer's one
standard-library transport (``RESTClient(transport="stdlib")``, HTTP/1.1 on sockets: importing
requests alone would cost more than the whole list), with the commands' TLS, proxy, header,
credential and Status rules; completion adds only the hard deadline and cached-only
credentials (an exec plugin never runs on a TAB).
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
    body = _get(config, environ, path, deadline, verbosity)
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


def _get(
    config: RestConfig, environ: Mapping[str, str], path: str, deadline: float, verbosity: int
) -> Any:
    """GET the metadata-only Table at ``path`` and decode it, all within ``deadline`` seconds.

    Credentials are cached-only: without a cached one the list goes out unauthenticated (and
    most likely comes back 401: no names). No retries: a TAB answers now or not at all."""
    import signal

    from kctl.env import Environment
    from kctl.errors import KctlError
    from kctl.rest.auth import Authenticator
    from kctl.rest.client import RESTClient
    from kctl.rest.mediatypes import TABLE_ACCEPT

    env = Environment(environ=environ)  # -v logs and warnings on stderr (the scripts drop it)
    client = RESTClient(
        config,
        env,
        verbosity,
        authenticator=Authenticator(config, env, cached_only=True),
        max_retries=0,
        transport="stdlib",
    )

    def expired(_signum: int, _frame: Any) -> None:
        raise Unavailable("deadline")

    # The client's deadline bounds connecting and every read; the alarm also bounds what
    # sockets cannot (a slow DNS lookup), so a TAB never waits longer than the deadline.
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, deadline)
    try:
        return client.get_json(
            path, {"includeObject": "None"}, headers={"Accept": TABLE_ACCEPT}, timeout=deadline
        )
    except KctlError as exc:  # no answer, an error answer, not JSON, the deadline
        raise Unavailable(type(exc).__name__) from exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        client.close()


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
