"""A fault-injecting fake API server for the test suite (standard library only).

A real kube-apiserver never sends a truncated body, a trickle, 101 headers or a Table with the
wrong types; this server does, on demand, on 127.0.0.1 with a plain and a TLS port. Each test
puts a handler on a path (``server.route("/api/v1/namespaces/default/pods", handler)``); every
other path answers like a tiny API server: aggregated discovery for pods and namespaces, and a
404 Status. ``run_kctl`` runs the real CLI (a subprocess, so standard streams and exit codes are
the real ones) with a kubeconfig whose token is ``SECRET``; ``assert_clean`` checks that neither
a traceback nor the secret came out.

Handlers write raw bytes (``ex.send_raw``) or a whole answer (``ex.respond``), so any protocol
fault can be produced: bad chunk sizes, bad gzip, a hang-up mid-body, a silent socket.
"""

from __future__ import annotations

import datetime
import gzip
import ipaddress
import json
import os
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECRET = "s3cr3t-TOKEN-do-not-print"
AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"


@dataclass
class Exchange:
    """One request as received, and the socket to answer on."""

    method: str
    target: str  # path and query as sent
    headers: dict[str, str]
    body: bytes
    conn: socket.socket
    server: FaultServer

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]

    def send_raw(self, data: bytes) -> None:
        self.conn.sendall(data)

    def respond(
        self,
        code: int,
        body: bytes | str | dict[str, Any] | list[Any] = b"",
        *,
        content_type: str = "application/json",
        headers: list[tuple[str, str]] | None = None,
        reason: str = "",
    ) -> None:
        """A complete HTTP/1.1 answer (``Connection: close``, exact ``Content-Length``)."""
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body
        lines = [f"HTTP/1.1 {code} {reason or _REASONS.get(code, 'Status')}"]
        lines.append(f"Content-Type: {content_type}")
        lines.append(f"Content-Length: {len(data)}")
        lines.append("Connection: close")
        lines += [f"{k}: {v}" for k, v in headers or []]
        self.send_raw(("\r\n".join(lines) + "\r\n\r\n").encode() + data)


_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    307: "Temporary Redirect",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

Handler = Callable[[Exchange], None]


def status(code: int, reason: str, message: str, **details: Any) -> dict[str, Any]:
    """A ``meta.k8s.io/v1 Status`` body."""
    out: dict[str, Any] = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    }
    if details:
        out["details"] = details
    return out


def _resource(name: str, kind: str, scope: str, singular: str, short: list[str]) -> dict[str, Any]:
    return {
        "resource": name,
        "responseKind": {"group": "", "version": "v1", "kind": kind},
        "scope": scope,
        "singularResource": singular,
        "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
        "shortNames": short,
    }


def core_discovery() -> dict[str, Any]:
    """Aggregated discovery for ``/api``: pods and namespaces in core v1."""
    return {
        "kind": "APIGroupDiscoveryList",
        "apiVersion": "apidiscovery.k8s.io/v2",
        "metadata": {},
        "items": [
            {
                "metadata": {"creationTimestamp": None},
                "versions": [
                    {
                        "version": "v1",
                        "resources": [
                            _resource("namespaces", "Namespace", "Cluster", "namespace", ["ns"]),
                            _resource("pods", "Pod", "Namespaced", "pod", ["po"]),
                        ],
                        "freshness": "Current",
                    }
                ],
            }
        ],
    }


