"""kubectl's JSONPath templates: ``-o jsonpath=...``, ``jsonpath-file``, ``jsonpath-as-json``.

Pure functions, no I/O::

    template = parse("{range .items[*]}{.metadata.name}{'\\n'}{end}")
    text = template.execute(obj)                 # raises JSONPathError like kubectl

``parse`` raises ``JSONPathError`` with kubectl's ``error parsing jsonpath <T>, <cause>``;
``execute`` raises it with kubectl's ``error executing jsonpath "<T>": Error executing
template: <cause>. Printing more information for debugging the template: ...``.

Extensions (off by default, ``extensions=True``; the CLI turns them on with
``KCTL_JSONPATH_EXTENSIONS=1``): ``&&`` / ``||`` between filter conditions, evaluated left to
right, and a regex match operator ``=~`` (Python ``re.search``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kctl.errors import KctlError
from kctl.gostr import go_quote
from kctl.printers.jsonpath_eval import NOTHING, EvalError, Evaluator
from kctl.printers.jsonpath_gofmt import go_json, go_sharp_v, sprint
from kctl.printers.jsonpath_parser import ListNode, ParseError, parse_template

EXTENSIONS_ENV = "KCTL_JSONPATH_EXTENSIONS"

__all__ = [
    "EXTENSIONS_ENV",
    "JSONPathError",
    "Template",
    "extensions_enabled",
    "parse",
    "parse_output_format",
    "relaxed_expression",
]


class JSONPathError(KctlError):
    """A template kubectl would reject or fail on. ``str()`` is kubectl's stderr text;
    ``cause`` is the bare engine message (``array index out of bounds: ...``)."""

    def __init__(self, message: str, cause: str = "") -> None:
        super().__init__(message)
        self.cause = cause or message

    def __str__(self) -> str:
        return f"error: {self.message}"


def extensions_enabled(environ: Mapping[str, str]) -> bool:
    """True when the user opted into the non-kubectl filter extensions."""
    return environ.get(EXTENSIONS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _text(value: Any) -> str:
    """How kubectl prints one scalar result (maps and lists go through ``go_json``)."""
    if value is NOTHING:
        return "<no value>"
    if value is None:
        return "null"
    return sprint(value)


def _render(results: list[Any]) -> str:
    return " ".join(go_json(v) if isinstance(v, (dict, list)) else _text(v) for v in results)


@dataclass(frozen=True)
class Template:
    """A parsed template; ``text`` is what the user wrote (quoted in error messages)."""

    text: str
    root: ListNode
    extensions: bool = False

    def find_results(self, data: Any, *, allow_missing_keys: bool = True) -> list[list[Any]]:
        """The raw results per text/action (client-go's FindResults). Errors carry only the
        engine's cause text, as custom-columns and --sort-by print them."""
        evaluator = Evaluator(allow_missing_keys, self.extensions)
        try:
            results = evaluator.find_results(data, self.root.nodes)
        except EvalError as exc:
            raise JSONPathError(str(exc)) from None
        except RecursionError:
            raise JSONPathError("object nested too deeply") from None
        return [[None if v is NOTHING else v for v in action] for action in results]

    def execute(self, data: Any, *, allow_missing_keys: bool = True) -> str:
        """The text kubectl prints for ``-o jsonpath=...`` (no newline added)."""
        results = self._results(data, allow_missing_keys)
        try:
            return "".join(_render(r) for r in results)
        except RecursionError:
            raise JSONPathError("object nested too deeply to print") from None

    def execute_as_json(self, data: Any, *, allow_missing_keys: bool = True) -> str:
        """``-o jsonpath-as-json``: each text/action's results as an indented JSON array."""
        results = self._results(data, allow_missing_keys)
        try:
            return "".join(
                go_json([None if v is NOTHING else v for v in r], indent="    ") + "\n"
                for r in results
            )
        except RecursionError:
            raise JSONPathError("object nested too deeply to print") from None

    def _results(self, data: Any, allow_missing_keys: bool) -> list[list[Any]]:
        evaluator = Evaluator(allow_missing_keys, self.extensions)
        try:
            return evaluator.find_results(data, self.root.nodes)
        except (EvalError, RecursionError) as exc:
            cause = str(exc) if isinstance(exc, EvalError) else "object nested too deeply"
            raise JSONPathError(_execution_message(self.text, cause, data), cause) from None


def _execution_message(template: str, cause: str, data: Any) -> str:
    try:
        dump = go_sharp_v(data)
    except RecursionError:
        dump = "<object nested too deeply>"
    return (
        f"error executing jsonpath {go_quote(template)}: Error executing template: {cause}. "
        "Printing more information for debugging the template:\n"
        f"\ttemplate was:\n\t\t{template}\n"
        f"\tobject given to jsonpath engine was:\n\t\t{dump}\n\n"
    )


def parse(template: str, *, extensions: bool = False) -> Template:
    """Parse a template; errors read ``error parsing jsonpath <template>, <cause>``."""
    try:
        root = parse_template(template, extensions=extensions)
    except ParseError as exc:
        raise JSONPathError(f"error parsing jsonpath {template}, {exc}", str(exc)) from None
    return Template(template, root, extensions)


# kubectl's RelaxedJSONPathExpression: a.b, .a.b, {a.b} and {.a.b} all mean {.a.b}
_RELAXED = re.compile(r"\{\.?([^{}]+)\}|\.?([^{}]+)")
RELAXED_ERROR = (
    "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' "
    "or '{.name1.name2}'"
)


def relaxed_expression(path: str) -> str:
    """Turn a custom-columns / --sort-by path into a template; ValueError if kubectl would
    reject it (``RELAXED_ERROR``). An empty path stays empty."""
    if not path:
        return path
    match = _RELAXED.fullmatch(path)
    if match is None:
        raise ValueError(RELAXED_ERROR)
    return "{." + (match.group(1) or match.group(2)) + "}"


TEMPLATE_FORMATS = ("jsonpath", "jsonpath-file", "jsonpath-as-json")


def parse_output_format(output: str, template_flag: str = "") -> tuple[str, str] | None:
    """Split ``-o jsonpath=T`` (and ``-o jsonpath --template T``) into (kind, template text).

    kind is one of ``TEMPLATE_FORMATS``; for ``jsonpath-file`` the text is the file *name*
    (the caller reads it and reports ``error reading --template F, <os error>``). None when
    the output format is not a JSONPath one. An empty template raises kubectl's
    ``template format specified but no template given``.
    """
    kind, sep, value = output.partition("=")
    if kind not in TEMPLATE_FORMATS:
        return None
    text = value if sep else template_flag
    if not text:
        raise JSONPathError("template format specified but no template given")
    return kind, text
