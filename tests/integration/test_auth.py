"""Both users reach the server through a kubeconfig and through flags alone; the TLS and
impersonation settings reach the wire. kubectl on the same server is the oracle."""

from __future__ import annotations

import json


def _no_kubeconfig(tmp_path):
    return tmp_path / "no-kubeconfig"  # a missing file: only the flags configure the client


def test_admin_with_client_certificate_from_kubeconfig(kctl, kubectl_ok):
    path = "/api/v1/namespaces/default"
    ours = kctl("raw", "GET", path)
    assert (ours.code, ours.stderr) == (0, "")
    assert ours.stdout == kubectl_ok("get", "--raw", path).stdout


def test_admin_with_client_certificate_flags(kctl, kubectl_ok, cluster, tmp_path):
    flags = (
        "--server",
        cluster.server,
        "--certificate-authority",
        str(cluster.ca_file),
        "--client-certificate",
        str(cluster.admin_cert),
        "--client-key",
        str(cluster.admin_key),
    )
    path = "/api/v1/namespaces/default"
    ours = kctl("raw", "GET", path, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    theirs = kubectl_ok("get", "--raw", path, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    assert (ours.code, ours.stderr) == (0, "")
    assert ours.stdout == theirs.stdout


def test_limited_user_with_token_from_kubeconfig(kctl, kubectl_ok, cluster):
    path = f"/api/v1/namespaces/{cluster.limited_namespace}/pods"
    ours = kctl("raw", "GET", path, kubeconfig=cluster.limited_kubeconfig)
    assert (ours.code, ours.stderr) == (0, "")
    assert json.loads(ours.stdout)["kind"] == "PodList"


def test_limited_user_with_token_flags(kctl, kubectl, cluster, tmp_path):
    flags = (
        "--server",
        cluster.server,
        "--certificate-authority",
        str(cluster.ca_file),
        "--token",
        cluster.token,
    )
    allowed = f"/api/v1/namespaces/{cluster.limited_namespace}/pods"
    ours = kctl("raw", "GET", allowed, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    assert (ours.code, ours.stderr) == (0, "")
    assert json.loads(ours.stdout)["kind"] == "PodList"
    # and the server sees jane, not the admin: the same Forbidden text as kubectl's
    denied = "/api/v1/namespaces/default/pods"
    ours = kctl("raw", "GET", denied, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    theirs = kubectl("get", "--raw", denied, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    assert (ours.code, ours.stderr) == (theirs.code, theirs.stderr)
    assert 'User "jane" cannot list resource "pods"' in ours.stderr


def test_insecure_skip_tls_verify_with_a_token(kctl, cluster, tmp_path):
    flags = ("--server", cluster.server, "--insecure-skip-tls-verify", "--token", cluster.token)
    path = f"/api/v1/namespaces/{cluster.limited_namespace}/pods"
    ours = kctl("raw", "GET", path, *flags, kubeconfig=_no_kubeconfig(tmp_path))
    assert (ours.code, ours.stderr) == (0, "")  # and no urllib3 warning on stderr


def test_requests_ca_bundle_does_not_replace_the_kubeconfig_ca(kctl, kubectl, cluster):
    # A bundle that does not exist would make plain requests fail; kctl ignores it ...
    ok = kctl("raw", "GET", "/version", env={"REQUESTS_CA_BUNDLE": "/nonexistent.pem"})
    assert (ok.code, ok.stderr) == (0, "")
    # ... and a bundle that trusts the server cannot rescue a kubeconfig CA that does not.
    args = ("--certificate-authority", str(cluster.admin_cert))
    env = {"REQUESTS_CA_BUNDLE": str(cluster.ca_file), "CURL_CA_BUNDLE": str(cluster.ca_file)}
    ours = kctl("raw", "GET", "/version", *args, env=env)
    theirs = kubectl("get", "--raw", "/version", *args, env=env)
    assert (ours.code, ours.stderr) == (theirs.code, theirs.stderr)
    assert "x509: certificate signed by unknown authority" in ours.stderr


def test_impersonation_sends_user_and_every_group(kctl, tmp_path):
    review = tmp_path / "review.json"
    review.write_text(
        json.dumps({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"})
    )
    result = kctl(
        "raw",
        "POST",
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        "-f",
        str(review),
        "--as",
        "jane",
        "--as-group",
        "devs",
        "--as-group",
        "ops",
    )
    assert result.code == 0, result
    user = json.loads(result.stdout)["status"]["userInfo"]
    assert user["username"] == "jane"
    assert {"devs", "ops"} <= set(user["groups"])


def test_impersonated_user_gets_kubectls_forbidden_text(kctl, kubectl):
    path = "/api/v1/namespaces/default/secrets"
    ours = kctl("raw", "GET", path, "--as", "jane")
    theirs = kubectl("get", "--raw", path, "--as", "jane")
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    assert ours.stderr.startswith("Error from server (Forbidden): secrets is forbidden: ")
