"""clientcmd's client config: the merged kubeconfig plus the command-line overrides resolved to
one context, cluster and user, checked, and turned into a ``RestConfig`` (``load_rest_config``
is kubectl's factory path: files -> merge -> overrides -> RestConfig, or in-cluster).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from kctl.clientcmd import incluster
from kctl.clientcmd.loader import LoadingRules, read_file
from kctl.clientcmd.merge import KubeConfig
from kctl.clientcmd.overrides import Overrides, parse_timeout
from kctl.clientcmd.paths import resolve_cluster_paths, resolve_user_paths
from kctl.clientcmd.validation import (
    CONTEXT_NOT_FOUND,
    ConfigurationInvalid,
    parse_proxy_url,
    validate_cluster,
    validate_user,
)
from kctl.errors import ConfigError
from kctl.rest.config import RestConfig, normalise_host

if TYPE_CHECKING:
    from kctl.rest.execconfig import ExecConfig

EXEC_CLUSTER_EXTENSION = "client.authentication.k8s.io/exec"


def default_server(environ: Mapping[str, str]) -> str:
    """Where kubectl goes with no configuration at all."""
    return environ.get("KUBERNETES_MASTER") or "http://localhost:8080"


class MissingEntry(ConfigError):
    """``--context``/``--cluster`` naming nothing: client-go's ``context "x" does not exist``.
    kubectl words it differently when a command asks for the namespace first (ConfirmUsable):
    ``confirm_usable_text`` is that wording (``get`` uses it, ``get --raw`` does not)."""

    def __init__(self, kind: str, name: str) -> None:
        super().__init__(f'{kind} "{name}" does not exist')
        self.kind, self.name = kind, name

    def confirm_usable(self) -> ConfigError:
        if self.kind == "context":
            return ConfigurationInvalid([f"{CONTEXT_NOT_FOUND}{self.name}"])
        return ConfigError(f'no server found for cluster "{self.name}"')


class ResolvedEntries:
    """The context, cluster and user picked for this invocation, overrides applied.

    A plain class, not a dataclass (generated code compiled at import time, on every command
    that reads a kubeconfig); its repr leaves out ``cluster`` (a proxy-url may carry a password)
    and ``user`` (credentials)."""

    __slots__ = ("context_name", "context", "cluster_name", "cluster", "user_name", "user")

    def __init__(
        self,
        context_name: str,
        context: dict[str, Any],
        cluster_name: str,
        cluster: dict[str, Any],
        user_name: str = "",
        user: dict[str, Any] | None = None,
    ) -> None:
        self.context_name = context_name
        self.context = context
        self.cluster_name = cluster_name
        self.cluster = cluster
        self.user_name = user_name
        self.user: dict[str, Any] = {} if user is None else user

    def __repr__(self) -> str:
        return (
            f"ResolvedEntries(context_name={self.context_name!r}, context={self.context!r}, "
            f"cluster_name={self.cluster_name!r}, user_name={self.user_name!r})"
        )


def resolve_entries(
    config: KubeConfig, overrides: Overrides, environ: Mapping[str, str]
) -> ResolvedEntries:
    """client-go's getContext/getAuthInfo/getCluster plus ConfirmUsable, with its error texts."""
    context_name = overrides.context or config.current_context

    def context_for() -> dict[str, Any] | None:
        ctx = config.contexts.get(context_name)
        if ctx is None and overrides.context:
            return None
        merged = dict(ctx or {})
        if overrides.cluster:
            merged["cluster"] = overrides.cluster
        if overrides.user:
            merged["user"] = overrides.user
        if overrides.namespace:
            merged["namespace"] = overrides.namespace
        return merged

    ctx = context_for()
    user_name = overrides.user or ((ctx or {}).get("user") or "")
    if overrides.user and user_name not in config.users:
        raise ConfigError(f'auth info "{user_name}" does not exist')
    if ctx is None:
        raise MissingEntry("context", context_name)
    cluster_name = ctx.get("cluster") or ""
    if overrides.cluster and cluster_name not in config.clusters:
        raise MissingEntry("cluster", cluster_name)

    user = resolve_user_paths(
        config.users.get(user_name, {}), config.origin_dir("users", user_name)
    )
    if overrides.token:
        user["token"] = overrides.token
    if overrides.client_certificate:
        user["client-certificate"] = overrides.client_certificate
        user.pop("client-certificate-data", None)
    if overrides.client_key:
        user["client-key"] = overrides.client_key
        user.pop("client-key-data", None)
    if overrides.as_user:
        user["as"] = overrides.as_user
    if overrides.as_groups:
        user["as-groups"] = list(overrides.as_groups)
    if overrides.as_uid:
        user["as-uid"] = overrides.as_uid
    if overrides.username:
        user["username"] = overrides.username
    if overrides.password:
        user["password"] = overrides.password

    cluster: dict[str, Any] = {"server": default_server(environ)}
    cluster.update(
        {
            k: v
            for k, v in resolve_cluster_paths(
                config.clusters.get(cluster_name, {}), config.origin_dir("clusters", cluster_name)
            ).items()
            if v not in (None, "", False)
        }
    )
    if overrides.server:
        cluster["server"] = overrides.server
    if overrides.insecure_skip_tls_verify or overrides.certificate_authority:
        cluster["insecure-skip-tls-verify"] = bool(overrides.insecure_skip_tls_verify)
        cluster.pop("certificate-authority-data", None)
        cluster.pop("certificate-authority", None)
        if overrides.certificate_authority:
            cluster["certificate-authority"] = overrides.certificate_authority
    if overrides.disable_compression:  # like --insecure-skip-tls-verify: only true overrides
        cluster["disable-compression"] = True
    if overrides.tls_server_name or overrides.server:
        cluster.pop("tls-server-name", None)
        if overrides.tls_server_name:
            cluster["tls-server-name"] = overrides.tls_server_name

    errors: list[str] = []
    if context_name and context_name not in config.contexts:
        errors.append(f"{CONTEXT_NOT_FOUND}{context_name}")
    errors += validate_user(user_name, user)
    errors += validate_cluster(cluster_name, cluster)
    if errors:
        raise ConfigurationInvalid(errors)
    return ResolvedEntries(context_name, ctx, cluster_name, cluster, user_name, user)


