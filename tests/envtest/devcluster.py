"""The developer's long-lived control plane in ``.devcluster/`` (``make cluster``).

``up`` starts a detached control plane (its processes outlive the command, each in its own
session) and records its pids in ``.devcluster/state.json``; ``down`` stops exactly those
process groups and removes the directory. A lock on the repository directory keeps concurrent
``make`` runs from starting two.
"""

from __future__ import annotations

import contextlib
import fcntl
import http.client
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tests.envtest import binaries as binaries_mod
from tests.envtest.manager import (
    DEFAULT_STOP_TIMEOUT,
    ClusterInfo,
    ControlPlane,
    https_request,
    stop_groups,
    timeout_from_env,
    write_private,
)

ROOT = Path(__file__).resolve().parents[2]
DEVCLUSTER = ROOT / ".devcluster"
SEED_DIR = Path(__file__).with_name("seed")


@dataclass
class State:
    info: ClusterInfo
    pids: dict[str, int]  # process name -> pid (= its process group id)

    @property
    def path(self) -> Path:
        return self.info.workdir / "state.json"


@contextlib.contextmanager
def locked(root: Path = ROOT) -> Iterator[None]:
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def load(directory: Path = DEVCLUSTER) -> State | None:
    try:
        data = json.loads((directory / "state.json").read_text())
        return State(ClusterInfo.from_json(data["cluster"]), dict(data["pids"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save(state: State) -> None:
    data = {"cluster": state.info.to_json(), "pids": state.pids}
    write_private(state.path, json.dumps(data, indent=2) + "\n")


def _is_ours(pid: int, binary: Path) -> bool:
    """The pid still runs the binary we started (guards against pid reuse)."""
    try:
        argv0 = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0", 1)[0]
    except OSError:
        return False
    return argv0.decode(errors="replace") == str(binary)


def _binary_of(state: State, name: str) -> Path:
    return state.info.apiserver if name == "kube-apiserver" else state.info.etcd


def live_pids(state: State) -> dict[str, int]:
    return {n: p for n, p in state.pids.items() if _is_ours(p, _binary_of(state, n))}


def is_ready(info: ClusterInfo) -> bool:
    try:
        status, _ = https_request(info.server, "GET", "/readyz", ca_file=info.ca_file)
    except (OSError, http.client.HTTPException):
        return False
    return status == 200


def running(directory: Path = DEVCLUSTER) -> State | None:
    """The recorded control plane, if both its processes run and it answers /readyz."""
    state = load(directory)
    if state is None or len(live_pids(state)) != len(state.pids) or not is_ready(state.info):
        return None
    return state


def env_text(info: ClusterInfo) -> str:
    lines = [
        "# Written by `make cluster`. Use it with:  . .devcluster/env",
        f"export KUBECONFIG={shlex.quote(str(info.admin_kubeconfig))}",
        f"export KCTL_APISERVER={shlex.quote(str(info.apiserver))}",
        f"export KCTL_ETCD={shlex.quote(str(info.etcd))}",
        f"export KCTL_KUBECTL={shlex.quote(str(info.kubectl))}",
    ]
    return "\n".join(lines) + "\n"


def usage(info: ClusterInfo, rel: str = ".devcluster") -> str:
    versions = f"kube-apiserver {binaries_mod.K8S_VERSION}, etcd {binaries_mod.ETCD_VERSION}"
    limited = (
        f'user "{info.limited_user}", bearer token: may only get/list/watch pods '
        f'in namespace "{info.limited_namespace}"'
    )
    return "\n".join(
        [
            f"Control plane: {info.server}  ({versions})",
            f"  use it:    . {rel}/env     # exports KUBECONFIG, KCTL_APISERVER, KCTL_ETCD, "
            "KCTL_KUBECTL",
            "             kctl get ns      # or: $KCTL_KUBECTL get ns",
            f"  admin:     {rel}/kubeconfig          (client certificate, group system:masters)",
            f"  limited:   {rel}/limited.kubeconfig  ({limited})",
            f"  logs:      {rel}/logs/",
            "  demo data: make seed        stop: make cluster-down",
        ]
    )


def up(directory: Path = DEVCLUSTER, log: TextIO = sys.stderr) -> State:
    """Start the dev control plane unless it already runs; returns its state."""
    with locked(directory.parent):
        state = running(directory)
        if state is not None:
            print("Control plane already running.", file=log)
            return state
        _down_locked(directory)
        bins = binaries_mod.ensure(log=log)
        plane = ControlPlane(bins, directory, detached=True)
        info = plane.start()
        state = State(info, {name: proc.pid for name, proc in plane.procs.items()})
        _save(state)
        write_private(directory / "env", env_text(info))
        print(f"Control plane ready in {plane.started_in:.1f}s.", file=log)
        return state


def _down_locked(directory: Path) -> list[str]:
    state = load(directory)
    stopped: list[str] = []
    if state is not None:
        pids = live_pids(state)
        # kube-apiserver first: it shuts down fast only while etcd is still there.
        order = [n for n in ("kube-apiserver", "etcd") if n in pids]
        timeout = timeout_from_env(
            os.environ, "KUBEBUILDER_CONTROLPLANE_STOP_TIMEOUT", DEFAULT_STOP_TIMEOUT
        )
        stop_groups([pids[n] for n in order], timeout)
        stopped = [f"{n} (pid {pids[n]})" for n in order]
    if directory.exists():
        shutil.rmtree(directory)
    return stopped


def down(directory: Path = DEVCLUSTER) -> list[str]:
    """Stop the dev control plane and remove its directory; returns what was stopped."""
    with locked(directory.parent):
        return _down_locked(directory)


def kubectl(state: State, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the built kubectl as admin, with a throw-away discovery cache (CRDs appear fresh)."""
    with tempfile.TemporaryDirectory(prefix="kctl-seed-") as cache:
        env = dict(os.environ, KUBECONFIG=str(state.info.admin_kubeconfig))
        return subprocess.run(
            [str(state.info.kubectl), f"--cache-dir={cache}", *args],
            env=env,
            text=True,
            capture_output=True,
            check=check,
        )


def seed(state: State, out: TextIO = sys.stdout) -> None:
    """Apply the demo data (idempotent: ``kubectl apply``); the CRD first, then its objects."""
    files = sorted(SEED_DIR.glob("*.yaml"))
    crds = [f for f in files if "crd" in f.name]
    rest = [f for f in files if f not in crds]
    steps: list[list[str]] = [["apply", "-f", str(f)] for f in files if f.name.startswith("00")]
    steps += [["apply", "-f", str(f)] for f in crds]
    steps.append(
        ["wait", "--for=condition=Established", "--timeout=60s", "crd/databases.demo.kctl.io"]
    )
    steps += [["apply", "-f", str(f)] for f in rest if not f.name.startswith("00")]
    for args in steps:
        result = kubectl(state, *args, check=False)
        out.write(result.stdout)
        if result.returncode != 0:
            raise SystemExit(f"kubectl {' '.join(args)} failed:\n{result.stderr}")
