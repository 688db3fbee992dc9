"""The control-plane helpers that need no control plane: binary lookup, durations, process
groups, the dev-cluster env file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.envtest import binaries, devcluster
from tests.envtest.manager import (
    ClusterInfo,
    ControlPlaneError,
    group_alive,
    parse_duration,
    stop_groups,
    timeout_from_env,
    write_private,
)


@pytest.mark.parametrize(
    ("name", "variable"),
    [
        ("kube-apiserver", "TEST_ASSET_KUBE_APISERVER"),
        ("etcd", "TEST_ASSET_ETCD"),
        ("kubectl", "TEST_ASSET_KUBECTL"),
        ("3rd.party--tool", "TEST_ASSET_RD_PARTY_TOOL"),
    ],
)
def test_asset_variable_follows_envtest(name, variable):
    assert binaries.asset_variable(name) == variable


def _exe(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_lookup_order(tmp_path):
    explicit = _exe(tmp_path / "explicit" / "etcd")
    assets = _exe(tmp_path / "assets" / "etcd")
    cached = _exe(binaries.cache_dir({"XDG_CACHE_HOME": str(tmp_path / "xdg")}) / "etcd")
    environ = {
        "TEST_ASSET_ETCD": str(explicit),
        "KUBEBUILDER_ASSETS": str(assets.parent),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    assert binaries.lookup("etcd", environ) == explicit
    del environ["TEST_ASSET_ETCD"]
    assert binaries.lookup("etcd", environ) == assets
    del environ["KUBEBUILDER_ASSETS"]
    if not (binaries.KUBEBUILDER_DEFAULT / "etcd").exists():
        assert binaries.lookup("etcd", environ) == cached
    cached.unlink()
    if not (binaries.KUBEBUILDER_DEFAULT / "etcd").exists():
        assert binaries.lookup("etcd", environ) is None


def test_explicit_asset_must_exist(tmp_path):
    with pytest.raises(binaries.BinaryError, match="TEST_ASSET_KUBECTL=.*not an executable"):
        binaries.lookup("kubectl", {"TEST_ASSET_KUBECTL": str(tmp_path / "missing")})


def test_cache_dir_is_versioned_under_xdg_or_home():
    home = binaries.cache_dir({"HOME": "/home/u"})
    assert home == Path(
        f"/home/u/.cache/kctl/bin/k8s-{binaries.K8S_VERSION}-etcd-{binaries.ETCD_VERSION}"
    )
    assert binaries.cache_dir({"XDG_CACHE_HOME": "/x", "HOME": "/home/u"}).parent == Path(
        "/x/kctl/bin"
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("60s", 60), ("1m30s", 90), ("500ms", 0.5), ("2h", 7200), ("45", 45), ("1.5s", 1.5)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "s", "10 s", "1x", "1m junk"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_timeout_from_env_names_the_variable():
    assert timeout_from_env({}, "KUBEBUILDER_CONTROLPLANE_START_TIMEOUT", 60) == 60
    assert timeout_from_env({"T": "2m"}, "T", 60) == 120
    with pytest.raises(ControlPlaneError, match="^T: invalid duration 'soon'"):
        timeout_from_env({"T": "soon"}, "T", 60)


def test_write_private_is_atomic_and_owner_only(tmp_path):
    target = tmp_path / "kubeconfig"
    write_private(target, "one")
    write_private(target, b"two")
    assert target.read_text() == "two"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["kubeconfig"]


def _group(script: str, ready: Path) -> subprocess.Popen[bytes]:
    """A shell in its own process group that touches ``ready`` once its traps are set."""
    proc = subprocess.Popen(
        ["sh", "-c", f"{script} : > '{ready}'; sleep 30 & wait; sleep 30"],
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return proc


def test_stop_groups_terminates_then_kills(tmp_path):
    polite = _group("", tmp_path / "polite")
    stubborn = _group("trap '' TERM;", tmp_path / "stubborn")

    def reap() -> None:
        polite.poll()
        stubborn.poll()

    started = time.monotonic()
    killed = stop_groups([polite.pid, stubborn.pid], timeout=1.0, reap=reap)
    assert killed == [stubborn.pid]
    assert time.monotonic() - started < 10
    assert not group_alive(polite.pid)
    assert not group_alive(stubborn.pid)
    # Gone means only zombies are left; reaping them is the parent's business.
    assert polite.wait(timeout=5) == -15
    assert stubborn.wait(timeout=5) == -9


def _info(tmp_path: Path) -> ClusterInfo:
    return ClusterInfo(
        server="https://127.0.0.1:6443",
        admin_kubeconfig=tmp_path / "it's" / "kubeconfig",
        limited_kubeconfig=tmp_path / "limited.kubeconfig",
        limited_namespace="limited",
        limited_user="jane",
        kubectl=Path("/bin/kubectl"),
        ca_file=tmp_path / "ca.crt",
        admin_cert=tmp_path / "admin.crt",
        admin_key=tmp_path / "admin.key",
        token="t",
        apiserver=Path("/bin/kube-apiserver"),
        etcd=Path("/bin/etcd"),
        workdir=tmp_path,
    )


def test_env_file_exports_quoted_paths(tmp_path):
    info = _info(tmp_path)
    script = devcluster.env_text(info) + 'printf "%s|%s|%s|%s" "$KUBECONFIG" "$KCTL_APISERVER" '
    script += '"$KCTL_ETCD" "$KCTL_KUBECTL"'
    out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout == f"{info.admin_kubeconfig}|/bin/kube-apiserver|/bin/etcd|/bin/kubectl"


def test_state_without_live_processes_is_not_running(tmp_path):
    info = _info(tmp_path)
    # A pid that exists but runs something else (pid reuse) is not ours.
    state = devcluster.State(info, {"etcd": os.getpid()})
    assert devcluster.live_pids(state) == {}
    assert devcluster.load(tmp_path) is None
    assert devcluster.running(tmp_path) is None


def test_cli_lists_its_commands():
    result = subprocess.run(
        [sys.executable, "-m", "tests.envtest", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0
    for command in ("up", "down", "status", "env", "seed", "binaries", "demo"):
        assert command in result.stdout
