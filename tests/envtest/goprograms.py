"""The seed's four client-go programs (examples/go/*), built once into a versioned cache.

They are the oracle for the Python examples: the tests run both against the same control plane
and compare what they print. The cache entry is keyed by the client-go version and a hash of
the Go sources (``~/.cache/kctl/go-examples/client-go-<v>-<hash>/``), so editing a program
rebuilds it, and a file lock makes concurrent test runs build only once (as ``binaries.py``
does for the control plane).

``python -m tests.envtest.goprograms`` builds them and prints where they are.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

CLIENT_GO_VERSION = "v0.36.3"
PROGRAMS = ("rest", "clientset", "dynamic", "discovery")
SOURCES = Path(__file__).resolve().parents[2] / "examples" / "go"

GO_MOD = f"""\
module local.test/kctlexamples

go 1.26.0

require (
\tk8s.io/api {CLIENT_GO_VERSION}
\tk8s.io/apimachinery {CLIENT_GO_VERSION}
\tk8s.io/client-go {CLIENT_GO_VERSION}
)
"""


class GoProgramError(RuntimeError):
    """The Go programs could not be built; the text says why."""


def source_hash() -> str:
    """A short hash of every Go source and the go.mod template (the cache key's second half)."""
    digest = hashlib.sha256(GO_MOD.encode())
    for name in PROGRAMS:
        for path in sorted((SOURCES / name).glob("*.go")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    xdg = environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path(environ.get("HOME") or Path.home()) / ".cache"
    return base / "kctl" / "go-examples" / f"client-go-{CLIENT_GO_VERSION}-{source_hash()}"


def _built(out: Path) -> bool:
    return all(os.access(out / name, os.X_OK) for name in PROGRAMS)


def ensure(environ: Mapping[str, str] = os.environ, log: TextIO = sys.stderr) -> dict[str, Path]:
    """Paths of the four built programs, building them first if the cache has none."""
    out = cache_dir(environ)
    if not _built(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out.parent / f".{out.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _built(out):
                _build(out, environ, log)
    return {name: out / name for name in PROGRAMS}


def _build(out: Path, environ: Mapping[str, str], log: TextIO) -> None:
    if shutil.which("go", path=environ.get("PATH")) is None:
        raise GoProgramError(
            "the client-go example programs need Go 1.26+ to build (https://go.dev/dl/)"
        )
    print(
        f"[goprograms] building {', '.join(PROGRAMS)} with client-go {CLIENT_GO_VERSION}",
        file=log,
        flush=True,
    )
    env = dict(environ)
    env.update(GOTOOLCHAIN="local", CGO_ENABLED="0", GOFLAGS="-mod=mod -buildvcs=false")
    with tempfile.TemporaryDirectory(prefix="kctl-goprograms.") as tmp:
        work = Path(tmp)
        (work / "go.mod").write_text(GO_MOD)
        for name in PROGRAMS:
            shutil.copytree(SOURCES / name, work / name)
        stage = Path(tmp) / "bin"
        steps = [
            ["go", "mod", "tidy"],
            ["go", "build", "-trimpath", "-ldflags", "-s -w", "-o", str(stage) + "/"]
            + [f"./{name}" for name in PROGRAMS],
        ]
        for argv in steps:
            done = subprocess.run(
                argv, cwd=work, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
            )
            if done.returncode != 0:
                raise GoProgramError(f"{' '.join(argv)} failed:\n{done.stderr[-4000:]}")
        # Renamed into place only when complete, so an interrupted build leaves no half entry.
        partial = out.with_name(out.name + ".tmp")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(stage, partial)
        shutil.rmtree(out, ignore_errors=True)
        partial.rename(out)
    print(f"[goprograms] built into {out}", file=log, flush=True)


if __name__ == "__main__":
    for program, path in ensure().items():
        print(f"{program}\t{path}")
