"""Talking to the control plane with the standard library only: the connection facts
(``ClusterInfo``), HTTPS requests as admin, the limited user's RBAC and kubeconfig files.

Independent of kctl on purpose: the fixture must work while kctl's own layers are being built.
"""

from __future__ import annotations

import http.client
import json
import ssl
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

LIMITED_USER = "jane"
LIMITED_NAMESPACE = "limited"
CONTEXT = "envtest"


class APIRequestError(RuntimeError):
    """An admin request during set-up failed."""


@dataclass
class ClusterInfo:
    """What tests need to talk to a running control plane (the ``cluster`` fixture)."""

    server: str
    admin_kubeconfig: Path
    limited_kubeconfig: Path
    limited_namespace: str
    limited_user: str
    kubectl: Path
    ca_file: Path
    admin_cert: Path
    admin_key: Path
    token: str
    apiserver: Path
    etcd: Path
    workdir: Path

    def to_json(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, str]) -> ClusterInfo:
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = data[field.name]
            values[field.name] = raw if field.type in ("str", str) else Path(raw)
        return cls(**values)


def https_request(
    server: str,
    method: str,
    path: str,
    *,
    ca_file: Path,
    client_cert: tuple[Path, Path] | None = None,
    token: str | None = None,
    body: Any = None,
    timeout: float = 5.0,
) -> tuple[int, bytes]:
    """One HTTPS request with the standard library (no dependency on kctl's REST layer)."""
    context = ssl.create_default_context(cafile=str(ca_file))
    if client_cert:
        context.load_cert_chain(str(client_cert[0]), str(client_cert[1]))
    host, _, port = server.removeprefix("https://").partition(":")
    conn = http.client.HTTPSConnection(host, int(port or 443), context=context, timeout=timeout)
    headers = {"Accept": "application/json"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def admin_request(info: ClusterInfo, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """A request as the admin user; returns the status and the decoded JSON body (or None)."""
    status, raw = https_request(
        info.server,
        method,
        path,
        ca_file=info.ca_file,
        client_cert=(info.admin_cert, info.admin_key),
        body=body,
        timeout=30.0,
    )
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None


def ensure_object(info: ClusterInfo, collection: str, obj: dict[str, Any]) -> None:
    """POST ``obj`` to ``collection``; an existing object is fine (idempotent set-up)."""
    status, body = admin_request(info, "POST", collection, obj)
    if status not in (200, 201, 409):
        raise APIRequestError(f"POST {collection} failed: HTTP {status}: {body}")


def grant_limited_user(info: ClusterInfo) -> None:
    """Namespace ``limited`` where the limited user may get/list/watch pods, and nothing else."""
    ns = info.limited_namespace
    ensure_object(
        info,
        "/api/v1/namespaces",
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}},
    )
    ensure_object(
        info,
        f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": "pod-reader", "namespace": ns},
            "rules": [
                {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]}
            ],
        },
    )
    ensure_object(
        info,
        f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": f"{info.limited_user}-pod-reader", "namespace": ns},
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "Role",
                "name": "pod-reader",
            },
            "subjects": [
                {
                    "apiGroup": "rbac.authorization.k8s.io",
                    "kind": "User",
                    "name": info.limited_user,
                }
            ],
        },
    )


def kubeconfig_text(server: str, ca_pem: bytes, user: str, credentials: dict[str, str]) -> str:
    import base64

    import yaml

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": CONTEXT,
                "cluster": {"server": server, "certificate-authority-data": b64(ca_pem)},
            }
        ],
        "users": [{"name": user, "user": credentials}],
        "contexts": [{"name": CONTEXT, "context": {"cluster": CONTEXT, "user": user}}],
        "current-context": CONTEXT,
        "preferences": {},
    }
    return yaml.safe_dump(config, sort_keys=False)


def http_ok(url: str) -> bool:
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False
