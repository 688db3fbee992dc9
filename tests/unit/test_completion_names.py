"""Name completion against a fake HTTP API server: the request made, the namespace chosen, the
name cache, deadlines, and that no exec plugin ever runs. (Against the real control plane:
tests/integration/test_completion_shells.py.)"""

from __future__ import annotations

import base64
import json
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kctl.completion import engine, names
from kctl.completion.commands import load_root
from kctl.discovery import cache as discovery_cache
from tests.envtest.certs import CertificateAuthority

CA = CertificateAuthority("completion-test-ca")


def _table(names_: list[str]) -> dict:
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "columnDefinitions": [
            {"name": "Ready", "type": "string", "format": ""},
            {"name": "Name", "type": "string", "format": "name"},
        ],
        "rows": [{"cells": ["1/1", n]} for n in names_],
    }


class FakeServer:
    """An HTTPS server answering every GET with a Table of ``self.names``; records the
    requests. Its certificate is for ``dns_name`` and 127.0.0.1, signed by ``CA``."""

    def __init__(self, tmp_path: Path, delay: float = 0.0, dns_name: str = "localhost") -> None:
        self.names = ["alpha", "beta", "gamma"]
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.header_lines: list[list[tuple[str, str]]] = []  # repeated headers kept
        self.delay = delay
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append((self.path, dict(self.headers)))
                outer.header_lines.append(list(self.headers.items()))
                time.sleep(outer.delay)
                body = json.dumps(_table(outer.names)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        ips = ["127.0.0.1"] if dns_name == "localhost" else []
        pair = CA.issue("apiserver", dns_names=[dns_name], ip_addresses=ips, server=True)
        (tmp_path / "tls.crt").write_bytes(pair.cert_pem)
        (tmp_path / "tls.key").write_bytes(pair.key_pem)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(tmp_path / "tls.crt", tmp_path / "tls.key")
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


RESOURCES = [
    {"group": "", "version": "v1", "name": "pods", "singularName": "pod", "namespaced": True,
     "kind": "Pod", "verbs": ["get", "list"], "shortNames": ["po"], "categories": []},
    {"group": "", "version": "v1", "name": "namespaces", "singularName": "namespace",
     "namespaced": False, "kind": "Namespace", "verbs": ["get", "list"], "shortNames": ["ns"],
     "categories": []},
    {"group": "apps", "version": "v1", "name": "deployments", "singularName": "deployment",
     "namespaced": True, "kind": "Deployment", "verbs": ["get", "list"],
     "shortNames": ["deploy"], "categories": []},
]  # fmt: skip


def _world(
    tmp_path: Path, server: str, user: str = "token: s3cret", cluster_extra: str = ""
) -> dict[str, str]:
    ca = base64.b64encode(CA.cert_pem).decode()
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        f"""\
apiVersion: v1
kind: Config
current-context: c
contexts:
- name: c
  context: {{cluster: k, user: u, namespace: team-a}}
clusters:
- name: k
  cluster: {{server: "{server}", certificate-authority-data: "{ca}"{cluster_extra}}}
users:
- name: u
  user:
    {user}
"""
    )
    cache = tmp_path / "cache"
    discovery_cache.write(
        cache,
        server,
        {
            "fetchedAt": 1.0,
            "etags": {},
            "failed": {},
            "groups": [{"name": "", "versions": ["v1"]}, {"name": "apps", "versions": ["v1"]}],
            "resources": RESOURCES,
        },
    )
    return {"KUBECONFIG": str(kubeconfig), "KUBECACHEDIR": str(cache), "HOME": str(tmp_path)}


@pytest.fixture
def fake(tmp_path):
    server = FakeServer(tmp_path)
    yield server
    server.close()


def values(environ, *words):
    return [v for v, _ in engine.complete(load_root(), list(words), environ)[0]]


def test_names_come_from_a_metadata_only_table_in_the_context_namespace(tmp_path, fake):
    world = _world(tmp_path, fake.url)
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    path, headers = fake.requests[0]
    # the TAB's deadline goes to the server too, as --request-timeout does for a command
    assert path == "/api/v1/namespaces/team-a/pods?includeObject=None&timeout=2s"
    assert headers["Accept"].startswith("application/json;as=Table;v=v1;g=meta.k8s.io")
    assert headers["Authorization"] == "Bearer s3cret"


def test_the_table_request_accepts_what_get_accepts(tmp_path, fake):
    # one Accept rule for get and a TAB: v1 Tables, else v1beta1 (older aggregated APIs)
    from kctl.dynamic import TABLE_ACCEPT

    world = _world(tmp_path, fake.url)
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    accept = fake.requests[0][1]["Accept"]
    assert accept == TABLE_ACCEPT
    assert "application/json;as=Table;v=v1beta1;g=meta.k8s.io" in accept