def empty_discovery() -> dict[str, Any]:
    return {"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "items": []}


def pod_table(*names: str, cont: str = "") -> dict[str, Any]:
    """A Table of pods as the server sends it (NAME, READY, STATUS, RESTARTS, AGE)."""
    cols = [
        {"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0},
        {"name": "Ready", "type": "string", "format": "", "description": "", "priority": 0},
        {"name": "Status", "type": "string", "format": "", "description": "", "priority": 0},
        {"name": "Restarts", "type": "string", "format": "", "description": "", "priority": 0},
        {"name": "Age", "type": "string", "format": "", "description": "", "priority": 0},
    ]
    meta: dict[str, Any] = {"resourceVersion": "1"}
    if cont:
        meta["continue"] = cont
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": meta,
        "columnDefinitions": cols,
        "rows": [{"cells": [n, "1/1", "Running", "0", "1m"], "object": None} for n in names],
    }


def pod_list(*names: str) -> dict[str, Any]:
    return {
        "kind": "PodList",
        "apiVersion": "v1",
        "metadata": {"resourceVersion": "1"},
        "items": [
            {"metadata": {"name": n, "namespace": "default"}, "spec": {}, "status": {}}
            for n in names
        ],
    }


def _default(ex: Exchange) -> None:
    if ex.path == "/api":
        if "apidiscovery.k8s.io" in ex.headers.get("accept", ""):
            ex.respond(200, core_discovery(), content_type=AGGREGATED)
        else:
            ex.respond(200, {"kind": "APIVersions", "versions": ["v1"]})
        return
    if ex.path == "/apis":
        if "apidiscovery.k8s.io" in ex.headers.get("accept", ""):
            ex.respond(200, empty_discovery(), content_type=AGGREGATED)
        else:
            ex.respond(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": []})
        return
    if ex.path == "/version":
        ex.respond(200, {"major": "1", "minor": "36", "gitVersion": "v1.36.3"})
        return
    ex.respond(404, status(404, "NotFound", "the server could not find the requested resource"))


# -- certificates (cryptography is a test dependency) -----------------------------------------


@dataclass
class Certs:
    ca_pem: bytes
    cert_file: str
    key_file: str


def make_certs(directory: str) -> Certs:
    """A CA and a server certificate for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("fault-ca"))
        .issuer_name(name("fault-ca"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("fault-server"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_file = os.path.join(directory, "server.crt")
    key_file = os.path.join(directory, "server.key")
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return Certs(ca.public_bytes(serialization.Encoding.PEM), cert_file, key_file)


# -- the server -------------------------------------------------------------------------------


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    fault: FaultServer


class _Conn(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        fault = self.server.fault  # type: ignore[attr-defined]
        conn: socket.socket = self.request
        if fault.ssl_context is not None:
            try:
                conn = fault.ssl_context.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                return  # a client that spoke plain HTTP to the TLS port, or gave up
        try:
            ex = _read_request(conn, fault)
            if ex is None:
                return
            fault.requests.append(ex)
            handler = fault.routes.get(ex.path, _default)
            handler(ex)
        except (OSError, ssl.SSLError):
            pass  # the client went away: that is what several scenarios provoke
        finally:
            with suppress(OSError):
                conn.close()


def _read_request(conn: socket.socket, fault: FaultServer) -> Exchange | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if data.startswith(b"\x16\x03"):
            # A TLS handshake on the plain port: answer like an HTTP server would.
            conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Exchange(method, target, headers, rest, conn, fault)


@dataclass
class FaultServer:
    """The fake server: a plain port (``url``) and a TLS port (``tls_url``) with one route table."""

    certs: Certs
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Exchange] = field(default_factory=list)
    ssl_context: ssl.SSLContext | None = None
    url: str = ""
    tls_url: str = ""

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def paths(self) -> list[str]:
        """Paths requested so far (without discovery)."""
        return [ex.target for ex in self.requests if ex.path not in ("/api", "/apis")]


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    """Both ports running; stopped (and every connection dropped) on exit."""
    with tempfile.TemporaryDirectory(prefix="kctl-fault-") as tmp:
        certs = make_certs(tmp)
        plain = FaultServer(certs)
        tls = _TCPServer(("127.0.0.1", 0), _Conn)
        raw = _TCPServer(("127.0.0.1", 0), _Conn)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(certs.cert_file, certs.key_file)
        # One route table for both ports: the TLS port's server object shares it.
        secure = FaultServer(certs, plain.routes, plain.requests, ctx)
        raw.fault, tls.fault = plain, secure
        plain.url = f"http://127.0.0.1:{raw.server_address[1]}"
        plain.tls_url = secure.tls_url = f"https://127.0.0.1:{tls.server_address[1]}"
        secure.url = plain.url
        threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (raw, tls)]
        for t in threads:
            t.start()
        try:
            yield plain
        finally:
            for s in (raw, tls):
                s.shutdown()
                s.server_close()


# -- running kctl against it ------------------------------------------------------------------


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}"


def kubeconfig(server: str, ca_pem: bytes | None = None, token: str = SECRET) -> str:
    """A one-context kubeconfig (YAML is a JSON superset: written as JSON)."""
    import base64

    cluster: dict[str, Any] = {"server": server}
    if ca_pem is not None:
        cluster["certificate-authority-data"] = base64.b64encode(ca_pem).decode()
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "current-context": "fault",
            "contexts": [{"name": "fault", "context": {"cluster": "fault", "user": "fault"}}],
            "clusters": [{"name": "fault", "cluster": cluster}],
            "users": [{"name": "fault", "user": {"token": token}}],
        }
    )


def run_kctl(
    tmp: Path,
    server: str,
    *args: str,
    ca_pem: bytes | None = None,
    token: str = SECRET,
    config_text: str | None = None,
    stdin: int | str | None = None,
    stdout: int | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> Result:
    """``kctl --kubeconfig=<tmp>/config ARGS`` with a private HOME and cache. ``stdout`` may be
    a file descriptor (``/dev/full``) or -1 for a closed stdout; ``stdin`` a string, an fd, or
    -1 for a closed stdin."""
    config = tmp / "config"
    config.write_text(config_text if config_text is not None else kubeconfig(server, ca_pem, token))
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "KUBECACHEDIR": str(tmp / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    environ.update(env or {})
    argv = [sys.executable, "-m", "kctl", f"--kubeconfig={config}", *args]
    cmd: list[str] = argv
    if stdout == -1 or stdin == -1:
        # Close the stream in the child before kctl starts: the shell's `>&-` / `<&-`.
        closing = ("exec 1>&- ; " if stdout == -1 else "") + ("exec 0<&- ; " if stdin == -1 else "")
        cmd = ["/bin/sh", "-c", closing + 'exec "$@"', "sh", *argv]
    done = subprocess.run(
        cmd,
        input=stdin if isinstance(stdin, str) else None,
        stdin=stdin if isinstance(stdin, int) and stdin >= 0 else None,
        stdout=stdout if stdout is not None and stdout >= 0 else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        timeout=timeout,
    )
    out = done.stdout.decode("utf-8", "replace") if done.stdout is not None else ""
    return Result(done.returncode, out, done.stderr.decode("utf-8", "replace"))


def assert_clean(result: Result, secret: str = SECRET) -> None:
    """No Python traceback and no credential in anything kctl printed."""
    text = result.stdout + result.stderr
    assert "Traceback" not in text, str(result)
    assert secret not in text, str(result)
    assert 'File "' not in result.stderr, str(result)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)
