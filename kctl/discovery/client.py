"""DiscoveryClient: what the server serves, learnt once and kept on disk.

Aggregated discovery first (``/api`` and ``/apis`` answer with every group, version and
resource: two requests), legacy discovery as the fallback (``/api``, ``/apis`` and one request
per group-version, in parallel). The result is one JSON document per server in
``kctl.discovery.cache``; a warm lookup sends no request and never builds the REST client (so
``requests`` is not even imported).

Differences from kubectl, on purpose:
- after the 6 h TTL the document is revalidated with its ETags (two ``304``\\ s when unchanged);
- a stale or failing group-version is reported once by name (``Warning: ...``) and remembered
  for a few minutes instead of forcing full re-discovery on every call;
- a legacy server whose only problem was a failing group-version gets just that group-version
  retried when the memory expires.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kctl.discovery import cache as discovery_cache
from kctl.errors import APIError, KctlError, NotFound, malformed
from kctl.schema import GroupVersion

if TYPE_CHECKING:
    from kctl.discovery.cache import DiskCache
    from kctl.discovery.records import APIGroup, APIResourceList
    from kctl.env import Environment
    from kctl.rest.client import Response, RESTClient
    from kctl.rest.config import RestConfig

# kubectl 1.30-1.36: aggregated v2, then v2beta1 (1.26-1.29 servers), then the legacy types.
ACCEPT_AGGREGATED = (
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json"
)
ACCEPT_JSON = "application/json, */*"
DEFAULT_TIMEOUT = 32.0  # client-go's discovery timeout, also sent as ?timeout=32s
MAX_PARALLEL = 10  # requests' default connection pool size per host
_STALE = "the server reports its discovery information as stale"


class RESTRequester(Protocol):
    """The part of ``kctl.rest.client.RESTClient`` discovery uses."""

    def request(
        self,
        verb: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        timeout: float | None = None,
    ) -> Response: ...


class DiscoveryClient:
    """client-go's ``DiscoveryClient``: the groups, versions and resources a server serves.

    ``config`` is a ``RestConfig`` (``kctl.load_config()``) or a ``RESTClient`` to share its
    connections; ``rest``, a function returning the ``RESTClient`` to use, lets a caller share
    one that is built only if a request is needed (a warm cache never builds it: the CLI's
    case). ``cache=DiskCache()`` keeps the answer on disk as the CLI does (ETags, 6 h TTL);
    without it discovery lives in memory for this client's life.

    Unavailable group-versions (an aggregated API that is down) are reported once through the
    warning handler (Python's ``warnings`` unless ``warning_handler`` or the CLI's ``env`` is
    given) and by ``GroupDiscoveryFailed`` from the ``server_*`` methods."""

    def __init__(
        self,
        config: RestConfig | RESTClient,
        cache: DiskCache | None = None,
        *,
        rest: Callable[[], RESTRequester] | None = None,
        env: Environment | None = None,
        timeout: float | None = None,
        warning_handler: Callable[[str], None] | None = None,
    ) -> None:
        from kctl.rest.config import RestConfig

        if env is None:
            # Here, not above: the CLI passes its env and does not pay for logging/warnings.
            from kctl.libenv import LibraryEnvironment, warn_through_python

            env = LibraryEnvironment(warning_handler=warning_handler or warn_through_python)
        self.env = env
        self.cache = cache if cache is not None else discovery_cache.MemoryCache()
        self._rest: RESTRequester | None = None
        if isinstance(config, RestConfig):
            self.server = config.host
            rest_config = config
            self._rest_factory = rest or (lambda: _library_rest(rest_config, warning_handler))
        else:
            self.server = config.config.host
            client = config
            self._rest_factory = rest or (lambda: client)
        if timeout is None:
            timeout = (config if isinstance(config, RestConfig) else config.config).timeout
        self.timeout = timeout or DEFAULT_TIMEOUT
        self._data: dict[str, Any] | None = None
        self._loaded = False  # the disk cache has been consulted
        self._invalidated = False
        self._warned: set[str] = set()
        self.requests_sent = 0  # network round trips made by this client (for -v and tests)

    # ---- public API -------------------------------------------------------------------------

    def groups(self) -> list[dict[str, Any]]:
        """``[{"name", "versions", "preferredVersion"}]`` in the server's priority order (core
        first). A group whose versions are all unavailable has no versions."""
        groups: list[dict[str, Any]] = self._document()["groups"]
        return groups

    def resources(self) -> list[dict[str, Any]]:
        """Every resource of every served group-version (no subresources), in discovery order:
        groups in server order, versions in group order, resources in server order."""
        resources: list[dict[str, Any]] = self._document()["resources"]
        return resources

    def preferred_resources(self) -> list[dict[str, Any]]:
        """Each group/resource once, in the version kubectl's ``ServerPreferredResources``
        picks: the group's preferred version if it serves it, else the first version that
        does. Discovery order."""
        return [r for r in self.resources() if r.get("preferred")]

    def subresources(self) -> list[dict[str, Any]]:
        """Subresources (``pods/log``) with the group and version they belong to."""
        subs: list[dict[str, Any]] = self._document().get("subresources", [])
        return subs

    def failed(self) -> dict[str, str]:
        """Group-versions that are unavailable right now: ``{"metrics.k8s.io/v1beta1": why}``."""
        failed = self._document().get("failed") or {}
        return {gv: str(entry.get("error", "")) for gv, entry in failed.items()}

    def invalidate(self) -> None:
        """Revalidate with the server on next use (kubectl's ``Invalidate``). With ETags an
        unchanged server costs two ``304`` answers."""
        self._invalidated = True

    def revalidate(self, max_age: float) -> bool:
        """Revalidate now unless the server confirmed the document less than ``max_age``
        seconds ago. Returns whether a revalidation was done (the data may have changed)."""
        doc = self._document()
        if self.env.clock() - float(doc.get("fetchedAt", 0)) < max_age:
            return False
        self._refresh(doc, only_failed=False)
        return True

    def warn_unavailable(self, group: str | None) -> None:
        """Warn (once each) about unavailable group-versions that may explain a failed lookup:
        those of ``group`` (or of groups it abbreviates or ends with), or all when ``None``."""
        for gv, why in self.failed().items():
            g = gv.rpartition("/")[0]
            if group is None or g.startswith(group) or group.endswith("." + g):
                self._warn_once(gv, why)

    # ---- client-go's interface, as records ---------------------------------------------------

    def server_groups(self) -> list[APIGroup]:
        """The served API groups, core first, in the server's priority order."""
        from kctl.discovery.records import group_records

        return group_records(self.groups())

    def server_resources_for_group_version(self, group_version: str) -> APIResourceList:
        """The resources of one group-version (``"v1"``, ``"apps/v1"``), subresources included.
        Raises ``kctl.NotFound`` when the server does not serve it and
        ``GroupDiscoveryFailed`` when it is unavailable right now."""
        from kctl.discovery.records import APIResourceList, GroupDiscoveryFailed, resource_lists
        from kctl.status import Status

        gv = str(GroupVersion.parse(group_version))
        failed = self.failed()
        if gv in failed:
            raise GroupDiscoveryFailed({gv: failed[gv]}, self.server_groups(), [])
        for found in resource_lists(self.resources(), self.subresources()):
            if found.group_version == gv:
                return found
        served = any(
            str(GroupVersion(g["name"], v)) == gv for g in self.groups() for v in g["versions"]
        )
        if served:  # a group-version with no resources at all
            return APIResourceList(gv, ())
        raise NotFound(Status(404, "NotFound", "the server could not find the requested resource"))

    def server_groups_and_resources(self) -> tuple[list[APIGroup], list[APIResourceList]]:
        """Every group and every group-version's resources (client-go's
        ``ServerGroupsAndResources``). When some group-versions are unavailable, raises
        ``GroupDiscoveryFailed`` carrying the groups and the lists that were read."""
        from kctl.discovery.records import GroupDiscoveryFailed, resource_lists

        groups = self.server_groups()
        lists = resource_lists(self.resources(), self.subresources())
        failed = self.failed()
        if failed:
            raise GroupDiscoveryFailed(failed, groups, lists)
        return groups, lists

    def server_preferred_resources(self) -> list[APIResourceList]:
        """Each resource once, in its preferred version (client-go's
        ``ServerPreferredResources``: what ``kubectl api-resources`` lists), without
        subresources; ``GroupDiscoveryFailed`` as for ``server_groups_and_resources``."""
        from kctl.discovery.records import GroupDiscoveryFailed, resource_lists

        lists = resource_lists(self.preferred_resources(), [])
        failed = self.failed()
        if failed:
            raise GroupDiscoveryFailed(failed, self.server_groups(), lists)
        return lists

    def server_version(self) -> dict[str, Any]:
        """``GET /version``: ``{"major", "minor", "gitVersion", ...}`` (never cached)."""
        resp = self._get("/version", ACCEPT_JSON)
        body: dict[str, Any] = _decode(resp.content, "/version")
        return body

    # ---- loading ----------------------------------------------------------------------------

    def _document(self) -> dict[str, Any]:
        if self._invalidated:
            self._invalidated = False
            if not self._loaded:
                self._data = self.cache.read(self.server)
                self._loaded = True
            self._refresh(self._data, only_failed=False)
        elif not self._loaded:
            self._loaded = True
            cached = self.cache.read(self.server)
            if cached is None:
                self._refresh(None, only_failed=False)
            elif self.cache.is_fresh(cached, self.env.clock()):
                self._data = cached
            else:
                within_ttl = self.cache.is_fresh({**cached, "failed": {}}, self.env.clock())
                self._refresh(cached, only_failed=within_ttl)
        assert self._data is not None
        return self._data

    def _refresh(self, previous: dict[str, Any] | None, *, only_failed: bool) -> None:
        """Fetch or revalidate, store, write the cache, warn about unavailable versions."""
        if previous is not None and only_failed and previous.get("mode") == "legacy":
            data = self._retry_failed_legacy(previous)
        else:
            data = self._fetch(previous)
        self._data = data
        self._warn_failed(data)
        with contextlib.suppress(OSError):  # an unwritable cache only costs speed
            self.cache.write(self.server, data)

    def _fetch(self, previous: dict[str, Any] | None) -> dict[str, Any]:
        etags: dict[str, str] = dict(previous.get("etags") or {}) if previous else {}
        if previous is None or previous.get("mode") != "aggregated":
            etags = {}
        api = self._get_root("/api", etags.get("/api"))
        apis = self._get_root("/apis", etags.get("/apis"))
        now = self.env.clock()
        if previous is not None and api.status == 304 and apis.status == 304:
            data = dict(previous)
            data["fetchedAt"] = now
            data["failed"] = {
                gv: {
                    "error": entry.get("error", ""),
                    "until": now + discovery_cache.FAILED_TTL_SECONDS,
                }
                for gv, entry in (previous.get("failed") or {}).items()
            }
            return data
        # One document unchanged, the other new (a CRD was added): /api holds exactly the core
        # group, so the unchanged half is taken from the previous document.
        changed = apis if api.status == 304 else api
        if previous is not None and 304 in (api.status, apis.status) and changed.aggregated:
            builder = _Builder(now)
            if api.status == 304:
                builder.add_previous(previous, core=True)
                builder.add_aggregated(apis.body)
            else:
                builder.add_aggregated(api.body)
                builder.add_previous(previous, core=False)
            new_etags: dict[str, str] = {p: etags[p] for p in ("/api", "/apis") if p in etags}
            if changed.etag:
                new_etags[changed.path] = changed.etag
            return builder.finish(mode="aggregated", etags=new_etags)
        if api.status == 304:
            api = self._get_root("/api", None)
        if apis.status == 304:
            apis = self._get_root("/apis", None)

        new_etags = {r.path: r.etag for r in (api, apis) if r.etag}
        if api.aggregated and apis.aggregated:
            builder = _Builder(now)
            for doc in (api.body, apis.body):
                builder.add_aggregated(doc)
            return builder.finish(mode="aggregated", etags=new_etags)

        groups = []
        for root in (api, apis):
            if root.body is None:
                continue
            if root.aggregated:
                groups += _groups_of_aggregated(root.body)
            elif root.path == "/api":
                groups += _groups_of_legacy_api(root.body)
            else:
                groups += _groups_of_legacy_apis(root.body)
        return self._fetch_legacy(groups, now)

    def _fetch_legacy(self, groups: list[dict[str, Any]], now: float) -> dict[str, Any]:
        """Fetch every group-version's APIResourceList in parallel; failures are recorded."""
        results = self._parallel([(g["name"], v) for g in groups for v in g["versions"]])
        return _legacy_document(groups, results, _Builder(now), {})

    def _retry_failed_legacy(self, previous: dict[str, Any]) -> dict[str, Any]:
        """The remembered failures expired but the document is within its TTL: ask again for
        just those group-versions."""
        failed = previous.get("failed") or {}
        gvs = [
            (g["name"], v)
            for g in previous["groups"]
            for v in g["versions"]
            if str(GroupVersion(g["name"], v)) in failed
        ]
        results = self._parallel(gvs)
        builder = _Builder(self.env.clock())
        builder.fetched_at = float(previous.get("fetchedAt", builder.now))
        kept: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in previous["resources"] + previous.get("subresources", []):
            kept.setdefault((r["group"], r["version"]), []).append(r)
        return _legacy_document(previous["groups"], results, builder, kept)

    def _parallel(self, gvs: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """GET each group-version's resource list; values are the decoded body or the error."""
        if not gvs:
            return {}
        self._client()  # build the client before the threads share it

        def fetch(gv: tuple[str, str]) -> Any:
            path = GroupVersion(*gv).api_prefix()
            try:
                return _decode(self._get(path, ACCEPT_JSON).content, path)
            except KctlError as err:
                return err

        if len(gvs) == 1:
            return {gvs[0]: fetch(gvs[0])}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(gvs))) as pool:
            return dict(zip(gvs, pool.map(fetch, gvs), strict=True))

    # ---- HTTP -------------------------------------------------------------------------------

    def _client(self) -> RESTRequester:
        if self._rest is None:
            self._rest = self._rest_factory()
        return self._rest

    def _get(self, path: str, accept: str, etag: str | None = None) -> Response:
        from kctl import duration  # a warm cache sends nothing

        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        self.requests_sent += 1
        return self._client().request(
            "GET",
            path,
            params={"timeout": duration.format(self.timeout)},
            headers=headers,
            timeout=self.timeout,
        )

    def _get_root(self, path: str, etag: str | None) -> _Root:
        try:
            resp = self._get(path, ACCEPT_AGGREGATED, etag)
        except NotFound:
            if path == "/api":  # some aggregated-only servers have no core group
                return _Root(path, 200, None, False, None)
            raise
        if resp.status_code == 304:
            return _Root(path, 304, None, False, etag)
        content_type = resp.headers.get("Content-Type", "")
        return _Root(
            path,
            resp.status_code,
            _decode(resp.content, path),
            _is_aggregated(content_type),
            resp.headers.get("ETag") or None,
        )

    def _warn_failed(self, data: dict[str, Any]) -> None:
        for gv, entry in (data.get("failed") or {}).items():
            self._warn_once(gv, str(entry.get("error", "")))

    def _warn_once(self, gv: str, why: str) -> None:
        if gv not in self._warned:
            self._warned.add(gv)
            self.env.warn(f"{gv} is unavailable: {why}")


