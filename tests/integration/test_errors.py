"""Error texts and exit codes of kctl equal kubectl's for the same failures on the same server.

Each case runs ``kctl raw`` and the matching ``kubectl ... --raw`` and compares stdout, stderr and
the exit code."""

from __future__ import annotations

import json
import socket

import pytest


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nobody listens once the socket is closed


def _same(ours, theirs) -> None:
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)


def test_not_found(kctl, kubectl, namespace):
    path = f"/api/v1/namespaces/{namespace}/configmaps/nope"
    ours, theirs = kctl("raw", "GET", path), kubectl("get", "--raw", path)
    _same(ours, theirs)
    assert ours.stderr == 'Error from server (NotFound): configmaps "nope" not found\n'


def test_unknown_path_without_a_status_body(kctl, kubectl):
    ours, theirs = kctl("raw", "GET", "/no/such/path"), kubectl("get", "--raw", "/no/such/path")
    _same(ours, theirs)
    assert ours.code == 1


def test_forbidden_for_the_limited_user(kctl, kubectl, cluster):
    path = "/api/v1/namespaces/default/configmaps"
    ours = kctl("raw", "GET", path, kubeconfig=cluster.limited_kubeconfig)
    theirs = kubectl("get", "--raw", path, kubeconfig=cluster.limited_kubeconfig)
    _same(ours, theirs)
    assert ours.stderr.startswith("Error from server (Forbidden): configmaps is forbidden: ")


def test_unauthorized_with_a_wrong_token(kctl, kubectl, cluster):
    args = ("--token", "not-a-valid-token")
    ours = kctl("raw", "GET", "/version", *args, kubeconfig=cluster.limited_kubeconfig)
    theirs = kubectl("get", "--raw", "/version", *args, kubeconfig=cluster.limited_kubeconfig)
    _same(ours, theirs)
    assert ours.stderr == "error: You must be logged in to the server (Unauthorized)\n"


@pytest.mark.parametrize("causes", ["one", "several"])
def test_invalid_object(kctl, kubectl, namespace, tmp_path, causes):
    if causes == "one":
        resource = "configmaps"
        body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"}}
    else:
        resource = "pods"
        body = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "Bad_Name"},
            "spec": {"containers": []},
        }
    path = f"/api/v1/namespaces/{namespace}/{resource}"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(body))
    ours = kctl("raw", "POST", path, "-f", str(file))
    theirs = kubectl("create", "--raw", path, "-f", str(file))
    _same(ours, theirs)
    assert ours.stderr.startswith(f'The {body["kind"]} "Bad_Name" is invalid: ')


def test_already_exists(kctl, kubectl, namespace, tmp_path):
    path = f"/api/v1/namespaces/{namespace}/configmaps"
    file = tmp_path / "cm.json"
    file.write_text(
        json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}})
    )
    assert kctl("raw", "POST", path, "-f", str(file)).code == 0
    ours = kctl("raw", "POST", path, "-f", str(file))
    theirs = kubectl("create", "--raw", path, "-f", str(file))
    _same(ours, theirs)
    assert ours.stderr == 'Error from server (AlreadyExists): configmaps "a" already exists\n'


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_connection_refused_on_a_closed_port(kctl, kubectl, scheme):
    server = f"{scheme}://127.0.0.1:{_closed_port()}"
    ours = kctl("raw", "GET", "/version", "--server", server)
    theirs = kubectl("get", "--raw", "/version", "--server", server)
    _same(ours, theirs)
    assert ours.stderr == (
        f"The connection to the server {server.split('://')[1]} was refused - "
        "did you specify the right host or port?\n"
    )


def test_version_prints_the_client_then_the_connection_error(kctl, kubectl):
    server = f"https://127.0.0.1:{_closed_port()}"
    ours = kctl("version", "--server", server)
    theirs = kubectl("version", "--server", server)
    assert (ours.code, ours.stderr) == (theirs.code, theirs.stderr)
    assert ours.stdout.startswith("Client Version: v")
    assert "Server Version" not in ours.stdout


def test_unknown_certificate_authority(kctl, kubectl, cluster):
    # The admin's client certificate is a valid PEM certificate but not the serving CA.
    args = ("--certificate-authority", str(cluster.admin_cert))
    ours = kctl("raw", "GET", "/version", *args)
    theirs = kubectl("get", "--raw", "/version", *args)
    _same(ours, theirs)
    assert ours.stderr == (
        "Unable to connect to the server: tls: failed to verify certificate: "
        "x509: certificate signed by unknown authority\n"
    )


def test_wrong_tls_server_name(kctl, kubectl):
    args = ("--tls-server-name", "wrong.example")
    ours = kctl("raw", "GET", "/version", *args)
    theirs = kubectl("get", "--raw", "/version", *args)
    _same(ours, theirs)
    assert ours.stderr.startswith(
        "Unable to connect to the server: tls: failed to verify certificate: "
        "x509: certificate is valid for "
    )


def test_unknown_host(kctl, kubectl):
    server = "https://kctl-no-such-host.invalid:6443"
    ours = kctl("raw", "GET", "/version", "--server", server)
    theirs = kubectl("get", "--raw", "/version", "--server", server)
    assert (ours.code, ours.stdout) == (theirs.code, theirs.stdout) == (1, "")
    # Go names the DNS server it asked ("lookup x on 10.0.0.53:53: no such host"); Python cannot.
    assert ours.stderr == (
        "Unable to connect to the server: dial tcp: lookup kctl-no-such-host.invalid: "
        "no such host\n"
    )
    assert theirs.stderr.startswith(
        "Unable to connect to the server: dial tcp: lookup kctl-no-such-host.invalid"
    )
    assert theirs.stderr.endswith(": no such host\n")


def test_request_timeout(kctl, kubectl):
    ours = kctl("raw", "GET", "/version", "--request-timeout", "1ms")
    theirs = kubectl("get", "--raw", "/version", "--request-timeout", "1ms")
    assert (ours.code, ours.stdout) == (theirs.code, theirs.stdout) == (1, "")
    # Go's wording depends on where the deadline hit ("context deadline exceeded" or
    # "net/http: request canceled ... (Client.Timeout exceeded ...)"); kctl always says the first.
    assert theirs.stderr.startswith("Unable to connect to the server: ")
    assert ours.stderr == "Unable to connect to the server: context deadline exceeded\n"
