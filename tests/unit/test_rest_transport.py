"""TLS and proxy handling of the REST layer against a local HTTPS server (and a local CONNECT
proxy): the kubeconfig's CA wins over REQUESTS_CA_BUNDLE, tls-server-name drives SNI and the
hostname check, client certificates work and leave no key file behind, proxies are chosen with
Go's rules. Every client test runs on both transports (requests and the stdlib one): part of
the transport contract (tests/unit/test_rest_contract.py)."""

from __future__ import annotations

import datetime
import http.server
import json
import os
import select
import socket
import socketserver
import ssl
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kctl.env import Environment
from kctl.errors import ConnectionFailed
from kctl.rest.client import RESTClient
from kctl.rest.config import RestConfig
from kctl.rest.transport import proxy_for

# -- certificates -----------------------------------------------------------------------------


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(
    cn: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None,
    *,
    ca: bool = False,
    dns: list[str] | None = None,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer[0].subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if dns:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(d) for d in dns]), critical=False
        )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


class PKI:
    def __init__(self, tmp: Path) -> None:
        ka, kb, ks, kc = (ec.generate_private_key(ec.SECP256R1()) for _ in range(4))
        self.ca_a = _cert("ca-a", ka, None, ca=True)
        self.ca_b = _cert("ca-b", kb, None, ca=True)
        server = _cert("server", ks, (self.ca_a, ka), dns=["kubernetes"])
        client = _cert("admin", kc, (self.ca_a, ka))
        self.ca_a_pem, self.ca_b_pem = _pem(self.ca_a), _pem(self.ca_b)
        self.client_cert, self.client_key = _pem(client), _key_pem(kc)
        self.ca_a_file = tmp / "ca-a.pem"
        self.ca_a_file.write_bytes(self.ca_a_pem)
        self.server_cert_file = tmp / "server.pem"
        self.server_cert_file.write_bytes(_pem(server))
        self.server_key_file = tmp / "server.key"
        self.server_key_file.write_bytes(_key_pem(ks))


