"""RESTClient against a fake transport: errors, retries, timeouts, warnings, logging, paging,
watch streams. (Real-server behaviour is in tests/integration/test_raw.py and friends.)"""

from __future__ import annotations

import gc
import io
import json
import re
import weakref
from collections.abc import Callable
from typing import Any

import pytest
import requests
import urllib3
from requests.adapters import BaseAdapter, HTTPAdapter
from urllib3._collections import HTTPHeaderDict

from kctl.env import Environment
from kctl.errors import (
    APIError,
    ConnectionFailed,
    ConnectionRefused,
    NotFound,
    RequestTimeout,
    UsageError,
)
from kctl.rest.client import RESTClient
from kctl.rest.config import RestConfig
from kctl.schema import GroupVersionResource
from tests.faultserver import status

TOKEN = "s3cr3t-token-value"
CM = GroupVersionResource("", "v1", "configmaps")

Reply = tuple[int, list[tuple[str, str]], bytes]


class FakeAdapter(BaseAdapter):
    """Replays canned answers (or raises canned exceptions) and records every request."""

    def __init__(self, replies: list[Reply | BaseException | Callable[..., Any]]) -> None:
        super().__init__()
        self.replies = list(replies)
        self.sent: list[dict[str, Any]] = []

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        body = request.body
        if hasattr(body, "read"):
            body = body.read()
        self.sent.append(
            {
                "method": request.method,
                "url": request.url,
                "headers": request.headers,
                "body": body,
                "timeout": timeout,
                "proxies": proxies,
                "verify": verify,
            }
        )
        item = self.replies.pop(0)
        if callable(item) and not isinstance(item, BaseException):
            item = item(request)
        if isinstance(item, BaseException):
            raise item
        status, headers, data = item
        hd = HTTPHeaderDict()
        for k, v in headers:
            hd.add(k, v)
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(data), headers=hd, status=status, preload_content=False
        )
        return HTTPAdapter().build_response(request, raw)

    def close(self) -> None:
        pass


class FakeAuth:
    def __init__(self, token: str = TOKEN, refresh_result: bool = False) -> None:
        self.token = token
        self.refresh_result = refresh_result
        self.refreshes = 0

    def credentials(self) -> Any:
        class C:
            headers = {"Authorization": f"Bearer {self.token}"}
            client_cert_data = None
            client_key_data = None

        return C()

    def refresh(self) -> bool:
        self.refreshes += 1
        self.token = "fresh-token"
        return self.refresh_result


def make_client(
    replies: list[Any],
    *,
    verbosity: int = 0,
    config: RestConfig | None = None,
    environ: dict[str, str] | None = None,
    auth: FakeAuth | None = None,
    **kwargs: Any,
) -> tuple[RESTClient, FakeAdapter, Environment, list[float]]:
    adapter = FakeAdapter(replies)
    env = Environment.for_test(environ=environ or {})
    slept: list[float] = []
    client = RESTClient(
        config or RestConfig(host="https://k8s.example:6443"),
        env,
        verbosity=verbosity,
        adapter=adapter,
        authenticator=auth or FakeAuth(),
        sleep=slept.append,
        **kwargs,
    )
    return client, adapter, env, slept


def status_body(code: int, reason: str, message: str, **details: Any) -> bytes:
    return json.dumps(status(code, reason, message, **details)).encode()


JSON = [("Content-Type", "application/json")]
OK: Reply = (200, JSON, b'{"kind":"ConfigMap"}')


# -- Status and non-Status errors ------------------------------------------------------------


def test_status_body_becomes_typed_not_found_with_kubectl_text() -> None:
    body = status_body(
        404, "NotFound", 'configmaps "nope" not found', name="nope", kind="configmaps"
    )
    client, _, _, _ = make_client([(404, JSON, body)])
    with pytest.raises(NotFound) as info:
        client.request("GET", "/api/v1/namespaces/default/configmaps/nope")
    assert str(info.value) == 'Error from server (NotFound): configmaps "nope" not found'
    assert info.value.status.kind == "configmaps" and info.value.code == 404


