"""RESTClient: client-go's ``rest`` package for kctl.

One ``requests.Session`` per client (one connection pool) or, where start-up is the cost (the
CLI's short commands), HTTP/1.1 over the standard library's ``socket`` and ``ssl``
(``kctl.rest.stdlib``: one transport, chosen per client, the same answers); TLS and proxy from
the RestConfig (``kctl.rest.transport``), credentials from ``kctl.rest.auth``, a request builder
that produces escaped paths for any GroupVersionResource, Status bodies turned into typed errors
(``kctl.rest.response``), bounded retries, list paging, watch streams, server warnings and ``-v``
logging (``kctl.rest.httplog``).

Retry rules (client-go's, plus one addition):
- any verb: 429 or 5xx *with* ``Retry-After: N`` is retried after N seconds (client-go);
- GET: a connection reset or a server that hung up before answering is retried after 1 s
  (client-go);
- GET/HEAD only: 429, 502, 503 or 504 *without* ``Retry-After`` is retried with exponential
  backoff (0.5 s, 1 s, 2 s, 4 s; at most 4 times) - kctl's addition for flaky proxies;
- at most 10 retries, never more than ``retry_budget`` seconds of sleeping in total, never past
  the ``--request-timeout`` deadline, and never when the body is a one-shot stream.
"""

from __future__ import annotations

import io
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast
from urllib.parse import parse_qsl, urlencode, urlsplit

from kctl import duration
from kctl.env import Environment
from kctl.errors import (
    APIError,
    BodyReadError,
    ConnectionFailed,
    ConnectionRefused,
    KctlError,
    RequestTimeout,
    UsageError,
)
from kctl.rest.config import RestConfig
from kctl.rest.httplog import HTTPLogger
from kctl.rest.response import error_from_response, parse_warnings, retry_after_seconds
from kctl.rest.transport import (
    build_ssl_context,
    hostname_mismatch_text,
    impersonation_headers,
    proxy_for,
    tls_adapter,
    user_agent,
    wire_header,
)
from kctl.schema import GroupVersion, GroupVersionResource, check_path_segment

if TYPE_CHECKING:
    import requests
    from requests.adapters import BaseAdapter

    from kctl.rest.stdlib import StdlibTransport

DEFAULT_ACCEPT = "application/json, */*"
CONNECT_TIMEOUT = 30.0  # Go's dialer default in client-go's transport
MAX_RETRIES = 10
TRANSIENT_CODES = (429, 502, 503, 504)
MAX_TRANSIENT_RETRIES = 4
IDEMPOTENT = ("GET", "HEAD")

Body = bytes | str | dict[str, Any] | list[Any] | io.IOBase | None
Params = Mapping[str, Any] | list[tuple[str, Any]] | None


class Response(Protocol):
    """What a request returns, whichever transport sent it (a ``requests.Response`` or a
    ``kctl.rest.stdlib.Response``)."""

    status_code: int
    reason: str
    url: str
    headers: Any  # case-insensitive; .get(name), .items(), ``in``

    @property
    def content(self) -> bytes: ...

    def iter_content(self, chunk_size: int | None = ...) -> Iterator[Any]: ...

    def close(self) -> None: ...


class _HeaderPairs:
    """Request headers as logged: ``items()`` gives every (name, value), repeats included."""

    def __init__(self, pairs: list[tuple[str, str | bytes]]) -> None:
        self.pairs = pairs

    def items(self) -> list[tuple[str, str | bytes]]:
        return list(self.pairs)


def _connect_timeout(seconds: float | None) -> float:
    """How long opening a connection may take: Go's dialer default, or less under a deadline."""
    return min(CONNECT_TIMEOUT, seconds) if seconds else CONNECT_TIMEOUT


def _split_path(path: str) -> tuple[str, list[tuple[str, str]]]:
    """``/api/v1/pods?watch=true`` -> path and its query pairs."""
    base, sep, query = path.partition("?")
    return base, parse_qsl(query, keep_blank_values=True) if sep else []


def _param_pairs(params: Params) -> list[tuple[str, str]]:
    if params is None:
        return []
    items = params.items() if isinstance(params, Mapping) else params
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs += [(key, _param_text(v)) for v in value]
        else:
            pairs.append((key, _param_text(value)))
    return pairs


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Plain classes, not dataclasses: @dataclass compiles generated code at import time, a cost
# every command that sends a request would pay.


class _ResourceInfo:
    """What the builder knows, for client-go's ``(get pods foo)`` message suffix."""

    __slots__ = ("resource", "group", "name")

    def __init__(self, resource: str = "", group: str = "", name: str = "") -> None:
        self.resource = resource
        self.group = group
        self.name = name


class _Attempt:
    """One request's retry state: counts, time slept, whether credentials were refreshed."""

    __slots__ = ("retries", "transient", "slept", "auth_refreshed", "deadline")

    def __init__(self) -> None:
        self.retries = 0
        self.transient = 0
        self.slept = 0.0
        self.auth_refreshed = False
        self.deadline: float | None = None


