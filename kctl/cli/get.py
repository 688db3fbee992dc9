"""``kctl get``: kubectl's everyday command.

Tables come from the server (``meta.k8s.io`` Table, ``includeObject=None`` unless a decoration
needs row metadata). Output modes:

- piped (stdout not a terminal, or ``NO_COLOR``): byte-identical to kubectl 1.36, which aligns a
  whole type over all pages. Each page is turned into cell strings at once and its objects are
  dropped, so memory holds only the text to print (kubectl holds every page's objects).
- terminal: rows stream page by page through rich styling; column widths come from the first
  page and only grow.
- ``-o json|yaml|name|custom-columns``: full objects, paged, written item by item (never the
  whole list; custom columns keep only each row's text until the widths are known). JSONPath
  templates see kubectl's whole ``List``, so they hold every item.

Pages are fetched one at a time, each when the previous one has been printed:
``ResourceClient.pages(prefetch=True)`` (one page read ahead on a worker thread) is not used yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from kctl.cli.options import global_options
from kctl.cli.parsing import STRING_SLICE, PflagCommand
from kctl.env import Environment
from kctl.errors import (
    APIError,
    InvalidPathSegment,
    KctlError,
    MultipleErrors,
    UsageError,
    malformed,
)
from kctl.gostr import go_quote
from kctl.printers import registry

if TYPE_CHECKING:
    from kctl.cli.factory import Factory
    from kctl.printers.table import TableBlock, TableOptions
    from kctl.restmapper import RESTMapping
    from kctl.schema import GroupVersionResource

_HINT = "See 'kctl get -h' for help and examples"
_HELP = """Display one or many resources.

\b
Prints a table of the most important information about the specified resources, built by the
server. Filter with a label selector (-l) or field selector; -A lists every namespace.

\b
Examples:
  kctl get pods
  kctl get pods -A -o wide
  kctl get deploy,svc -n kube-system
  kctl get pod/web-1 service/web -o yaml
  kctl get all -l app=web
  kctl get pods -o jsonpath='{.items[*].metadata.name}'
  kctl get --raw /api/v1/namespaces
"""


# The records below are plain classes, not dataclasses: each @dataclass compiles generated code
# when the module is imported (about 0.3-0.7 ms apiece), a cost every `kctl get` would pay.


class Target:
    """One thing to fetch: a type, and either names or the whole collection."""

    __slots__ = ("mapping", "names")

    def __init__(self, mapping: RESTMapping, names: list[str] | None = None) -> None:
        self.mapping = mapping
        self.names: list[str] = [] if names is None else names


class GetOptions:
    """The command's own flags, as click parsed them (never changed after parsing)."""

    __slots__ = (
        "output",
        "selector",
        "field_selector",
        "all_namespaces",
        "chunk_size",
        "ignore_not_found",
        "show_labels",
        "label_columns",
        "no_headers",
        "show_kind",
        "show_managed_fields",
        "sort_by",
        "template",
        "allow_missing_template_keys",
        "watch",
        "watch_only",
        "output_watch_events",
        "live",
    )

    def __init__(
        self,
        *,
        output: str,
        selector: str | None,
        field_selector: str | None,
        all_namespaces: bool,
        chunk_size: int,
        ignore_not_found: bool,
        show_labels: bool,
        label_columns: tuple[str, ...],
        no_headers: bool,
        show_kind: bool,
        show_managed_fields: bool,
        sort_by: str | None,
        template: str | None,
        allow_missing_template_keys: bool,
        watch: bool = False,
        watch_only: bool = False,
        output_watch_events: bool = False,
        live: bool = False,
    ) -> None:
        self.output = output
        self.selector = selector
        self.field_selector = field_selector
        self.all_namespaces = all_namespaces
        self.chunk_size = chunk_size
        self.ignore_not_found = ignore_not_found
        self.show_labels = show_labels
        self.label_columns = label_columns
        self.no_headers = no_headers
        self.show_kind = show_kind
        self.show_managed_fields = show_managed_fields
        self.sort_by = sort_by
        self.template = template
        self.allow_missing_template_keys = allow_missing_template_keys
        self.watch = watch
        self.watch_only = watch_only
        self.output_watch_events = output_watch_events
        self.live = live