def test_invalid_status_lists_causes_like_kubectl() -> None:
    causes = [
        {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.containers"},
        {"reason": "FieldValueInvalid", "message": "bad name", "field": "metadata.name"},
        {"reason": "FieldValueInvalid", "message": "bad name", "field": "metadata.name"},
    ]
    body = status_body(422, "Invalid", "x", kind="Pod", name="web", causes=causes)
    client, _, _, _ = make_client([(422, JSON, body)])
    with pytest.raises(APIError) as info:
        client.request("POST", "/api/v1/namespaces/default/pods", body={"kind": "Pod"})
    assert str(info.value) == (
        'The Pod "web" is invalid: \n* spec.containers: Required value\n* metadata.name: bad name'
    )


def test_invalid_with_one_cause_is_one_line() -> None:
    causes = [{"reason": "FieldValueInvalid", "message": "bad", "field": "data"}]
    body = status_body(422, "Invalid", "x", kind="ConfigMap", name="c", causes=causes)
    client, _, _, _ = make_client([(422, JSON, body)])
    with pytest.raises(APIError) as info:
        client.request("PUT", "/x", body=b"{}")
    assert str(info.value) == 'The ConfigMap "c" is invalid: data: bad'


def test_status_without_reason_and_unauthorized_texts() -> None:
    client, _, _, _ = make_client(
        [
            (500, JSON, status_body(500, "", "etcd is sad")),
            (401, JSON, status_body(401, "Unauthorized", "Unauthorized")),
        ]
    )
    with pytest.raises(APIError) as info:
        client.request("GET", "/a")
    assert str(info.value) == "Error from server: etcd is sad"
    with pytest.raises(APIError) as info:
        client.request("GET", "/b")
    assert str(info.value) == "error: You must be logged in to the server (Unauthorized)"


def test_text_body_of_a_5xx_is_quoted_and_cut_at_2048_bytes() -> None:
    body = b'  proxy says "no"\n' + b"x" * 5000
    client, _, _, _ = make_client([(500, [("Content-Type", "text/plain")], body)])
    with pytest.raises(APIError) as info:
        client.request("POST", "/api/v1/x", body=b"{}")
    text = str(info.value)
    expected_inner = 'proxy says \\"no\\"\\n' + "x" * (2048 - 18)
    assert text == (
        f'Error from server (InternalError): an error on the server ("{expected_inner}") '
        "has prevented the request from succeeding"
    )


def test_non_status_404_and_builder_suffix() -> None:
    client, _, _, _ = make_client(
        [
            (404, [("Content-Type", "text/plain; charset=utf-8")], b"404 page not found\n"),
            (404, [("Content-Type", "text/html")], b"<html>gone</html>"),
        ]
    )
    with pytest.raises(NotFound) as info:
        client.request("GET", "/foo")
    assert str(info.value) == (
        "Error from server (NotFound): the server could not find the requested resource"
    )
    with pytest.raises(NotFound) as info:
        client.get().namespace("default").resource(CM).name("foo").do()
    assert str(info.value) == (
        "Error from server (NotFound): the server could not find the requested resource "
        "(get configmaps foo)"
    )


def test_json_body_that_is_not_a_status_gives_unknown() -> None:
    client, _, _, _ = make_client([(502, JSON, b'{"error": "upstream"}')])
    with pytest.raises(APIError) as info:
        client.request("POST", "/x", body=b"{}")
    assert str(info.value) == (
        'Error from server (InternalError): an error on the server ("unknown") '
        "has prevented the request from succeeding"
    )


def test_conflict_without_status_depends_on_verb() -> None:
    client, _, _, _ = make_client([(409, [], b""), (409, [], b"")])
    with pytest.raises(APIError) as info:
        client.request("POST", "/x", body=b"{}")
    assert str(info.value) == "Error from server (AlreadyExists): the server reported a conflict"
    with pytest.raises(APIError) as info:
        client.request("PUT", "/x", body=b"{}")
    assert str(info.value) == "Error from server (Conflict): the server reported a conflict"


def test_304_is_returned_for_etag_revalidation() -> None:
    client, adapter, _, _ = make_client([(304, [("ETag", '"abc"')], b"")])
    resp = client.request("GET", "/api", headers={"If-None-Match": '"abc"'})
    assert resp.status_code == 304
    assert adapter.sent[0]["headers"]["If-None-Match"] == '"abc"'


# -- auth refresh -----------------------------------------------------------------------------


def test_401_refreshes_credentials_and_retries_once() -> None:
    auth = FakeAuth(refresh_result=True)
    unauthorized = (401, JSON, status_body(401, "Unauthorized", "Unauthorized"))
    client, adapter, _, _ = make_client([unauthorized, OK], auth=auth)
    assert client.request("GET", "/x").status_code == 200
    assert auth.refreshes == 1
    assert [s["headers"]["Authorization"] for s in adapter.sent] == [
        f"Bearer {TOKEN}",
        "Bearer fresh-token",
    ]


def test_401_again_after_refresh_is_an_error() -> None:
    auth = FakeAuth(refresh_result=True)
    unauthorized = (401, JSON, status_body(401, "Unauthorized", "Unauthorized"))
    client, adapter, _, _ = make_client([unauthorized, unauthorized], auth=auth)
    with pytest.raises(APIError):
        client.request("GET", "/x")
    assert auth.refreshes == 1 and len(adapter.sent) == 2


# -- retries ----------------------------------------------------------------------------------


def test_429_with_retry_after_is_retried_for_any_verb() -> None:
    busy = (429, [("Retry-After", "2")] + JSON, status_body(429, "TooManyRequests", "slow"))
    client, adapter, _, slept = make_client([busy, OK])
    assert client.request("POST", "/x", body=b"{}").status_code == 200
    assert slept == [2.0]
    assert [s["body"] for s in adapter.sent] == [b"{}", b"{}"]


def test_503_without_retry_after_backs_off_on_get_only() -> None:
    down = (503, [("Content-Type", "text/plain")], b"unavailable")
    client, adapter, _, slept = make_client([down] * 5)
    with pytest.raises(APIError) as info:
        client.request("GET", "/x")
    assert slept == [0.5, 1.0, 2.0, 4.0] and len(adapter.sent) == 5
    assert str(info.value) == (
        "Error from server (ServiceUnavailable): the server is currently unable to handle "
        "the request"
    )
    client, adapter, _, slept = make_client([down])
    with pytest.raises(APIError):
        client.request("POST", "/x", body=b"{}")
    assert slept == [] and len(adapter.sent) == 1


def test_500_without_retry_after_is_not_retried() -> None:
    client, adapter, _, slept = make_client([(500, JSON, status_body(500, "InternalError", "x"))])
    with pytest.raises(APIError):
        client.request("GET", "/x")
    assert slept == [] and len(adapter.sent) == 1


def test_retries_are_bounded_to_ten() -> None:
    busy = (429, [("Retry-After", "0")], b"")
    client, adapter, _, slept = make_client([busy] * 11)
    with pytest.raises(APIError) as info:
        client.request("GET", "/x")
    assert len(adapter.sent) == 11 and len(slept) == 10
    assert info.value.reason == "TooManyRequests"


def test_retry_after_beyond_the_budget_gives_up() -> None:
    busy = (503, [("Retry-After", "45")], b"")
    client, adapter, _, slept = make_client([busy, busy, OK], retry_budget=60.0)
    with pytest.raises(APIError):
        client.request("GET", "/x")
    assert slept == [45.0] and len(adapter.sent) == 2


def test_retry_stops_at_the_request_timeout_deadline() -> None:
    busy = (503, [("Retry-After", "5")], b"")
    config = RestConfig(host="https://k8s.example:6443", timeout=3.0)
    client, adapter, _, slept = make_client([busy, OK], config=config)
    with pytest.raises(APIError):
        client.request("GET", "/x")
    assert slept == [] and len(adapter.sent) == 1


def test_streamed_request_body_is_never_retried() -> None:
    busy = (429, [("Retry-After", "1")], b"")
    client, adapter, _, slept = make_client([busy, OK])
    with pytest.raises(APIError):
        client.request("POST", "/x", body=io.BytesIO(b"{}"))  # type: ignore[arg-type]
    assert slept == [] and len(adapter.sent) == 1


def test_connection_reset_is_retried_for_get_only() -> None:
    reset = requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError(104, "reset"))
    )
    client, adapter, _, slept = make_client([reset, OK])
    assert client.request("GET", "/x").status_code == 200
    assert slept == [1.0]
    client, adapter, _, slept = make_client([reset])
    with pytest.raises(ConnectionFailed) as info:
        client.request("POST", "/x", body=b"{}")
    assert slept == []
    assert str(info.value) == (
        "Unable to connect to the server: read tcp k8s.example:6443: read: connection reset by peer"
    )


