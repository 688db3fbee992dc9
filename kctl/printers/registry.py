"""The one output-format registry: which printer serves which ``-o`` value, per command.

kubectl's ``PrintFlags.ToPrinter()`` in one place: every command that takes ``-o`` (``get``,
``api-resources``, ``config view``) parses it here once, gets kubectl's error text for a value
it does not know, and gets its printer from here; shell completion offers the same values.

Importing this module costs nothing (no third-party, ``typing`` or ``re`` import): completion
reads ``completions()`` on every ``-o <TAB>``. Printers and errors are imported when used.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from typing import IO, Any

    ObjectPrinter = Callable[[Iterator[dict[str, Any]], bool], None]

# kubectl's printer families and the -o values each one answers to.
JSON_YAML = ("json", "yaml", "kyaml")
NAME = ("name",)
JSONPATH = ("jsonpath", "jsonpath-as-json", "jsonpath-file")
GO_TEMPLATE = ("go-template", "go-template-file", "template", "templatefile")
CUSTOM_COLUMNS = ("custom-columns", "custom-columns-file")
HUMAN = ("wide",)  # and "" (the default table)
# Families whose value follows the name (``-o jsonpath=TEMPLATE``).
TAKES_VALUE = JSONPATH + GO_TEMPLATE + CUSTOM_COLUMNS
# Formats kubectl accepts and kctl refuses with a hint instead of a Go-template engine.
UNSUPPORTED = GO_TEMPLATE

# What each command's PrintFlags accept, as kubectl 1.36 builds them.
ACCEPTED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("get",): JSON_YAML + NAME + JSONPATH + GO_TEMPLATE + CUSTOM_COLUMNS + HUMAN,
    ("api-resources",): JSON_YAML + NAME + HUMAN,
    ("config", "view"): JSON_YAML + NAME + JSONPATH + GO_TEMPLATE,
}
# Commands not in ACCEPTED whose -o completes anyway (config get-contexts takes only "name").
_COMPLETE_ONLY: dict[tuple[str, ...], tuple[str, ...]] = {("config", "get-contexts"): NAME}

_GO_TEMPLATE_REFUSAL = (
    "go-template output is not supported by kctl; use -o jsonpath=... or -o custom-columns=..."
)


def allowed_formats(command: tuple[str, ...]) -> str:
    """kubectl's list for the error text: every accepted value, sorted, comma-joined."""
    return ",".join(sorted(ACCEPTED[command]))


def completions(command: tuple[str, ...]) -> list[str]:
    """The ``-o`` values completion offers (what kctl prints), sorted as kubectl lists them;
    those taking a value end in ``=`` so the value follows without a space."""
    accepted = ACCEPTED.get(command) or _COMPLETE_ONLY.get(command) or ("json", "yaml")
    return [f + "=" if f in TAKES_VALUE else f for f in sorted(accepted) if f not in UNSUPPORTED]


class Output:
    """A parsed ``-o``: the format (``""`` for the default table) and its value (template,
    column spec or file name; for JSONPath without ``=`` the ``--template`` text)."""

    __slots__ = ("format", "value")

    def __init__(self, format: str, value: str = "") -> None:
        self.format = format
        self.value = value

    def __repr__(self) -> str:
        return f"Output({self.format!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Output) and (self.format, self.value) == (
            other.format,
            other.value,
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def strips_managed_fields(self) -> bool:
        """kubectl drops ``managedFields`` for json/yaml/kyaml only (unless asked not to)."""
        return self.format in JSON_YAML


def is_human_readable(output: str, template: str = "") -> bool:
    """kubectl's IsHumanReadablePrinter: the default table (no ``-o``, no ``--template``) or
    ``-o wide``; everything else goes through the object printer built by ``to_printer``."""
    return (not output and not template) or output == "wide"