def _library_rest(config: RestConfig, warning_handler: Callable[[str], None] | None) -> Any:
    from kctl.rest.client import RESTClient

    return RESTClient(config, warning_handler=warning_handler)


class _Root:
    """One answer for ``/api`` or ``/apis``."""

    def __init__(
        self, path: str, status: int, body: Any, aggregated: bool, etag: str | None
    ) -> None:
        self.path = path
        self.status = status
        self.body = body
        self.aggregated = aggregated
        self.etag = etag


class _Builder:
    """Accumulates groups, resources and failures into the cache document."""

    def __init__(self, now: float) -> None:
        self.now = now
        self.fetched_at = now
        self.groups: list[dict[str, Any]] = []
        self.resources: list[dict[str, Any]] = []
        self.subresources: list[dict[str, Any]] = []
        self.failed: dict[str, dict[str, Any]] = {}

    def add_group(self, name: str, versions: list[str], preferred: str) -> None:
        self.groups.append(
            {"name": name, "versions": list(versions), "preferredVersion": preferred}
        )

    def fail(self, group: str, version: str, why: str) -> None:
        self.failed[str(GroupVersion(group, version))] = {
            "error": why,
            "until": self.now + discovery_cache.FAILED_TTL_SECONDS,
        }

    def add_previous(self, previous: dict[str, Any], *, core: bool) -> None:
        """Carry over the core group (``core``) or every other group from an earlier
        document whose source answered ``304``; remembered failures get a fresh deadline."""
        for g in previous["groups"]:
            if (g["name"] == "") == core:
                self.groups.append(g)
        for r in previous["resources"] + previous.get("subresources", []):
            if (r["group"] == "") == core:
                self.add_entries([r])
        for gv, entry in (previous.get("failed") or {}).items():
            if ("/" not in gv) == core:
                group, _, version = gv.rpartition("/")
                self.fail(group, version, str(entry.get("error", "")))

    def add_entries(self, entries: list[dict[str, Any]]) -> None:
        for e in entries:
            (self.subresources if "/" in e["name"] else self.resources).append(e)

    def add_resource_list(self, group: str, version: str, doc: Any) -> None:
        """A legacy ``APIResourceList``."""
        items = doc.get("resources") if isinstance(doc, dict) else None
        for r in _array(items, "resources", "APIResourceList"):
            if not isinstance(r, dict) or not isinstance(r.get("name"), str):
                continue
            entry = _entry(
                group,
                version,
                name=r["name"],
                singular=r.get("singularName"),
                namespaced=bool(r.get("namespaced")),
                kind=r.get("kind"),
                verbs=r.get("verbs"),
                short_names=r.get("shortNames"),
                categories=r.get("categories"),
            )
            for key in ("group", "version"):
                if isinstance(r.get(key), str) and r[key]:
                    entry["kind" + key.capitalize()] = r[key]
            self.add_entries([entry])

    def add_aggregated(self, doc: Any) -> None:
        """An ``APIGroupDiscoveryList`` (v2 or v2beta1): stale versions are left out of the
        group and recorded as failed; the preferred version is the first fresh one."""
        for i, item in enumerate(_items(doc)):
            where = f"items[{i}]"
            meta = item.get("metadata")
            if meta is not None and not isinstance(meta, dict):
                # A group without a readable name must not pass for the core group ("").
                raise malformed(_AGGREGATED_KIND, f"{where}.metadata", "an object", meta)
            raw_name = (meta or {}).get("name")
            if raw_name is not None and not isinstance(raw_name, str):
                raise malformed(_AGGREGATED_KIND, f"{where}.metadata.name", "a string", raw_name)
            name = raw_name or ""
            versions: list[str] = []
            for j, v in enumerate(_array(item.get("versions"), f"{where}.versions")):
                if not isinstance(v, dict) or not isinstance(v.get("version"), str):
                    continue
                version = v["version"]
                if v.get("freshness") == "Stale":
                    self.fail(name, version, _STALE)
                    continue
                versions.append(version)
                resources = _array(v.get("resources"), f"{where}.versions[{j}].resources")
                for r in resources:
                    self._add_aggregated_resource(name, version, r)
            self.add_group(name, versions, versions[0] if versions else "")

    def _add_aggregated_resource(self, group: str, version: str, r: Any) -> None:
        if not isinstance(r, dict) or not isinstance(r.get("resource"), str):
            return
        kind_ref = r.get("responseKind")
        namespaced = r.get("scope") == "Namespaced"
        singular = r.get("singularResource")
        parent = _entry(
            group,
            version,
            name=r["resource"],
            singular=singular,
            namespaced=namespaced,
            kind=kind_ref.get("kind") if isinstance(kind_ref, dict) else None,
            verbs=r.get("verbs"),
            short_names=r.get("shortNames"),
            categories=r.get("categories"),
        )
        if isinstance(kind_ref, dict):  # client-go drops a resource without a responseKind
            _note_kind_gv(parent, kind_ref)
            self.resources.append(parent)
        for s in _array(r.get("subresources"), f"{r['resource']}.subresources"):
            if not isinstance(s, dict) or not isinstance(s.get("subresource"), str):
                continue
            sub_kind = s.get("responseKind")
            if not isinstance(sub_kind, dict):
                continue
            sub = _entry(
                group,
                version,
                name=f"{r['resource']}/{s['subresource']}",
                singular=singular,
                namespaced=namespaced,
                kind=sub_kind.get("kind"),
                verbs=s.get("verbs"),
                short_names=None,
                categories=None,
            )
            _note_kind_gv(sub, sub_kind)
            self.subresources.append(sub)

    def finish(self, *, mode: str, etags: dict[str, str]) -> dict[str, Any]:
        _mark_preferred(self.groups, self.resources)
        return {
            "format": discovery_cache.FORMAT,
            "mode": mode,
            "fetchedAt": self.fetched_at,
            "etags": etags,
            "groups": self.groups,
            "resources": self.resources,
            "subresources": self.subresources,
            "failed": self.failed,
        }