# -- network failures and timeouts ----------------------------------------------------------


def _refused() -> requests.exceptions.ConnectionError:
    inner = urllib3.exceptions.NewConnectionError(
        None, "Failed to establish a new connection: [Errno 111] Connection refused"
    )
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, "/x", inner)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("https://127.0.0.1:6443", "127.0.0.1:6443"),
        ("https://127.0.0.1", "127.0.0.1"),
        ("https://[::1]:1", "[::1]:1"),
        ("https://user:pw@example.com:8443/prefix", "example.com:8443"),
    ],
)
def test_connection_refused_names_the_url_host(host: str, shown: str) -> None:
    client, _, _, _ = make_client([_refused()], config=RestConfig(host=host))
    with pytest.raises(ConnectionRefused) as info:
        client.request("GET", "/version")
    assert str(info.value) == (
        f"The connection to the server {shown} was refused - "
        "did you specify the right host or port?"
    )


def test_timeout_flag_sets_query_and_socket_timeouts() -> None:
    config = RestConfig(host="https://k8s.example:6443", timeout=5.0)
    client, adapter, _, _ = make_client([OK, OK], config=config)
    client.request("GET", "/api/v1/pods?limit=1")
    assert adapter.sent[0]["url"] == "https://k8s.example:6443/api/v1/pods?limit=1&timeout=5s"
    assert adapter.sent[0]["timeout"] == (5.0, 5.0)
    client.request("GET", "/api", timeout=32)  # discovery's own timeout wins
    assert adapter.sent[1]["url"].endswith("/api?timeout=32s")


