"""``kctl get`` with a fake factory: the requests it makes, streaming, and edge cases a real
server cannot be made to produce on demand. Byte-for-byte comparisons with kubectl live in
tests/integration/test_get.py."""

from __future__ import annotations

from typing import Any

import pytest

from kctl.cli import get as get_cmd
from kctl.env import Environment
from kctl.errors import NotFound, ResourceTypeNotFound, Status
from kctl.params import query
from kctl.restmapper import RESTMapping
from kctl.schema import GroupVersionKind, GroupVersionResource
from tests.unit.cli import CLIResult, kctl

POD = RESTMapping(
    GroupVersionResource("", "v1", "pods"), GroupVersionKind("", "v1", "Pod"), True, {}
)
SVC = RESTMapping(
    GroupVersionResource("", "v1", "services"), GroupVersionKind("", "v1", "Service"), True, {}
)
NODE = RESTMapping(
    GroupVersionResource("", "v1", "nodes"), GroupVersionKind("", "v1", "Node"), False, {}
)
DEPLOY = RESTMapping(
    GroupVersionResource("apps", "v1", "deployments"),
    GroupVersionKind("apps", "v1", "Deployment"),
    True,
    {},
)
COLS = [
    {"name": "Name", "type": "string", "format": "name", "priority": 0},
    {"name": "Status", "type": "string", "format": "", "priority": 0},
]


def table(*names: str, cont: str = "") -> dict[str, Any]:
    return {
        "kind": "Table",
        "metadata": {"continue": cont},
        "columnDefinitions": COLS,
        "rows": [
            {"cells": [n, "Running"], "object": {"metadata": {"namespace": "ns1"}}} for n in names
        ],
    }


class FakeMapper:
    types = {"pods": POD, "po": POD, "svc": SVC, "nodes": NODE, "deploy": DEPLOY}

    def is_category(self, name: str) -> bool:
        return name == "all"

    def mappings_for_category(self, name: str) -> list[RESTMapping]:
        return [POD, SVC]

    def mapping_for(self, typed: str) -> RESTMapping:
        if typed not in self.types:
            raise ResourceTypeNotFound(typed)
        return self.types[typed]


class FakeDynamic:
    def __init__(
        self,
        env: Environment,
        lists: dict[str, list[dict[str, Any]]],
        objects: dict[tuple[str, str], dict[str, Any]] | None = None,
    ) -> None:
        self.env = env
        self.lists = lists
        self.objects = objects or {}
        self.calls: list[dict[str, Any]] = []
        self.stdout_when_fetched: list[str] = []

    def resource(self, gvr: GroupVersionResource, *, error_context: bool = False) -> FakeResource:
        assert error_context  # get names the request in errors, as kubectl does
        return FakeResource(self, gvr, None)

    def list(
        self,
        gvr: GroupVersionResource,
        namespace: str | None,
        params: Any,
        as_table: bool = False,
        chunk_size: int = 500,
        *,
        include_object: Any = None,
        prefetch: bool = False,
    ) -> Any:
        self.calls.append(
            {
                "list": gvr.resource,
                "ns": namespace,
                "params": dict(params),
                "table": as_table,
                "chunk": chunk_size,
                "include": include_object,
            }
        )
        for page in self.lists.get(gvr.resource, []):
            self.stdout_when_fetched.append(self.env.stdout.getvalue())  # type: ignore[attr-defined]
            yield page

    def get(
        self,
        gvr: GroupVersionResource,
        namespace: str | None,
        name: str,
        *,
        as_table: bool = False,
        include_object: Any = None,
        **_: Any,
    ) -> dict[str, Any]:
        self.calls.append(
            {
                "get": f"{gvr.resource}/{name}",
                "ns": namespace,
                "table": as_table,
                "include": include_object,
            }
        )
        found = self.objects.get((gvr.resource, name))
        if found is None:
            raise NotFound(Status(404, "NotFound", f'{gvr.resource} "{name}" not found'))
        return found


