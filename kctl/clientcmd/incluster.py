"""In-cluster configuration: the pod's service account, used when the kubeconfig yields
nothing but the built-in default (client-go's InClusterConfig)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from kctl.clientcmd.loader import read_file
from kctl.clientcmd.overrides import Overrides
from kctl.errors import ConfigError
from kctl.rest.config import RestConfig, normalise_host

# Plain strings and os.path, not pathlib: every command that reads a kubeconfig asks whether it
# runs in a pod, and pathlib would add its imports (fnmatch, urllib.parse, ...) to each of them.
SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"


def in_cluster_possible(environ: Mapping[str, str], sa_dir: str) -> bool:
    return bool(
        environ.get("KUBERNETES_SERVICE_HOST")
        and environ.get("KUBERNETES_SERVICE_PORT")
        and os.path.isfile(os.path.join(sa_dir, "token"))
    )


def in_cluster_config(overrides: Overrides, environ: Mapping[str, str], sa_dir: str) -> RestConfig:
    """rest.InClusterConfig plus the few flags kubectl honours there (server, token, CA)."""
    host = environ["KUBERNETES_SERVICE_HOST"]
    port = environ["KUBERNETES_SERVICE_PORT"]
    if ":" in host:
        host = f"[{host}]"
    token_file = os.path.join(sa_dir, "token")
    rc = RestConfig(host=f"https://{host}:{port}")
    rc.bearer_token = read_file(token_file).decode("utf-8", "replace").strip()
    rc.bearer_token_file = token_file
    try:
        with open(os.path.join(sa_dir, "ca.crt"), "rb") as f:
            ca = f.read()
        if b"-----BEGIN" in ca:
            rc.ca_data = ca
    except OSError:
        pass
    if overrides.server:
        rc.host = normalise_host(overrides.server)
    if overrides.token:
        rc.bearer_token = overrides.token
        rc.bearer_token_file = None
    if overrides.certificate_authority:
        rc.ca_data = read_file(overrides.certificate_authority)
    return rc


def in_cluster_namespace(environ: Mapping[str, str], sa_dir: str) -> str:
    if environ.get("POD_NAMESPACE"):
        return environ["POD_NAMESPACE"]
    try:
        with open(os.path.join(sa_dir, "namespace"), encoding="utf-8") as f:
            ns = f.read().strip()
    except OSError:
        ns = ""
    return ns or "default"


def in_cluster(
    *, environ: Mapping[str, str] | None = None, service_account_dir: str | None = None
) -> RestConfig:
    """client-go's ``rest.InClusterConfig()``: the pod's service account token and CA, the
    API server from ``$KUBERNETES_SERVICE_HOST``/``_PORT``, the pod's namespace.

    Raises ``kctl.ConfigError`` when not running in a pod."""
    env = os.environ if environ is None else environ
    sa_dir = service_account_dir or SERVICE_ACCOUNT_DIR
    if not in_cluster_possible(env, sa_dir):
        raise ConfigError(
            "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and "
            "KUBERNETES_SERVICE_PORT must be defined"
        )
    rc = in_cluster_config(Overrides(), env, sa_dir)
    rc.namespace = in_cluster_namespace(env, sa_dir)
    return rc
