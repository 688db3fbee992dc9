"""Fast start: ``kctl --help`` and every command's ``--help`` (subcommands of groups too) run
without importing requests, urllib3, rich or yaml. Each runs ``python -m kctl ...`` in a fresh
interpreter that writes ``sorted(sys.modules)`` to a file at exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kctl.cli.main import COMMANDS, LazyGroup, cli

HEAVY = ("requests", "urllib3", "rich", "yaml")
ROOT = Path(__file__).resolve().parents[2]

# Runs kctl exactly as `python -m kctl ARGS` does, then records what got imported.
WRAPPER = """
import atexit, json, runpy, sys
out = sys.argv.pop(1)
def dump():
    with open(out, "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(dump)
sys.argv[0] = "kctl"
runpy.run_module("kctl", run_name="__main__", alter_sys=True)
"""


def _invocations() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [()]
    ctx = click.Context(cli)
    for name in COMMANDS:
        found.append((name,))
        command = LazyGroup.get_command(cli, ctx, name)  # type: ignore[arg-type]
        if isinstance(command, click.Group):
            found += [(name, sub) for sub in command.list_commands(ctx)]
    return found


def _modules_after(args: tuple[str, ...], tmp_path: Path) -> tuple[int, str, list[str]]:
    out = tmp_path / "modules.json"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_"))}
    environ["PYTHONPATH"] = str(ROOT)
    environ["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *args, "--help"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=tmp_path,
        timeout=60,
    )
    modules = json.loads(out.read_text()) if out.exists() else []
    return done.returncode, done.stdout + done.stderr, modules


@pytest.mark.parametrize("args", _invocations(), ids=lambda a: " ".join(a) or "kctl")
def test_help_does_not_import_heavy_modules(args: tuple[str, ...], tmp_path: Path) -> None:
    code, output, modules = _modules_after(args, tmp_path)
    assert code == 0, output
    assert "Usage:" in output
    assert "kctl.cli.main" in modules  # the wrapper really ran kctl
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], f"`kctl {' '.join(args)} --help` imported {heavy}"


def test_every_registered_command_module_exists() -> None:
    import importlib

    for name, (module, attribute, _help) in COMMANDS.items():
        assert isinstance(getattr(importlib.import_module(module), attribute), click.Command), name


def _imported_by(module: str) -> set[str]:
    code = f"import sys, {module}; print(','.join(sorted(sys.modules)))"
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, env=environ, check=True
    )
    modules = set(done.stdout.strip().split(","))
    assert module in modules  # the import really happened
    return modules


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        # plain data a library user builds by hand: no HTTP stack behind it
        ("kctl.rest.config", {"requests", "urllib3", "ssl", "yaml", "click", "rich"}),
        ("kctl.clientcmd.overrides", {"requests", "urllib3", "yaml", "click", "rich"}),
        # completion imports it on every TAB: nothing but os
        (
            "kctl.clientcmd.paths",
            {"yaml", "requests", "click", "rich", "typing", "re", "pathlib", "dataclasses"},
        ),
        # completion reads it
        ("kctl.discovery.cache", {"requests", "urllib3", "yaml", "click", "rich"}),
        # the merge is the same for completion's index: no parser behind it
        ("kctl.clientcmd.merge", {"yaml", "requests", "click", "rich"}),
        # the loader imports YAML only when it parses a file
        ("kctl.clientcmd.loader", {"yaml", "requests", "click", "rich"}),
        ("kctl.duration", {"requests", "yaml", "click", "rich"}),
        # the CLI's transport: the standard library's HTTP, never requests
        ("kctl.rest.stdlib", {"requests", "urllib3", "yaml", "click", "rich"}),
        ("kctl.rest.client", {"requests", "urllib3", "yaml", "click", "rich"}),
        # `version --client` prints the platform without the HTTP stack
        ("kctl.rest.useragent", {"ssl", "socket", "http", "requests", "yaml", "click"}),
        # the parsed-kubeconfig cache is read on every command: no parser behind it
        ("kctl.clientcmd.cache", {"yaml", "json", "requests", "click", "rich", "typing"}),
    ],
)
def test_light_modules_stay_light(module: str, forbidden: set[str]) -> None:
    assert not _imported_by(module) & forbidden


def test_package_inits_import_nothing() -> None:
    """Importing a package must not drag in its modules (each user pays only for what it uses)."""
    for package in ("kctl.clientcmd", "kctl.rest", "kctl.discovery"):
        modules = _imported_by(package)
        assert not {m for m in modules if m.startswith(package + ".")}, package