def _check_pem(ca: bytes) -> None:
    if b"-----BEGIN" not in ca:
        raise ConfigError("unable to load root certificates: unable to parse bytes as PEM block")


def build_rest_config(
    entries: ResolvedEntries, overrides: Overrides, environ: Mapping[str, str]
) -> RestConfig:
    cluster, user = entries.cluster, entries.user
    rc = RestConfig(host=normalise_host(cluster["server"]))
    rc.context_name = entries.context_name
    rc.cluster_name = entries.cluster_name
    rc.user_name = entries.user_name
    if cluster.get("proxy-url"):
        problem = parse_proxy_url(cluster["proxy-url"])
        if problem:
            raise ConfigError(f'failed to parse proxy URL "{cluster["proxy-url"]}": {problem}')
        rc.proxy_url = cluster["proxy-url"]
    rc.disable_compression = bool(cluster.get("disable-compression"))
    if overrides.request_timeout:
        rc.timeout = parse_timeout(overrides.request_timeout)
    if user.get("as"):
        rc.impersonate_user = user["as"]
        rc.impersonate_groups = tuple(user.get("as-groups") or ())
        rc.impersonate_uid = user.get("as-uid") or None
        rc.impersonate_extra = {
            str(k): [str(x) for x in (v or [])]
            for k, v in (user.get("as-user-extra") or {}).items()
        }
    if urlsplit(rc.host).scheme != "https":
        return rc  # client-go reads credentials and TLS settings only for https servers

    if user.get("token"):
        rc.bearer_token = user["token"]
        rc.bearer_token_file = user.get("tokenFile") or None
    elif user.get("tokenFile"):
        rc.bearer_token = read_file(user["tokenFile"]).decode("utf-8", "replace").strip()
        rc.bearer_token_file = user["tokenFile"]
    if user.get("client-certificate") or user.get("client-certificate-data"):
        rc.client_cert_data = user.get("client-certificate-data") or read_file(
            user["client-certificate"]
        )
        if user.get("client-key-data"):
            rc.client_key_data = user["client-key-data"]
        elif user.get("client-key"):
            rc.client_key_data = read_file(user["client-key"])
    if user.get("username") or user.get("password"):
        rc.username = user.get("username") or ""
        rc.password = user.get("password") or ""
    if user.get("auth-provider") is not None:
        rc.auth_provider = dict(user["auth-provider"])
    if user.get("exec") is not None:
        rc.exec_config = exec_config_of(user["exec"])
        rc.cluster_info = exec_cluster_info(cluster)

    if cluster.get("certificate-authority-data"):
        rc.ca_data = cluster["certificate-authority-data"]
    elif cluster.get("certificate-authority"):
        rc.ca_data = read_file(cluster["certificate-authority"])
    if rc.ca_data is not None:
        _check_pem(rc.ca_data)
    rc.insecure = bool(cluster.get("insecure-skip-tls-verify"))
    rc.tls_server_name = cluster.get("tls-server-name") or None
    return rc


