"""The connections a scenario can ask for besides the admin kubeconfig: a user whose credentials
come from a slow exec plugin, and a server behind a delay line.

Each is a kubeconfig both tools read (JSON, which is YAML too), written into the scenario's
work directory, for the admin kubeconfig's server and CA.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.cluster import AdminClient, AdminCredentials, APIError, BenchError

EXEC_NAMESPACE = "bench-exec"
EXEC_ACCOUNT = "bench-exec"
EXEC_BINDING = "bench-exec-admin"
PLUGIN_SECONDS = 0.3  # like `aws eks get-token`
TOKEN_LIFETIME = 3600  # what the plugin announces (expirationTimestamp)
TOKEN_REQUEST_SECONDS = 4 * 3600  # what the server grants: longer than any bench run
LATENCY_MS = 25.0  # one way

# The plugin: sleeps like a cloud CLI, then prints an ExecCredential that expires in an hour.
# Run with `python -S -E` (no site, no environment): start-up stays small next to the sleep.
PLUGIN = """\
import datetime, sys, time
time.sleep({seconds})
token = open({token_file!r}).read().strip()
expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds={lifetime})
sys.stdout.write(
    '{{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", '
    '"status": {{"token": "%s", "expirationTimestamp": "%s"}}}}\\n'
    % (token, expiry.strftime("%Y-%m-%dT%H:%M:%SZ"))
)
"""


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def kubeconfig_text(creds: AdminCredentials, server: str, user: dict[str, Any]) -> str:
    """A one-context kubeconfig for ``server`` (trusting the admin kubeconfig's CA) as ``user``."""
    cluster: dict[str, Any] = {"server": server}
    if creds.insecure:
        cluster["insecure-skip-tls-verify"] = True
    elif creds.ca_data:
        cluster["certificate-authority-data"] = base64.b64encode(creds.ca_data).decode()
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "bench", "cluster": cluster}],
        "users": [{"name": "bench", "user": user}],
        "contexts": [{"name": "bench", "context": {"cluster": "bench", "user": "bench"}}],
        "current-context": "bench",
    }
    return json.dumps(doc, indent=2) + "\n"


def server_of(kubeconfig: Path) -> str:
    """The server of a kubeconfig written by ``kubeconfig_text`` (the delay line's address)."""
    doc = json.loads(kubeconfig.read_text())
    server: str = doc["clusters"][0]["cluster"]["server"]
    return server


def admin_user(creds: AdminCredentials) -> dict[str, Any]:
    return {
        "client-certificate-data": base64.b64encode(creds.cert_data).decode(),
        "client-key-data": base64.b64encode(creds.key_data).decode(),
    }


def service_account_token(client: AdminClient) -> str:
    """A token for a bench service account bound to cluster-admin (TokenRequest API)."""
    from bench.seed import ensure_namespace

    ensure_namespace(client, EXEC_NAMESPACE)
    sa_path = f"/api/v1/namespaces/{EXEC_NAMESPACE}/serviceaccounts"
    status, doc = client.request(
        "POST",
        sa_path,
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": EXEC_ACCOUNT}},
    )
    if status not in (201, 409):
        raise APIError(status, json.dumps(doc).encode())
    binding = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": EXEC_BINDING, "labels": {"kctl-bench": "true"}},
        "roleRef": {
            "apiGroup": "rbac.authorization.k8s.io",
            "kind": "ClusterRole",
            "name": "cluster-admin",
        },
        "subjects": [{"kind": "ServiceAccount", "name": EXEC_ACCOUNT, "namespace": EXEC_NAMESPACE}],
    }
    status, doc = client.request(
        "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", binding
    )
    if status not in (201, 409):
        raise APIError(status, json.dumps(doc).encode())
    request = {
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "TokenRequest",
        "spec": {"expirationSeconds": TOKEN_REQUEST_SECONDS},
    }
    status, doc = client.request("POST", f"{sa_path}/{EXEC_ACCOUNT}/token", request)
    token = ((doc or {}).get("status") or {}).get("token") if status == 201 else None
    if not token:
        raise BenchError(f"could not get a service account token: HTTP {status}")
    return str(token)


def exec_kubeconfig(creds: AdminCredentials, client: AdminClient, workdir: Path) -> Path:
    """A kubeconfig whose user runs a 300 ms exec plugin returning a token valid for an hour."""
    token_file = workdir / "exec-token"
    _write_private(token_file, service_account_token(client) + "\n")
    plugin = workdir / "exec-plugin.py"
    _write_private(
        plugin,
        PLUGIN.format(seconds=PLUGIN_SECONDS, token_file=str(token_file), lifetime=TOKEN_LIFETIME),
    )
    user = {
        "exec": {
            "apiVersion": "client.authentication.k8s.io/v1",
            "command": sys.executable,
            "args": ["-S", "-E", str(plugin)],
            "interactiveMode": "Never",
        }
    }
    path = workdir / "exec.kubeconfig"
    _write_private(path, kubeconfig_text(creds, creds.server, user))
    return path


@contextlib.contextmanager
def latency_kubeconfig(creds: AdminCredentials, workdir: Path) -> Iterator[Path]:
    """The admin kubeconfig with its server behind ``bench.latency`` (a child process that
    lives as long as the ``with`` block)."""
    url = urlsplit(creds.server)
    target = f"{url.hostname}:{url.port or 443}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.latency", "--target", target, "--delay-ms", str(LATENCY_MS)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert proc.stdout is not None
        port = proc.stdout.readline().strip()
        if not port.isdigit():
            raise BenchError("the latency proxy did not start")
        # Same host name as the real server (its certificate names it), another port.
        host = url.hostname or "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        server = f"{url.scheme}://{host}:{port}"
        path = workdir / "latency.kubeconfig"
        _write_private(path, kubeconfig_text(creds, server, admin_user(creds)))
        yield path
    finally:
        proc.kill()
        proc.wait()
