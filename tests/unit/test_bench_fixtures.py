"""The bench's connection fixtures: the delay line, the exec plugin and the kubeconfigs it
writes (no control plane needed)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from bench import fixtures, latency
from bench.cluster import AdminCredentials

CREDS = AdminCredentials(
    server="https://127.0.0.1:6443", ca_data=b"CA PEM", cert_data=b"CERT", key_data=b"KEY"
)


def _echo_server() -> tuple[socket.socket, int]:
    """A server that answers each connection with what it received, upper-cased, then EOF."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        data = b""
        while not data.endswith(b"\n"):
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
        conn.sendall(data.upper())
        conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener, listener.getsockname()[1]


def test_delay_line_relays_both_ways_and_adds_the_delay_to_each_direction():
    listener, port = _echo_server()
    delay = 0.05
    with latency.running(("127.0.0.1", port), delay) as proxy_port:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", proxy_port)) as sock:
            sock.sendall(b"hello through the delay line\n")
            answer = b""
            while True:
                chunk = sock.recv(4096)
                if not chunk:  # the server's EOF reaches the client too
                    break
                answer += chunk
        elapsed = time.monotonic() - started
    listener.close()
    assert answer == b"HELLO THROUGH THE DELAY LINE\n"
    # A round trip crosses the line twice; sleeping guarantees the lower bound.
    assert elapsed >= 2 * delay


def test_plugin_prints_an_exec_credential_valid_for_an_hour(tmp_path: Path):
    token = tmp_path / "token"
    token.write_text("abc.def\n")
    plugin = tmp_path / "plugin.py"
    plugin.write_text(
        fixtures.PLUGIN.format(seconds=0, token_file=str(token), lifetime=fixtures.TOKEN_LIFETIME)
    )
    done = subprocess.run(
        [sys.executable, "-S", "-E", str(plugin)], capture_output=True, check=True, text=True
    )
    cred = json.loads(done.stdout)
    assert cred["kind"] == "ExecCredential"
    assert cred["apiVersion"] == "client.authentication.k8s.io/v1"
    assert cred["status"]["token"] == "abc.def"
    expiry = time.mktime(time.strptime(cred["status"]["expirationTimestamp"], "%Y-%m-%dT%H:%M:%SZ"))
    assert 3500 < expiry - time.mktime(time.gmtime()) <= 3600


def test_kubeconfig_is_one_context_for_the_given_server_and_user():
    text = fixtures.kubeconfig_text(CREDS, "https://127.0.0.1:7000", fixtures.admin_user(CREDS))
    doc = yaml.safe_load(text)
    assert doc["current-context"] == "bench"
    cluster = doc["clusters"][0]["cluster"]
    assert cluster["server"] == "https://127.0.0.1:7000"
    assert cluster["certificate-authority-data"] == "Q0EgUEVN"  # base64 of b"CA PEM"
    assert doc["users"][0]["user"]["client-key-data"] == "S0VZ"


def test_latency_kubeconfig_points_at_a_running_proxy(tmp_path: Path):
    with fixtures.latency_kubeconfig(CREDS, tmp_path) as path:
        server = yaml.safe_load(path.read_text())["clusters"][0]["cluster"]["server"]
        port = int(server.rsplit(":", 1)[1])
        assert server.startswith("https://127.0.0.1:") and port != 6443
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        assert path.stat().st_mode & 0o077 == 0