def test_impersonation_is_sent_as_the_rest_client_sends_it(tmp_path, fake):
    user = (
        "{token: s3cret, as: jane, as-uid: u-1, as-groups: [dev, ops], as-user-extra: {s/x: [a]}}"
    )
    world = _world(tmp_path, fake.url, user=user)
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    sent = [(k, v) for k, v in fake.header_lines[0] if k.startswith("Impersonate-")]
    assert sorted(sent) == [
        ("Impersonate-Extra-s%2Fx", "a"),
        ("Impersonate-Group", "dev"),
        ("Impersonate-Group", "ops"),
        ("Impersonate-Uid", "u-1"),
        ("Impersonate-User", "jane"),
    ]


def test_a_non_ascii_token_goes_out_as_utf8(tmp_path, fake):
    # http.client cannot encode it as Latin-1: the lookup failed and gave no names
    world = _world(tmp_path, fake.url, user='token: "t\u00f6ken\u20ac"')
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    sent = dict(fake.header_lines[0])["Authorization"].encode("latin-1").decode("utf-8")
    assert sent == "Bearer t\u00f6ken\u20ac"


def test_namespace_flag_group_resources_and_cluster_scope(tmp_path, fake):
    world = _world(tmp_path, fake.url)
    values(world, "-n", "other", "get", "deploy", "")
    values(world, "get", "ns", "")
    assert [p for p, _ in fake.requests] == [
        "/apis/apps/v1/namespaces/other/deployments?includeObject=None&timeout=2s",
        "/api/v1/namespaces?includeObject=None&timeout=2s",
    ]
    assert values(world, "get", "-n", "") == ["alpha", "beta", "gamma"]  # namespaces, cached


def test_prefix_type_slash_form_and_names_already_on_the_line(tmp_path, fake):
    world = _world(tmp_path, fake.url)
    assert values(world, "get", "pods", "alpha", "") == ["beta", "gamma"]
    assert values(world, "get", "pods", "g") == ["gamma"]
    assert values(world, "get", "po/") == ["po/alpha", "po/beta", "po/gamma"]
    assert values(world, "get", "po/alpha", "po/b") == ["po/beta"]
    assert values(world, "get", "pods,deploy", "") == []  # several types: no names
    assert values(world, "get", "nosuchtype", "") == []


def test_names_are_cached_briefly_per_namespace(tmp_path, fake, monkeypatch):
    world = _world(tmp_path, fake.url)
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    fake.names = ["delta"]
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]  # from the cache
    assert len(fake.requests) == 1
    assert values(world, "-n", "x", "get", "pods", "") == ["delta"]  # another namespace
    files = list((Path(world["KUBECACHEDIR"]) / "completion" / "names").iterdir())
    assert len(files) == 2 and all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert all(b"s3cret" not in f.read_bytes() for f in files)
    later = time.time() + names.CACHE_SECONDS + 1
    monkeypatch.setattr(names.time, "time", lambda: later)
    assert values(world, "get", "pods", "") == ["delta"]
    assert len(fake.requests) == 3


def test_a_slow_server_gives_nothing_within_the_deadline(tmp_path):
    slow = FakeServer(tmp_path, delay=10)
    try:
        world = _world(tmp_path, slow.url)
        started = time.monotonic()
        assert values(world, "get", "pods", "") == []
        assert time.monotonic() - started < names.DEADLINE_SECONDS + 1
    finally:
        slow.delay = 0
        slow.close()


def test_an_unreachable_server_gives_nothing_quickly(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    world = _world(tmp_path, f"https://127.0.0.1:{port}")
    started = time.monotonic()
    assert values(world, "get", "pods", "") == []
    assert time.monotonic() - started < 1.5


def test_an_exec_plugin_is_never_run(tmp_path, fake):
    marker = tmp_path / "plugin-ran"
    plugin = tmp_path / "plugin.sh"
    plugin.write_text(f"#!/bin/sh\ntouch {marker}\necho '{{}}'\n")
    plugin.chmod(0o755)
    user = (
        "exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
        f"      command: {plugin}\n      interactiveMode: Never"
    )
    world = _world(tmp_path, fake.url, user=user)
    values(world, "get", "pods", "")
    values(world, "get", "")
    assert not marker.exists()
    assert all("Authorization" not in h for _, h in fake.requests)


def test_tls_server_name_is_used_for_the_certificate_check(tmp_path):
    server = FakeServer(tmp_path, dns_name="api.internal")
    try:
        world = _world(tmp_path, server.url)
        assert values(world, "get", "pods", "") == []  # the certificate is not for 127.0.0.1
        assert server.requests == []
        world = _world(tmp_path, server.url, cluster_extra=", tls-server-name: api.internal")
        assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]
    finally:
        server.close()


def test_verbose_six_logs_the_request_like_kubectl(tmp_path, fake, capsys):
    world = _world(tmp_path, fake.url)
    assert values(world, "-v", "6", "get", "pods", "") == ["alpha", "beta", "gamma"]
    err = capsys.readouterr().err
    assert (
        f'"Response" verb="GET" url="{fake.url}/api/v1/namespaces/team-a/pods'
        '?includeObject=None&timeout=2s"' in err
    )
    assert 'status="200 OK"' in err
    assert values(world, "get", "pods", "") == ["alpha", "beta", "gamma"]  # cached: no request
    assert capsys.readouterr().err == ""
