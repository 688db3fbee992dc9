"""The transport contract: ``RESTClient`` answers the same over requests and over the standard
library's ``http.client`` (``kctl.rest.stdlib``). Every test runs once per transport against the
fault server (tests/faultserver.py), a real socket: headers sent, Status errors, retries,
credentials refresh, warnings, compressed and chunked bodies, broken connections, the
whole-request deadline and the ``-v 8`` log. TLS and proxies: tests/unit/test_rest_transport.py
(also run against both)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from kctl.env import Environment
from kctl.errors import BodyReadError, ConnectionFailed, ConnectionRefused, KctlError, NotFound
from kctl.rest.client import RESTClient, decode_json_stream
from kctl.rest.config import RestConfig
from tests.faultserver import Exchange, FaultServer, gzip_bytes, status

TRANSPORTS = ("requests", "stdlib")
BODY_ERROR = "unexpected error when reading response body. Please retry. Original error: "


class Auth:
    """Credentials that change on refresh (like a re-run exec plugin)."""

    def __init__(self) -> None:
        self.token = "first"
        self.refreshes = 0

    def credentials(self) -> Any:
        token = self.token

        class C:
            headers = {"Authorization": f"Bearer {token}"}
            client_cert_data = None
            client_key_data = None

        return C()

    def refresh(self) -> bool:
        self.refreshes += 1
        self.token = "second"
        return True


class Client:
    """A RESTClient on one transport, with a recorded (not slept) back-off."""

    def __init__(self, fs: FaultServer, transport: str, *, tls: bool = False, **config: Any):
        self.env = Environment.for_test(environ={})
        self.slept: list[float] = []
        self.auth = Auth()
        verbosity = config.pop("verbosity", 0)
        host = fs.tls_url if tls else fs.url
        rest = RestConfig(host=host, ca_data=fs.certs.ca_pem if tls else None, **config)
        self.rest = RESTClient(
            rest,
            self.env,
            verbosity=verbosity,
            authenticator=self.auth,
            sleep=self.slept.append,
            transport=transport,
        )
        assert self.rest.uses_stdlib() == (transport == "stdlib")

    @property
    def stderr(self) -> str:
        return str(self.env.stderr.getvalue())  # type: ignore[attr-defined]


@pytest.fixture(params=TRANSPORTS)
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_same_headers_go_out(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: ex.respond(200, {}))
    client = Client(fs, transport, impersonate_user="jane")
    client.rest.get_json("/x", headers={"Accept": "application/json"})
    client.rest.request("POST", "/x", body={"a": 1})
    get, post = fs.requests
    assert get.method == "GET" and get.target == "/x"
    assert {k: v for k, v in get.headers.items() if k != "host"} == {
        "user-agent": get.headers["user-agent"],
        "accept-encoding": "gzip, deflate",
        "accept": "application/json",
        "authorization": "Bearer first",
        "impersonate-user": "jane",
    }
    assert get.headers["user-agent"].startswith("kctl/")
    assert get.headers["host"] == fs.url.split("://")[1]
    assert post.headers["content-type"] == "application/json"
    assert post.headers["content-length"] == "8" and post.body == b'{"a": 1}'


def test_status_body_becomes_the_typed_error(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: ex.respond(404, status(404, "NotFound", 'pods "a" not found')))
    with pytest.raises(NotFound) as info:
        Client(fs, transport).rest.get_json("/x")
    assert str(info.value) == 'Error from server (NotFound): pods "a" not found'


def test_text_5xx_is_quoted_like_client_go(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: ex.respond(500, "boom", content_type="text/plain"))
    with pytest.raises(KctlError) as info:
        Client(fs, transport).rest.get_json("/x")
    assert str(info.value) == (
        'Error from server (InternalError): an error on the server ("boom") has prevented the '
        "request from succeeding"
    )


def test_retry_after_is_honoured_then_the_answer_returned(fs: FaultServer, transport: str) -> None:
    answers = iter([(429, [("Retry-After", "2")]), (200, [])])

    def handler(ex: Exchange) -> None:
        code, headers = next(answers)
        ex.respond(code, {"ok": code}, headers=headers)

    fs.route("/x", handler)
    client = Client(fs, transport)
    assert client.rest.get_json("/x") == {"ok": 200}
    assert client.slept == [2.0] and len(fs.requests) == 2


def test_503_backs_off_on_get(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: ex.respond(503, "down", content_type="text/plain"))
    client = Client(fs, transport)
    with pytest.raises(KctlError):
        client.rest.get_json("/x")
    assert client.slept == [0.5, 1.0, 2.0, 4.0] and len(fs.requests) == 5


def test_401_refreshes_the_credentials_once(fs: FaultServer, transport: str) -> None:
    def handler(ex: Exchange) -> None:
        if ex.headers.get("authorization") == "Bearer second":
            ex.respond(200, {"ok": True})
        else:
            ex.respond(401, status(401, "Unauthorized", "Unauthorized"))

    fs.route("/x", handler)
    client = Client(fs, transport)
    assert client.rest.get_json("/x") == {"ok": True}
    assert client.auth.refreshes == 1


def test_warnings_are_printed_once(fs: FaultServer, transport: str) -> None:
    warn = [("Warning", '299 - "old api"'), ("Warning", '299 - "other, with a comma"')]
    fs.route("/x", lambda ex: ex.respond(200, {}, headers=warn))
    client = Client(fs, transport)
    client.rest.get_json("/x")
    client.rest.get_json("/x")
    assert client.stderr == "Warning: old api\nWarning: other, with a comma\n"


def test_gzip_body_is_decoded(fs: FaultServer, transport: str) -> None:
    body = gzip_bytes(json.dumps({"items": list(range(1000))}).encode())
    fs.route("/x", lambda ex: ex.respond(200, body, headers=[("Content-Encoding", "gzip")]))
    assert Client(fs, transport).rest.get_json("/x") == {"items": list(range(1000))}


def _chunked(ex: Exchange, parts: list[bytes], end: bool = True) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
    ex.send_raw(head + b"Connection: close\r\n\r\n")
    for part in parts:
        ex.send_raw(b"%x\r\n%s\r\n" % (len(part), part))
    if end:
        ex.send_raw(b"0\r\n\r\n")


def test_chunked_body_streams_event_by_event(fs: FaultServer, transport: str) -> None:
    events = [json.dumps({"type": "ADDED", "object": {"n": i}}).encode() + b"\n" for i in range(3)]
    fs.route("/w", lambda ex: _chunked(ex, events))
    client = Client(fs, transport)
    assert [e["object"]["n"] for e in client.rest.watch("/w")] == [0, 1, 2]
    fs.route("/x", lambda ex: _chunked(ex, [b'{"a":', b" 1}"]))
    assert client.rest.get_json("/x") == {"a": 1}


def test_truncated_body_is_unexpected_eof(fs: FaultServer, transport: str) -> None:
    def handler(ex: Exchange) -> None:
        ex.send_raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        ex.send_raw(b'Content-Length: 100\r\nConnection: close\r\n\r\n{"a":')

    fs.route("/x", handler)
    with pytest.raises(BodyReadError) as info:
        Client(fs, transport).rest.get_json("/x")
    assert str(info.value) == BODY_ERROR + "unexpected EOF"  # kubectl's text


def test_hang_up_before_answering_is_retried_once_then_eof(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: None)  # the connection closes without a byte
    client = Client(fs, transport)
    with pytest.raises(ConnectionFailed) as info:
        client.rest.get_json("/x")
    assert str(info.value) == "Unable to connect to the server: EOF"
    assert client.slept[0] == 1.0


def test_refused_connection(transport: str) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    rest = RESTClient(
        RestConfig(host=f"http://127.0.0.1:{port}"),
        Environment.for_test(environ={}),
        authenticator=Auth(),
        transport=transport,
    )
    with pytest.raises(ConnectionRefused) as info:
        rest.get_json("/x")
    assert str(info.value) == (
        f"The connection to the server 127.0.0.1:{port} was refused - did you specify the "
        "right host or port?"
    )


def test_the_deadline_bounds_a_trickling_body(fs: FaultServer, transport: str) -> None:
    def handler(ex: Exchange) -> None:
        ex.send_raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        ex.send_raw(b"Content-Length: 1000\r\nConnection: close\r\n\r\n")
        for _ in range(40):  # a byte every 0.1 s: each read is quick, the whole is not
            ex.send_raw(b" ")
            time.sleep(0.1)

    fs.route("/x", handler)
    started = time.monotonic()
    with pytest.raises(BodyReadError) as info:
        Client(fs, transport, timeout=1.0).rest.get_json("/x")
    assert time.monotonic() - started < 3.5  # the body would take 4 s
    assert str(info.value) == BODY_ERROR + "context deadline exceeded"


def test_tls_to_the_fault_server(fs: FaultServer, transport: str) -> None:
    fs.route("/x", lambda ex: ex.respond(200, {"tls": True}))
    client = Client(fs, transport, tls=True)  # the certificate names 127.0.0.1
    assert client.rest.get_json("/x") == {"tls": True}


def _normalised_log(text: str) -> list[str]:
    # timestamps, pid, milliseconds and the per-request Audit-free headers differ by run
    text = re.sub(r"^I\d{4} [\d:.]+\s+\d+ ", "", text, flags=re.M)
    text = re.sub(r"milliseconds=\d+", "milliseconds=N", text)
    text = re.sub(r"Date: .*", "Date: D", text)
    return text.splitlines()


def test_the_v8_log_is_the_same_on_both_transports(fs: FaultServer) -> None:
    fs.route("/x", lambda ex: ex.respond(200, {"a": 1}, headers=[("X-Extra", "1")]))
    logs = []
    for transport in TRANSPORTS:
        client = Client(fs, transport, verbosity=8)
        client.rest.get_json("/x", params={"q": "v"})
        client.rest.request("DELETE", "/x")
        logs.append(_normalised_log(client.stderr))
    assert logs[0] == logs[1]
    assert any('"Request" verb="GET"' in line for line in logs[0])
    assert any("Content-Length: 0" in line for line in logs[0])  # DELETE without a body


def test_keep_alive_connection_is_reused(transport: str) -> None:
    """Two requests, one connection (a server that keeps it open)."""
    import http.server
    import threading

    peers: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            peers.append(self.client_address[1])
            body = b"{}"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rest = RESTClient(
            RestConfig(host=f"http://127.0.0.1:{server.server_address[1]}"),
            Environment.for_test(environ={}),
            authenticator=Auth(),
            transport=transport,
        )
        rest.get_json("/a")
        rest.get_json("/b")
        assert len(peers) == 2 and peers[0] == peers[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_quiet_watch_ends_at_its_read_timeout(fs: FaultServer, transport: str) -> None:
    """No deadline (a watch), a read timeout: when the server says nothing for that long the
    stream simply ends, on both transports (the watch engine reconnects)."""

    def handler(ex: Exchange) -> None:
        _chunked(
            ex, [json.dumps({"type": "ADDED", "object": {"n": 1}}).encode() + b"\n"], end=False
        )
        time.sleep(3)

    fs.route("/w", handler)
    client = Client(fs, transport)
    resp = client.rest.request("GET", "/w", stream=True, timeout=0, read_timeout=0.5)
    started = time.monotonic()
    events = [e["object"]["n"] for e in decode_json_stream(resp)]
    assert events == [1] and time.monotonic() - started < 2.5


# -- preconnect (the stdlib transport only; requests ignores it) -------------------------------


def _plain_client(url: str, transport: str = "stdlib", **kw: Any) -> RESTClient:
    return RESTClient(
        RestConfig(host=url),
        Environment.for_test(environ={}),
        authenticator=Auth(),
        transport=transport,
        **kw,
    )


class _Listener:
    """A TLS-less HTTP/1.1 server that records each connection's source port and can hold back
    its answers until told, so a test sees when a connection was opened."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.accepted: list[int] = []
        self.peers: list[int] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                listener.accepted.append(self.client_address[1])
                super().setup()

            def do_GET(self) -> None:  # noqa: N802
                listener.peers.append(self.client_address[1])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_preconnect_opens_the_connection_the_first_request_takes() -> None:
    import time

    server = _Listener()
    try:
        rest = _plain_client(server.url)
        rest.preconnect()
        rest.preconnect()  # a second call while one is open adds nothing
        for _ in range(200):
            if server.accepted:
                break
            time.sleep(0.01)
        assert len(server.accepted) == 1 and server.peers == []  # open before any request
        rest.get_json("/a")
        rest.get_json("/b")
        assert server.peers == server.accepted * 2  # both requests on the preconnected one
    finally:
        server.close()


