"""client-go's DynamicClient: any GVR, objects as plain dicts; ``ResourceClient`` is the
per-resource interface the Clientset's typed accessors share.

``as_table=True`` asks the server for a ``meta.k8s.io`` Table with kubectl's Accept header, whose
trailing ``application/json`` lets servers (or aggregated APIs) without Table support answer with
plain objects instead. ``include_object`` picks what each Table row carries: ``None`` (nothing,
the smallest answer), ``Metadata`` (the server default) or ``Object``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from kctl.params import query
from kctl.rest.mediatypes import JSON_ACCEPT as JSON_ACCEPT  # re-exported: get_watch, tests
from kctl.rest.mediatypes import TABLE_ACCEPT as TABLE_ACCEPT
from kctl.rest.patch import PatchType, patch_content_type
from kctl.schema import GroupVersionResource
from kctl.unstructured import nested

if TYPE_CHECKING:
    from kctl.rest.client import Request, RESTClient
    from kctl.rest.config import RestConfig

T = TypeVar("T")
L = TypeVar("L")
T_co = TypeVar("T_co", covariant=True)


def _headers(as_table: bool) -> dict[str, str]:
    return {"Accept": TABLE_ACCEPT if as_table else JSON_ACCEPT}


def _params(
    params: Mapping[str, str] | None, as_table: bool, include_object: str | None
) -> dict[str, str]:
    out = dict(params or {})
    if as_table and include_object:
        out["includeObject"] = include_object
    return out


def list_items(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The items of a ``<Kind>List`` page, each given back the ``kind``/``apiVersion`` the
    server leaves out of list items (as client-go's decoder gives them)."""
    from kctl.errors import malformed

    api_version = body.get("apiVersion")
    list_kind = str(body.get("kind") or "")
    kind = list_kind[:-4] if list_kind.endswith("List") else list_kind
    items = body.get("items") or []
    if not isinstance(items, list):
        raise malformed("list", "items", "an array", items)
    for i, obj in enumerate(items):
        if not isinstance(obj, dict):
            raise malformed("list", f"items[{i}]", "an object", obj)
        if "kind" not in obj and kind:
            obj["kind"] = kind
        if "apiVersion" not in obj and api_version:
            obj["apiVersion"] = api_version
    return items


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


class Event(Protocol[T_co]):
    """One watch event: ``type`` is ``ADDED``, ``MODIFIED``, ``DELETED`` (or ``ERROR``);
    ``object`` is the object (a Status for ``ERROR``); ``synthetic`` marks the events made up
    after a relist (changes missed while the watch was down). client-go's ``watch.Event``."""

    @property
    def type(self) -> str: ...

    @property
    def object(self) -> T_co: ...

    @property
    def synthetic(self) -> bool: ...