def test_no_timeout_means_no_read_limit_and_no_query() -> None:
    client, adapter, _, _ = make_client([OK])
    client.request("GET", "/api")
    assert adapter.sent[0]["url"] == "https://k8s.example:6443/api"
    assert adapter.sent[0]["timeout"] == (30.0, None)


def test_read_timeout_is_a_request_timeout_error() -> None:
    client, _, _, _ = make_client([requests.exceptions.ReadTimeout("read timed out")])
    with pytest.raises(RequestTimeout) as info:
        client.request("GET", "/x")
    assert str(info.value) == "Unable to connect to the server: context deadline exceeded"


def test_dns_failure_reads_like_go() -> None:
    class NameResolutionError(Exception):
        pass

    exc = requests.exceptions.ConnectionError(
        NameResolutionError("Failed to resolve 'nope.invalid'")
    )
    client, _, _, _ = make_client([exc], config=RestConfig(host="https://nope.invalid:6443"))
    with pytest.raises(ConnectionFailed) as info:
        client.request("GET", "/x")
    assert str(info.value) == (
        "Unable to connect to the server: dial tcp: lookup nope.invalid: no such host"
    )


# -- warnings ---------------------------------------------------------------------------------


def test_warning_headers_print_once_per_client_and_only_code_299() -> None:
    warn = [
        ("Warning", '299 - "v1 ComponentStatus is deprecated"'),
        ("Warning", '299 - "first, with a comma", 299 - "second \\"quoted\\""'),
        ("Warning", '199 - "miscellaneous, not shown"'),
    ]
    client, _, env, _ = make_client([(200, warn + JSON, b"{}"), (200, warn + JSON, b"{}")])
    client.request("GET", "/a")
    client.request("GET", "/b")
    assert env.stderr.getvalue() == (  # type: ignore[attr-defined]
        "Warning: v1 ComponentStatus is deprecated\n"
        "Warning: first, with a comma\n"
        'Warning: second "quoted"\n'
    )