@click.command(
    cls=PflagCommand,
    name="get",
    help=_HELP,
    short_help="Display one or many resources",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.argument("args", nargs=-1, metavar="[TYPE[.VERSION][.GROUP] [NAME...] | TYPE/NAME...]")
@click.option(
    "-o",
    "--output",
    default="",
    help="Output format: wide, name, json, yaml, kyaml, "
    "jsonpath=..., jsonpath-file=..., jsonpath-as-json=..., custom-columns=..., "
    "custom-columns-file=...",
)
@click.option("-l", "--selector", default=None, help="Label selector (=, ==, !=, in, notin).")
@click.option("--field-selector", default=None, help="Field selector (=, ==, !=).")
@click.option("-A", "--all-namespaces", is_flag=True, help="List across all namespaces.")
@click.option(
    "--chunk-size",
    type=int,
    default=500,
    show_default=True,
    help="Return large lists in chunks of this size (0 = one request).",
)
@click.option("--ignore-not-found", is_flag=True, help="Treat NotFound as success.")
@click.option("--raw", default="", help="Raw URI to GET from the server.")
@click.option("--show-labels", is_flag=True, help="Show all labels as the last column.")
@click.option(
    "-L",
    "--label-columns",
    type=STRING_SLICE,
    multiple=True,
    help="Labels to show as columns (comma-separated or repeated).",
)
@click.option("--no-headers", is_flag=True, help="Do not print headers.")
@click.option("--show-kind", is_flag=True, help="Prefix names with their kind.")
@click.option("--show-managed-fields", is_flag=True, help="Keep managedFields in json/yaml output.")
@click.option(
    "--sort-by", default=None, help="Sort by a JSONPath expression, e.g. '{.metadata.name}'."
)
@click.option("--template", default=None, help="Template for -o jsonpath / jsonpath-file.")
@click.option(
    "--allow-missing-template-keys",
    is_flag=True,
    default=True,
    show_default=True,
    help="Ignore missing keys in templates.",
)
@click.option(
    "-w", "--watch", is_flag=True, help="After listing, watch for changes (see README: get -w)."
)
@click.option(
    "--watch-only", is_flag=True, help="Watch for changes without listing the current objects."
)
@click.option(
    "--output-watch-events",
    is_flag=True,
    help="With --watch or --watch-only: print the event type (ADDED, MODIFIED, DELETED).",
)
@click.option(
    "--live",
    is_flag=True,
    help="With --watch on a terminal: an in-place table that updates as events arrive.",
)
@global_options
@click.pass_context
def get(ctx: click.Context, /, args: tuple[str, ...], raw: str, **flags: Any) -> None:
    from kctl.cli.factory import Factory

    env: Environment = ctx.find_root().obj
    labels: list[str] = []
    labels.extend(part for part in flags.pop("label_columns") if part)
    opts = GetOptions(label_columns=tuple(labels), **flags)
    factory = Factory.from_context(ctx)
    if raw:
        _raw(factory, env, raw, list(args), opts)
        return
    from kctl.clientcmd.clientconfig import MissingEntry

    try:
        factory.namespace  # noqa: B018 - kubectl's Complete asks for it first (ConfirmUsable)
    except MissingEntry as exc:
        raise exc.confirm_usable() from None
    # Every path from here sends a request (or fails on a flag first): the connection is
    # opened while the types are resolved and the printer loaded.
    factory.preconnect()
    watching = opts.watch or opts.watch_only
    if watching or opts.output_watch_events or opts.live:
        from kctl.cli import get_watch

        get_watch.validate(opts, list(args), env)
    _validate(opts, list(args), env)
    targets = _resolve(factory, list(args), opts)
    if watching:
        # kubectl builds its printer once the types are known, before anything is fetched
        registry.parse(opts.output, ("get",), opts.template or "")
        from kctl.cli import get_watch

        get_watch.run(factory, env, targets, opts)
    elif registry.is_human_readable(opts.output, opts.template or ""):
        _print_tables(factory, env, targets, opts)
    else:
        _print_generic(factory, env, targets, opts, _single_item_implied(list(args)))


# --------------------------------------------------------------------------- validation


def _validate(opts: GetOptions, args: list[str], env: Environment) -> None:
    """kubectl's Complete and Validate checks; ``-o`` itself is checked by the printer
    registry once the types are resolved (kubectl's ToPrinter comes that late too)."""
    out = opts.output
    if not args:
        env.stderr.write(
            'You must specify the type of resource to get. Use "kctl api-resources" for a '
            "complete list of supported resources.\n\n"
        )
        raise UsageError("Required resource not specified.", _HINT)
    if opts.show_labels and out not in ("", "wide"):
        raise KctlError(f"error: --show-labels option cannot be used with {out} printer")


def _single_item_implied(args: list[str]) -> bool:
    """kubectl prints one object bare (not in a List) for ``TYPE NAME`` and ``TYPE/NAME``."""
    if len(args) == 1:
        return "/" in args[0] and "," not in args[0].split("/")[0]
    return len(args) == 2 and "," not in args[0] and "/" not in args[1]


def _split_types(text: str) -> list[str]:
    """cli-runtime's SplitResourceArgument: each type once, empty ones kept (``pods,,ns`` is
    an error about the type ``""``, not a list of two types)."""
    return list(dict.fromkeys(text.split(",")))


def _resolve(factory: Factory, args: list[str], opts: GetOptions) -> list[Target]:
    """kubectl's ResourceTypeOrNameArgs: ``TYPE``, ``TYPE NAME...``, ``T1,T2 [NAME...]``,
    ``TYPE/NAME...``; categories such as ``all`` expand from discovery."""
    slashed = sum(1 for a in args if "/" in a)
    targets: list[Target] = []
    if slashed:
        if slashed != len(args):
            raise KctlError(
                "error: there is no need to specify a resource type as a separate argument when "
                "passing arguments in resource/name form (e.g. 'kctl get resource/<resource_name>' "
                "instead of 'kctl get resource resource/<resource_name>'"
            )
        pairs = []
        for arg in args:
            parts = arg.split("/")
            if len(parts) != 2:
                raise KctlError(
                    "error: arguments in resource/name form may not have more than one slash"
                )
            if not parts[0] or not parts[1]:
                raise KctlError(
                    "error: arguments in resource/name form must have a single resource and name"
                )
            pairs.append((parts[0], parts[1]))
        mapper = factory.mapper
        for typed, name in pairs:
            for mapping in _mappings(mapper, typed):
                last = targets[-1] if targets else None
                if last is not None and last.mapping == mapping:
                    last.names.append(name)
                else:
                    targets.append(Target(mapping, [name]))
    else:
        types = _split_types(args[0])
        if not types:
            raise UsageError("Required resource not specified.", _HINT)
        names = args[1:]
        mapper = factory.mapper
        for typed in types:
            for mapping in _mappings(mapper, typed):
                targets.append(Target(mapping, list(names)))
    has_names = any(t.names for t in targets)
    if has_names and opts.selector:
        raise KctlError("error: name cannot be provided when a selector is specified")
    if opts.all_namespaces and any(t.names and t.mapping.namespaced for t in targets):
        raise KctlError("error: a resource cannot be retrieved by name across all namespaces")
    return targets


def _mappings(mapper: Any, typed: str) -> list[RESTMapping]:
    if "." not in typed and mapper.is_category(typed):
        return list(mapper.mappings_for_category(typed))
    return [mapper.mapping_for(typed)]


# --------------------------------------------------------------------------- fetching


def _namespace_for(factory: Factory, mapping: RESTMapping, opts: GetOptions) -> str | None:
    if not mapping.namespaced:
        return None
    if opts.all_namespaces:
        return None
    return factory.namespace


class Page:
    """One answer: a Table or list page, or one named object (``named``). ``namespace``: the
    namespace a page of a cluster-wide listing was asked for in (its rows carry no metadata)."""

    __slots__ = ("mapping", "body", "named", "namespace")

    def __init__(
        self,
        mapping: RESTMapping,
        body: dict[str, Any],
        named: bool,
        namespace: str | None = None,
    ) -> None:
        self.mapping = mapping
        self.body = body
        self.named = named
        self.namespace = namespace


def _fetch(
    factory: Factory,
    targets: list[Target],
    opts: GetOptions,
    errors: list[KctlError],
    *,
    as_table: bool,
    include_object: str | None,
    human: bool = False,
    split: bool = False,
) -> Iterator[Page]:
    """Every answer in kubectl's order; failures go to ``errors`` (ContinueOnError).
    ``human``: the answers go to the table printer (some error texts depend on it). ``split``:
    a cluster-wide list that proves big continues one namespace at a time (get_by_namespace)."""
    dynamic = factory.dynamic
    chunk = 0 if opts.sort_by else opts.chunk_size
    for target in targets:
        splits = split and chunk > 0 and target.mapping.namespaced and not target.names
        ns = _namespace_for(factory, target.mapping, opts)
        resource = dynamic.resource(target.mapping.gvr, error_context=True).namespace(ns or "")
        if target.names:
            for name in target.names:
                if not name:
                    raise UsageError("resource name may not be empty")
                try:
                    body = resource.get(
                        name,
                        as_table=as_table,
                        include_object=include_object,
                    )
                except APIError as exc:
                    if not (opts.ignore_not_found and exc.code == 404):
                        errors.append(exc)
                    continue
                if not isinstance(body, dict):
                    raise malformed(target.mapping.gvr.resource, name, "an object", body)
                yield Page(target.mapping, body, True)
        else:
            try:
                pages = resource.pages(
                    chunk_size=chunk,
                    as_table=as_table,
                    include_object=include_object,
                    label_selector=opts.selector or None,
                    field_selector=opts.field_selector or None,
                )
                for body in pages:
                    yield Page(target.mapping, body, False)
                    if splits and _continues(body):
                        splits = False
                        from kctl.cli.get_by_namespace import rest_by_namespace

                        rest = rest_by_namespace(factory, target.mapping, body, opts)
                        if rest is None:
                            continue  # the cluster-wide list goes on, as kubectl's does
                        for namespace, page in rest:
                            yield Page(target.mapping, page, False, namespace)
                        break
            except APIError as exc:
                if not (opts.ignore_not_found and exc.code == 404):
                    errors.append(_list_error(exc, target.mapping.gvr, opts))
            except InvalidPathSegment as exc:
                if human:
                    # kubectl prints this one bare when a list goes to the table printer, and
                    # after "error: " otherwise, -o name included (observed, kubectl 1.36)
                    raise KctlError(exc.message) from None
                raise


def _continues(body: dict[str, Any]) -> bool:
    meta = body.get("metadata")
    return isinstance(meta, dict) and bool(meta.get("continue"))


def _list_error(exc: APIError, gvr: GroupVersionResource, opts: GetOptions) -> APIError:
    """cli-runtime's Selector.Visit: a BadRequest or NotFound from a list names what was
    listed (``Unable to find "/v1, Resource=pods" that match label selector ...``)."""
    if exc.code not in (400, 404) or not exc.status.raw:
        return exc
    what = f'"{gvr.group}/{gvr.version}, Resource={gvr.resource}"'
    if opts.selector or opts.field_selector:
        exc.status.message = (
            f"Unable to find {what} that match label selector {go_quote(opts.selector or '')}, "
            f"field selector {go_quote(opts.field_selector or '')}: {exc.status.message}"
        )
    else:
        exc.status.message = f"Unable to list {what}: {exc.status.message}"
    return exc


def _finish(errors: list[KctlError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise MultipleErrors(errors)


# --------------------------------------------------------------------------- tables


def _include_object(opts: GetOptions, targets: list[Target]) -> str | None:
    """``None`` when no row metadata is printed (smaller answers than kubectl's), ``Object`` for
    --sort-by (like kubectl), else the server default (``Metadata``, parameter left out)."""
    if opts.sort_by:
        return "Object"
    needs_ns = opts.all_namespaces and any(t.mapping.namespaced for t in targets)
    if needs_ns or opts.label_columns or opts.show_labels:
        return None  # server default: Metadata
    return "None"


def _kind_prefix(mapping: RESTMapping) -> str:
    gvk = mapping.gvk
    return (f"{gvk.kind}.{gvk.group}" if gvk.group else gvk.kind).lower()


def _table_options(
    opts: GetOptions,
    mapping: RESTMapping,
    kind_prefix: str,
    row_namespace: str | None = None,
    after_namespaced: bool = False,
) -> TableOptions:
    """``after_namespaced``: a namespaced type's list came before this one. kubectl then gives
    a cluster-scoped type the NAMESPACE column too, with empty cells (its printer flags are
    shared between types, so the column, once on, stays on for the rest of the command)."""
    from kctl.printers.table import TableOptions

    return TableOptions(
        wide=opts.output == "wide",
        with_namespace=opts.all_namespaces and (mapping.namespaced or after_namespaced),
        show_labels=opts.show_labels,
        label_columns=opts.label_columns,
        kind_prefix=kind_prefix,
        row_namespace=row_namespace,
    )


def _to_block(page: Page, topts: TableOptions, env: Environment, opts: GetOptions) -> TableBlock:
    from kctl.printers.table import check_table, convert_objects, convert_table

    body = page.body
    if body.get("kind") == "Table":
        if opts.sort_by:
            check_table(body)  # the sort reads the rows before convert_table checks them
            body = _sort_table(body, opts.sort_by)
        return convert_table(body, topts)
    items = body.get("items") if "items" in body and not page.named else [body]
    if items is not None and not isinstance(items, list):
        raise malformed("list", "items", "an array", items)
    items = items or []
    if opts.sort_by:
        # a server (or aggregated API) that answers the Table request with a plain list:
        # kubectl's sorting printer orders those objects just the same
        from kctl.printers import sorting

        items = sorting.sort_objects(items, opts.sort_by)
    return convert_objects(items, topts, env.clock())


def _sort_table(table: dict[str, Any], sort_by: str) -> dict[str, Any]:
    """Rows ordered by their embedded objects (requested with includeObject=Object)."""
    from kctl.printers import sorting

    table = dict(table)
    table["rows"] = sorting.sort_table_rows(table.get("rows") or [], sort_by)
    return table


def _print_tables(
    factory: Factory, env: Environment, targets: list[Target], opts: GetOptions
) -> None:
    from kctl.printers.table import PlainSink, TableOutput, add_kind_prefix

    errors: list[KctlError] = []
    include = _include_object(opts, targets)
    # Row metadata is asked for only for the NAMESPACE cell: a big list may then go on one
    # namespace at a time without it (labels and --sort-by need the rows' own data).
    # A field selector on metadata.namespace makes the server scan one namespace, and its
    # continue tokens then repeat a row on the next page (kube-apiserver 1.36); kubectl prints
    # it twice, so kctl keeps the cluster-wide pages to print exactly the same.
    split = include is None and opts.all_namespaces and not opts.label_columns
    split = split and not opts.show_labels
    split = split and "metadata.namespace" not in (opts.field_selector or "")
    pages = _fetch(
        factory,
        targets,
        opts,
        errors,
        as_table=True,
        include_object=include,
        human=True,
        split=split,
    )
    namespaced_only = not opts.all_namespaces
    seen_namespaced = False
    written = False
    if env.colour:
        # Terminal: stream. Whether names get a kind/ prefix is decided from what was asked
        # for, since the answers are not all in yet.
        from kctl.printers.rich_table import RichSink

        kinds = {t.mapping.gvk for t in targets}
        with_kind = opts.show_kind or len(kinds) > 1
        output = TableOutput(RichSink(env.stdout, env), no_headers=opts.no_headers)
        for page in pages:
            namespaced_only = namespaced_only and page.mapping.namespaced
            prefix = _kind_prefix(page.mapping) if with_kind else ""
            output.start_group(page.mapping.gvr)
            topts = _table_options(opts, page.mapping, prefix, page.namespace, seen_namespaced)
            output.add(_to_block(page, topts, env, opts))
            seen_namespaced = seen_namespaced or page.mapping.namespaced
        output.close()
        written = output.written
    else:
        # Piped: kubectl's exact bytes, which align each type over all its pages; keep only
        # the rendered strings of each page until the end.
        blocks: list[tuple[RESTMapping, TableBlock, bool]] = []
        for page in pages:
            namespaced_only = namespaced_only and page.mapping.namespaced
            topts = _table_options(opts, page.mapping, "", page.namespace, seen_namespaced)
            block = _to_block(page, topts, env, opts)
            seen_namespaced = seen_namespaced or page.mapping.namespaced
            counts = page.body.get("kind") == "Table" or bool(block.rows)
            blocks.append((page.mapping, block, counts))
        kinds = {m.gvk for m, _b, counts in blocks if counts}
        with_kind = opts.show_kind or len(kinds) > 1
        output = TableOutput(PlainSink(env.stdout), no_headers=opts.no_headers)
        for mapping, block, _counts in blocks:
            if with_kind:
                add_kind_prefix(block, _kind_prefix(mapping))
            output.start_group(mapping.gvr)
            output.add(block)
        output.close()
        written = output.written
    if not written and not opts.ignore_not_found and not errors:
        if namespaced_only:
            env.stderr.write(f"No resources found in {factory.namespace} namespace.\n")
        else:
            env.stderr.write("No resources found\n")
    _finish(errors)


# --------------------------------------------------------------------------- json/yaml/name/...


def _items(pages: Iterator[Page]) -> Iterator[dict[str, Any]]:
    """Objects one by one; list items get their kind/apiVersion back, as kubectl's decoder
    gives them."""
    from kctl.dynamic import list_items

    for page in pages:
        body = page.body
        yield from [body] if page.named or "items" not in body else list_items(body)


def _name_items(pages: Iterator[Page]) -> Iterator[dict[str, Any]]:
    """For ``-o name``: each row of a Table page as the little object the name printer reads
    (kind and group from the mapping, the name from the Table's name column); a page that is not
    a Table (a server that ignored the request for one) gives its objects."""
    for page in pages:
        body = page.body
        if body.get("kind") != "Table":
            yield from _items(iter([page]))
            continue
        from kctl.printers.table import check_table

        check_table(body)
        columns = body.get("columnDefinitions") or []
        index = next(
            (i for i, c in enumerate(columns) if isinstance(c, dict) and c.get("format") == "name"),
            0,
        )
        gvk = page.mapping.gvk
        api_version = f"{gvk.group}/{gvk.version}" if gvk.group else gvk.version
        for row in body.get("rows") or []:
            cells = row.get("cells") or []
            name = cells[index] if len(cells) > index else ""
            yield {"apiVersion": api_version, "kind": gvk.kind, "metadata": {"name": str(name)}}


def _print_generic(
    factory: Factory,
    env: Environment,
    targets: list[Target],
    opts: GetOptions,
    single: bool,
) -> None:
    errors: list[KctlError] = []

    def build() -> registry.ObjectPrinter:
        output = registry.parse(opts.output, ("get",), opts.template or "")
        print_objects = registry.to_printer(
            output,
            env.stdout,
            environ=env.environ,
            allow_missing_keys=opts.allow_missing_template_keys,
            no_headers=opts.no_headers,
        )
        if not output.strips_managed_fields or opts.show_managed_fields:
            return print_objects
        from kctl.printers.json_yaml import strip_managed_fields

        return lambda objs, bare: print_objects(map(strip_managed_fields, objs), bare)

    # kubectl's printGeneric builds its printer after fetching: a single missing object's
    # NotFound, or nothing found under --ignore-not-found, is reported before a bad -o. Where
    # the fetch cannot change the outcome, a bad -o or template file fails before any request.
    early = None if single or opts.ignore_not_found else build()

    def printer(objs: Iterator[dict[str, Any]], bare: bool) -> None:
        (early or build())(objs, bare)

    # -o name needs neither the objects nor their metadata: a Table without objects has every
    # name (50,000 realistic pods: 13 MB instead of 600 MB on the wire). ("name" takes no
    # value, so the registry parses exactly this string as the name format.)
    names_only = opts.output == "name" and not opts.sort_by
    pages = _fetch(
        factory,
        targets,
        opts,
        errors,
        as_table=names_only,
        include_object="None" if names_only else None,
    )
    items = _name_items(pages) if names_only else _items(pages)
    if opts.sort_by:
        from kctl.printers import sorting

        items = iter(sorting.sort_objects(list(items), opts.sort_by))

    if single:
        objs = list(items)
        if errors:
            _finish(errors)
        if len(objs) == 1:
            printer(iter(objs), True)
            return
        items = iter(objs)

    first = next(items, None)
    if first is None and opts.ignore_not_found:
        _finish(errors)
        return
    printer(_chain(first, items), False)
    _finish(errors)


def _chain(first: dict[str, Any] | None, rest: Iterator[dict[str, Any]]) -> Iterator[Any]:
    if first is None:
        return
    yield first
    yield from rest


# --------------------------------------------------------------------------- --raw


def _raw(factory: Factory, env: Environment, path: str, args: list[str], opts: GetOptions) -> None:
    """``get --raw PATH``: the body of a GET, byte for byte (kubectl's rawhttp)."""
    if args:
        raise KctlError("error: arguments may not be passed when --raw is specified")
    if opts.selector or opts.watch or opts.watch_only:
        raise KctlError(
            "error: --raw may not be specified with other flags that filter the server request "
            "or alter the output"
        )
    if opts.output:
        raise KctlError("error: --raw and --output are mutually exclusive")
    from kctl.cli.raw import copy_body, request_path

    target = request_path(path)  # kubectl's url.ParseRequestURI checks and texts
    resp = factory.rest_client.request(
        "GET", target, headers={"Accept": "application/json, */*"}, stream=True
    )
    try:
        copy_body(env.stdout, resp)
    finally:
        resp.close()