class FakeResource:
    """``FakeDynamic.resource(gvr).namespace(ns)``: the calls land on ``FakeDynamic``."""

    def __init__(self, dynamic: FakeDynamic, gvr: GroupVersionResource, ns: str | None) -> None:
        self.dynamic, self.gvr, self.ns = dynamic, gvr, ns

    def namespace(self, namespace: str) -> FakeResource:
        return FakeResource(self.dynamic, self.gvr, namespace or None)

    def get(self, name: str, *, as_table: bool = False, include_object: Any = None) -> Any:
        return self.dynamic.get(
            self.gvr, self.ns, name, as_table=as_table, include_object=include_object
        )

    def pages(
        self,
        *,
        chunk_size: int = 500,
        as_table: bool = False,
        include_object: Any = None,
        **params: Any,
    ) -> Any:
        wire = dict(query(params))
        return self.dynamic.list(
            self.gvr, self.ns, wire, as_table, chunk_size, include_object=include_object
        )


class FakeFactory:
    def __init__(self, dynamic: FakeDynamic, namespace: str = "ns1") -> None:
        self.mapper = FakeMapper()
        self.dynamic = dynamic
        self.namespace = namespace
        self.preconnects = 0

    def preconnect(self) -> None:
        self.preconnects += 1


class FakeGet:
    """Runs ``kctl get ...`` (the shared runner) with the factory replaced by fakes; the fake
    dynamic client of the last run is ``.dynamic``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.dynamic = FakeDynamic(Environment.for_test(), {})

    def __call__(
        self,
        argv: list[str],
        lists: dict[str, Any] | None = None,
        objects: dict[Any, Any] | None = None,
        tty: bool = False,
        environ: dict[str, str] | None = None,
        expect: int = 0,
    ) -> CLIResult:
        env = Environment.for_test(tty=tty, environ=environ or {})
        dynamic = self.dynamic = FakeDynamic(env, lists or {}, objects)
        factory = self.factory = FakeFactory(dynamic)
        self.monkeypatch.setattr(
            "kctl.cli.factory.Factory.from_context",
            classmethod(lambda cls, ctx: factory),
        )
        return kctl("get", *argv, env=env, expect=expect)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeGet:
    return FakeGet(monkeypatch)


def test_terminal_output_streams_each_page_before_the_next_is_fetched(fake: FakeGet) -> None:
    pages = [table("a", cont="t1"), table("bbbbbbbbbb", cont="t2"), table("c")]
    out = fake(["pods"], {"pods": pages}, tty=True).stdout
    dynamic = fake.dynamic
    assert dynamic.stdout_when_fetched[0] == ""
    assert "a " in dynamic.stdout_when_fetched[1]  # page 1 printed before page 2 was fetched
    assert "bbbbbbbbbb" in dynamic.stdout_when_fetched[2]
    assert out.count("NAME") == 1


def test_get_opens_its_connection_before_resolving_types(fake: FakeGet) -> None:
    fake(["pods"], {"pods": [table("a")]})
    assert fake.factory.preconnects == 1


def test_piped_output_aligns_all_pages_like_kubectl(fake: FakeGet) -> None:
    pages = [table("a", cont="t1"), table("bbbbbbbbbb")]
    out = fake(["pods"], {"pods": pages}).stdout
    assert out == ("NAME         STATUS\na            Running\nbbbbbbbbbb   Running\n")


def test_include_object_none_unless_metadata_is_printed(fake: FakeGet) -> None:
    fake(["pods"], {"pods": [table("a")]})
    assert fake.dynamic.calls[0] == {
        "list": "pods",
        "ns": "ns1",
        "params": {},
        "table": True,
        "chunk": 500,
        "include": "None",
    }
    for flags in (["-A"], ["--show-labels"], ["-L", "app"]):
        fake(["pods", *flags], {"pods": [table("a")]})
        assert fake.dynamic.calls[0]["include"] is None, flags  # server default: Metadata
    # -A on a cluster-scoped type needs no namespace, so still None
    fake(["nodes", "-A"], {"nodes": [table("n1")]})
    assert fake.dynamic.calls[0]["include"] == "None" and fake.dynamic.calls[0]["ns"] is None


def test_selectors_chunk_size_and_all_namespaces_reach_the_request(fake: FakeGet) -> None:
    fake(
        [
            "po",
            "-A",
            "-l",
            "app=web",
            "--field-selector",
            "status.phase=Running",
            "--chunk-size",
            "2",
        ],
        {"pods": [table("a")]},
    )
    call = fake.dynamic.calls[0]
    assert call["ns"] is None
    assert call["params"] == {
        "labelSelector": "app=web",
        "fieldSelector": "status.phase=Running",
    }
    assert call["chunk"] == 2


def test_kind_prefix_follows_what_was_found_when_piped(fake: FakeGet) -> None:
    # kubectl decides on the kind/ prefix from the answers: svc/nope failed, so one kind only
    result = fake(["pods/a", "svc/nope"], objects={("pods", "a"): table("a")}, expect=1)
    assert result.stdout == "NAME   STATUS\na      Running\n"
    assert result.stderr == 'Error from server (NotFound): services "nope" not found\n'
    out = fake(
        ["pods/a", "svc/s"], objects={("pods", "a"): table("a"), ("services", "s"): table("s")}
    ).stdout
    assert out == "NAME    STATUS\npod/a   Running\n\nNAME        STATUS\nservice/s   Running\n"


def test_no_resources_messages(fake: FakeGet) -> None:
    assert fake(["pods"], {"pods": [table()]}).streams == (
        "",
        "No resources found in ns1 namespace.\n",
    )
    assert fake(["nodes"], {"nodes": [table()]}).streams == ("", "No resources found\n")
    assert fake(["pods", "-A"], {"pods": [table()]}).stderr == "No resources found\n"
    assert fake(["pods", "--ignore-not-found"], {"pods": [table()]}).streams == ("", "")


def test_json_list_streams_items_with_kind_and_without_managed_fields(fake: FakeGet) -> None:
    page = {
        "kind": "PodList",
        "apiVersion": "v1",
        "metadata": {"continue": ""},
        "items": [{"metadata": {"name": "a", "managedFields": [{"m": 1}]}}],
    }
    out = fake(["pods", "-o", "json"], {"pods": [page]}).stdout
    assert fake.dynamic.calls[0]["table"] is False
    import json

    assert json.loads(out) == {
        "apiVersion": "v1",
        "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}],
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    }
    assert fake(["pods", "-o", "name"], {"pods": [page]}).stdout == "pod/a\n"


def test_single_named_object_prints_bare_and_errors_alone(fake: FakeGet) -> None:
    obj = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}}
    out = fake(["deploy", "d", "-o", "yaml"], objects={("deployments", "d"): obj}).stdout
    assert out == "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
    result = fake(["deploy", "nope", "-o", "json"], expect=1)
    assert result.stdout == ""
    assert result.stderr == 'Error from server (NotFound): deployments "nope" not found\n'


@pytest.mark.parametrize("output", ["bogus", "jsonpath={.x", "jsonpath-file=/nonexistent/t"])
def test_a_single_missing_object_is_reported_before_a_bad_output_format(
    fake: FakeGet, output: str
) -> None:
    # kubectl fetches before it builds the printer (printGeneric), so the NotFound wins
    result = fake(["deploy", "nope", "-o", output], expect=1)
    assert result.streams == ("", 'Error from server (NotFound): deployments "nope" not found\n')
    # and nothing found under --ignore-not-found is quiet, whatever -o says
    assert fake(["deploy", "nope", "-o", output, "--ignore-not-found"]).streams == ("", "")


def test_a_bad_output_format_still_wins_over_several_missing_names(fake: FakeGet) -> None:
    result = fake(["deploy", "a", "b", "-o", "bogus"], expect=1)
    assert result.stderr.startswith("error: unable to match a printer suitable for the output")


@pytest.mark.parametrize(
    ("argv", "err"),
    [
        (
            ["pods", "x", "svc/y"],
            "error: there is no need to specify a resource type as a "
            "separate argument when passing arguments in resource/name form (e.g. 'kctl get "
            "resource/<resource_name>' instead of 'kctl get resource resource/<resource_name>'\n",
        ),
        (["pods/a/b"], "error: arguments in resource/name form may not have more than one slash\n"),
        (
            ["pods/"],
            "error: arguments in resource/name form must have a single resource and name\n",
        ),
        (
            ["pods", "-o", "bogus"],
            "error: unable to match a printer suitable for the output "
            'format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,'
            "go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,"
            "templatefile,wide,yaml\n",
        ),
        (
            ["pods", "--show-labels", "-o", "json"],
            "error: --show-labels option cannot be used with json printer\n",
        ),
        (
            ["pods", "x", "-A"],
            "error: a resource cannot be retrieved by name across all namespaces\n",
        ),
        (
            ["pods", "x", "-l", "a=b"],
            "error: name cannot be provided when a selector is specified\n",
        ),
        (["nosuch"], 'error: the server doesn\'t have a resource type "nosuch"\n'),
        (["--raw", "/api", "pods"], "error: arguments may not be passed when --raw is specified\n"),
        (["--raw", "/api", "-o", "json"], "error: --raw and --output are mutually exclusive\n"),
        (
            ["--raw", "api/v1"],
            'error: --raw must be a valid URL path: parse "api/v1": invalid URI for request\n',
        ),
    ],
)
def test_usage_errors_match_kubectl_texts(fake: FakeGet, argv: list[str], err: str) -> None:
    assert fake(argv, expect=1).streams == ("", err)
    assert fake.dynamic.calls == []


def test_no_type_at_all(fake: FakeGet) -> None:
    result = fake([], expect=1)
    assert result.stdout == ""
    assert result.stderr == (
        'You must specify the type of resource to get. Use "kctl api-resources" for a complete '
        "list of supported resources.\n\nerror: Required resource not specified.\n"
        "See 'kctl get -h' for help and examples\n"
    )


def test_category_expands_in_discovery_order(fake: FakeGet) -> None:
    out = fake(["all"], {"pods": [table("p")], "services": [table("s")]}).stdout
    assert [c["list"] for c in fake.dynamic.calls] == ["pods", "services"]
    assert "pod/p" in out and "service/s" in out


def test_get_help_does_not_import_rich_requests_or_yaml() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom kctl.cli.main import run\n"
        "try:\n    run(['get', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rich', 'requests', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert get_cmd.get.name == "get"


def test_template_file_that_is_not_utf8_is_an_error_not_a_traceback(
    fake: Any, tmp_path: Any
) -> None:
    page = {"kind": "PodList", "apiVersion": "v1", "items": [{"metadata": {"name": "a"}}]}
    bad = tmp_path / "tmpl"
    bad.write_bytes(b"{.metadata.name}\xff\n")
    for output in (f"jsonpath-file={bad}", f"custom-columns-file={bad}"):
        result = fake(["pods", "-o", output], {"pods": [page]}, expect=1)
        assert result.stdout == ""
        assert result.stderr.startswith(f"error: error reading --template {bad}, ")


def test_sort_by_orders_the_name_age_fallback_too(fake: FakeGet) -> None:
    # an aggregated API that answers the Table request with a plain list: kctl prints
    # kubectl's NAME AGE fallback, sorted like a Table would be
    page = {
        "kind": "PodList",
        "apiVersion": "v1",
        "metadata": {},
        "items": [
            {"metadata": {"name": n, "creationTimestamp": None, "labels": {"rank": r}}}
            for n, r in (("b", "2"), ("c", "1"), ("a", "3"))
        ],
    }
    out = fake(["pods", "--sort-by", "{.metadata.name}"], {"pods": [page]}).stdout
    assert fake.dynamic.calls[0]["table"] is True
    assert out == "NAME   AGE\na      <unknown>\nb      <unknown>\nc      <unknown>\n"
    out = fake(["pods", "--sort-by", ".metadata.labels.rank"], {"pods": [page]}).stdout
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["c", "b", "a"]
