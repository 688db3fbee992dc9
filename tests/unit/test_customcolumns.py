"""-o custom-columns / custom-columns-file (kctl/printers/customcolumns.py).

Output parity with kubectl on real objects (alignment, <none>, joined values) is checked in
tests/integration/test_get_templates.py; these tests pin parsing, error texts and the value
rules on objects a server would not hold.
"""

from __future__ import annotations

import io

import pytest

from kctl.printers.customcolumns import CustomColumnsError, parse_file, parse_spec, render

POD = {
    "metadata": {"name": "web-1", "labels": {"app": "web", "tier": "fe"}},
    "spec": {"containers": [{"image": "nginx"}, {"image": "busybox"}], "n": 1.5e7},
}


def table(objects: list[dict], spec: str, no_headers: bool = False) -> str:
    out = io.StringIO()
    render(objects, parse_spec(spec), no_headers=no_headers, out=out)
    return out.getvalue()


def test_headers_as_written_and_values() -> None:
    text = table([POD], "Name:.metadata.name,IMAGES:.spec.containers[*].image,x:{.spec.n}")
    assert text == "Name    IMAGES          x\nweb-1   nginx,busybox   1.5e+07\n"


@pytest.mark.parametrize(
    "path", [".metadata.name", "metadata.name", "{metadata.name}", "{.metadata.name}"]
)
def test_relaxed_paths(path: str) -> None:
    assert table([POD], f"N:{path}", no_headers=True) == "web-1\n"


def test_missing_is_none_and_maps_print_go_style() -> None:
    text = table([POD, {"metadata": {"name": "bare"}}], "L:.metadata.labels,X:.nope,E:")
    assert text == (
        "L                      X        E\n"
        "map[app:web tier:fe]   <none>   <none>\n"
        "<none>                 <none>   <none>\n"
    )


def test_no_headers() -> None:
    assert table([POD], "N:.metadata.name", no_headers=True) == "web-1\n"


def test_terminal_escapes_are_neutralised() -> None:
    obj = {"v": "red\x1b[31m\rx"}
    assert table([obj], "V:.v", no_headers=True) == "red^[[31m\\rx\n"


def test_returns_text_without_out() -> None:
    assert render([POD], parse_spec("N:.metadata.name"), no_headers=False) == "N\nweb-1\n"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "error: custom-columns format specified but no custom columns given"),
        (
            "NAME",
            "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>",
        ),
        (
            "A:.a,B",
            "error: unexpected custom-columns spec: B, expected <header>:<json-path-expr>",
        ),
        (
            "A:{.a}{.b}",
            "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
            "'{name1.name2}' or '{.name1.name2}'",
        ),
        ("A:.a[", "error: unterminated array"),
    ],
)
def test_spec_errors(spec: str, message: str) -> None:
    with pytest.raises(CustomColumnsError) as err:
        parse_spec(spec)
    assert str(err.value) == message


def test_execution_error_is_the_engine_cause() -> None:
    with pytest.raises(CustomColumnsError) as err:
        table([POD], "I:.spec.containers[5].image")
    assert str(err.value) == "error: array index out of bounds: index 5, length 2"


def test_file_format() -> None:
    columns = parse_file("NAME   IMAGE\n.metadata.name  {.spec.containers[0].image}\n")
    assert [(c.header, c.field_spec) for c in columns] == [
        ("NAME", "{.metadata.name}"),
        ("IMAGE", "{.spec.containers[0].image}"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "invalid template, missing header line."),
        ("NAME\n", "invalid template, missing spec line."),
        ("A B\n.a\n", "number of headers (2) and field specifications (1) don't match"),
    ],
)
def test_file_errors(text: str, message: str) -> None:
    with pytest.raises(CustomColumnsError) as err:
        parse_file(text)
    assert str(err.value).startswith(f"error: {message}")


def test_rows_before_a_failing_object_are_still_printed() -> None:
    """kubectl flushes the header and finished rows, then reports the error."""
    good = {"l": [1]}
    bad: dict = {"l": []}
    out = io.StringIO()
    with pytest.raises(CustomColumnsError):
        render([good, bad, good], parse_spec("FIRST:.l[0]"), no_headers=False, out=out)
    assert out.getvalue() == "FIRST\n1\n"
    with pytest.raises(CustomColumnsError) as err:
        render([good, bad], parse_spec("FIRST:.l[0]"), no_headers=False)
    assert err.value.output == "FIRST\n1\n"
