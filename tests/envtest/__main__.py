"""``python -m tests.envtest up|down|status|env|seed|binaries|demo`` (what the Makefile calls)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from tests.envtest import binaries, devcluster
from tests.envtest.binaries import BinaryError
from tests.envtest.manager import ControlPlaneError


def _require_running() -> devcluster.State:
    state = devcluster.running()
    if state is None:
        raise SystemExit("No control plane is running: start one with `make cluster`.")
    return state


def cmd_up() -> int:
    state = devcluster.up()
    print(devcluster.usage(state.info))
    return 0


def cmd_down() -> int:
    stopped = devcluster.down()
    print("Stopped " + ", ".join(stopped) + "." if stopped else "No control plane was running.")
    return 0


def cmd_status() -> int:
    state = devcluster.running()
    if state is None:
        print("not running")
        return 1
    pids = ", ".join(f"{name} pid {pid}" for name, pid in state.pids.items())
    print(f"running: {state.info.server} ({pids})")
    return 0


def cmd_env() -> int:
    print(devcluster.env_text(_require_running().info), end="")
    return 0


def cmd_seed() -> int:
    devcluster.seed(_require_running())
    print("Demo data applied: namespaces shop, payments, monitoring; try `kctl get pods -A`.")
    return 0


def cmd_binaries() -> int:
    found = binaries.ensure()
    for name, path in (
        ("kube-apiserver", found.kube_apiserver),
        ("etcd", found.etcd),
        ("kubectl", found.kubectl),
    ):
        print(f"{name}: {path}")
    return 0


def cmd_demo() -> int:
    """Run kctl against the dev cluster; while a kctl command is missing, show kubectl's output."""
    state = _require_running()
    env = dict(os.environ, KUBECONFIG=str(state.info.admin_kubeconfig))
    for args in (["get", "pods", "-A"], ["api-resources"]):
        print(f"$ kctl {' '.join(args)}", flush=True)
        result = subprocess.run(
            [sys.executable, "-m", "kctl", *args], env=env, capture_output=True, text=True
        )
        sys.stdout.write(result.stdout)
        if result.returncode == 0:
            sys.stderr.write(result.stderr)
        else:
            lines = result.stderr.strip().splitlines()
            print(
                f"(kctl {args[0]} is not ready yet: exit code {result.returncode}"
                + (f", {lines[-1]}" if lines else "")
                + ")\n$ kubectl "
                + " ".join(args),
                flush=True,
            )
            subprocess.run([str(state.info.kubectl), *args], env=env, check=False)
        print(flush=True)
    return 0


COMMANDS = {
    "up": (cmd_up, "start the dev control plane in .devcluster/ (idempotent)"),
    "down": (cmd_down, "stop it and remove .devcluster/"),
    "status": (cmd_status, "exit 0 if it runs, 1 if not"),
    "env": (cmd_env, "print the shell exports (same as .devcluster/env)"),
    "seed": (cmd_seed, "apply the demo data with kubectl (idempotent)"),
    "binaries": (cmd_binaries, "find or build kube-apiserver, etcd and kubectl; print paths"),
    "demo": (cmd_demo, "kctl get pods -A and kctl api-resources, kubectl as fallback"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.envtest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text)
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][0]()
    except (BinaryError, ControlPlaneError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