def _legacy_document(
    groups: list[dict[str, Any]],
    results: dict[tuple[str, str], Any],
    builder: _Builder,
    kept: dict[tuple[str, str], list[dict[str, Any]]],
) -> dict[str, Any]:
    """The legacy document: each group-version's fetched resource list (or its error) from
    ``results``, else the entries ``kept`` from the previous document."""
    for g in groups:
        builder.add_group(g["name"], g["versions"], g.get("preferredVersion") or "")
        for v in g["versions"]:
            key = (g["name"], v)
            if key not in results:
                builder.add_entries(kept.get(key, []))
            elif isinstance(results[key], KctlError):
                builder.fail(g["name"], v, _reason(results[key]))
            else:
                builder.add_resource_list(g["name"], v, results[key])
    return builder.finish(mode="legacy", etags={})


def _entry(
    group: str,
    version: str,
    *,
    name: str,
    singular: Any,
    namespaced: bool,
    kind: Any,
    verbs: Any,
    short_names: Any,
    categories: Any,
) -> dict[str, Any]:
    return {
        "group": group,
        "version": version,
        "name": name,
        "singularName": singular if isinstance(singular, str) else "",
        "namespaced": namespaced,
        "kind": kind if isinstance(kind, str) else "",
        "verbs": _strings(verbs),
        "shortNames": _strings(short_names),
        "categories": _strings(categories),
    }


