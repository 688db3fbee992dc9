"""The output-format registry: one parse of ``-o`` per command, kubectl's error texts, the
values completion offers, and the printer each format gets."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kctl.errors import KctlError
from kctl.printers import registry
from kctl.printers.registry import Output

ROOT = Path(__file__).resolve().parents[2]
GET = ("get",)
VIEW = ("config", "view")
API = ("api-resources",)


@pytest.mark.parametrize(
    ("command", "output", "template", "expected"),
    [
        (GET, "", "", Output("", "")),
        (GET, "wide", "", Output("wide", "")),
        (GET, "kyaml", "", Output("kyaml", "")),
        (GET, "jsonpath={.a}", "", Output("jsonpath", "{.a}")),
        (GET, "jsonpath={.a}=b", "", Output("jsonpath", "{.a}=b")),
        (GET, "jsonpath", "{.t}", Output("jsonpath", "{.t}")),
        (GET, "jsonpath-file=/f", "", Output("jsonpath-file", "/f")),
        (GET, "custom-columns=A:.a", "", Output("custom-columns", "A:.a")),
        (API, "", "", Output("", "")),
        (API, "kyaml", "", Output("kyaml", "")),
        (VIEW, "", "", Output("name", "")),  # kubectl's name printer answers an empty -o
        (VIEW, "jsonpath-as-json={.a}", "", Output("jsonpath-as-json", "{.a}")),
    ],
)
def test_parse(command: tuple[str, ...], output: str, template: str, expected: Output) -> None:
    assert registry.parse(output, command, template) == expected


@pytest.mark.parametrize(
    ("command", "output", "allowed"),
    [
        (
            GET,
            "bogus",
            "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,"
            "jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml",
        ),
        (GET, "json=x", None),
        (GET, "wide=1", None),
        (GET, "kyaml=x", None),
        (API, "custom-columns=A:.a", "json,kyaml,name,wide,yaml"),
        (API, "jsonpath={.a}", None),
        (
            VIEW,
            "wide",
            "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,"
            "name,template,templatefile,yaml",
        ),
        (VIEW, "custom-columns=A:.a", None),
    ],
)
def test_unknown_formats_get_kubectls_text(
    command: tuple[str, ...], output: str, allowed: str | None
) -> None:
    with pytest.raises(KctlError) as err:
        registry.parse(output, command)
    expected = allowed or registry.allowed_formats(command)
    assert str(err.value) == (
        f'error: unable to match a printer suitable for the output format "{output}", '
        f"allowed formats are: {expected}"
    )


@pytest.mark.parametrize(
    "argv", [("go-template={{.a}}", ""), ("templatefile", "x"), ("", "{{.a}}")]
)
def test_go_templates_are_refused_with_a_hint(argv: tuple[str, str]) -> None:
    with pytest.raises(KctlError) as err:
        registry.parse(argv[0], GET, argv[1])
    assert str(err.value) == (
        "error: go-template output is not supported by kctl; use -o jsonpath=... or "
        "-o custom-columns=...\nSee 'kctl get -h' for help and examples"
    )


def test_jsonpath_without_a_template_is_kubectls_error() -> None:
    for output in ("jsonpath", "jsonpath=", "jsonpath-file="):
        with pytest.raises(KctlError) as err:
            registry.parse(output, GET)
        assert "template format specified but no template given" in str(err.value)


def test_completion_offers_what_each_command_prints() -> None:
    assert registry.completions(GET) == [
        "custom-columns=",
        "custom-columns-file=",
        "json",
        "jsonpath=",
        "jsonpath-as-json=",
        "jsonpath-file=",
        "kyaml",
        "name",
        "wide",
        "yaml",
    ]
    assert registry.completions(API) == ["json", "kyaml", "name", "wide", "yaml"]
    assert registry.completions(VIEW) == [
        "json",
        "jsonpath=",
        "jsonpath-as-json=",
        "jsonpath-file=",
        "kyaml",
        "name",
        "yaml",
    ]
    assert registry.completions(("config", "get-contexts")) == ["name"]


def test_every_printer_prints(tmp_path: Path) -> None:
    objs = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": n}} for n in ("a", "b")]
    (tmp_path / "t").write_text("{.items[*].metadata.name}")
    cases = {
        "name": "pod/a\npod/b\n",
        "jsonpath={.items[*].metadata.name}": "a b",
        f"jsonpath-file={tmp_path / 't'}": "a b",
        "custom-columns=N:.metadata.name": "N\na\nb\n",
        "kyaml": None,
        "json": None,
        "yaml": None,
    }
    for output, expected in cases.items():
        out = io.StringIO()
        printer = registry.to_printer(registry.parse(output, GET), out, environ={})
        printer(iter(objs), False)
        if expected is not None:
            assert out.getvalue() == expected, output
        else:
            assert '"b"' in out.getvalue() or "name: b" in out.getvalue(), output


def test_a_missing_template_file_fails_before_printing(tmp_path: Path) -> None:
    with pytest.raises(KctlError) as err:
        registry.to_printer(
            registry.parse(f"jsonpath-file={tmp_path / 'nope'}", GET), io.StringIO(), environ={}
        )
    assert str(err.value).startswith(f"error: error reading --template {tmp_path / 'nope'}, ")


def test_importing_the_registry_is_free() -> None:
    # completion reads it on every `-o <TAB>`: no third-party, typing or re import
    code = (
        "import sys; before = set(sys.modules); import kctl.printers.registry; "
        "print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); {code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    new = set(eval(done.stdout)) - {"__future__"}  # noqa: S307 - our own subprocess's list
    assert new == {"kctl", "kctl.printers", "kctl.printers.registry"}