class RESTClient:
    """client-go's ``rest.RESTClient``: HTTP access to one API server as one user, and the
    request builder (``get()``/``post()``/``put()``/``patch(type)``/``delete()``).

    ``RESTClient(config)`` takes a ``RestConfig`` (``kctl.load_config()``); ``group_version``
    (``"v1"``, ``"apps/v1"``) is what ``.resource("pods")`` resolves against, like client-go's
    ``config.GroupVersion``. Server warnings go to ``warning_handler`` (default: Python's
    ``warnings``, category ``kctl.ServerWarning``); requests are logged to the ``kctl`` logger
    at DEBUG, credentials masked. Nothing is written to stdout/stderr. (The CLI passes its own
    ``env`` and ``verbosity`` for kubectl's ``Warning:`` lines and ``-v`` output.)
    """

    def __init__(
        self,
        config: RestConfig,
        env: Environment | None = None,
        verbosity: int = 0,
        adapter: BaseAdapter | None = None,
        *,
        group_version: str | GroupVersion | None = None,
        warning_handler: Callable[[str], None] | None = None,
        authenticator: Any | None = None,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        max_retries: int = MAX_RETRIES,
        retry_budget: float = 60.0,
        transport: str | None = None,
    ) -> None:
        """``transport``: "requests" (general use: any proxy, streamed request bodies) or
        "stdlib" (HTTP/1.1 on the standard library's sockets: a fraction of the start-up; used
        unless the proxy needs requests, or a requests ``adapter`` is given). The default is
        "stdlib" for a library client (no ``env``) and "requests" for a caller that passes its
        own ``env``."""
        self.config = config
        if transport is None:
            transport = "stdlib" if env is None else "requests"
        if env is None:
            from kctl.libenv import LibraryEnvironment, verbosity_from_logger, warn_through_python

            env = LibraryEnvironment(warning_handler=warning_handler or warn_through_python)
            verbosity = verbosity or verbosity_from_logger()
        self.env = env
        self.group_version = GroupVersion.parse(str(group_version)) if group_version else None
        self.verbosity = verbosity
        self.log = HTTPLogger(self.env.stderr, verbosity, clock=self.env.clock)
        self._adapter = adapter
        self._auth = authenticator
        self._sleep = sleep
        self._monotonic = monotonic
        self.max_retries = max_retries
        self.retry_budget = retry_budget
        self._session: requests.Session | None = None
        self._transport = transport
        self._stdlib: StdlibTransport | None = None
        self._stdlib_ok: bool | None = None
        self._tls_key: tuple[bytes | None, bytes | None] | None = None
        self.base_url = config.host.rstrip("/")
        self._lock = threading.Lock()
        # Server warnings already printed by this client: kubectl deduplicates per process, and
        # one invocation has one client. Per client, not per process, so a library with two
        # clients (or a test with two environments) keeps them apart.
        self._warned: set[str] = set()

    # -- plumbing -------------------------------------------------------------------------

    def _authenticator(self) -> Any:
        if self._auth is None:
            from kctl.rest.auth import Authenticator

            self._auth = Authenticator(self.config, self.env)
        return self._auth

    def _credentials(self) -> tuple[dict[str, str], bytes | None, bytes | None]:
        creds = self._authenticator().credentials()
        headers = dict(getattr(creds, "headers", {}) or {})
        cert = getattr(creds, "client_cert_data", None) or self.config.client_cert_data
        key = getattr(creds, "client_key_data", None) or self.config.client_key_data
        return headers, cert, key

    def session(self, cert: bytes | None = None, key: bytes | None = None) -> requests.Session:
        """The one session; (re)mounts the TLS adapter when the client certificate changes."""
        with self._lock:  # discovery sends requests from several threads
            return self._session_locked(cert, key)

    def _session_locked(self, cert: bytes | None, key: bytes | None) -> requests.Session:
        import requests

        if self._session is None:
            s = requests.Session()
            # No environment magic: REQUESTS_CA_BUNDLE, ~/.netrc and requests' proxy lookup
            # are all replaced by kctl's own rules (kubeconfig first, see transport.py).
            s.trust_env = False
            s.headers.clear()
            s.headers.update(self._client_headers())
            proxy = self._proxy()
            if proxy:
                s.proxies = {"http": proxy, "https": proxy}
            self._session = s
        if self._adapter is not None:
            if self._tls_key is None:
                self._session.mount("https://", self._adapter)
                self._session.mount("http://", self._adapter)
                self._tls_key = (cert, key)
        elif self._tls_key != (cert, key):
            ctx = build_ssl_context(
                ca_data=self.config.ca_data,
                insecure=self.config.insecure,
                client_cert_data=cert,
                client_key_data=key,
            )
            adapter = tls_adapter(ctx, self.config.tls_server_name)
            self._session.mount("https://", adapter)
            self._session.mount("http://", adapter)
            self._tls_key = (cert, key)
        return self._session

    def close(self) -> None:
        """Close the connections (the client can still be used: they are reopened)."""
        if self._session is not None:
            self._session.close()
        if self._stdlib is not None:
            self._stdlib.close()

    def uses_stdlib(self) -> bool:
        """Whether requests go through the stdlib transport (asked for, and the proxy allows it)."""
        if self._stdlib_ok is None:
            ok = self._transport == "stdlib" and self._adapter is None
            if ok:
                from kctl.rest import stdlib

                ok = stdlib.supports(self._proxy())
            self._stdlib_ok = ok
        return self._stdlib_ok

    def _proxy(self) -> str | None:
        return proxy_for(self.base_url, self.config.proxy_url, self.env.environ)

    def _stdlib_transport(self, cert: bytes | None, key: bytes | None) -> StdlibTransport:
        """The one stdlib transport; a new TLS context when the client certificate changes."""
        with self._lock:
            if self._stdlib is None:
                from kctl.rest.stdlib import StdlibTransport

                self._stdlib = StdlibTransport(
                    self.base_url, self._proxy(), self.config.tls_server_name
                )
            if self._tls_key != (cert, key):
                context = None
                if self._stdlib.https:
                    context = build_ssl_context(
                        ca_data=self.config.ca_data,
                        insecure=self.config.insecure,
                        client_cert_data=cert,
                        client_key_data=key,
                    )
                self._stdlib.use_context(context)
                self._tls_key = (cert, key)
            return self._stdlib

    def preconnect(self) -> None:
        """Start opening the connection the next request will use (TCP and TLS handshake, in a
        thread), so its round trips overlap with what the caller does before that request.

        For a caller that knows a request follows (the CLI's ``get``); a no-op on the requests
        transport. Nothing is reported here: if opening fails, the request that takes the
        connection raises that failure, as if it had connected itself."""
        if not self.uses_stdlib():
            return
        try:
            # the kubeconfig's client certificate: a plugin's (rare) arrives with its token,
            # and then the request opens its own connection
            transport = self._stdlib_transport(
                self.config.client_cert_data, self.config.client_key_data
            )
        except KctlError:
            return  # unusable TLS material: the request reports it
        transport.preconnect(_connect_timeout(self._timeout_seconds(None)))

    def _client_headers(self) -> dict[str, str]:
        """Headers every request of this client carries (requests' session headers)."""
        return {
            "User-Agent": user_agent(),
            # A cluster's `disable-compression: true` asks for identity bodies (client-go too).
            "Accept-Encoding": "identity" if self.config.disable_compression else "gzip, deflate",
        }

    def url(self, path: str, params: Params = None) -> str:
        """The full URL for a server path plus query parameters."""
        base_path, pairs = _split_path(path)
        if not base_path.startswith("/"):
            base_path = "/" + base_path
        pairs += _param_pairs(params)
        query = urlencode(pairs)
        return f"{self.base_url}{base_path}" + (f"?{query}" if query else "")

    def _timeout_seconds(self, timeout: float | None) -> float | None:
        if timeout is not None:
            return timeout if timeout > 0 else None
        t = self.config.timeout
        return t if t else None

    # -- requests -------------------------------------------------------------------------

    def request(
        self,
        verb: str,
        path: str,
        *,
        params: Params = None,
        body: Body = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        timeout: float | None = None,
        read_timeout: float | None = None,
    ) -> Response:
        """Send one request (with retries); returns 2xx and 304 answers, raises ``APIError``
        (or a subclass) for other answers and ``ConnectionFailed``/``ConnectionRefused``/
        ``RequestTimeout`` when no answer came. ``read_timeout`` bounds each wait for bytes
        when no deadline applies (``timeout=0``): a watch may be quiet for long, never for
        ever; when it expires the body simply ends."""
        return self._request(verb, path, params, body, headers, stream, timeout, None, read_timeout)

    def _request(
        self,
        verb: str,
        path: str,
        params: Params,
        body: Body,
        headers: Mapping[str, str] | None,
        stream: bool,
        timeout: float | None,
        info: _ResourceInfo | None,
        read_timeout: float | None = None,
    ) -> Response:
        verb = verb.upper()
        seconds = self._timeout_seconds(timeout)
        pairs = _param_pairs(params)
        if seconds and not any(k == "timeout" for k, _ in pairs + _split_path(path)[1]):
            # client-go tells the server about the client's deadline too.
            pairs.append(("timeout", duration.format(seconds)))
        url = self.url(path, pairs)
        data, content_type, replayable = _encode_body(body)
        state = _Attempt()
        if seconds:
            state.deadline = self._monotonic() + seconds
        connect = _connect_timeout(seconds)
        stdlib = self.uses_stdlib()
        while True:
            auth_headers, cert, key = self._credentials()
            resp: Response
            if stdlib:
                transport = self._stdlib_transport(cert, key)
                wire = self._wire_headers(verb, data, content_type, auth_headers, headers)
                self.log.request(verb, url, _HeaderPairs(wire))
                errors, direct = transport.errors, not transport.proxies
            else:
                import requests

                _accept_many_headers()
                session = self.session(cert, key)
                prepared = self._prepare(
                    session, verb, url, data, content_type, auth_headers, headers
                )
                self.log.request(verb, url, prepared.headers)
                errors, direct = (requests.RequestException,), not session.proxies
            started = self._monotonic()
            try:
                if stdlib:
                    resp = transport.send(
                        verb,
                        url,
                        wire,
                        data,
                        connect_timeout=connect,
                        read_timeout=seconds or read_timeout,
                        deadline=(state.deadline, self._monotonic) if state.deadline else None,
                    )
                else:
                    resp = session.send(
                        prepared,
                        stream=True,
                        timeout=(connect, seconds or read_timeout),
                        allow_redirects=False,
                    )
            except errors as exc:
                elapsed = int((self._monotonic() - started) * 1000)
                self.log.failure(verb, url, _describe(exc), elapsed)
                if state.deadline is not None and self._monotonic() >= state.deadline:
                    # Whatever broke, it broke because time ran out (Go's context error).
                    raise RequestTimeout("context deadline exceeded") from None
                retryable = verb == "GET" and replayable and _is_retryable_network(exc)
                if retryable and self._may_retry(state, 1.0):
                    continue
                raise network_error(exc, url, self.config.tls_server_name, direct=direct) from None
            elapsed = int((self._monotonic() - started) * 1000)
            self.log.response(verb, url, _status_line(resp), list(resp.headers.items()), elapsed)
            self._handle_warnings(resp)
            code = resp.status_code
            if 200 <= code < 300 or code == 304:
                if not stream:
                    # read now, so the connection goes back to the pool
                    self.log.body("Response Body", self._read(resp, state.deadline))
                # requests' timeouts are per socket operation; --request-timeout bounds the
                # whole exchange, as Go's http.Client.Timeout does.
                if state.deadline is not None and self._monotonic() > state.deadline:
                    resp.close()
                    raise RequestTimeout("context deadline exceeded")
                if stream and state.deadline is not None:
                    # read by iter_body: the deadline holds for the streamed body too
                    setattr(resp, "kctl_deadline", (state.deadline, self._monotonic))  # noqa: B010
                return resp
            payload = self._read(resp, state.deadline)
            self.log.body("Response Body", payload)
            resp.close()
            if code == 401 and not state.auth_refreshed:
                state.auth_refreshed = True
                if self._authenticator().refresh():
                    continue
            wait = self._retry_wait(verb, code, resp.headers.get("Retry-After"), state)
            if wait is not None and replayable and self._may_retry(state, wait):
                continue
            i = info or _ResourceInfo()
            raise error_from_response(
                code=code,
                content_type=resp.headers.get("Content-Type") or "",
                body=payload,
                method=verb,
                retry_after=retry_after_seconds(resp.headers.get("Retry-After")) or 0,
                resource=i.resource,
                group=i.group,
                name=i.name,
            )

    def _read(self, resp: Response, deadline: float | None) -> bytes:
        """The whole body; a cut, a timeout or a malformed body is a ``BodyReadError``.

        With a deadline the body is read one socket read at a time (``read1``, which both
        urllib3's and the stdlib transport's responses offer) and the clock checked in between:
        socket timeouts restart with every byte, so a body that trickles in would otherwise hold
        the request for ever. Go's ``http.Client.Timeout`` covers the whole body too."""
        if deadline is None:
            errors: tuple[type[BaseException], ...] = (*_body_errors(resp), ValueError)
            try:
                return bytes(resp.content)
            except errors as exc:
                resp.close()
                raise BodyReadError(body_error_text(exc, resp.headers)) from None
        body = b"".join(read_chunks(resp, (deadline, self._monotonic)))
        # Hand the body to requests as if it had read it (resp.content, resp.json()), and the
        # connection back to the pool, as reading .content does.
        setattr(resp, "_content", body)  # noqa: B010 - both transports' responses keep it there
        setattr(resp, "_content_consumed", True)  # noqa: B010 - not in requests' type stubs
        release = getattr(getattr(resp, "raw", None), "release_conn", None)
        if callable(release):
            release()
        return body

    def _prepare(
        self,
        session: requests.Session,
        verb: str,
        url: str,
        data: bytes | io.IOBase | None,
        content_type: str | None,
        auth_headers: Mapping[str, str],
        headers: Mapping[str, str] | None,
    ) -> requests.PreparedRequest:
        import requests

        wire, repeated = self._request_headers(content_type, auth_headers, headers)
        req = requests.Request(verb, url, headers=wire, data=data)
        prepared = session.prepare_request(req)
        if repeated:
            # The server reads these as lists; requests' dict cannot hold repeats, urllib3's
            # header dict can and sends them line by line.
            from urllib3._collections import HTTPHeaderDict

            multi = HTTPHeaderDict(dict(prepared.headers))
            for name, value in repeated:
                multi.add(name, wire_header(value, name))  # type: ignore[arg-type]
            prepared.headers = multi  # type: ignore[assignment]
        return prepared

    def _request_headers(
        self,
        content_type: str | None,
        auth_headers: Mapping[str, str],
        headers: Mapping[str, str] | None,
    ) -> tuple[dict[str, str | bytes], list[tuple[str, str]]]:
        """One request's own headers (as sent) and the repeated impersonation ones."""
        merged: dict[str, str] = {"Accept": DEFAULT_ACCEPT}
        if content_type:
            merged["Content-Type"] = content_type
        merged.update(auth_headers)
        single, repeated = impersonation_headers(self.config)
        merged.update(single)
        if headers:
            merged.update(headers)
        return {name: wire_header(value, name) for name, value in merged.items()}, repeated

    def _wire_headers(
        self,
        verb: str,
        data: bytes | io.IOBase | None,
        content_type: str | None,
        auth_headers: Mapping[str, str],
        headers: Mapping[str, str] | None,
    ) -> list[tuple[str, str | bytes]]:
        """Every header line the stdlib transport sends: the ones requests would send for the
        same request (client headers first, a request's own override them; Content-Length as
        requests sets it), repeated impersonation headers one line each."""
        own, repeated = self._request_headers(content_type, auth_headers, headers)
        merged: dict[str, str | bytes] = {}
        lower = {name.lower() for name in own}
        for name, value in self._client_headers().items():
            if name.lower() not in lower:
                merged[name] = value
        merged.update(own)
        if "content-length" not in lower:
            if isinstance(data, bytes):
                merged["Content-Length"] = str(len(data))
            elif isinstance(data, io.IOBase):
                pass  # read whole by the transport, which sets the length
            elif verb not in ("GET", "HEAD"):
                merged["Content-Length"] = "0"
        pairs = list(merged.items())
        pairs += [(name, wire_header(value, name)) for name, value in repeated]
        return pairs

    def _retry_wait(
        self, verb: str, code: int, retry_after: str | None, state: _Attempt
    ) -> float | None:
        if code != 429 and code < 500:
            return None
        seconds = retry_after_seconds(retry_after)
        if seconds is not None:
            return float(seconds)
        if verb in IDEMPOTENT and code in TRANSIENT_CODES:
            if state.transient >= MAX_TRANSIENT_RETRIES:
                return None
            state.transient += 1
            return 0.5 * float(2 ** (state.transient - 1))
        return None

    def _may_retry(self, state: _Attempt, wait: float) -> bool:
        if state.retries >= self.max_retries:
            return False
        if state.slept + wait > self.retry_budget:
            return False
        if state.deadline is not None and self._monotonic() + wait >= state.deadline:
            return False
        state.retries += 1
        state.slept += wait
        self.log.info(
            4, f'"Retrying request" delay="{duration.format(wait)}" attempt={state.retries}'
        )
        self._sleep(wait)
        return True

    def _handle_warnings(self, resp: Response) -> None:
        values: list[str] = []
        getlist = getattr(resp.headers, "getlist", None)
        if not callable(getlist):
            getlist = getattr(getattr(getattr(resp, "raw", None), "headers", None), "getlist", None)
        if callable(getlist):
            values = list(getlist("Warning"))
        elif "Warning" in resp.headers:
            values = [resp.headers["Warning"]]
        if not values:
            return
        for code, _agent, text in parse_warnings(values):
            if code != 299 or not text or text in self._warned:
                continue
            self._warned.add(text)
            self.env.warn(text)

    # -- conveniences ---------------------------------------------------------------------

    def get_json(
        self,
        path: str,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """GET and decode the JSON body."""
        resp = self.request("GET", path, params=params, headers=headers, timeout=timeout)
        return _json_body(resp)

    def verb(self, verb: str) -> Request:
        """Start a request in client-go's builder style."""
        return Request(self, verb)

    def get(self) -> Request:
        """A GET request (client-go's ``Get()``)."""
        return Request(self, "GET")

    def post(self) -> Request:
        """A POST request (create)."""
        return Request(self, "POST")

    def put(self) -> Request:
        """A PUT request (replace)."""
        return Request(self, "PUT")

    def patch(self, patch_type: str) -> Request:
        """A PATCH request with the body's type: ``kctl.PatchType.MERGE``/``STRATEGIC``/
        ``JSON``/``APPLY`` (or a Content-Type string)."""
        from kctl.rest.patch import patch_content_type

        return Request(self, "PATCH").header("Content-Type", patch_content_type(patch_type))

    def delete(self) -> Request:
        """A DELETE request."""
        return Request(self, "DELETE")

    def list_pages(
        self,
        path: str,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
        chunk_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        """Yield each page of a list, following ``metadata.continue`` (``limit`` = chunk size;
        0 asks for everything at once). See ``Request.pages``."""
        req = self.get().abs_path(path).params(params)
        for key, value in (headers or {}).items():
            req.header(key, value)
        return req.pages(chunk_size)

    def watch(
        self,
        path: str,
        params: Params = None,
        headers: Mapping[str, str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield watch events (``{"type": ..., "object": ...}``) as they arrive, until the
        server ends the stream."""
        pairs = _param_pairs(params)
        if not any(k == "watch" for k, _ in pairs + _split_path(path)[1]):
            pairs.append(("watch", "true"))
        resp = self.request("GET", path, params=pairs, headers=headers, stream=True)
        return decode_json_stream(resp)


class Request:
    """client-go's ``rest.Request`` builder: verb, namespace, resource, name, subresource,
    query parameters, body; ``do()`` sends it and returns a ``Result``; ``stream()`` and
    ``watch()`` read the answer as it arrives. API errors are raised as ``kctl.NotFound``,
    ``kctl.Forbidden``, ``kctl.Conflict``, ... (``APIError`` subclasses carrying the Status)."""

    def __init__(self, client: RESTClient, verb: str) -> None:
        self.client = client
        self._verb = verb.upper()
        self._namespace: str | None = None
        self._gvr: GroupVersionResource | None = None
        self._name: str | None = None
        self._subresource: str | None = None
        self._abs_path: str | None = None
        self._params: list[tuple[str, str]] = []
        self._headers: dict[str, str] = {}
        self._body: Body = None
        self._timeout: float | None = None
        self._error_context = True

    def namespace(self, namespace: str | None) -> Request:
        """The namespace segment (``None`` or ``""``: none, i.e. all namespaces on a list)."""
        if namespace is not None:
            if namespace:
                check_path_segment("namespace", namespace)
            self._namespace = namespace
        return self

    def resource(self, resource: GroupVersionResource | str) -> Request:
        """The resource: a ``GVR``, or a plural name in the client's ``group_version``."""
        if isinstance(resource, str):
            gv = self.client.group_version
            if gv is None:
                raise UsageError(
                    f'resource "{resource}" needs a RESTClient with a group_version, or a GVR'
                )
            resource = GroupVersionResource(gv.group, gv.version, resource)
        check_path_segment("resource", resource.resource)
        self._gvr = resource
        return self

    def name(self, name: str) -> Request:
        """The object's name."""
        if not name:
            raise UsageError("resource name may not be empty")
        check_path_segment("resource name", name)
        self._name = name
        return self

    def subresource(self, subresource: str) -> Request:
        """A subresource (``status``, ``scale``, ``log``)."""
        for part in subresource.split("/"):
            check_path_segment("subresource", part)
        self._subresource = subresource
        return self

    def abs_path(self, path: str) -> Request:
        """An absolute server path instead of namespace/resource/name (``/version``)."""
        self._abs_path = path
        return self

    def param(self, key: str, value: Any) -> Request:
        """One query parameter, by its wire name."""
        self._params += _param_pairs([(key, value)])
        return self

    def params(self, params: Params = None, /, **options: Any) -> Request:
        """Query parameters (client-go's ``VersionedParams``): ListOptions-style keywords
        (``label_selector=``, ``field_selector=``, ``limit=``, ``resource_version=``,
        ``dry_run=True``, ...) and/or a mapping of wire names."""
        from kctl.params import query

        self._params += _param_pairs(params) + query(options)
        return self

    def header(self, key: str, value: str) -> Request:
        """One request header."""
        self._headers[key] = value
        return self

    def body(self, body: Body) -> Request:
        """The body: a dict/list (sent as JSON), bytes or str (as is), or a file object."""
        self._body = body
        return self

    def timeout(self, seconds: float) -> Request:
        """A deadline for the whole request, in seconds."""
        self._timeout = seconds
        return self

    def path(self) -> str:
        """The URL path the request goes to."""
        if self._abs_path is not None:
            return self._abs_path
        if self._gvr is None:
            raise UsageError("a request needs a resource or an absolute path")
        if self._namespace == "":
            if self._verb == "POST":
                raise UsageError("an empty namespace may not be set during creation")
            if self._name and self._verb in ("GET", "PUT", "DELETE"):
                raise UsageError(
                    "an empty namespace may not be set when a resource name is provided"
                )
        if self._subresource and self._name is None:
            return self._gvr.path(self._namespace or None) + "/" + self._subresource
        return self._gvr.path(self._namespace or None, self._name, self._subresource)

    def error_context(self, on: bool) -> Request:
        """Whether errors without a server Status name the request (kubectl's ``(get pods
        x)``); client-go's dynamic client sends absolute paths and so never does."""
        self._error_context = on
        return self

    def _info(self) -> _ResourceInfo:
        if self._gvr is None or not self._error_context:
            return _ResourceInfo()
        return _ResourceInfo(self._gvr.resource, self._gvr.group, self._name or "")

    def send(self, stream: bool = False) -> Response:
        """Send it; the transport's response (2xx/304; errors raised)."""
        return self.client._request(
            self._verb,
            self.path(),
            self._params,
            self._body,
            self._headers,
            stream,
            self._timeout,
            self._info(),
        )

    def pages(self, chunk_size: int = 500) -> Iterator[dict[str, Any]]:
        """Send it as a list, page by page, following ``metadata.continue`` (``limit`` = chunk
        size; 0 asks for everything at once). The one paging loop.

        A server that hands out a continue token it already gave (a broken proxy, a bug) would
        make client-go's pager, and kubectl, loop for ever; kctl stops with an error."""
        base = [(k, v) for k, v in self._params if k not in ("limit", "continue")]
        seen: set[str] = set()
        token = ""
        while True:
            self._params = list(base)
            if chunk_size > 0:
                self._params.append(("limit", str(chunk_size)))
            if token:
                self._params.append(("continue", token))
            page = self.do_json()
            if not isinstance(page, dict):
                raise KctlError(f"error: unexpected list response from {self.path()}")
            yield page
            meta = page.get("metadata")
            token = str((meta.get("continue") if isinstance(meta, dict) else "") or "")
            if not token or chunk_size <= 0:
                return
            if token in seen:
                raise KctlError(
                    f"error: the server sent the same continue token twice while listing "
                    f"{self.path()}; stopping instead of asking for the same page again"
                )
            seen.add(token)

    def do(self) -> Result:
        """Send it and read the whole answer (client-go's ``Do(ctx)``)."""
        return Result(self.send())

    def do_json(self) -> Any:
        """``do().json()``."""
        return _json_body(self.send())

    def stream(self) -> Iterator[bytes]:
        """Send it and yield the body in chunks as they arrive (client-go's ``Stream``:
        logs with ``follow``, proxies)."""
        return iter_body(self.send(stream=True))

    def watch(self) -> Iterator[dict[str, Any]]:
        """Send it as a watch and yield each event (``{"type": ..., "object": ...}``) as it
        arrives, until the server ends the stream. For a watch that resumes by itself, use
        ``DynamicClient.resource(gvr).watch()``."""
        if not any(k == "watch" for k, _ in self._params):
            self._params.append(("watch", "true"))
        return decode_json_stream(self.send(stream=True))


T = TypeVar("T")


class Result:
    """What ``Request.do()`` returns (client-go's ``rest.Result``): the answer's status code,
    headers and body, decoded on demand."""

    def __init__(self, response: Response) -> None:
        self._response = response
        self.status_code: int = response.status_code
        self.headers: Mapping[str, str] = response.headers

    def raw(self) -> bytes:
        """The body as bytes (client-go's ``Raw()``)."""
        return bytes(self._response.content)

    def json(self) -> Any:
        """The body decoded from JSON (``None`` for an empty body or a ``304``)."""
        return _json_body(self._response)

    def into(self, kind: type[T]) -> T:
        """The decoded body, typed as ``kind`` for the type checker (client-go's ``Into``):
        ``result.into(PodList)`` with ``PodList`` from ``kctl.models.core_v1``. Objects stay
        plain dicts; nothing is converted or checked at run time."""
        return cast(T, self.json())


def _encode_body(body: Body) -> tuple[bytes | io.IOBase | None, str | None, bool]:
    """Body bytes, a default Content-Type, and whether it can be sent again on retry."""
    if body is None:
        return None, None, True
    if isinstance(body, bytes):
        return body, None, True
    if isinstance(body, str):
        return body.encode("utf-8"), None, True
    if isinstance(body, (dict, list)):
        return json.dumps(body).encode("utf-8"), "application/json", True
    return body, None, False


def _json_body(resp: Response) -> Any:
    if resp.status_code == 304 or not resp.content:
        return None
    try:
        return json.loads(resp.content)
    except ValueError as exc:
        raise KctlError(
            f"error: the server returned a response that is not JSON ({resp.url})"
        ) from exc


def _status_line(resp: Response) -> str:
    reason = resp.reason
    if not reason:
        from http import HTTPStatus

        try:
            reason = HTTPStatus(resp.status_code).phrase
        except ValueError:
            reason = ""
    return f"{resp.status_code} {reason}".rstrip()


def read_chunks(resp: Response, deadline: tuple[float, Callable[[], float]]) -> Iterator[bytes]:
    """The body one socket read at a time (``read1``, which urllib3's and the stdlib
    transport's responses both offer), the clock checked between reads, so the deadline bounds
    a body that trickles in (socket timeouts restart with every byte). Failures are
    ``BodyReadError``s worded like Go's; the response is closed after a failure."""
    at, now = deadline
    try:
        while True:
            if now() > at:
                raise BodyReadError("context deadline exceeded")
            chunk = getattr(resp, "raw").read1(_READ_SIZE, decode_content=True)  # noqa: B009
            if not chunk:
                return
            yield chunk
    except BodyReadError:
        resp.close()
        raise
    except Exception as exc:  # urllib3/http11/zlib errors: translated, never shown raw
        resp.close()
        if now() > at:
            raise BodyReadError("context deadline exceeded") from None
        raise BodyReadError(body_error_text(exc, resp.headers)) from None


def iter_body(resp: Response) -> Iterator[bytes]:
    """The response body chunk by chunk, as the server sends it (for streams and raw output).
    A request deadline (``kctl_deadline``) bounds the whole body (``read_chunks``)."""
    chunked = bool(getattr(getattr(resp, "raw", None), "chunked", False))
    deadline = getattr(resp, "kctl_deadline", None)
    try:
        if deadline is None:
            yield from resp.iter_content(chunk_size=None if chunked else _READ_SIZE)
            return
        try:
            yield from read_chunks(resp, deadline)
        except BodyReadError as exc:
            if exc.message == "context deadline exceeded":
                # kubectl's wording when --request-timeout ends a stream mid-way
                raise KctlError("error: context deadline exceeded") from None
            raise
    finally:
        resp.close()


def decode_json_stream(resp: Response) -> Iterator[dict[str, Any]]:
    """Decode concatenated (usually newline-separated) JSON objects from a streaming body,
    each as soon as it is complete. A connection cut mid-stream ends the iteration, as the
    server closing a watch does."""
    decoder = json.JSONDecoder()
    buffer = ""
    pending = b""
    try:
        for chunk in iter_body(resp):
            pending += chunk
            try:
                text = pending.decode("utf-8")
                pending = b""
            except UnicodeDecodeError:
                continue  # a multi-byte character split across chunks
            buffer += text
            while True:
                stripped = buffer.lstrip()
                if not stripped:
                    buffer = ""
                    break
                try:
                    obj, end = decoder.raw_decode(stripped)
                except ValueError:
                    buffer = stripped
                    break
                buffer = stripped[end:]
                if isinstance(obj, dict):
                    yield obj
    except _body_errors(resp, cut_only=True):
        return


def _body_errors(resp: Response, cut_only: bool = False) -> tuple[type[BaseException], ...]:
    """What reading ``resp``'s body raises when the connection fails (``cut_only``: only a
    cut connection, not a timeout), by the transport that sent it."""
    stdlib = sys.modules.get("kctl.rest.stdlib")
    if stdlib is not None and isinstance(resp, stdlib.Response):
        errors: tuple[type[BaseException], ...] = stdlib.ERRORS
        if cut_only:
            # OSError: a cut connection, and a read timeout (requests reports both as its
            # ConnectionError): either way the stream is over.
            errors = stdlib.CUT_ERRORS
        return errors
    import requests

    if cut_only:
        return (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError)
    return (requests.RequestException,)


_READ_SIZE = 65536


def _accept_many_headers() -> None:
    """http.client (under urllib3) refuses more than 100 header lines unless its module limit
    is raised: raised to the stdlib transport's (Go's) limit, so both read the same answers."""
    import http.client

    from kctl.rest.http11 import MAX_HEADERS

    if getattr(http.client, "_MAXHEADERS", 0) < MAX_HEADERS:
        http.client._MAXHEADERS = MAX_HEADERS  # type: ignore[attr-defined]


def body_error_text(exc: BaseException, headers: Mapping[str, str]) -> str:
    """Go's text for a body that could not be read (the ``Original error`` kubectl prints):
    ``unexpected EOF``, ``invalid byte in chunk length``, ``gzip: invalid header``..."""
    requests = sys.modules.get("requests")  # not loaded: exc cannot be one of its errors

    chain = _chain(exc)
    names = {type(e).__name__ for e in chain}
    timed_out = requests is not None and isinstance(exc, requests.exceptions.Timeout)
    if timed_out or names & {"ReadTimeoutError", "TimeoutError"}:
        return "context deadline exceeded"
    bad_sizes = [str(e) for e in chain if isinstance(e, ValueError) and "base 16" in str(e)]
    if any(text.endswith("b''") for text in bad_sizes):
        return "unexpected EOF"  # the connection closed where the next chunk size should be
    if "InvalidChunkLength" in names or bad_sizes:
        return "invalid byte in chunk length"
    if names & {"DecodeError", "ContentDecodingError"} or any(
        type(e).__name__ == "error" and type(e).__module__ == "zlib" for e in chain
    ):
        encoding = headers.get("Content-Encoding", "").strip().lower()
        return "gzip: invalid header" if encoding == "gzip" else "flate: corrupt input"
    # (by name: http.client's and the stdlib transport's own IncompleteRead alike)
    if any(isinstance(e, ConnectionResetError) for e in chain):
        return "unexpected EOF"
    if names & {"IncompleteRead", "ProtocolError", "ChunkedEncodingError"}:
        return "unexpected EOF"
    cut = requests is not None and isinstance(exc, requests.exceptions.ConnectionError)
    return "unexpected EOF" if cut or isinstance(exc, ConnectionError) else str(exc)


def _describe(exc: BaseException) -> str:
    """The innermost meaningful message of a requests/urllib3 exception chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    last = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        last = current
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
            continue
        args = getattr(current, "args", ())
        nested = next((a for a in args if isinstance(a, BaseException)), None)
        if nested is not None:
            current = nested
            continue
        current = current.__cause__ or current.__context__
    return str(last)


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo:
        cur = todo.pop()
        if any(cur is seen for seen in out):
            continue
        out.append(cur)
        reason = getattr(cur, "reason", None)
        if isinstance(reason, BaseException):
            todo.append(reason)
        todo += [a for a in getattr(cur, "args", ()) if isinstance(a, BaseException)]
        for nxt in (cur.__cause__, cur.__context__):
            if nxt is not None:
                todo.append(nxt)
    return out


def _is_retryable_network(exc: BaseException) -> bool:
    """client-go retries GETs after a connection reset or an early EOF."""
    import ssl

    if isinstance(exc, (TimeoutError, ssl.SSLError)):  # the stdlib transport's own
        return False
    requests = sys.modules.get("requests")  # not imported: not one of its exceptions
    if requests is not None and isinstance(
        exc, (requests.exceptions.Timeout, requests.exceptions.SSLError)
    ):
        return False
    # RemoteDisconnected (an early EOF) is a ConnectionResetError too
    return any(isinstance(e, ConnectionResetError) for e in _chain(exc))


def _host_of(url: str) -> str:
    netloc = urlsplit(url).netloc
    return netloc.rpartition("@")[2]


def network_error(
    exc: BaseException, url: str, tls_server_name: str | None = None, direct: bool = False
) -> KctlError:
    """A typed error, worded like Go's, for a request that got no HTTP answer. ``direct``
    (no proxy) allows a second look at a certificate whose names did not match."""
    import ssl

    from kctl.rest.stdlib import ProxyConnectError

    # requests' exception types, only when requests is loaded (else exc cannot be one of them)
    requests = sys.modules.get("requests")

    def is_requests(name: str) -> bool:
        return requests is not None and isinstance(exc, getattr(requests.exceptions, name))

    chain = _chain(exc)
    full = " ".join(str(e) for e in chain).lower()
    host = _host_of(url)
    if "connection refused" in full or any(isinstance(e, ConnectionRefusedError) for e in chain):
        return ConnectionRefused(host)
    if is_requests("Timeout") or isinstance(exc, TimeoutError):
        # kubectl's whole-request deadline (--request-timeout) reports the context's error.
        return RequestTimeout("context deadline exceeded")
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            parts = urlsplit(url)
            wanted = tls_server_name or parts.hostname or host
            detail = None
            if getattr(e, "verify_code", 0) in (62, 64) and direct and parts.hostname:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                detail = hostname_mismatch_text(parts.hostname, port, wanted, wanted)
            if detail:
                return ConnectionFailed(f"tls: failed to verify certificate: {detail}")
            return ConnectionFailed(_tls_verify_text(e, wanted))
    if is_requests("SSLError") or isinstance(exc, ssl.SSLError):
        return ConnectionFailed(_tls_error_text(_describe(exc)))
    name_error = any(type(e).__name__ == "NameResolutionError" for e in chain) or (
        "name or service not known" in full or "nodename nor servname" in full
    )
    if name_error:
        return ConnectionFailed(f"dial tcp: lookup {urlsplit(url).hostname}: no such host")
    if is_requests("ProxyError") or isinstance(exc, ProxyConnectError):
        return ConnectionFailed(f"proxyconnect tcp: {_describe(exc)}")
    # by name: http.client's (under urllib3) and the stdlib transport's own
    if any(type(e).__name__ == "RemoteDisconnected" for e in chain):
        return ConnectionFailed("EOF")
    if any(type(e).__name__ == "IncompleteRead" for e in chain):
        return ConnectionFailed("unexpected EOF")  # Go's io.ErrUnexpectedEOF
    if any(isinstance(e, ConnectionResetError) for e in chain):
        return ConnectionFailed(f"read tcp {host}: read: connection reset by peer")
    if is_requests("InvalidSchema") and "socks" in full:
        return ConnectionFailed("SOCKS proxies need the PySocks package (pip install pysocks)")
    return ConnectionFailed(_describe(exc))


def _tls_error_text(described: str) -> str:
    """A TLS failure in Go's words where Go has them; otherwise OpenSSL's reason without
    Python's ``[SSL: CODE]`` prefix and ``(_ssl.c:1006)`` suffix."""
    if "WRONG_VERSION_NUMBER" in described or "wrong version number" in described:
        # An https:// URL for a plain-HTTP port: Go recognises the HTTP answer.
        return "http: server gave HTTP response to HTTPS client"
    text = described
    if text.startswith("[SSL"):
        text = text.partition("] ")[2] or text
    paren = text.rfind(" (_ssl.c:")
    if paren >= 0:
        text = text[:paren]
    return f"tls: {text}"


def _tls_verify_text(err: Any, hostname: str) -> str:
    code = getattr(err, "verify_code", 0)
    if code in (18, 19, 20, 21, 2):
        detail = "x509: certificate signed by unknown authority"
    elif code in (9, 10):
        detail = "x509: certificate has expired or is not yet valid"
    elif code in (62, 64):
        detail = f"x509: certificate is not valid for {hostname}"
    else:
        detail = f"x509: {getattr(err, 'verify_message', '') or err}"
    return f"tls: failed to verify certificate: {detail}"


__all__ = [
    "APIError",
    "RESTClient",
    "Request",
    "Result",
    "decode_json_stream",
    "iter_body",
    "network_error",
]