# -- servers ----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        peer = self.connection.getpeercert()  # type: ignore[attr-defined]
        cn = ""
        if peer:
            cn = dict(x[0] for x in peer["subject"]).get("commonName", "")
        body = json.dumps({"client": cn, "path": self.path, "headers": self._raw()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _raw(self) -> dict[str, list[str]]:
        # http.server decodes header bytes as Latin-1; undo that to see the UTF-8 sent
        out: dict[str, list[str]] = {}
        for name, value in self.headers.items():
            text = value.encode("latin-1").decode("utf-8", "replace")
            out.setdefault(name.lower(), []).append(text)
        return out

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return PKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def https_server(pki: PKI) -> Iterator[str]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki.server_cert_file, pki.server_key_file)
    ctx.load_verify_locations(cadata=pki.ca_a_pem.decode())
    ctx.verify_mode = ssl.CERT_OPTIONAL
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _ConnectProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    targets: list[str]


class _ProxyHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline().decode()
        while self.rfile.readline() not in (b"\r\n", b""):
            pass
        method, target, _ = line.split(" ", 2)
        assert isinstance(self.server, _ConnectProxy)
        self.server.targets.append(f"{method} {target}")
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        conns = [self.connection, upstream]
        try:
            while True:
                ready, _, _ = select.select(conns, [], [], 5)
                if not ready:
                    return
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


@pytest.fixture()
def connect_proxy() -> Iterator[_ConnectProxy]:
    proxy = _ConnectProxy(("127.0.0.1", 0), _ProxyHandler)
    proxy.targets = []
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.shutdown()
    proxy.server_close()


_TRANSPORT = ["requests"]


@pytest.fixture(autouse=True, params=["requests", "stdlib"])
def transport(request: pytest.FixtureRequest) -> Iterator[str]:
    _TRANSPORT[0] = request.param
    yield request.param
    _TRANSPORT[0] = "requests"


class _NoAuth:
    def __init__(self, cert: bytes | None = None, key: bytes | None = None) -> None:
        self.cert, self.key = cert, key

    def credentials(self) -> Any:
        outer = self

        class C:
            headers: dict[str, str] = {}
            client_cert_data = outer.cert
            client_key_data = outer.key

        return C()

    def refresh(self) -> bool:
        return False


def _client(config: RestConfig, environ: dict[str, str] | None = None, **kw: Any) -> RESTClient:
    env = Environment.for_test(environ=environ or {})
    client = RESTClient(
        config, env, authenticator=kw.pop("auth", _NoAuth()), transport=_TRANSPORT[0], **kw
    )
    assert client.uses_stdlib() == (_TRANSPORT[0] == "stdlib")
    return client


# -- TLS --------------------------------------------------------------------------------------


def test_kubeconfig_ca_and_tls_server_name(pki: PKI, https_server: str) -> None:
    config = RestConfig(host=https_server, ca_data=pki.ca_a_pem, tls_server_name="kubernetes")
    assert _client(config).get_json("/version")["path"] == "/version"


def test_without_tls_server_name_the_ip_does_not_match(pki: PKI, https_server: str) -> None:
    # Go's x509.HostnameError wording: the certificate names only "kubernetes".
    config = RestConfig(host=https_server, ca_data=pki.ca_a_pem)
    with pytest.raises(ConnectionFailed) as info:
        _client(config).get_json("/version")
    assert str(info.value) == (
        "Unable to connect to the server: tls: failed to verify certificate: "
        "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs"
    )


def test_requests_ca_bundle_cannot_override_the_kubeconfig_ca(
    pki: PKI, https_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The environment trusts the server's CA, the kubeconfig names another one: kubeconfig wins.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(pki.ca_a_file))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(pki.ca_a_file))
    config = RestConfig(host=https_server, ca_data=pki.ca_b_pem, tls_server_name="kubernetes")
    with pytest.raises(ConnectionFailed) as info:
        _client(config, dict(os.environ)).get_json("/version")
    assert str(info.value) == (
        "Unable to connect to the server: tls: failed to verify certificate: "
        "x509: certificate signed by unknown authority"
    )


def test_a_bogus_requests_ca_bundle_does_not_break_the_kubeconfig_ca(
    pki: PKI, https_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/bundle.pem")
    config = RestConfig(host=https_server, ca_data=pki.ca_a_pem, tls_server_name="kubernetes")
    assert _client(config, dict(os.environ)).get_json("/x")["path"] == "/x"


def test_insecure_skips_verification(https_server: str) -> None:
    config = RestConfig(host=https_server, insecure=True)
    assert _client(config).get_json("/x")["path"] == "/x"


def test_system_roots_do_not_trust_a_private_ca(https_server: str) -> None:
    config = RestConfig(host=https_server, tls_server_name="kubernetes")
    with pytest.raises(ConnectionFailed) as info:
        _client(config).get_json("/x")
    assert "certificate signed by unknown authority" in str(info.value)


def test_client_certificate_is_presented_and_no_key_file_is_left(
    pki: PKI, https_server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    config = RestConfig(host=https_server, ca_data=pki.ca_a_pem, tls_server_name="kubernetes")
    client = _client(config, auth=_NoAuth(pki.client_cert, pki.client_key))
    assert client.get_json("/who")["client"] == "admin"
    assert list(tmp_path.iterdir()) == []


def _load_cert_chain_spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Records where each client key was read from: its path, and what that path is."""
    seen: list[tuple[str, str]] = []
    real = ssl.SSLContext.load_cert_chain

    def spy(self: ssl.SSLContext, certfile: str, keyfile: str | None = None, **kw: Any) -> None:
        assert keyfile is not None
        if keyfile.startswith("/proc/self/fd/"):
            what = os.readlink(keyfile)
        else:
            mode = os.stat(keyfile).st_mode & 0o777
            what = f"file {mode:o} in dir {os.stat(os.path.dirname(keyfile)).st_mode & 0o777:o}"
        seen.append((keyfile, what))
        real(self, certfile, keyfile, **kw)

    monkeypatch.setattr(ssl.SSLContext, "load_cert_chain", spy)
    return seen


def _build_with_client_pair(pki: PKI) -> ssl.SSLContext:
    from kctl.rest import transport

    return transport.build_ssl_context(
        ca_data=pki.ca_a_pem,
        insecure=False,
        client_cert_data=pki.client_cert,
        client_key_data=pki.client_key,
    )


@pytest.mark.skipif(not hasattr(os, "memfd_create"), reason="needs anonymous memory files")
def test_client_key_is_read_from_memory_not_from_a_disk_file(
    pki: PKI, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _load_cert_chain_spy(monkeypatch)
    _build_with_client_pair(pki)
    assert len(seen) == 1
    assert seen[0][1].startswith("/memfd:kctl-client-key")
    fd = int(seen[0][0].rsplit("/", 1)[1])
    with pytest.raises(OSError):
        os.fstat(fd)  # closed again once loaded


@pytest.mark.parametrize("how", ["missing", "refused"])
def test_without_memory_files_the_key_goes_through_a_private_temp_dir(
    pki: PKI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    if how == "missing":
        monkeypatch.delattr(os, "memfd_create", raising=False)
    else:

        def refuse(name: str, flags: int = 0) -> int:
            raise OSError(38, "Function not implemented")

        monkeypatch.setattr(os, "memfd_create", refuse, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen = _load_cert_chain_spy(monkeypatch)
    _build_with_client_pair(pki)
    assert [what for _path, what in seen] == ["file 600 in dir 700"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("memory", [True, False])
def test_a_key_that_does_not_match_the_certificate_is_a_config_error(
    pki: PKI, monkeypatch: pytest.MonkeyPatch, memory: bool
) -> None:
    from kctl.errors import ConfigError
    from kctl.rest import transport

    if not memory:
        monkeypatch.delattr(os, "memfd_create", raising=False)
    other_key = _key_pem(ec.generate_private_key(ec.SECP256R1()))
    mismatch = "^error: tls: private key does not match public key$"
    with pytest.raises(ConfigError, match=mismatch):
        transport.build_ssl_context(
            ca_data=None,
            insecure=False,
            client_cert_data=pki.client_cert,
            client_key_data=other_key,
        )


# -- proxies ----------------------------------------------------------------------------------


def test_https_proxy_from_the_environment_tunnels_tls(
    pki: PKI, https_server: str, connect_proxy: _ConnectProxy
) -> None:
    # 127.0.0.1 is never proxied (Go's rule), so address the server by another loopback name
    # that is not "localhost" or an IP: the proxy resolves it.
    port = https_server.rsplit(":", 1)[1]
    host = "kctl-proxy-test.invalid"
    proxy = f"http://127.0.0.1:{connect_proxy.server_address[1]}"
    config = RestConfig(
        host=f"https://{host}:{port}", ca_data=pki.ca_a_pem, tls_server_name="kubernetes"
    )

    def resolve(name: str, *args: Any, **kw: Any) -> Any:
        return real_getaddrinfo("127.0.0.1" if name == host else name, *args, **kw)

    real_getaddrinfo = socket.getaddrinfo
    mp = pytest.MonkeyPatch()
    mp.setattr(socket, "getaddrinfo", resolve)
    try:
        client = _client(config, {"HTTPS_PROXY": proxy})
        assert client.get_json("/via-proxy")["path"] == "/via-proxy"
    finally:
        mp.undo()
    assert connect_proxy.targets == [f"CONNECT {host}:{port}"]


def test_kubeconfig_proxy_url_is_used_even_for_loopback(
    pki: PKI, https_server: str, connect_proxy: _ConnectProxy
) -> None:
    proxy = f"http://127.0.0.1:{connect_proxy.server_address[1]}"
    config = RestConfig(
        host=https_server, ca_data=pki.ca_a_pem, tls_server_name="kubernetes", proxy_url=proxy
    )
    assert _client(config, {"NO_PROXY": "*"}).get_json("/p")["path"] == "/p"
    assert connect_proxy.targets == [f"CONNECT {https_server.split('://')[1]}"]


@pytest.mark.parametrize(
    ("url", "environ", "expected"),
    [
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p:3128"}, "http://p:3128"),
        ("https://k.example:6443", {"https_proxy": "p:3128"}, "http://p:3128"),
        ("https://k.example:6443", {"HTTP_PROXY": "http://p:3128"}, None),
        ("http://k.example:8080", {"HTTP_PROXY": "http://p:3128"}, "http://p:3128"),
        ("https://127.0.0.1:6443", {"HTTPS_PROXY": "http://p"}, None),
        ("https://localhost:6443", {"HTTPS_PROXY": "http://p"}, None),
        ("https://[::1]:6443", {"HTTPS_PROXY": "http://p"}, None),
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "*"}, None),
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "ample"}, "http://p"),
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "example"}, None),
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "k.example"}, None),
        ("https://a.k.example", {"HTTPS_PROXY": "http://p", "NO_PROXY": "k.example"}, None),
        ("https://k.example", {"HTTPS_PROXY": "http://p", "NO_PROXY": ".k.example"}, "http://p"),
        ("https://a.k.example", {"HTTPS_PROXY": "http://p", "no_proxy": ".k.example"}, None),
        (
            "https://k.example:6443",
            {"HTTPS_PROXY": "http://p", "NO_PROXY": "k.example:443"},
            "http://p",
        ),
        ("https://k.example:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "k.example:6443"}, None),
        ("https://10.1.2.3:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "10.0.0.0/8"}, None),
        (
            "https://11.1.2.3:6443",
            {"HTTPS_PROXY": "http://p", "NO_PROXY": "10.0.0.0/8"},
            "http://p",
        ),
        ("https://10.1.2.3:6443", {"HTTPS_PROXY": "http://p", "NO_PROXY": "a, 10.1.2.3"}, None),
    ],
)
def test_proxy_selection_follows_go_rules(
    url: str, environ: dict[str, str], expected: str | None
) -> None:
    assert proxy_for(url, None, environ) == expected


def test_proxy_url_from_kubeconfig_wins_over_environment() -> None:
    environ = {"HTTPS_PROXY": "http://env:1", "NO_PROXY": "*"}
    assert proxy_for("https://k.example", "socks5://kube:1080", environ) == "socks5://kube:1080"


def test_an_insecure_context_does_not_import_urllib3() -> None:
    # build_ssl_context is shared with shell completion, which must stay free of urllib3.
    import subprocess
    import sys

    probe = (
        "import sys; from kctl.rest.transport import build_ssl_context; "
        "build_ssl_context(ca_data=None, insecure=True); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('urllib3', 'requests')))"
    )
    root = str(Path(__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout.strip() == "[]"


class _TokenAuth(_NoAuth):
    def credentials(self) -> Any:
        class C:
            headers = {"Authorization": "Bearer t\u00f6ken\u20ac"}
            client_cert_data = None
            client_key_data = None

        return C()


def test_non_ascii_header_values_go_out_as_utf8_like_go(pki: PKI, https_server: str) -> None:
    # http.client encodes str header values as Latin-1 and raised UnicodeEncodeError (a
    # traceback) for a token with a character beyond it; Go sends the UTF-8 bytes.
    config = RestConfig(
        host=https_server,
        ca_data=pki.ca_a_pem,
        tls_server_name="kubernetes",
        impersonate_user="j\u00f6rg",
        impersonate_groups=("gr\u00fcn", "ops"),
    )
    env = Environment.for_test(environ={})
    client = RESTClient(
        config, env, verbosity=8, authenticator=_TokenAuth(), transport=_TRANSPORT[0]
    )
    headers = client.get_json("/x")["headers"]
    assert headers["authorization"] == ["Bearer t\u00f6ken\u20ac"]
    assert headers["impersonate-user"] == ["j\u00f6rg"]
    assert headers["impersonate-group"] == ["gr\u00fcn", "ops"]
    log = env.stderr.getvalue()  # type: ignore[attr-defined]
    assert "Impersonate-User: j\u00f6rg" in log and "Bearer <masked>" in log