def _note_kind_gv(entry: dict[str, Any], kind_ref: dict[str, Any]) -> None:
    """Aggregated discovery fills an APIResource's ``group``/``version`` from its
    responseKind; keep them (as ``kindGroup``/``kindVersion``) for ``-o json``."""
    if isinstance(kind_ref.get("group"), str):
        entry["kindGroup"] = kind_ref["group"]
    if isinstance(kind_ref.get("version"), str):
        entry["kindVersion"] = kind_ref["version"]


def _mark_preferred(groups: list[dict[str, Any]], resources: list[dict[str, Any]]) -> None:
    """kubectl's ``ServerPreferredResources`` choice: the group's preferred version if it
    serves the resource, otherwise the first version (in group order) that does.
    ``resources`` is in discovery order, so "first seen" is "first version"."""
    preferred_of = {g["name"]: g.get("preferredVersion") or "" for g in groups}
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in resources:
        r["preferred"] = False
        key = (r["group"], r["name"])
        if key not in chosen or r["version"] == preferred_of.get(r["group"]):
            chosen[key] = r
    for r in chosen.values():
        r["preferred"] = True


def _groups_of_aggregated(doc: Any) -> list[dict[str, Any]]:
    builder = _Builder(0)
    builder.add_aggregated(doc)
    return builder.groups


