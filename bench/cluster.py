"""Where the bench finds its control plane, its kubectl, and an admin HTTP client for seeding.

Lookup order for the kubeconfig: ``--kubeconfig``, ``$KCTL_BENCH_KUBECONFIG``, the dev
cluster's ``.devcluster/kubeconfig`` (written by ``make cluster``), then ``$KUBECONFIG``. The dev
cluster comes first on purpose: a benchmark seeds thousands of pods and must not wander onto a
real cluster just because the shell has one configured.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shlex
import ssl
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DEVCLUSTER = REPO_ROOT / ".devcluster"
DEFAULT_KUBECTL = Path("/root/.cache/kctl/bin/k8s-v1.36.3-etcd-v3.6.16/kubectl")


class BenchError(Exception):
    """A setup problem the bench reports in one line (no traceback)."""


def read_env_file(path: Path) -> dict[str, str]:
    """``export NAME=value`` lines of a shell env file (as ``make cluster`` writes it)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        name, sep, raw = line.partition("=")
        if not sep:
            continue
        parts = shlex.split(raw) if raw else [""]
        values[name.strip()] = parts[0] if parts else ""
    return values


def find_kubeconfig(flag: str | None, environ: Mapping[str, str]) -> Path:
    candidates: list[str | None] = [
        flag,
        environ.get("KCTL_BENCH_KUBECONFIG"),
        str(DEVCLUSTER / "kubeconfig") if (DEVCLUSTER / "kubeconfig").is_file() else None,
        environ.get("KUBECONFIG", "").split(os.pathsep)[0] or None,
    ]
    for candidate in candidates:
        if candidate:
            path = Path(candidate)
            if not path.is_file():
                raise BenchError(f"kubeconfig {path} does not exist (run `make cluster` first)")
            return path.resolve()
    raise BenchError("no control plane: run `make cluster` (writes .devcluster/kubeconfig)")


def find_kubectl(flag: str | None, environ: Mapping[str, str]) -> Path:
    dev_env = read_env_file(DEVCLUSTER / "env")
    for candidate in (flag, environ.get("KCTL_KUBECTL"), dev_env.get("KCTL_KUBECTL")):
        if candidate:
            if not os.access(candidate, os.X_OK):
                raise BenchError(f"kubectl {candidate} is not an executable file")
            return Path(candidate)
    if DEFAULT_KUBECTL.is_file():
        return DEFAULT_KUBECTL
    raise BenchError("kubectl not found: set KCTL_KUBECTL or build it (tests/envtest)")


@dataclass(frozen=True)
class AdminCredentials:
    """The current context's server and client-certificate material (bytes, never printed)."""

    server: str
    ca_data: bytes | None
    cert_data: bytes
    key_data: bytes
    insecure: bool = False

    def __repr__(self) -> str:
        return f"AdminCredentials(server={self.server!r}, <tls material redacted>)"


def _data(entry: Mapping[str, Any], key: str, base: Path) -> bytes | None:
    if entry.get(f"{key}-data"):
        return base64.b64decode(entry[f"{key}-data"])
    if entry.get(key):
        path = Path(entry[key])
        return (path if path.is_absolute() else base / path).read_bytes()
    return None


def load_admin(kubeconfig: Path) -> AdminCredentials:
    """Read the current context of an admin kubeconfig that authenticates with a client cert."""
    import yaml  # kctl's own dependency; imported here so unit tests of other parts skip it

    doc = yaml.safe_load(kubeconfig.read_text()) or {}
    contexts = {c["name"]: c.get("context") or {} for c in doc.get("contexts") or []}
    clusters = {c["name"]: c.get("cluster") or {} for c in doc.get("clusters") or []}
    users = {u["name"]: u.get("user") or {} for u in doc.get("users") or []}
    context = contexts.get(doc.get("current-context", ""))
    if context is None:
        raise BenchError(f"{kubeconfig}: no current context")
    cluster = clusters.get(context.get("cluster", ""), {})
    user = users.get(context.get("user", ""), {})
    base = kubeconfig.parent
    cert = _data(user, "client-certificate", base)
    key = _data(user, "client-key", base)
    if not cluster.get("server") or cert is None or key is None:
        raise BenchError(f"{kubeconfig}: the bench needs a server and a client certificate")
    return AdminCredentials(
        server=cluster["server"].rstrip("/"),
        ca_data=_data(cluster, "certificate-authority", base),
        cert_data=cert,
        key_data=key,
        insecure=bool(cluster.get("insecure-skip-tls-verify")),
    )


class APIError(BenchError):
    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"HTTP {status}: {body[:300].decode(errors='replace')}")
        self.status = status


class AdminClient:
    """A tiny JSON client over ``http.client``, one keep-alive connection per thread.

    ``ssl.SSLContext.load_cert_chain`` only takes files, so the cert and key are written to a
    private temp dir (0700, files 0600) that lives as long as the client; call ``close()``.
    """

    def __init__(self, creds: AdminCredentials) -> None:
        url = urlsplit(creds.server)
        if url.scheme != "https":
            raise BenchError(f"expected an https server, got {creds.server}")
        self._host = url.hostname or "127.0.0.1"
        self._port = url.port or 443
        self._tmp = tempfile.TemporaryDirectory(prefix="kctl-bench-")
        tmp = Path(self._tmp.name)
        os.chmod(tmp, 0o700)
        cert_file, key_file = tmp / "client.crt", tmp / "client.key"
        for path, data in ((cert_file, creds.cert_data), (key_file, creds.key_data)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        ctx = ssl.create_default_context()
        if creds.insecure:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        elif creds.ca_data:
            ctx.load_verify_locations(cadata=creds.ca_data.decode())
        ctx.load_cert_chain(str(cert_file), str(key_file))
        self._ctx = ctx
        self._local = threading.local()

    def _conn(self) -> http.client.HTTPSConnection:
        conn: http.client.HTTPSConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPSConnection(
                self._host, self._port, context=self._ctx, timeout=60
            )
            self._local.conn = conn
        return conn

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Send one request; returns (status, decoded JSON or None). A dropped keep-alive
        connection is retried once; 429 and 503 (priority and fairness pushing back while
        thousands of pods arrive) are retried with a growing pause."""
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(8):
            status, data = self._send(method, path, payload, headers)
            if status not in (429, 503):
                break
            time.sleep(min(0.1 * 2**attempt, 2.0))
        return status, (json.loads(data) if data else None)

    def _send(
        self, method: str, path: str, payload: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        for attempt in (1, 2):
            conn = self._conn()
            try:
                conn.request(method, path, body=payload, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str) -> Any:
        status, doc = self.request("GET", path)
        if status != 200:
            raise APIError(status, json.dumps(doc).encode())
        return doc

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._tmp.cleanup()
