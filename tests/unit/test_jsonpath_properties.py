"""Property tests: the JSONPath engine fails only with its own error type, whatever it gets."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from kctl.printers import jsonpath
from kctl.printers.jsonpath import JSONPathError

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "c", "items", ""]), children, max_size=4)
    ),
    max_leaves=20,
)

# Fragments that exercise every branch of the grammar, glued together at random.
PIECES = st.sampled_from(
    [
        "{",
        "}",
        ".",
        "..",
        "a",
        "b",
        "items",
        "*",
        "[",
        "]",
        "[*]",
        "[0]",
        "[-1]",
        "[1:]",
        "[::2]",
        "[0,1]",
        "['a']",
        "['a.b']",
        "[?(",
        ")]",
        "@",
        "$",
        "@.a",
        "==",
        "!=",
        "<",
        ">=",
        "=~",
        "&&",
        "||",
        '"x"',
        "'y'",
        '"\\n"',
        "\\",
        "\\.",
        "1",
        "-2",
        "3.5",
        "true",
        "range",
        "end",
        "{range .items[*]}",
        "{end}",
        " ",
        "\t",
        "\n",
        ",",
        ":",
        "é",
        "-",
    ]
)
TEMPLATES = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=30)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=string.printable + "é{}[]()@$.*'\"\\", max_size=40))
def test_parse_raises_only_jsonpath_error(text: str) -> None:
    for extensions in (False, True):
        try:
            jsonpath.parse(text, extensions=extensions)
        except JSONPathError as err:
            assert str(err).startswith("error: error parsing jsonpath ")


@settings(max_examples=800, deadline=None)
@given(TEMPLATES, JSON, st.booleans(), st.booleans())
def test_execute_raises_only_jsonpath_error(
    text: str, data: object, allow: bool, ext: bool
) -> None:
    try:
        template = jsonpath.parse(text, extensions=ext)
    except JSONPathError:
        return
    for run in (template.execute, template.execute_as_json):
        try:
            out = run(data, allow_missing_keys=allow)
        except JSONPathError as err:
            assert str(err).startswith("error: error executing jsonpath ")
        else:
            assert isinstance(out, str)
    try:
        results = template.find_results(data, allow_missing_keys=allow)
    except JSONPathError:
        return
    assert all(isinstance(r, list) for r in results)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_plain_text_is_copied_verbatim(text: str) -> None:
    """Text without braces is a template that prints itself, escapes and all."""
    text = text.replace("{", "")
    assert jsonpath.parse(text).execute({}) == text
