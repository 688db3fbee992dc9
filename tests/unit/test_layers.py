"""Imports point down (docs/architecture.md): each package may import only the layers below it.
Read from the source (every import statement, lazy ones inside functions too), so a new
upward import fails here before it becomes a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KCTL = Path(__file__).resolve().parents[2] / "kctl"

# The bottom: Go's rules, the typed errors, the schema, the environment. clientcmd.paths is a
# leaf (os only) the environment takes the cache-root rule from.
BASE = {
    "kctl",
    "kctl.errors",
    "kctl.status",  # the decoded API Status (errors.py re-exports it)
    "kctl.gostr",
    "kctl.duration",
    "kctl.schema",
    "kctl.quantity",
    "kctl.env",
    "kctl.libenv",  # the library's Environment
    "kctl.params",  # keyword options -> query parameters, stdlib only
    "kctl.yamlload",  # the one YAML reader (go-yaml's alias limits), pyyaml only
    "kctl.clientcmd",
    "kctl.clientcmd.paths",
    "kctl.privatefile",  # atomic 0600 cache files, os only
}
PACKAGES = ("kctl", "kctl.cli", "kctl.clientcmd", "kctl.completion", "kctl.discovery")
PACKAGES += ("kctl.printers", "kctl.rest")

# package -> (modules it may import, packages it may import anything from)
ALLOWED: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "kctl.rest": (BASE, ("kctl.rest",)),
    "kctl.clientcmd": (
        BASE | {"kctl.rest", "kctl.rest.config", "kctl.rest.execconfig"},
        ("kctl.clientcmd",),
    ),
    "kctl.discovery": (BASE, ("kctl.rest", "kctl.discovery")),
}


def _imports(path: Path) -> set[str]:
    """The kctl modules ``path`` imports (``from kctl.x import y``: kctl.x, and kctl.x.y when
    kctl.x is a package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module in PACKAGES:
                found |= {
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if not alias.name.startswith("__")  # kctl.__version__ is no module
                }
    return {name for name in found if name == "kctl" or name.startswith("kctl.")}


# Known upward imports, each to be moved down (see docs/layers.md). None today: keep it so.
KNOWN: set[tuple[str, str]] = set()


def _allowed(name: str, package: str) -> bool:
    modules, packages = ALLOWED[package]
    return (
        (package, name) in KNOWN
        or name in modules
        or any(name == p or name.startswith(p + ".") for p in packages)
    )


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_lower_layers(package: str) -> None:
    bad: dict[str, list[str]] = {}
    for path in sorted((KCTL / package.split(".")[1]).glob("*.py")):
        wrong = sorted(n for n in _imports(path) if not _allowed(n, package))
        if wrong:
            bad[path.name] = wrong
    assert bad == {}


def test_the_rest_layer_never_imports_clientcmd_but_its_leaf() -> None:
    # the exec plugin runner lives in rest/ for this reason (docs/layers.md)
    for path in (KCTL / "rest").glob("*.py"):
        assert not {n for n in _imports(path) if n.startswith("kctl.clientcmd")}, path.name