def test_warnings_are_kept_per_client_not_in_a_process_global() -> None:
    """Each client remembers what it printed; nothing outlives it (a module-global keyed by
    id(env) kept every environment alive, and a new environment reusing a dead one's id would
    have had its warnings swallowed)."""
    warn = [("Warning", '299 - "deprecated"')]
    first, _, first_env, _ = make_client([(200, warn + JSON, b"{}")])
    second, _, second_env, _ = make_client([(200, warn + JSON, b"{}")])
    first.request("GET", "/a")
    second.request("GET", "/a")
    for env in (first_env, second_env):
        assert env.stderr.getvalue() == "Warning: deprecated\n"  # type: ignore[attr-defined]
    gone = weakref.ref(first_env)
    del first, first_env
    gc.collect()
    assert gone() is None


# -- -v logging -------------------------------------------------------------------------------

_KLOG = re.compile(r"^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ rest\.py:\d+\] ")


def test_v6_logs_exactly_one_line_per_request_including_retries_and_failures() -> None:
    busy = (429, [("Retry-After", "0")], b"")
    client, _, env, _ = make_client([busy, OK, _refused()], verbosity=6)
    client.request("GET", "/api/v1/pods")
    with pytest.raises(ConnectionRefused):
        client.request("GET", "/version")
    every = env.stderr.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(_KLOG.match(line) for line in every)
    # besides the per-request lines, only kubectl's level-4 notes (retry, connection error)
    lines = [line for line in every if '] "Response" ' in line]
    assert len(lines) == 3
    assert len(every) == 5
    rest = [_KLOG.sub("", line) for line in lines]
    assert rest[0] == (
        '"Response" verb="GET" url="https://k8s.example:6443/api/v1/pods" '
        'status="429 Too Many Requests" milliseconds=' + rest[0].rsplit("=", 1)[1]
    )
    assert (
        '"Response" verb="GET" url="https://k8s.example:6443/api/v1/pods" status="200 OK"'
        in rest[1]
    )
    assert '"Response" verb="GET" url="https://k8s.example:6443/version" status=""' in rest[2]


def test_v8_shows_headers_with_secrets_masked() -> None:
    reply = (200, JSON + [("Set-Cookie", "session=abcdef")], b"{}")
    client, _, env, _ = make_client([reply], verbosity=8)
    client.request("GET", "/api", headers={"Cookie": "session=abcdef"})
    log = env.stderr.getvalue()  # type: ignore[attr-defined]
    assert TOKEN not in log and "abcdef" not in log
    assert "\tAuthorization: Bearer <masked>\n" in log
    assert "\tCookie: <masked>\n" in log and "\tSet-Cookie: <masked>\n" in log
    assert "\tAccept: application/json, */*\n" in log
    assert '"Response" status="200 OK" headers=<' in log


def test_v9_bodies_stay_free_of_credentials_in_headers() -> None:
    client, _, env, _ = make_client([(200, JSON, b'{"kind":"Status"}')], verbosity=9)
    client.request("GET", "/api")
    log = env.stderr.getvalue()  # type: ignore[attr-defined]
    assert '"Response Body" body="{\\"kind\\":\\"Status\\"}"' in log
    assert TOKEN not in log


