"""``kctl api-resources`` and ``kctl api-versions``: what the server serves, as kubectl prints it.

Piped output is byte-identical to kubectl 1.36's: the same rows, order and tabwriter spacing,
the same ``-o name/json/yaml/kyaml`` documents. On a terminal the table is drawn with a styled
header (rich is imported only then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from kctl.cli.factory import Factory
from kctl.cli.options import global_options
from kctl.cli.parsing import STRING_SLICE, PflagCommand
from kctl.errors import KctlError, UsageError
from kctl.printers import registry
from kctl.schema import GroupVersion

if TYPE_CHECKING:
    from kctl.printers.table import RowSink

F = TypeVar("F", bound=Callable[..., Any])


def _bool_option(name: str, help_text: str) -> Callable[[F], F]:
    # None when absent: --namespaced=false and no --namespaced mean different things
    return click.option(name, is_flag=True, default=None, help=help_text)


def _split_list(values: tuple[str, ...]) -> list[str]:
    """The non-empty values of a stringSlice flag (the parser already split them)."""
    return [v for v in values if v]


@click.command(
    "api-resources",
    cls=PflagCommand,
    context_settings={"help_option_names": ["-h", "--help"]},
    short_help="Print the supported API resources on the server",
)
@click.argument("args", nargs=-1, required=False, metavar="")
@click.option("--api-group", default=None, help="Limit to resources in the specified API group.")
@_bool_option("--cached", "Use the cached list of resources if available.")
@click.option(
    "--categories",
    type=STRING_SLICE,
    multiple=True,
    help="Limit to resources that belong to the specified categories.",
)
@_bool_option(
    "--namespaced",
    "If false, non-namespaced resources will be returned, otherwise returning namespaced "
    "resources by default.",
)
@_bool_option(
    "--no-headers",
    "When using the default or custom-column output format, don't print headers.",
)
@click.option(
    "-o",
    "--output",
    default="",
    help="Output format. One of: (json, yaml, kyaml, name, wide).",
)
@_bool_option(
    "--show-managed-fields",
    "If true, keep the managedFields when printing objects in JSON or YAML format.",
)
@click.option(
    "--sort-by",
    default="",
    help="If non-empty, sort list of resources using specified field. "
    "The field can be either 'name' or 'kind'.",
)
@click.option(
    "--verbs",
    type=STRING_SLICE,
    multiple=True,
    help="Limit to resources that support the specified verbs.",
)
@global_options
@click.pass_context
def api_resources(
    ctx: click.Context,
    args: tuple[str, ...],
    api_group: str | None,
    cached: bool | None,
    categories: tuple[str, ...],
    namespaced: bool | None,
    no_headers: bool | None,
    output: str,
    show_managed_fields: bool | None,
    sort_by: str,
    verbs: tuple[str, ...],
) -> None:
    """Print the supported API resources on the server.

    \b
    Examples:
      # Print the supported API resources
      kctl api-resources
    \b
      # Print the supported API resources with more information
      kctl api-resources -o wide
    \b
      # Print the supported API resources sorted by a column
      kctl api-resources --sort-by=name
    \b
      # Print the supported namespaced resources
      kctl api-resources --namespaced=true
    \b
      # Print the supported non-namespaced resources
      kctl api-resources --namespaced=false
    \b
      # Print the supported API resources with a specific APIGroup
      kctl api-resources --api-group=rbac.authorization.k8s.io
    """
    if args:
        raise UsageError(
            f"unexpected arguments: [{' '.join(args)}]",
            hint=f"See '{ctx.command_path} -h' for help and examples",
        )
    output = registry.parse(output, ("api-resources",)).format
    if sort_by and sort_by not in ("name", "kind"):
        raise UsageError("--sort-by accepts only name or kind")

    factory = Factory.from_context(ctx)
    discovery = factory.discovery
    if not cached:
        discovery.invalidate()  # kubectl always asks the server unless --cached
    rows = select_resources(
        discovery.preferred_resources(),
        api_group=api_group,
        namespaced=namespaced,
        verbs=_split_list(verbs),
        categories=_split_list(categories),
        sort_by=sort_by,
    )
    env = factory.env
    if output in ("json", "yaml", "kyaml"):
        write_document(env.stdout, output, rows)
    elif output == "name":
        from kctl.restmapper.rules import group_resource

        env.stdout.write("".join(group_resource(r) + "\n" for r in rows))
    else:
        sink: RowSink
        if env.colour:
            from kctl.printers.rich_table import RichSink

            sink = RichSink(env.stdout, env)
        else:
            from kctl.printers.table import PlainSink

            sink = PlainSink(env.stdout)
        head, *body = table_rows(rows, wide=output == "wide")
        if not no_headers:
            sink.header(head)
        for cells in body:
            sink.row(cells)
        sink.close()


def select_resources(
    resources: list[dict[str, Any]],
    *,
    api_group: str | None = None,
    namespaced: bool | None = None,
    verbs: list[str] | None = None,
    categories: list[str] | None = None,
    sort_by: str = "",
) -> list[dict[str, Any]]:
    """kubectl's filters and order: resources without verbs are dropped; each filter applies
    only when given; a stable sort by group (default), name or kind, ties by name."""
    out = []
    for r in resources:
        if not r["verbs"] or "/" in r["name"]:
            continue
        if api_group is not None and r["group"] != api_group:
            continue
        if namespaced is not None and bool(r["namespaced"]) != namespaced:
            continue
        if verbs and not set(verbs) <= set(r["verbs"]):
            continue
        if categories and not set(categories) <= set(r["categories"]):
            continue
        out.append(r)
    if sort_by == "name":
        out.sort(key=lambda r: r["name"])
    elif sort_by == "kind":
        out.sort(key=lambda r: (r["kind"], r["name"]))
    else:
        out.sort(key=lambda r: (r["group"], r["name"]))
    return out


def table_rows(rows: list[dict[str, Any]], *, wide: bool) -> list[list[str]]:
    """The table cells, header first."""
    head = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    if wide:
        head += ["VERBS", "CATEGORIES"]
    table = [head]
    for r in rows:
        cells = [
            r["name"],
            ",".join(r["shortNames"]),
            str(GroupVersion(r["group"], r["version"])),
            "true" if r["namespaced"] else "false",
            r["kind"],
        ]
        if wide:
            cells += [",".join(r["verbs"]), ",".join(r["categories"])]
        table.append(cells)
    return table


def as_api_resource(r: dict[str, Any]) -> dict[str, Any]:
    """A ``metav1.APIResource`` in Go's field order, empty optional fields left out."""
    out: dict[str, Any] = {
        "name": r["name"],
        "singularName": r["singularName"],
        "namespaced": bool(r["namespaced"]),
    }
    if r["group"]:
        out["group"] = r["group"]
    if r["version"]:
        out["version"] = r["version"]
    out["kind"] = r["kind"]
    out["verbs"] = list(r["verbs"])
    if r["shortNames"]:
        out["shortNames"] = list(r["shortNames"])
    if r["categories"]:
        out["categories"] = list(r["categories"])
    return out


