"""``import kctl`` is cheap: no HTTP library, YAML parser or rich until a client needs them, and
the generated TypedDict models are never imported at run time (each check runs a fresh
interpreter and looks at ``sys.modules``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import kctl

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("requests", "urllib3", "yaml", "rich", "click")


def modules_after(code: str) -> list[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_import_kctl_loads_no_http_yaml_or_rich() -> None:
    modules = modules_after("import kctl")
    assert "kctl" in modules
    assert heavy(modules) == []
    assert not [m for m in modules if m.startswith("kctl.") and m != "kctl"]


def test_naming_the_clients_loads_no_http_yaml_or_rich() -> None:
    names = ", ".join(f"kctl.{n}" for n in ("Clientset", "DynamicClient", "GVR", "nested"))
    modules = modules_after(f"import kctl\n{names}")
    assert heavy(modules) == []


def test_typed_accessors_never_import_the_models(tmp_path: Path) -> None:
    # A Clientset over a RESTClient stand-in: building accessors must not touch kctl.models.
    modules = modules_after(
        "import kctl\n"
        "cs = kctl.Clientset(object())\n"
        "cs.core_v1.pods('default'); cs.apps_v1.deployments('x'); cs.rbac_v1.cluster_roles()"
    )
    assert "kctl.clientset.core_v1" in modules
    assert not [m for m in modules if m.startswith("kctl.models")]


def test_every_public_name_resolves_and_has_a_docstring() -> None:
    for name in kctl.__all__:
        value = getattr(kctl, name)
        if name == "__version__":
            continue
        doc = getattr(value, "__doc__", None)
        assert doc and doc.strip(), f"kctl.{name} has no docstring"


def test_unknown_names_raise_attribute_error() -> None:
    try:
        kctl.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as err:
        assert "NoSuchThing" in str(err)
    else:
        raise AssertionError("kctl.NoSuchThing resolved")


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert sorted(kctl.__all__) == sorted(["__version__", *kctl._EXPORTS])