def parse(output: str, command: tuple[str, ...], template: str = "") -> Output:
    """Parse ``-o`` once, as kubectl's ToPrinter does: an unknown value raises kubectl's
    ``unable to match a printer suitable for the output format`` error, a Go template kctl's
    refusal, a JSONPath or custom-columns format without its value kubectl's own text."""
    from kctl.errors import KctlError, UsageError

    accepted = ACCEPTED[command]
    name, sep, value = output.partition("=")
    if not output:
        # the default table where there is one; elsewhere kubectl's name printer answers ""
        fmt = "" if "wide" in accepted else "name"
    elif sep and name in TAKES_VALUE and name in accepted:
        fmt = name
    elif not sep and output in accepted:
        fmt, value = output, (template if output in TAKES_VALUE else "")
    else:
        raise KctlError(
            f'error: unable to match a printer suitable for the output format "{output}", '
            f"allowed formats are: {allowed_formats(command)}"
        )
    if fmt in UNSUPPORTED or (template and not output):
        hint = f"See 'kctl {' '.join(command)} -h' for help and examples"
        raise UsageError(_GO_TEMPLATE_REFUSAL, hint)
    if fmt in JSONPATH and not value:
        from kctl.printers.jsonpath import JSONPathError

        raise JSONPathError("template format specified but no template given")
    return Output(fmt, value)


def to_printer(
    spec: Output,
    out: IO[str],
    *,
    environ: Mapping[str, str],
    allow_missing_keys: bool = True,
    no_headers: bool = False,
) -> ObjectPrinter:
    """The printer for a non-table format: it takes the objects and whether a single one is
    printed bare (else in kubectl's ``List`` wrapper). Template files are read here, so a bad
    file fails before any request."""
    fmt = spec.format
    if fmt in JSON_YAML:
        return _json_yaml_printer(fmt, out)
    if fmt == "name":
        from kctl.printers.name import write_name

        def print_names(objs: Iterator[dict[str, Any]], bare: bool) -> None:
            for obj in objs:
                write_name(out, obj)

        return print_names
    if fmt in JSONPATH:
        render = jsonpath_renderer(spec, environ, allow_missing_keys)

        def print_jsonpath(objs: Iterator[dict[str, Any]], bare: bool) -> None:
            # the template sees the whole List, as in kubectl
            out.write(render(next(objs) if bare else list_wrapper(list(objs))))

        return print_jsonpath
    if fmt in CUSTOM_COLUMNS:
        from kctl.printers import customcolumns

        columns, no_headers = custom_columns(spec, no_headers)

        def print_columns(objs: Iterator[dict[str, Any]], bare: bool) -> None:
            # rows are rendered as objects arrive; only their text waits for the column widths
            customcolumns.render(objs, columns, no_headers=no_headers, out=out)

        return print_columns
    raise ValueError(f"no object printer for -o {fmt!r}")  # tables are the command's own


def jsonpath_renderer(
    spec: Output, environ: Mapping[str, str], allow_missing_keys: bool = True
) -> Callable[[Any], str]:
    """A JSONPath format's template as a function of the data it is applied to (the file of
    ``jsonpath-file`` is read now)."""
    from kctl.printers import jsonpath

    fmt = spec.format
    text = read_template_file(spec.value) if fmt == "jsonpath-file" else spec.value
    template = jsonpath.parse(text, extensions=jsonpath.extensions_enabled(environ))
    run = template.execute_as_json if fmt == "jsonpath-as-json" else template.execute

    def render(data: Any) -> str:
        return run(data, allow_missing_keys=allow_missing_keys)

    return render


def custom_columns(spec: Output, no_headers: bool = False) -> tuple[list[Any], bool]:
    """A custom-columns format's columns, and whether the header is left out."""
    from kctl.printers import customcolumns

    if spec.format == "custom-columns-file":
        # kubectl ignores --no-headers here
        return customcolumns.parse_file(read_template_file(spec.value)), False
    return customcolumns.parse_spec(spec.value), no_headers


def _json_yaml_printer(fmt: str, out: IO[str]) -> ObjectPrinter:
    if fmt == "kyaml":
        from kctl.printers import kyaml

        one: Callable[[IO[str], Any], None] = kyaml.write
        many: Callable[[IO[str], Iterator[Any]], int] = kyaml.write_list
    else:
        from kctl.printers import json_yaml

        one = json_yaml.write_json if fmt == "json" else json_yaml.write_yaml
        many = json_yaml.write_json_list if fmt == "json" else json_yaml.write_yaml_list

    def print_document(objs: Iterator[dict[str, Any]], bare: bool) -> None:
        if bare:
            one(out, next(objs))
        else:
            many(out, objs)

    return print_document


def list_wrapper(items: list[dict[str, Any]]) -> dict[str, Any]:
    """kubectl's ``List`` around several objects."""
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def read_template_file(path: str) -> str:
    """A ``jsonpath-file`` / ``custom-columns-file``, with kubectl's error text."""
    from kctl.errors import KctlError

    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise KctlError(f"error: error reading --template {path}, {exc}") from None
