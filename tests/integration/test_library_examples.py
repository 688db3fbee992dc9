"""The seed's four programs, Python (examples/) against their Go twins (examples/go/, built
with client-go by tests/envtest/goprograms.py): both run against the test control plane and
must print exactly the same lines (discovery: the same set, Go's group order is a map's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.envtest import goprograms
from tests.envtest.kubeapi import ClusterInfo
from tests.integration.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
PODS = ("web-a", "web-b", "db-0")


@pytest.fixture(scope="session")
def go_programs() -> dict[str, Path]:
    # The first run builds them (a few minutes; cached under ~/.cache/kctl/go-examples/).
    return goprograms.ensure()


@pytest.fixture
def pods(namespace: str, kubectl_ok: Runner) -> str:
    for name in PODS:
        kubectl_ok("run", name, "--image=registry.k8s.io/pause:3.10", "-n", namespace)
    return namespace


def _environ(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    return env


def _run(argv: list[str], home: Path) -> str:
    done = subprocess.run(
        argv, capture_output=True, text=True, env=_environ(home), timeout=60, cwd=home
    )
    assert done.returncode == 0, f"{argv[:2]} failed:\n{done.stdout}\n{done.stderr}"
    assert done.stderr == "", done.stderr  # neither side prints warnings or logs here
    return done.stdout


@pytest.mark.parametrize(
    ("program", "sep"), [("rest", "====="), ("clientset", "=="), ("dynamic", "==")]
)
def test_pod_listing_examples_print_what_go_prints(
    program: str,
    sep: str,
    pods: str,
    cluster: ClusterInfo,
    go_programs: dict[str, Path],
    tmp_path: Path,
) -> None:
    args = [str(cluster.admin_kubeconfig), pods]
    go = _run([str(go_programs[program]), *args], tmp_path)
    py = _run([sys.executable, str(ROOT / "examples" / f"{program}.py"), *args], tmp_path)
    assert py == go
    assert sorted(py.splitlines()) == sorted(f"{pods} {sep} {name}" for name in PODS)


def test_discovery_example_prints_what_go_prints(
    cluster: ClusterInfo, go_programs: dict[str, Path], tmp_path: Path
) -> None:
    args = [str(cluster.admin_kubeconfig)]
    go = _run([str(go_programs["discovery"]), *args], tmp_path).splitlines()
    py = _run([sys.executable, str(ROOT / "examples" / "discovery.py"), *args], tmp_path)
    lines = py.splitlines()
    # Go walks aggregated discovery's groups in a map's order: compare as sets, and check the
    # shapes the seed shows (core with an empty group, subresources after their resource).
    assert sorted(lines) == sorted(go)
    assert len(lines) == len(set(lines)) > 50
    assert "pods  v1" in lines and "deployments/scale apps v1" in lines
    assert lines.index("pods  v1") < lines.index("pods/log  v1")
