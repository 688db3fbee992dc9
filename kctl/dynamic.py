"""client-go's DynamicClient: get, list (page by page) and watch any GVR; objects stay dicts.

``as_table=True`` asks the server for a ``meta.k8s.io`` Table with kubectl's Accept header, whose
trailing ``application/json`` lets servers (or aggregated APIs) without Table support answer with
plain objects instead. ``include_object`` picks what each Table row carries: ``None`` (nothing,
the smallest answer), ``Metadata`` (the server default) or ``Object``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kctl.schema import GroupVersionResource

if TYPE_CHECKING:
    from kctl.rest.client import RESTClient

TABLE_ACCEPT = (
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
    "application/json"
)
JSON_ACCEPT = "application/json"


def _headers(as_table: bool) -> dict[str, str]:
    return {"Accept": TABLE_ACCEPT if as_table else JSON_ACCEPT}


def _params(
    params: Mapping[str, str] | None, as_table: bool, include_object: str | None
) -> dict[str, str]:
    out = dict(params or {})
    if as_table and include_object:
        out["includeObject"] = include_object
    return out


_DONE = object()


def read_ahead(source: Iterator[Any]) -> Iterator[Any]:
    """Yield from ``source`` while a worker thread already pulls the next item (one ahead).
    Exceptions from ``source`` are re-raised here, in order."""
    import queue
    import threading

    slots: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(entry: tuple[bool, Any]) -> bool:
        # Never block for good: a consumer that stopped early (an error, a closed pipe) sets
        # `stop`, and the worker then drops what it holds instead of waiting for a reader.
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in source:
                if not hand_over((True, item)):
                    return
            hand_over((True, _DONE))
        except BaseException as exc:  # handed to the consumer, raised there
            hand_over((False, exc))

    worker = threading.Thread(target=work, name="kctl-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            ok, item = slots.get()
            if not ok:
                raise item
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()


class DynamicClient:
    """Reads any resource by GroupVersionResource through a ``RESTClient``."""

    def __init__(self, rest: RESTClient) -> None:
        self.rest = rest

    def get(
        self,
        gvr: GroupVersionResource,
        namespace: str | None,
        name: str,
        *,
        as_table: bool = False,
        include_object: str | None = None,
        params: Mapping[str, str] | None = None,
        subresource: str | None = None,
    ) -> dict[str, Any]:
        """One object (or a one-row Table); raises ``NotFound``/``APIError`` for failures."""
        path = gvr.path(namespace or None, name, subresource)
        result: dict[str, Any] = self.rest.get_json(
            path, params=_params(params, as_table, include_object), headers=_headers(as_table)
        )
        return result

    def list(
        self,
        gvr: GroupVersionResource,
        namespace: str | None,
        params: Mapping[str, str] | None = None,
        as_table: bool = False,
        chunk_size: int = 500,
        *,
        include_object: str | None = None,
        prefetch: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """The collection page by page (``limit``/``continue``; ``chunk_size`` 0 = one request).
        Each page is the server's answer: a Table, or a ``<Kind>List`` with ``items``.

        ``prefetch`` asks for the next page while the caller is still busy with this one (one
        page ahead at most), so the server's work overlaps with printing."""
        path = gvr.path(namespace or None)
        pages = self.rest.list_pages(
            path,
            _params(params, as_table, include_object),
            _headers(as_table),
            chunk_size,
        )
        if prefetch and chunk_size > 0:
            yield from read_ahead(pages)
        else:
            yield from pages

    def watch(
        self,
        gvr: GroupVersionResource,
        namespace: str | None,
        params: Mapping[str, str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Watch events (``{"type": ..., "object": ...}``) from the collection."""
        query = dict(params or {})
        query["watch"] = "true"
        yield from self.rest.watch(gvr.path(namespace or None), query)
