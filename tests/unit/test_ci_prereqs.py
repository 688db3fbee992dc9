"""`make test` on a fresh machine: .ci/prereqs installs the shells the tests drive (root or
passwordless sudo with apt) or stops at once with the exact command to run.

Each case runs the real script with a PATH built for it, so the machine's own tools don't matter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "prereqs"


def _bin(tmp_path: Path, tools: dict[str, str]) -> Path:
    """A PATH directory with the real bash, make and python3 and the given fake scripts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for real in ("bash", "make"):
        for d in ("/usr/bin", "/bin"):
            if os.path.exists(f"{d}/{real}"):
                (bin_dir / real).symlink_to(f"{d}/{real}")
                break
    (bin_dir / "python3").symlink_to(sys.executable)
    for name, body in tools.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)
    return bin_dir


def _run(bin_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": str(bin_dir), "HOME": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_root_or_sudo_it_stops_with_the_command(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    bin_dir = _bin(
        tmp_path,
        {"id": "echo 1000", "apt-get": f'echo "apt-get $*" >> {log}'},
    )
    done = _run(bin_dir)
    assert done.returncode == 1
    assert "error: the tests need these tools, which are not installed: zsh fish" in done.stderr
    assert (
        "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends zsh fish"
        in done.stderr
    )
    assert not log.exists()  # nothing was attempted


def test_with_passwordless_sudo_it_installs(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    bin_dir = _bin(
        tmp_path,
        {
            "id": "echo 1000",
            # `sudo -n true` is the password probe; anything else runs the command.
            "sudo": f'[ "$1" = -n ] && exit 0; echo "sudo $*" >> {log}',
            "apt-get": f'echo "apt-get $*" >> {log}',
        },
    )
    done = _run(bin_dir)
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "sudo apt-get update"
    # (startswith: GNU time or bash-completion may be missing on this machine too)
    assert lines[1].startswith("sudo apt-get install -y --no-install-recommends zsh fish")


def test_as_root_it_installs_without_sudo(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    bin_dir = _bin(tmp_path, {"id": "echo 0", "apt-get": f'echo "apt-get $*" >> {log}'})
    done = _run(bin_dir)
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "apt-get update"
    assert lines[1].startswith("apt-get install -y --no-install-recommends zsh fish")


def test_without_apt_it_names_what_is_missing(tmp_path: Path) -> None:
    done = _run(_bin(tmp_path, {"id": "echo 0"}))
    assert done.returncode == 1
    assert "not installed: zsh fish" in done.stderr


def test_make_test_checks_prerequisites_before_anything_else() -> None:
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == ".ci/prereqs"
