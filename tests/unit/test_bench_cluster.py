"""Finding the control plane and reading the admin kubeconfig for seeding."""

from __future__ import annotations

import base64

import pytest

from bench import cluster
from bench.cluster import BenchError, find_kubeconfig, load_admin, read_env_file


def test_read_env_file(tmp_path):
    env = tmp_path / "env"
    env.write_text(
        "# Written by `make cluster`.\n"
        "export KUBECONFIG=/w/.devcluster/kubeconfig\n"
        "export KCTL_KUBECTL='/root/.cache/kctl/bin/k8s v1.36.3/kubectl'\n"
    )
    assert read_env_file(env) == {
        "KUBECONFIG": "/w/.devcluster/kubeconfig",
        "KCTL_KUBECTL": "/root/.cache/kctl/bin/k8s v1.36.3/kubectl",
    }
    assert read_env_file(tmp_path / "missing") == {}


def test_flag_wins_and_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "DEVCLUSTER", tmp_path / "none")
    kc = tmp_path / "kc"
    kc.write_text("")
    assert find_kubeconfig(str(kc), {"KUBECONFIG": "/elsewhere"}) == kc.resolve()
    with pytest.raises(BenchError, match="does not exist"):
        find_kubeconfig(str(tmp_path / "nope"), {})
    with pytest.raises(BenchError, match="make cluster"):
        find_kubeconfig(None, {})


def test_dev_cluster_comes_before_kubeconfig_env(tmp_path, monkeypatch):
    dev = tmp_path / ".devcluster"
    dev.mkdir()
    (dev / "kubeconfig").write_text("")
    other = tmp_path / "other"
    other.write_text("")
    monkeypatch.setattr(cluster, "DEVCLUSTER", dev)
    assert find_kubeconfig(None, {"KUBECONFIG": str(other)}) == (dev / "kubeconfig").resolve()
    assert find_kubeconfig(None, {"KCTL_BENCH_KUBECONFIG": str(other)}) == other.resolve()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_load_admin_inline_data(tmp_path):
    kc = tmp_path / "kubeconfig"
    kc.write_text(
        f"""\
apiVersion: v1
kind: Config
current-context: envtest
clusters:
- name: envtest
  cluster:
    server: https://127.0.0.1:6443/
    certificate-authority-data: {_b64(b"CA PEM")}
users:
- name: admin
  user:
    client-certificate-data: {_b64(b"CERT PEM")}
    client-key-data: {_b64(b"KEY PEM")}
contexts:
- name: envtest
  context: {{cluster: envtest, user: admin}}
"""
    )
    creds = load_admin(kc)
    assert creds.server == "https://127.0.0.1:6443"
    assert (creds.ca_data, creds.cert_data, creds.key_data) == (b"CA PEM", b"CERT PEM", b"KEY PEM")
    assert "KEY" not in repr(creds) and "redacted" in repr(creds)


def test_load_admin_without_client_cert_is_an_error(tmp_path):
    kc = tmp_path / "kubeconfig"
    kc.write_text(
        "current-context: c\nclusters: [{name: k, cluster: {server: 'https://h'}}]\n"
        "users: [{name: u, user: {token: abc}}]\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
    )
    with pytest.raises(BenchError, match="client certificate"):
        load_admin(kc)


def test_request_retries_while_the_server_pushes_back(monkeypatch):
    monkeypatch.setattr(cluster.time, "sleep", lambda _s: None)
    client = object.__new__(cluster.AdminClient)
    answers = [(429, b""), (503, b""), (201, b'{"kind": "Pod"}')]
    sent: list[tuple[str, str]] = []

    def send(method, path, payload, headers):
        sent.append((method, path))
        return answers.pop(0)

    monkeypatch.setattr(client, "_send", send)
    assert client.request("POST", "/api/v1/namespaces/bench-x/pods", {}) == (201, {"kind": "Pod"})
    assert len(sent) == 3


def test_kubectl_from_env_must_be_executable(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "DEVCLUSTER", tmp_path)
    fake = tmp_path / "kubectl"
    fake.write_text("#!/bin/sh\n")
    with pytest.raises(BenchError, match="is not an executable file"):
        cluster.find_kubectl(None, {"KCTL_KUBECTL": str(fake)})
    fake.chmod(0o755)
    assert cluster.find_kubectl(None, {"KCTL_KUBECTL": str(fake)}) == fake
    (tmp_path / "env").write_text(f"export KCTL_KUBECTL={fake}\n")
    assert cluster.find_kubectl(None, {}) == fake
