"""Find kube-apiserver, etcd and kubectl the way envtest does, or build them once into a cache.

Lookup order per binary: ``TEST_ASSET_<NAME>``, ``$KUBEBUILDER_ASSETS/<name>``,
``/usr/local/kubebuilder/bin/<name>``, then the versioned cache directory
``${XDG_CACHE_HOME:-~/.cache}/kctl/bin/k8s-<v>-etcd-<v>/``. Binaries missing everywhere are built
by ``build-binaries.sh`` into that cache, under a file lock so concurrent runs build only once.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

K8S_VERSION = "v1.36.3"
ETCD_VERSION = "v3.6.16"
NAMES = ("kube-apiserver", "etcd", "kubectl")
KUBEBUILDER_DEFAULT = Path("/usr/local/kubebuilder/bin")
BUILD_SCRIPT = Path(__file__).with_name("build-binaries.sh")


class BinaryError(RuntimeError):
    """A binary could not be found or built; the text says what to do."""


@dataclass(frozen=True)
class Binaries:
    kube_apiserver: Path
    etcd: Path
    kubectl: Path

    def describe(self) -> str:
        return f"kube-apiserver={self.kube_apiserver} etcd={self.etcd} kubectl={self.kubectl}"


def asset_variable(name: str) -> str:
    """envtest's variable for a binary: upper-case, runs of other characters become ``_``."""
    sanitized = re.sub(r"[^A-Z0-9]+", "_", name.upper())
    return "TEST_ASSET_" + sanitized.lstrip("0123456789")


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The versioned cache directory the build writes to."""
    xdg = environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path(environ.get("HOME") or Path.home()) / ".cache"
    return base / "kctl" / "bin" / f"k8s-{K8S_VERSION}-etcd-{ETCD_VERSION}"


def _usable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def lookup(name: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where ``name`` is, without building; an explicit ``TEST_ASSET_*`` must exist."""
    variable = asset_variable(name)
    explicit = environ.get(variable)
    if explicit:
        path = Path(explicit)
        if not _usable(path):
            raise BinaryError(f"{variable}={explicit} is not an executable file")
        return path
    candidates = []
    assets = environ.get("KUBEBUILDER_ASSETS")
    if assets:
        candidates.append(Path(assets) / name)
    candidates += [KUBEBUILDER_DEFAULT / name, cache_dir(environ) / name]
    for path in candidates:
        if _usable(path):
            return path
    return None


def build(environ: Mapping[str, str] = os.environ, log: TextIO = sys.stderr) -> Path:
    """Build the binaries into the cache dir (once, even with concurrent callers)."""
    out = cache_dir(environ)
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"[envtest] another process is building {out}; waiting", file=log, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        if all(_usable(out / n) for n in NAMES):
            return out
        if not _go_available():
            raise BinaryError(
                "kube-apiserver/etcd/kubectl not found and Go is not installed to build them.\n"
                "Install Go 1.26+ (https://go.dev/dl/), or point TEST_ASSET_KUBE_APISERVER, "
                "TEST_ASSET_ETCD and TEST_ASSET_KUBECTL (or KUBEBUILDER_ASSETS) at existing "
                "binaries."
            )
        print(
            f"[envtest] building kube-apiserver + kubectl {K8S_VERSION} and etcd {ETCD_VERSION}"
            f" into {out}\n[envtest] first run only: several minutes and ~2 GB of RAM",
            file=log,
            flush=True,
        )
        started = time.monotonic()
        # Lines are copied through (not inherited fds) so progress shows even when the
        # caller's stderr is a Python object, e.g. under pytest's capture.
        with subprocess.Popen(
            ["bash", str(BUILD_SCRIPT), str(out), K8S_VERSION, ETCD_VERSION],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=dict(environ),
            text=True,
        ) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                log.write(line)
                log.flush()
        if proc.returncode != 0 or not all(_usable(out / n) for n in NAMES):
            raise BinaryError(
                f"building the control-plane binaries failed (exit {proc.returncode}); "
                "see the output above"
            )
        print(f"[envtest] built in {time.monotonic() - started:.0f}s", file=log, flush=True)
        return out


def _go_available() -> bool:
    try:
        subprocess.run(["go", "version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def ensure(
    environ: Mapping[str, str] = os.environ,
    log: TextIO = sys.stderr,
    names: tuple[str, ...] = NAMES,
) -> Binaries:
    """Find every binary, building the missing ones into the cache first."""
    found = {name: lookup(name, environ) for name in names}
    if any(path is None for path in found.values()):
        built = build(environ, log)
        found = {name: path or built / name for name, path in found.items()}
    # Binaries not asked for (e.g. only kubectl with an existing cluster) may not exist.
    paths = {n: found.get(n) or lookup(n, environ) or cache_dir(environ) / n for n in NAMES}
    return Binaries(
        kube_apiserver=paths["kube-apiserver"], etcd=paths["etcd"], kubectl=paths["kubectl"]
    )