def test_no_logging_below_6() -> None:
    client, _, env, _ = make_client([OK], verbosity=5)
    client.request("GET", "/api")
    assert env.stderr.getvalue() == ""  # type: ignore[attr-defined]


# -- headers, builder, paging, watch ---------------------------------------------------------


def test_user_agent_accept_and_json_body() -> None:
    client, adapter, _, _ = make_client([OK])
    client.request("POST", "/api/v1/namespaces/a/configmaps", body={"kind": "ConfigMap"})
    sent = adapter.sent[0]
    assert re.fullmatch(
        r"kctl/\d+\.\d+\.\d+\S* \(\w+/\w+\) python/\d+\.\d+\.\d+", sent["headers"]["User-Agent"]
    )
    assert sent["headers"]["Accept"] == "application/json, */*"
    assert sent["headers"]["Content-Type"] == "application/json"
    assert json.loads(sent["body"]) == {"kind": "ConfigMap"}


def test_impersonation_sends_each_group_as_its_own_header() -> None:
    config = RestConfig(
        host="https://k8s.example:6443",
        impersonate_user="jane",
        impersonate_groups=("dev", "ops"),
    )
    client, adapter, _, _ = make_client([OK], config=config)
    client.request("GET", "/api")
    headers = adapter.sent[0]["headers"]
    assert headers["Impersonate-User"] == "jane"
    assert headers.getlist("Impersonate-Group") == ["dev", "ops"]


def test_impersonation_uid_and_extras_and_disabled_compression() -> None:
    config = RestConfig(
        host="https://k8s.example:6443",
        impersonate_user="jane",
        impersonate_uid="u-1",
        impersonate_extra={"scopes.example/x y": ["a", "b"]},
        disable_compression=True,
    )
    client, adapter, _, _ = make_client([OK], config=config)
    client.request("GET", "/api")
    headers = adapter.sent[0]["headers"]
    assert headers["Impersonate-Uid"] == "u-1"
    assert headers.getlist("Impersonate-Extra-scopes.example%2Fx%20y") == ["a", "b"]
    assert headers["Accept-Encoding"] == "identity"


def test_builder_escapes_segments_and_rejects_bad_ones() -> None:
    client, adapter, _, _ = make_client([OK, OK])
    deploy = GroupVersionResource("apps", "v1", "deployments")
    client.verb("GET").namespace("ns 1").resource(deploy).name("web:1").subresource("scale").param(
        "pretty", True
    ).do()
    assert adapter.sent[0]["url"] == (
        "https://k8s.example:6443/apis/apps/v1/namespaces/ns%201/deployments/web%3A1/scale"
        "?pretty=true"
    )
    client.get().resource(CM).param("labelSelector", "a=b,c!=d").do()
    assert adapter.sent[1]["url"] == (
        "https://k8s.example:6443/api/v1/configmaps?labelSelector=a%3Db%2Cc%21%3Dd"
    )
    with pytest.raises(UsageError) as info:
        client.get().resource(CM).name("a/b")
    assert str(info.value) == "error: invalid resource name \"a/b\": [may not contain '/']"
    with pytest.raises(UsageError):
        client.get().resource(CM).name("..")


def test_list_pages_follows_continue_tokens() -> None:
    page1 = json.dumps({"items": [1, 2], "metadata": {"continue": "tok/1"}}).encode()
    page2 = json.dumps({"items": [3], "metadata": {"continue": ""}}).encode()
    client, adapter, _, _ = make_client([(200, JSON, page1), (200, JSON, page2)])
    pages = list(client.list_pages("/api/v1/pods", {"labelSelector": "a=b"}, chunk_size=2))
    assert [p["items"] for p in pages] == [[1, 2], [3]]
    assert [s["url"].split("?", 1)[1] for s in adapter.sent] == [
        "labelSelector=a%3Db&limit=2",
        "labelSelector=a%3Db&limit=2&continue=tok%2F1",
    ]