def exec_config_of(raw: dict[str, Any]) -> ExecConfig:
    from kctl.rest.execconfig import ExecConfig  # exec plugin users only

    hint = _clean_ansi(raw.get("installHint") or "")
    return ExecConfig(
        command=raw.get("command") or "",
        args=list(raw.get("args") or []),
        env=[
            {"name": str(v.get("name", "")), "value": str(v.get("value", ""))}
            for v in raw.get("env") or []
        ],
        api_version=raw.get("apiVersion") or "",
        install_hint=hint,
        provide_cluster_info=bool(raw.get("provideClusterInfo")),
        interactive_mode=raw.get("interactiveMode") or "IfAvailable",
    )


def _clean_ansi(text: str) -> str:
    """Like client-go: control characters other than whitespace are shown as U+XXXX so an
    install hint cannot put the terminal in a strange state."""
    return "".join(
        ch if ch.isprintable() or ch in "\t\n\v\f\r" else f"U+{ord(ch):04X}" for ch in text
    )


def exec_cluster_info(cluster: dict[str, Any]) -> dict[str, Any]:
    """The ``spec.cluster`` an exec plugin receives (client.authentication.k8s.io Cluster)."""
    info: dict[str, Any] = {"server": cluster.get("server", "")}
    if cluster.get("tls-server-name"):
        info["tls-server-name"] = cluster["tls-server-name"]
    if cluster.get("insecure-skip-tls-verify"):
        info["insecure-skip-tls-verify"] = True
    ca = cluster.get("certificate-authority-data")
    if not ca and cluster.get("certificate-authority"):
        try:
            ca = read_file(cluster["certificate-authority"])
        except ConfigError:
            ca = None
    if ca:
        import base64  # exec plugins only

        info["certificate-authority-data"] = base64.b64encode(ca).decode("ascii")
    if cluster.get("proxy-url"):
        info["proxy-url"] = cluster["proxy-url"]
    if cluster.get("disable-compression"):
        info["disable-compression"] = True
    for ext in cluster.get("extensions") or []:
        if ext.get("name") == EXEC_CLUSTER_EXTENSION:
            info["config"] = ext.get("extension")
            break
    return info