def _groups_of_legacy_api(doc: Any) -> list[dict[str, Any]]:
    """``/api`` → the core group; its preferred version is the first one."""
    versions = _strings(doc.get("versions") if isinstance(doc, dict) else None)
    if not versions:
        return []
    return [{"name": "", "versions": versions, "preferredVersion": versions[0]}]


def _groups_of_legacy_apis(doc: Any) -> list[dict[str, Any]]:
    """``/apis`` → ``APIGroupList`` in server order."""
    out = []
    groups = _array(doc.get("groups") if isinstance(doc, dict) else None, "groups", "APIGroupList")
    for i, g in enumerate(groups):
        if not isinstance(g, dict) or not isinstance(g.get("name"), str):
            continue
        versions = [
            v["version"]
            for v in _array(g.get("versions"), f"groups[{i}].versions", "APIGroupList")
            if isinstance(v, dict) and isinstance(v.get("version"), str)
        ]
        pref = g.get("preferredVersion")
        preferred = pref.get("version") if isinstance(pref, dict) else None
        out.append(
            {
                "name": g["name"],
                "versions": versions,
                "preferredVersion": preferred if isinstance(preferred, str) else "",
            }
        )
    return out


def _items(doc: Any) -> list[dict[str, Any]]:
    items = _array(doc.get("items") if isinstance(doc, dict) else None, "items")
    return [i for i in items if isinstance(i, dict)]