def test_a_failed_preconnect_is_reported_by_the_request_exactly_as_without_it() -> None:
    import socket as socket_module

    with socket_module.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    texts = []
    for early in (False, True):
        rest = _plain_client(f"http://127.0.0.1:{port}", sleep=lambda _s: None)
        if early:
            rest.preconnect()
        with pytest.raises(KctlError) as info:
            rest.get_json("/a")
        texts.append(str(info.value))
    assert texts[0] == texts[1] and "was refused" in texts[0]


def test_preconnect_is_a_no_op_on_the_requests_transport() -> None:
    server = _Listener()
    try:
        rest = _plain_client(server.url, "requests")
        rest.preconnect()
        rest.get_json("/a")
        assert len(server.accepted) == 1 and server.peers == server.accepted
    finally:
        server.close()


def test_new_tls_settings_drop_a_connection_still_being_opened(fs: FaultServer) -> None:
    from kctl.rest.stdlib import StdlibTransport
    from kctl.rest.transport import build_ssl_context

    transport = StdlibTransport(fs.tls_url, None, None)
    transport.use_context(build_ssl_context(ca_data=fs.certs.ca_pem, insecure=False))
    transport.preconnect(5.0)
    opening = transport._opening
    assert opening is not None
    transport.use_context(build_ssl_context(ca_data=fs.certs.ca_pem, insecure=False))
    assert transport._opening is None  # the next request opens its own connection
    opening._done.wait(5)
    assert opening._conn is None  # closed once it was open, never handed out