class ResourceClient(Generic[T, L]):
    """client-go's ``dynamic.ResourceInterface``: one resource type, optionally one namespace.

    Objects are plain dicts. The type parameters only matter to a type checker: the Clientset
    hands out ``ResourceClient[Pod, PodList]`` so ``mypy`` knows the shape of what comes back;
    ``DynamicClient.resource(gvr)`` hands out ``ResourceClient[dict[str, Any], ...]``.

    Keyword options are client-go's ``ListOptions``/``GetOptions``/... in snake_case
    (``label_selector=``, ``resource_version=``, ``dry_run=True``, ``field_manager=``); any
    other option the server accepts works the same way (see ``kctl.params``).
    """

    def __init__(
        self,
        rest: RESTClient,
        gvr: GroupVersionResource,
        namespace: str | None = None,
        *,
        error_context: bool = False,
    ) -> None:
        self._rest = rest
        self.gvr = GroupVersionResource(*gvr)
        self.namespace_name = namespace or None
        # client-go's dynamic client sends absolute paths, so its errors carry no
        # "(get pods x)" suffix; kubectl's resource builder (typed requests) does.
        self.error_context = error_context

    def namespace(self, namespace: str) -> ResourceClient[T, L]:
        """The same resource in ``namespace`` (``""`` = all namespaces)."""
        return ResourceClient(self._rest, self.gvr, namespace, error_context=self.error_context)

    def _path(self) -> str:
        """The collection's path (for watches); ``GVR.path`` checks the segments."""
        return self.gvr.path(self.namespace_name)

    def _send(
        self,
        verb: str,
        name: str | None,
        subresource: str | None,
        params: list[tuple[str, str]],
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        req = self._request(verb, name, subresource, params, headers)
        if body is not None:
            req.body(body)
        return req.do_json()

    def _request(
        self,
        verb: str,
        name: str | None,
        subresource: str | None,
        params: list[tuple[str, str]] | dict[str, str],
        headers: Mapping[str, str] | None = None,
    ) -> Request:
        """The request, built segment by segment (the builder checks each one, as client-go's
        dynamic client does); without ``error_context`` it carries no resource for errors."""
        req = self._rest.verb(verb).namespace(self.namespace_name).resource(self.gvr)
        if name is not None:
            req.name(name)
        if subresource:
            req.subresource(subresource)
        if not self.error_context:
            req.error_context(False)
        req.params(params)
        for key, value in (headers or {}).items():
            req.header(key, value)
        return req

    # -- reads ----------------------------------------------------------------------------

    def get(
        self,
        name: str,
        *,
        subresource: str | None = None,
        as_table: bool = False,
        include_object: str | None = None,
        **options: Any,
    ) -> T:
        """One object (``GET``). ``as_table=True`` asks for a ``meta.k8s.io`` Table instead
        (what ``kubectl get`` prints). Raises ``kctl.NotFound`` and the other typed errors."""
        if not name:
            raise ValueError("get needs a resource name")
        params = _params(dict(query(options)), as_table, include_object)
        result = self._send(
            "GET", name, subresource, list(params.items()), None, _headers(as_table)
        )
        return cast(T, result)

    def pages(
        self,
        *,
        chunk_size: int = 500,
        as_table: bool = False,
        include_object: str | None = None,
        prefetch: bool = False,
        **options: Any,
    ) -> Iterator[L]:
        """The collection page by page (``limit=chunk_size`` and ``continue``; 0 asks for
        everything in one answer), each page as the server sent it. ``prefetch`` fetches the
        next page on a worker thread while the caller works on this one."""
        params = _params(dict(query(options)), as_table, include_object)
        pages = self._request("GET", None, None, params, _headers(as_table)).pages(chunk_size)
        if prefetch and chunk_size > 0:
            pages = read_ahead(pages)
        for page in pages:
            yield cast(L, page)

    def list(self, *, chunk_size: int = 500, **options: Any) -> L:
        """The whole collection as one ``<Kind>List`` (client-go's pager: every page is fetched
        and the items joined; ``metadata`` is the last page's, without ``continue``)."""
        merged: dict[str, Any] | None = None
        for page in self.pages(chunk_size=chunk_size, **options):
            body = cast(dict[str, Any], page)
            if merged is None:
                merged = body
                merged["items"] = list(body.get("items") or [])
            else:
                merged["items"] += body.get("items") or []
                merged["metadata"] = body.get("metadata") or {}
        assert merged is not None  # pages() yields at least one page or raises
        meta = merged.get("metadata")
        if isinstance(meta, dict):
            meta.pop("continue", None)
            meta.pop("remainingItemCount", None)
        return cast(L, merged)

    def __iter__(self) -> Iterator[T]:
        """Every object of the collection, streamed page by page (500 per request)."""
        for page in self.pages():
            yield from cast(dict[str, Any], page).get("items") or []

    def watch(
        self,
        *,
        resource_version: str | None = None,
        resume: bool = True,
        read_timeout: float | None = None,
        **options: Any,
    ) -> Iterator[Event[T]]:
        """Changes to the collection, as ``Event``\\ s.

        Without ``resource_version`` the current objects come first (as ``ADDED`` events, like
        a watch from "now"), then every change. With ``resume`` (the default) the watch never
        ends on its own: a closed or broken stream is reopened from the last resourceVersion,
        and after ``410 Gone`` the collection is listed again and the missed changes are
        delivered as ``synthetic`` events (kctl's watch engine, client-go's RetryWatcher and
        reflector ideas). ``resume=False`` is client-go's plain ``Watch``: one stream, until
        the server ends it. Stop by breaking out of the loop."""
        from kctl import watch as engine
        from kctl.libenv import logger

        params = {k: v for k, v in query(options) if k not in ("watch", "resourceVersion")}
        if not resume:
            query_pairs = dict(params)
            if resource_version is not None:
                query_pairs["resourceVersion"] = resource_version
            for raw in self._rest.watch(self._path(), query_pairs):
                yield cast(
                    Event[T], engine.WatchEvent(str(raw.get("type")), raw.get("object") or {})
                )
            return
        source = _StartAt(
            engine.RESTWatchSource(self._rest, self._path(), params=params), resource_version
        )
        watcher = engine.Watcher(
            source,
            notice=lambda text: logger().info("%s", text),
            read_timeout=read_timeout or engine.DEFAULT_READ_TIMEOUT,
        )
        try:
            for update in watcher.run():
                if isinstance(update, engine.ListPage):
                    for item in update.body.get("items") or []:
                        yield cast(Event[T], engine.WatchEvent(engine.ADDED, item))
                else:
                    yield cast(Event[T], update)
        finally:
            watcher.stop()

    # -- writes ---------------------------------------------------------------------------

    def create(self, obj: T, *, subresource: str | None = None, **options: Any) -> T:
        """``POST`` a new object (its namespace is this client's). ``dry_run=True``,
        ``field_manager=...`` as in client-go's CreateOptions."""
        name = _name_of(obj) if subresource else None
        return cast(T, self._send("POST", name, subresource, query(options), _body(obj)))

    def update(self, obj: T, *, subresource: str | None = None, **options: Any) -> T:
        """``PUT`` the object back (named by its ``metadata.name``); a stale
        ``resourceVersion`` raises ``kctl.Conflict``."""
        return cast(T, self._send("PUT", _name_of(obj), subresource, query(options), _body(obj)))

    def update_status(self, obj: T, **options: Any) -> T:
        """``PUT`` the ``status`` subresource."""
        return self.update(obj, subresource="status", **options)

    def patch(
        self,
        name: str,
        patch: Any,
        type: PatchType | str = PatchType.MERGE,
        *,
        subresource: str | None = None,
        **options: Any,
    ) -> T:
        """``PATCH`` an object: ``type`` is ``PatchType.MERGE`` (the default), ``STRATEGIC``,
        ``JSON`` (a list of operations) or ``APPLY`` (server-side apply; needs
        ``field_manager=``). ``patch`` is a dict/list (sent as JSON) or bytes/str as is."""
        content_type = patch_content_type(type)
        body = patch if isinstance(patch, (bytes, str)) else json.dumps(patch).encode()
        headers = {"Content-Type": content_type}
        return cast(T, self._send("PATCH", name, subresource, query(options), body, headers))

    def apply(self, obj: T, *, field_manager: str, force: bool = False, **options: Any) -> T:
        """Server-side apply (client-go's ``Apply``): ``obj`` is the desired state, owned by
        ``field_manager``; ``force`` takes fields over from other managers."""
        return self.patch(
            _name_of(obj),
            _body(obj),
            PatchType.APPLY,
            field_manager=field_manager,
            force=force or None,
            **options,
        )

    def delete(self, name: str, *, subresource: str | None = None, **options: Any) -> Any:
        """``DELETE`` an object; returns what the server answers (a Status, or the object
        while finalizers still hold it). ``propagation_policy="Foreground"``,
        ``grace_period_seconds=0``, ``dry_run=True`` as in client-go's DeleteOptions."""
        if not name:
            raise ValueError("delete needs a resource name")
        return self._send("DELETE", name, subresource, query(options))

    def delete_collection(self, **options: Any) -> Any:
        """``DELETE`` every object that matches ``label_selector=``/``field_selector=``."""
        return self._send("DELETE", None, None, query(options))


class _StartAt:
    """A watch source that starts at a given resourceVersion instead of listing first (a
    relist after ``410 Gone`` still lists)."""

    def __init__(self, inner: Any, resource_version: str | None) -> None:
        self.inner = inner
        self.resource_version = resource_version

    def list(self, *, relist: bool) -> Iterator[dict[str, Any]]:
        if self.resource_version is None or relist:
            yield from self.inner.list(relist=relist)
        else:
            yield {"metadata": {"resourceVersion": self.resource_version}, "items": []}

    def watch(self, params: Mapping[str, str], read_timeout: float) -> Iterator[dict[str, Any]]:
        events: Iterator[dict[str, Any]] = self.inner.watch(params, read_timeout)
        return events


def _name_of(obj: Any) -> str:
    name = nested(obj, "metadata", "name")
    if not isinstance(name, str) or not name:
        raise ValueError("the object has no metadata.name")
    return name


def _body(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def rest_client_for(config: RestConfig | RESTClient) -> RESTClient:
    """The ``RESTClient`` a client is built on: a new one for a ``RestConfig`` (library
    defaults: no process I/O), or the given one, to share its connections."""
    from kctl.rest.config import RestConfig

    if isinstance(config, RestConfig):
        from kctl.rest.client import RESTClient

        return RESTClient(config)
    return config


class DynamicClient:
    """client-go's ``dynamic.Interface``: any resource by GroupVersionResource, objects as
    dicts (Unstructured). ``DynamicClient(config)`` takes a ``RestConfig`` (from
    ``kctl.load_config``) or an existing ``RESTClient`` to share its connections."""

    def __init__(self, config: RestConfig | RESTClient) -> None:
        self.rest = rest_client_for(config)

    def resource(
        self, gvr: GroupVersionResource | tuple[str, str, str], *, error_context: bool = False
    ) -> DynamicResource:
        """The client for one GroupVersionResource; ``.namespace(ns)`` narrows it.
        ``error_context`` adds kubectl's ``(get pods x)`` to errors without a server Status."""
        return ResourceClient(self.rest, GroupVersionResource(*gvr), error_context=error_context)


DynamicResource = ResourceClient[dict[str, Any], dict[str, Any]]