def test_watch_decodes_events_split_across_chunks() -> None:
    events = [
        {"type": "ADDED", "object": {"metadata": {"name": "ä"}}},
        {"type": "DELETED", "object": {"metadata": {"name": "b"}}},
    ]
    data = b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in events)
    client, adapter, _, _ = make_client([(200, JSON, data)])
    got = list(client.watch("/api/v1/configmaps", {"resourceVersion": "5"}))
    assert got == events
    assert adapter.sent[0]["url"].endswith("/api/v1/configmaps?resourceVersion=5&watch=true")


def test_decode_json_stream_handles_chunk_boundaries_inside_utf8() -> None:
    from kctl.rest.client import decode_json_stream

    payload = '{"type":"ADDED","object":{"n":"żółw"}}\n{"type":"MODIFIED","object":{}}'.encode()

    class Resp:
        class raw:  # noqa: N801 - mimics requests' attribute
            chunked = True

        def iter_content(self, chunk_size: Any = None) -> Any:
            for i in range(0, len(payload), 3):
                yield payload[i : i + 3]

        def close(self) -> None:
            pass

    got = list(decode_json_stream(Resp()))  # type: ignore[arg-type]
    assert got == [{"type": "ADDED", "object": {"n": "żółw"}}, {"type": "MODIFIED", "object": {}}]


def test_request_timeout_bounds_the_whole_exchange() -> None:
    clock = iter([0.0, 0.0, 0.0, 9.0, 9.0, 9.0])
    config = RestConfig(host="https://k8s.example:6443", timeout=5.0)
    client, _, _, _ = make_client([OK], config=config, monotonic=lambda: next(clock))
    with pytest.raises(ConnectionFailed) as info:
        client.request("GET", "/version")
    # The deadline passed while the body was being read: client-go's body-read text.
    assert str(info.value) == (
        "unexpected error when reading response body. Please retry. "
        "Original error: context deadline exceeded"
    )


def test_proxy_from_the_injected_environment_reaches_the_transport() -> None:
    client, adapter, _, _ = make_client([OK], environ={"HTTPS_PROXY": "http://proxy:3128"})
    client.request("GET", "/api")
    assert adapter.sent[0]["proxies"]["https"] == "http://proxy:3128"
    environ = {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".example:6443"}
    client, adapter, _, _ = make_client([OK], environ=environ)
    client.request("GET", "/api")
    assert not adapter.sent[0]["proxies"]


def test_process_environment_proxy_and_netrc_are_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # Only the injected environment counts; ~/.netrc must never add credentials.
    monkeypatch.setenv("HTTPS_PROXY", "http://from-process:1")
    (tmp_path / ".netrc").write_text("machine k8s.example login u password leaked\n")
    monkeypatch.setenv("NETRC", str(tmp_path / ".netrc"))
    client, adapter, _, _ = make_client([OK], auth=FakeAuth(token=""))
    client.request("GET", "/api")
    assert not adapter.sent[0]["proxies"]
    assert adapter.sent[0]["headers"]["Authorization"] == "Bearer "


def test_a_body_cut_short_is_a_connection_error_not_a_traceback() -> None:
    def truncated(request: Any) -> Any:
        hd = HTTPHeaderDict({"Content-Type": "application/json", "Content-Length": "100"})
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(b'{"kind":'),
            headers=hd,
            status=200,
            preload_content=False,
            enforce_content_length=True,
        )
        return HTTPAdapter().build_response(request, raw)

    client, _, _, _ = make_client([truncated])
    with pytest.raises(ConnectionFailed) as info:
        client.request("GET", "/api")
    # (This fake fails inside the send; a body cut on a real socket is a BodyReadError, see
    # tests/unit/test_faults.py.)
    assert str(info.value) == "Unable to connect to the server: unexpected EOF"
