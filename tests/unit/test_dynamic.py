"""ResourceClient (the dynamic client and the Clientset's typed accessors): the requests each
method makes, the whole-list join, and read-ahead paging. Behaviour against the real server is in
tests/integration/test_library.py."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from kctl.dynamic import JSON_ACCEPT, TABLE_ACCEPT, DynamicClient, read_ahead
from kctl.errors import KctlError
from kctl.rest.client import Request
from kctl.rest.patch import PatchType
from kctl.schema import GroupVersionResource

PODS = GroupVersionResource("", "v1", "pods")
DEPLOY = GroupVersionResource("apps", "v1", "deployments")


class Answer:
    def __init__(self, body: Any) -> None:
        self.status_code = 200
        self.content = json.dumps(body).encode()
        self.url = "https://fake"


class FakeRest:
    """The RESTClient surface ResourceClient uses; the real ``Request`` builder on top."""

    def __init__(self, pages: list[dict[str, Any]] | None = None, answer: Any = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.pages = pages or []
        self.answer = answer if answer is not None else {"kind": "Pod"}

    def verb(self, verb: str) -> Request:
        return Request(self, verb)  # type: ignore[arg-type]

    def _request(self, verb, path, params, body, headers, stream, timeout, info) -> Answer:
        if self.pages:  # a list: the builder's paging loop asks for one page per request
            self.calls.append({"list": path, "params": dict(params), "headers": dict(headers)})
            return Answer(self.pages.pop(0))
        self.calls.append(
            {"verb": verb, "path": path, "params": list(params), "body": body, "headers": headers}
        )
        return Answer(self.answer)


def client(rest: FakeRest) -> DynamicClient:
    return DynamicClient(rest)  # type: ignore[arg-type]


def test_table_get_uses_kubectls_accept_and_include_object() -> None:
    rest = FakeRest()
    client(rest).resource(PODS).namespace("ns").get("web-1", as_table=True, include_object="None")
    assert rest.calls == [
        {
            "verb": "GET",
            "path": "/api/v1/namespaces/ns/pods/web-1",
            "params": [("includeObject", "None")],
            "body": None,
            "headers": {"Accept": TABLE_ACCEPT},
        }
    ]
    assert TABLE_ACCEPT == (
        "application/json;as=Table;v=v1;g=meta.k8s.io,"
        "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    )


def test_pages_paths_and_plain_json_for_objects() -> None:
    first = {"items": [1], "metadata": {"continue": "t1"}}
    rest = FakeRest([first, {"items": [2]}])
    pages = list(client(rest).resource(DEPLOY).pages(label_selector="a=b", chunk_size=2))
    assert pages == [first, {"items": [2]}]
    assert rest.calls == [
        {
            "list": "/apis/apps/v1/deployments",
            "params": {"labelSelector": "a=b", "limit": "2"},
            "headers": {"Accept": JSON_ACCEPT},
        },
        {
            "list": "/apis/apps/v1/deployments",
            "params": {"labelSelector": "a=b", "limit": "2", "continue": "t1"},
            "headers": {"Accept": JSON_ACCEPT},
        },
    ]


def test_a_repeated_continue_token_stops_the_paging_loop() -> None:
    """A server that keeps answering with the same token would page for ever (kubectl does)."""
    same = {"items": [1], "metadata": {"continue": "again"}}
    rest = FakeRest([dict(same) for _ in range(5)])
    with pytest.raises(KctlError) as info:
        list(client(rest).resource(PODS).namespace("ns").pages())
    assert str(info.value) == (
        "error: the server sent the same continue token twice while listing "
        "/api/v1/namespaces/ns/pods; stopping instead of asking for the same page again"
    )
    assert len(rest.calls) == 2


@pytest.mark.parametrize(
    ("namespace", "name", "text"),
    [
        ("..", None, "error: invalid namespace \"..\": [may not be '..']"),
        ("bad/ns", None, "error: invalid namespace \"bad/ns\": [may not contain '/']"),
        ("a%2F", None, "error: invalid namespace \"a%2F\": [may not contain '%']"),
        ("ns", "..", "error: invalid resource name \"..\": [may not be '..']"),
        ("ns", ".", "error: invalid resource name \".\": [may not be '.']"),
        (
            "ns",
            "a/%b",
            "error: invalid resource name \"a/%b\": [may not contain '/', may not contain '%']",
        ),
    ],
)
def test_bad_path_segments_are_refused_before_anything_is_sent(
    namespace: str, name: str | None, text: str
) -> None:
    rest = FakeRest([{"items": []}])
    resource = client(rest).resource(PODS).namespace(namespace)
    with pytest.raises(KctlError) as info:
        if name is None:
            list(resource.pages())
        else:
            resource.get(name)
    assert str(info.value) == text
    assert rest.calls == []


def test_list_joins_every_page_and_drops_the_continue_token() -> None:
    rest = FakeRest(
        [
            {
                "kind": "PodList",
                "metadata": {"continue": "t1", "resourceVersion": "5"},
                "items": [{"n": 1}],
            },
            {
                "kind": "PodList",
                "metadata": {"resourceVersion": "5", "remainingItemCount": 0},
                "items": [{"n": 2}],
            },
        ]
    )
    whole = client(rest).resource(PODS).namespace("ns").list()
    assert whole == {
        "kind": "PodList",
        "metadata": {"resourceVersion": "5"},
        "items": [{"n": 1}, {"n": 2}],
    }
    assert rest.calls[0]["list"] == "/api/v1/namespaces/ns/pods"


def test_iteration_yields_objects_across_pages() -> None:
    rest = FakeRest(
        [{"items": [{"n": 1}], "metadata": {"continue": "t"}}, {"items": [{"n": 2}, {"n": 3}]}]
    )
    assert [o["n"] for o in client(rest).resource(PODS)] == [1, 2, 3]


def test_writes_send_json_with_client_go_options() -> None:
    rest = FakeRest()
    pods = client(rest).resource(PODS).namespace("ns")
    obj = {"metadata": {"name": "p"}, "spec": {}}
    pods.create(obj, dry_run=True, field_manager="me")
    pods.update(obj)
    pods.update_status(obj)
    pods.patch("p", {"metadata": {"labels": {"a": "b"}}}, PatchType.STRATEGIC)
    pods.patch("p", [{"op": "remove", "path": "/x"}], "json")
    pods.apply(obj, field_manager="me", force=True)
    pods.delete("p", propagation_policy="Foreground", grace_period_seconds=0)
    pods.delete_collection(label_selector="a=b")
    seen = [
        (c["verb"], c["path"], c["params"], (c["headers"] or {}).get("Content-Type"))
        for c in rest.calls
    ]
    assert seen == [
        ("POST", "/api/v1/namespaces/ns/pods", [("dryRun", "All"), ("fieldManager", "me")], None),
        ("PUT", "/api/v1/namespaces/ns/pods/p", [], None),
        ("PUT", "/api/v1/namespaces/ns/pods/p/status", [], None),
        ("PATCH", "/api/v1/namespaces/ns/pods/p", [], "application/strategic-merge-patch+json"),
        ("PATCH", "/api/v1/namespaces/ns/pods/p", [], "application/json-patch+json"),
        (
            "PATCH",
            "/api/v1/namespaces/ns/pods/p",
            [("fieldManager", "me"), ("force", "true")],
            "application/apply-patch+yaml",
        ),
        (
            "DELETE",
            "/api/v1/namespaces/ns/pods/p",
            [("propagationPolicy", "Foreground"), ("gracePeriodSeconds", "0")],
            None,
        ),
        ("DELETE", "/api/v1/namespaces/ns/pods", [("labelSelector", "a=b")], None),
    ]
    assert json.loads(rest.calls[0]["body"]) == obj
    assert json.loads(rest.calls[4]["body"]) == [{"op": "remove", "path": "/x"}]


def test_update_needs_a_name() -> None:
    with pytest.raises(ValueError, match="metadata.name"):
        client(FakeRest()).resource(PODS).namespace("ns").update({"metadata": {}})


def test_read_ahead_keeps_order_and_fetches_one_page_early() -> None:
    produced: list[int] = []
    gate = threading.Event()

    def source() -> Any:
        for i in range(3):
            produced.append(i)
            if i == 1:
                gate.set()
            yield i

    it = read_ahead(source())
    assert next(it) == 0
    assert gate.wait(5), "page 1 was not fetched while page 0 was being consumed"
    assert list(it) == [1, 2]
    assert produced == [0, 1, 2]


def test_read_ahead_reraises_errors_in_order() -> None:
    def source() -> Any:
        yield "page"
        raise ValueError("boom")

    it = read_ahead(source())
    assert next(it) == "page"
    with pytest.raises(ValueError, match="boom"):
        next(it)