def _is_default(rc: RestConfig, environ: Mapping[str, str]) -> bool:
    """client-go's IsDefaultConfig: nothing beyond the built-in fallback server was configured."""
    return (
        rc.host == normalise_host(default_server(environ))
        and rc.timeout is None
        and rc.proxy_url is None
        and rc.impersonate_user is None
        and not rc.disable_compression
        and rc.bearer_token is None
        and rc.client_cert_data is None
        and rc.username is None
        and rc.exec_config is None
        and rc.auth_provider is None
        and rc.ca_data is None
        and not rc.insecure
    )


def load_rest_config(
    overrides: Overrides,
    environ: Mapping[str, str],
    *,
    service_account_dir: str | os.PathLike[str] | None = None,
) -> RestConfig:
    """Kubeconfig files + flags -> RestConfig, as kubectl's factory does it.

    Falls back to the in-cluster service account when the kubeconfig yields nothing but the
    default (``http://localhost:8080``, or ``$KUBERNETES_MASTER``), like client-go.
    """
    sa_dir = os.fspath(service_account_dir or incluster.SERVICE_ACCOUNT_DIR)
    config = LoadingRules.from_environ(overrides, environ).load()
    entries = resolve_entries(config, overrides, environ)
    rc = build_rest_config(entries, overrides, environ)
    ctx_ns = entries.context.get("namespace") or ""
    if overrides.namespace:
        rc.namespace, rc.namespace_explicit = overrides.namespace, True
    else:
        rc.namespace = ctx_ns or "default"
    if _is_default(rc, environ) and incluster.in_cluster_possible(environ, sa_dir):
        icc = incluster.in_cluster_config(overrides, environ, sa_dir)
        icc.namespace, icc.namespace_explicit = rc.namespace, rc.namespace_explicit
        if not overrides.namespace and not ctx_ns:
            icc.namespace = incluster.in_cluster_namespace(environ, sa_dir)
        return icc
    return rc


def load_config(
    kubeconfig: str | os.PathLike[str] | None = None,
    context: str | None = None,
    *,
    cluster: str | None = None,
    user: str | None = None,
    namespace: str | None = None,
    server: str | None = None,
    token: str | None = None,
    certificate_authority: str | None = None,
    insecure_skip_tls_verify: bool | None = None,
    tls_server_name: str | None = None,
    request_timeout: str | float | None = None,
    impersonate: str | None = None,
    impersonate_groups: tuple[str, ...] = (),
    environ: Mapping[str, str] | None = None,
    overrides: Overrides | None = None,
) -> RestConfig:
    """The ``RestConfig`` for a kubeconfig and context, with kubectl's loading rules.

    ``kubeconfig`` is one file (like ``--kubeconfig``); without it ``$KUBECONFIG`` (a path list,
    merged) or ``~/.kube/config`` is read, and with none of them the in-cluster service account
    is used. The keywords override the kubeconfig like kubectl's global flags of the same names
    (``request_timeout`` takes seconds or kubectl's ``"30s"``/``"1m"`` syntax). ``environ``
    replaces ``os.environ`` for the lookup (handy in tests). ``overrides`` passes all of
    kubectl's global flags at once (what the CLI does); keywords given here win over it.

    Raises ``kctl.ConfigError`` with kubectl's text for a missing or broken kubeconfig.
    """
    timeout = request_timeout
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        timeout = f"{timeout}s"
    given: dict[str, Any] = {
        "kubeconfig": os.fspath(kubeconfig) if kubeconfig is not None else None,
        "context": context,
        "cluster": cluster,
        "user": user,
        "namespace": namespace,
        "server": server,
        "token": token,
        "certificate_authority": certificate_authority,
        "insecure_skip_tls_verify": insecure_skip_tls_verify,
        "tls_server_name": tls_server_name,
        "request_timeout": timeout if isinstance(timeout, str) else None,
        "as_user": impersonate,
        "as_groups": tuple(impersonate_groups) or None,
    }
    overrides = (overrides or Overrides()).replace(
        **{k: v for k, v in given.items() if v is not None}
    )
    return load_rest_config(overrides, os.environ if environ is None else environ)
