"""The control plane itself: both users authenticate, RBAC holds, versions are real, the
fixtures isolate each run, and stopping leaves nothing behind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from tests.envtest import binaries
from tests.envtest.manager import (
    ClusterInfo,
    ControlPlane,
    ControlPlaneError,
    group_alive,
    https_request,
)

FORBIDDEN_PODS_DEFAULT = (
    'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" '
    'in API group "" in the namespace "default"\n'
)


def test_admin_reads_cluster_scope(kubectl_ok):
    result = kubectl_ok("get", "namespace", "default", "-o", "jsonpath={.status.phase}")
    assert result.stdout == "Active"
    assert kubectl_ok("auth", "can-i", "*", "*", "--all-namespaces").stdout == "yes\n"


def test_limited_user_is_forbidden_outside_its_namespace(kubectl, cluster):
    result = kubectl("get", "pods", "-n", "default", kubeconfig=cluster.limited_kubeconfig)
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == FORBIDDEN_PODS_DEFAULT


def test_limited_user_lists_pods_only_in_its_namespace(kubectl, apply, cluster):
    ns = cluster.limited_namespace
    name = f"visible-{os.getpid()}"
    apply(
        f"""
apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: {ns}}}
spec:
  containers: [{{name: c, image: registry.k8s.io/pause:3.10}}]
"""
    )
    pods = kubectl("get", "pods", "-n", ns, "-o", "name", kubeconfig=cluster.limited_kubeconfig)
    assert pods.code == 0, pods
    assert f"pod/{name}\n" in pods.stdout

    secrets = kubectl("get", "secrets", "-n", ns, kubeconfig=cluster.limited_kubeconfig)
    assert secrets.code == 1
    assert secrets.stderr == (
        f'Error from server (Forbidden): secrets is forbidden: User "{cluster.limited_user}" '
        f'cannot list resource "secrets" in API group "" in the namespace "{ns}"\n'
    )


def test_wrong_token_is_unauthorized(kubectl, cluster, tmp_path):
    config = yaml.safe_load(cluster.admin_kubeconfig.read_text())
    config["users"][0]["user"] = {"token": "not-the-token"}
    bad = tmp_path / "bad.kubeconfig"
    bad.write_text(yaml.safe_dump(config))
    result = kubectl("get", "pods", "-n", cluster.limited_namespace, kubeconfig=bad)
    assert result.code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: You must be logged in to the server "
        "(the server has asked for the client to provide credentials)"
    )


def test_version_is_the_built_release(kubectl_ok, cluster):
    status, body = https_request(cluster.server, "GET", "/version", ca_file=cluster.ca_file)
    assert status == 200
    assert json.loads(body)["gitVersion"] == binaries.K8S_VERSION
    versions = json.loads(kubectl_ok("version", "-o", "json").stdout)
    assert versions["clientVersion"]["gitVersion"] == binaries.K8S_VERSION
    assert versions["serverVersion"]["gitVersion"] == binaries.K8S_VERSION


def test_namespace_fixture_gives_a_fresh_labelled_namespace(kubectl_ok, namespace):
    result = kubectl_ok("get", "namespace", namespace, "-o", "jsonpath={.metadata.labels}")
    assert json.loads(result.stdout)["kctl-test"] == "true"
    assert kubectl_ok("get", "all", "-n", namespace).stderr == (
        f"No resources found in {namespace} namespace.\n"
    )


def test_runners_are_isolated_from_the_callers_environment(kubectl, kctl, tmp_path, cluster):
    # Whatever the caller has, the run sees its own HOME and the admin kubeconfig.
    env = {"NO_COLOR": None}
    home = kubectl("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}", env=env)
    assert home.stdout == cluster.server
    cache = tmp_path / "cache"
    kubectl("api-resources", "-o", "name", cache_dir=cache)
    assert list((cache / "discovery").iterdir()), "kubectl wrote no discovery cache"
    result = kctl("--help")
    assert result.code == 0, result
    assert "get" in result.stdout


def test_env_overrides_win_over_the_defaults(kubectl, kctl, tmp_path):
    missing = str(tmp_path / "no-such-kubeconfig")
    result = kubectl("config", "current-context", env={"KUBECONFIG": missing})
    assert result.code == 1
    assert result.stderr == "error: current-context is not set\n"
    # kctl's unknown-command path goes through its one error funnel: exit 1, text on stderr.
    result = kctl("no-such-command")
    assert result.code == 1
    assert "no-such-command" in result.stderr


def test_control_plane_stops_without_leftovers():
    plane = ControlPlane(binaries.ensure())
    info = plane.start()
    pids = [proc.pid for proc in plane.procs.values()]
    assert all(group_alive(pid) for pid in pids)
    assert plane.started_in < 30
    plane.stop()
    assert not any(group_alive(pid) for pid in pids)
    assert not info.workdir.exists()
    plane.stop()  # idempotent


def test_start_failure_reports_the_log(tmp_path):
    fake = tmp_path / "etcd"
    fake.write_text("#!/bin/sh\necho 'etcd: simulated failure' >&2\nexit 3\n")
    fake.chmod(0o755)
    real = binaries.ensure()
    plane = ControlPlane(binaries.Binaries(real.kube_apiserver, fake, real.kubectl))
    with pytest.raises(ControlPlaneError) as err:
        plane.start()
    assert "etcd exited with code 3 before it was ready" in str(err.value)
    assert "etcd: simulated failure" in str(err.value)
    assert not plane.workdir.exists()


def test_cluster_info_round_trips_through_json(cluster: ClusterInfo) -> None:
    again = ClusterInfo.from_json(cluster.to_json())
    assert again == cluster
    assert isinstance(again.admin_kubeconfig, Path)
