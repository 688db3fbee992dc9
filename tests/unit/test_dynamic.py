"""DynamicClient: the requests it makes (paths, Accept, includeObject) and read-ahead paging."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from kctl.dynamic import JSON_ACCEPT, TABLE_ACCEPT, DynamicClient, read_ahead
from kctl.schema import GroupVersionResource

PODS = GroupVersionResource("", "v1", "pods")
DEPLOY = GroupVersionResource("apps", "v1", "deployments")


class FakeRest:
    def __init__(self, pages: list[dict[str, Any]] | None = None) -> None:
        self.calls: list[tuple[str, Any, Any, Any]] = []
        self.pages = pages or []

    def get_json(self, path: str, params: Any = None, headers: Any = None) -> Any:
        self.calls.append(("get", path, dict(params or {}), dict(headers or {})))
        return {"kind": "Table"}

    def list_pages(self, path: str, params: Any, headers: Any, chunk_size: int) -> Any:
        self.calls.append(("list", path, dict(params), (dict(headers), chunk_size)))
        yield from self.pages


def test_table_get_uses_kubectls_accept_and_include_object() -> None:
    rest = FakeRest()
    DynamicClient(rest).get(PODS, "ns", "web-1", as_table=True, include_object="None")  # type: ignore[arg-type]
    assert rest.calls == [
        (
            "get",
            "/api/v1/namespaces/ns/pods/web-1",
            {"includeObject": "None"},
            {"Accept": TABLE_ACCEPT},
        ),
    ]
    assert TABLE_ACCEPT == (
        "application/json;as=Table;v=v1;g=meta.k8s.io,"
        "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    )


def test_list_paths_and_plain_json_for_objects() -> None:
    rest = FakeRest([{"items": [1]}, {"items": [2]}])
    pages = list(DynamicClient(rest).list(DEPLOY, None, {"labelSelector": "a=b"}, chunk_size=2))  # type: ignore[arg-type]
    assert pages == [{"items": [1]}, {"items": [2]}]
    assert rest.calls == [
        (
            "list",
            "/apis/apps/v1/deployments",
            {"labelSelector": "a=b"},
            ({"Accept": JSON_ACCEPT}, 2),
        ),
    ]


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