_AGGREGATED_KIND = "APIGroupDiscoveryList"


def _array(value: Any, where: str, what: str = _AGGREGATED_KIND) -> list[Any]:
    """A list field of a discovery document: absent is empty; any other type is a clean error
    naming the field (Go's decoder refuses the document too), never a TypeError."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise malformed(what, where, "an array", value)
    return value


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]


def _is_aggregated(content_type: str) -> bool:
    """Whether ``Content-Type`` names an ``APIGroupDiscoveryList`` (v2 or v2beta1), comparing
    parameters by name like Go's ``mime.ParseMediaType`` (order and extras do not matter)."""
    media, *raw_params = content_type.split(";")
    if media.strip().lower() != "application/json":
        return False
    params = {}
    for p in raw_params:
        key, _, value = p.partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return (
        params.get("g") == "apidiscovery.k8s.io"
        and params.get("v") in ("v2", "v2beta1")
        and params.get("as") == "APIGroupDiscoveryList"
    )


def _decode(content: bytes, path: str) -> Any:
    try:
        return json.loads(content)
    except ValueError as err:
        raise KctlError(f"error: invalid discovery document from {path}: {err}") from None


def _reason(err: KctlError) -> str:
    if isinstance(err, APIError):
        return err.status.message or str(err)
    return str(err)