def write_document(out: IO[str], output: str, rows: list[dict[str, Any]]) -> None:
    """kubectl's ``-o json|yaml|kyaml``: one ``APIResourceList`` holding every row."""
    doc: dict[str, Any] = {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": "",
        "resources": [as_api_resource(r) for r in rows] or None,
    }
    if output == "json":
        import json

        text = json.dumps(doc, indent=4, ensure_ascii=False)
        # Go's encoder escapes these (they can only occur inside strings).
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        out.write(text + "\n")
    elif output == "yaml":
        from kctl.printers.json_yaml import write_yaml

        write_yaml(out, doc)
    else:
        from kctl.printers import kyaml

        out.write(kyaml.dumps(doc, sort_keys=False))  # a typed list: Go's field order


class _VersionsError(KctlError):
    def __str__(self) -> str:
        return f"error: couldn't get available api versions from server: {self.message}"


@click.command(
    "api-versions",
    cls=PflagCommand,
    context_settings={"help_option_names": ["-h", "--help"]},
    short_help='Print the supported API versions on the server, in the form of "group/version"',
)
@click.argument("args", nargs=-1, required=False, metavar="")
@global_options
@click.pass_context
def api_versions(ctx: click.Context, args: tuple[str, ...]) -> None:
    """Print the supported API versions on the server, in the form of "group/version".

    \b
    Examples:
      # Print the supported API versions
      kctl api-versions
    """
    if args:
        raise UsageError(
            f"unexpected arguments: [{' '.join(args)}]",
            hint=f"See '{ctx.command_path} -h' for help and examples",
        )
    factory = Factory.from_context(ctx)
    discovery = factory.discovery
    discovery.invalidate()  # kubectl always asks the server here
    try:
        groups = discovery.groups()
    except KctlError as err:
        raise _VersionsError(_plain(err)) from None
    versions = sorted(str(GroupVersion(g["name"], v)) for g in groups for v in g["versions"])
    factory.env.stdout.write("".join(v + "\n" for v in versions))


def _plain(err: KctlError) -> str:
    text = err.aggregate_text()
    return text[len("error: ") :] if text.startswith("error: ") else text
