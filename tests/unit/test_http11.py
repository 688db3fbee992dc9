"""HTTP/1.1 as the stdlib transport speaks it (kctl.rest.http11 under kctl.rest.stdlib), against
a scripted socket server that answers each request with canned bytes: bodies framed by
Content-Length, chunks (with extensions and trailers) or the close; answers without a body;
1xx interim answers; keep-alive and its end; malformed answers turned into clear errors; the
request as it goes out, directly, through a plain proxy and through a CONNECT tunnel. What both
transports must agree on is tests/unit/test_rest_contract.py."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from kctl.env import Environment
from kctl.errors import BodyReadError, ConnectionFailed
from kctl.rest import http11
from kctl.rest.client import RESTClient
from kctl.rest.config import RestConfig
from kctl.rest.stdlib import ProxyConnectError, StdlibTransport

BODY_ERROR = "unexpected error when reading response body. Please retry. Original error: "
BROKEN = "Unable to connect to the server: net/http: HTTP/1.x transport connection broken: "


class Scripted:
    """Answers request n with ``answers[n]`` (raw bytes; None: hang up without a byte). An
    answer ending in ``CLOSE`` is followed by closing the connection. Records every request
    as (connection number, head, body)."""

    CLOSE = b"<close>"

    def __init__(self, answers: list[bytes | None]) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[int, bytes, bytes]] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        number = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn, number), daemon=True).start()
            number += 1

    def _serve(self, conn: socket.socket, number: int) -> None:
        with contextlib.suppress(OSError), conn:  # OSError: the test closed the server
            pending = b""
            while True:
                while b"\r\n\r\n" not in pending:
                    data = conn.recv(65536)
                    if not data:
                        return
                    pending += data
                head, _, pending = pending.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(pending) < length:
                    pending += conn.recv(65536)
                body, pending = pending[:length], pending[length:]
                self.requests.append((number, head, body))
                answer = self.answers.pop(0) if self.answers else None
                if answer is None:
                    return
                conn.sendall(answer.removesuffix(self.CLOSE))
                if answer.endswith(self.CLOSE):
                    return

    @property
    def connections(self) -> list[int]:
        return [number for number, _, _ in self.requests]

    def close(self) -> None:
        self.sock.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


@pytest.fixture()
def script() -> Iterator[Any]:
    servers: list[Scripted] = []

    def make(*answers: bytes | None) -> Scripted:
        servers.append(Scripted(list(answers)))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


def _get(transport: StdlibTransport, path: str = "/x", verb: str = "GET") -> tuple[Any, bytes]:
    url = f"{'https' if transport.https else 'http'}://{transport.host}:{transport.port}{path}"
    resp = transport.send(verb, url, [], None, connect_timeout=5, read_timeout=5)
    return resp, resp.content


def _client(url: str, **config: Any) -> RESTClient:
    class NoAuth:
        def credentials(self) -> Any:
            class C:
                headers: dict[str, str] = {}
                client_cert_data = None
                client_key_data = None

            return C()

        def refresh(self) -> bool:
            return False

    return RESTClient(
        RestConfig(host=url, **config),
        Environment.for_test(environ={}),
        authenticator=NoAuth(),
        sleep=lambda _: None,
        transport="stdlib",
    )


def _ok(body: bytes, *headers: bytes) -> bytes:
    head = b"".join(h + b"\r\n" for h in headers)
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), head, body)


# -- bodies -----------------------------------------------------------------------------------


def test_content_length_body_and_keep_alive_reuse(script: Any) -> None:
    server = script(_ok(b"one"), _ok(b"two"))
    transport = StdlibTransport(server.url, None, None)
    assert _get(transport)[1] == b"one"
    assert _get(transport)[1] == b"two"
    assert server.connections == [0, 0]  # one connection, kept alive


def test_chunked_body_with_extensions_and_trailers(script: Any) -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;name=value\r\nhello\r\n"
        b"1 ; ext\r\n \r\n"
        b"6\r\nworld!\r\n"
        b"0;last\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n"
    )
    server = script(chunked, _ok(b"next"))
    transport = StdlibTransport(server.url, None, None)
    resp, body = _get(transport)
    assert body == b"hello world!" and resp.chunked
    assert _get(transport)[1] == b"next"
    assert server.connections == [0, 0]  # the trailers were read: the connection is clean


def test_chunked_read1_gives_one_chunk_at_a_time(script: Any) -> None:
    server = script(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    )
    transport = StdlibTransport(server.url, None, None)
    url = server.url + "/w"
    resp = transport.send("GET", url, [], None, connect_timeout=5, read_timeout=5)
    assert [resp.read1(), resp.read1(), resp.read1()] == [b"abc", b"de", b""]


def test_close_delimited_body_is_read_to_the_close_and_not_reused(script: Any) -> None:
    server = script(b"HTTP/1.1 200 OK\r\n\r\nuntil the end" + Scripted.CLOSE, _ok(b"again"))
    transport = StdlibTransport(server.url, None, None)
    assert _get(transport)[1] == b"until the end"
    assert _get(transport)[1] == b"again"
    assert server.connections == [0, 1]


@pytest.mark.parametrize(
    ("verb", "answer"),
    [
        ("HEAD", b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"),
        ("HEAD", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("GET", b"HTTP/1.1 204 No Content\r\n\r\n"),
        ("GET", b"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"),
    ],
)
def test_answers_without_a_body(script: Any, verb: str, answer: bytes) -> None:
    server = script(answer, _ok(b"next"))
    transport = StdlibTransport(server.url, None, None)
    assert _get(transport, verb=verb)[1] == b""
    assert _get(transport)[1] == b"next"
    assert server.connections == [0, 0]  # nothing was left unread on the connection


def test_interim_1xx_answers_are_skipped(script: Any) -> None:
    server = script(
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n" + _ok(b"final")
    )
    resp, body = _get(StdlibTransport(server.url, None, None))
    assert (resp.status_code, body, "Link" in resp.headers) == (200, b"final", False)


@pytest.mark.parametrize(
    ("answer", "reused"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\na", False),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\na", False),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\na", True),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: Keep-Alive\r\n\r\na", True),
    ],
)
def test_keep_alive_is_decided_as_http_client_decides(
    script: Any, answer: bytes, reused: bool
) -> None:
    server = script(answer, _ok(b"b"))
    transport = StdlibTransport(server.url, None, None)
    assert _get(transport)[1] == b"a"
    assert _get(transport)[1] == b"b"
    assert server.connections == ([0, 0] if reused else [0, 1])


def test_a_kept_connection_the_server_closed_is_not_reused(script: Any) -> None:
    server = script(_ok(b"a", b"X: 1"), _ok(b"b"))
    transport = StdlibTransport(server.url, None, None)
    assert _get(transport)[1] == b"a"
    server.close()  # drops the idle connection
    (idle,) = transport._idle
    select.select([idle.sock], [], [], 5)  # the server's FIN has arrived
    server2 = script(_ok(b"b"))
    transport.port = int(server2.url.rsplit(":", 1)[1])
    assert _get(transport)[1] == b"b"


def test_repeated_headers_are_kept_and_values_read_like_http_client(script: Any) -> None:
    server = script(
        _ok(b"", b"Warning: one", b"warning:  two", b"X-Folded: a", b"\tb", b"X-Latin: \xe9")
    )
    resp, _ = _get(StdlibTransport(server.url, None, None))
    assert resp.headers.getlist("Warning") == ["one", "two"]
    assert resp.headers["warning"] == "one, two"
    assert resp.headers["X-Folded"] == "a b"
    assert resp.headers["X-Latin"] == "\xe9"
    assert resp.reason == "OK"


# -- broken answers: clear errors, Go's words -------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (b"garbage\r\n\r\n", BROKEN + 'malformed HTTP response "garbage"'),
        (b"HTTP/2.0 200 OK\r\n\r\n", BROKEN + 'malformed HTTP version "HTTP/2.0"'),
        (b"HTTP/1.1 2x0 OK\r\n\r\n", BROKEN + 'malformed HTTP status code "2x0"'),
        (
            b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            BROKEN + "malformed MIME header line: no colon here",
        ),
        (
            b"HTTP/1.1 200 OK\r\nbad name: v\r\n\r\n",
            BROKEN + "malformed MIME header line: bad name: v",
        ),
        (
            b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
            "Unable to connect to the server: got more than 65536 bytes when reading header line",
        ),
        (b"HTTP/1.1 200 OK\r\nX-Cut: a", "Unable to connect to the server: unexpected EOF"),
    ],
)
def test_a_malformed_head_is_a_clear_error(script: Any, answer: bytes, text: str) -> None:
    server = script(answer + Scripted.CLOSE)
    with pytest.raises(ConnectionFailed) as info:
        _client(server.url).get_json("/x")
    assert str(info.value) == text


def test_no_answer_at_all_is_eof_after_one_retry(script: Any) -> None:
    server = script(None, None)
    with pytest.raises(ConnectionFailed) as info:
        _client(server.url).get_json("/x")
    assert str(info.value) == "Unable to connect to the server: EOF"
    assert server.connections[:2] == [0, 1]  # a GET is retried on a new connection


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (b"zz\r\nabc\r\n0\r\n\r\n", "invalid byte in chunk length"),
        (b"-3\r\nabc\r\n0\r\n\r\n", "invalid byte in chunk length"),
        (b"3\r\nabc\r\n", "unexpected EOF"),  # closed where the next size should be
        (b"5\r\nabc", "unexpected EOF"),  # closed inside a chunk
        (b"3\r\nabcXY0\r\n\r\n", "malformed chunked encoding"),  # no CRLF after the data
    ],
)
def test_broken_chunks_are_gos_texts(script: Any, body: bytes, text: str) -> None:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    server = script(head + body + Scripted.CLOSE)
    with pytest.raises(BodyReadError) as info:
        _client(server.url).get_json("/x")
    assert str(info.value) == BODY_ERROR + text


def test_a_short_content_length_body_is_unexpected_eof(script: Any) -> None:
    server = script(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}" + Scripted.CLOSE)
    transport = StdlibTransport(server.url, None, None)
    resp = transport.send("GET", server.url + "/x", [], None, connect_timeout=5, read_timeout=5)
    with pytest.raises(http11.IncompleteRead):
        _ = resp.content


# -- the request as it goes out ---------------------------------------------------------------


def test_request_head_and_body(script: Any) -> None:
    server = script(_ok(b""), _ok(b""))
    transport = StdlibTransport(server.url, None, None)
    port = server.url.rsplit(":", 1)[1]
    headers: list[tuple[str, str | bytes]] = [("Accept", "a/b"), ("X-Token", "é".encode())]
    transport.send("GET", server.url + "/p?q=1", headers, None, connect_timeout=5, read_timeout=5)
    transport.send("POST", server.url + "/p", [], b"data", connect_timeout=5, read_timeout=5)
    (_, get, _), (_, post, body) = server.requests
    assert get == (
        b"GET /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAccept: a/b\r\nX-Token: \xc3\xa9"
        % port.encode()
    )  # no Accept-Encoding of the transport's own
    assert post.split(b"\r\n")[2:] == [b"Content-Length: 4"] and body == b"data"


def test_a_header_value_cannot_split_the_request() -> None:
    with pytest.raises(ValueError):
        http11.request_head("GET", "/", b"h", [("X", "a\r\nInjected: 1")])
    with pytest.raises(ValueError):
        http11.request_head("GET", "/a b", b"h", [])


def test_plain_proxy_gets_the_absolute_uri(script: Any) -> None:
    proxy = script(_ok(b"via proxy"))
    transport = StdlibTransport("http://kube.example:8080", proxy.url, None)
    resp = transport.send(
        "GET", "http://kube.example:8080/api?x=1", [], None, connect_timeout=5, read_timeout=5
    )
    assert resp.content == b"via proxy"
    assert proxy.requests[0][1].split(b"\r\n")[:2] == [
        b"GET http://kube.example:8080/api?x=1 HTTP/1.1",
        b"Host: kube.example:8080",
    ]


def test_a_refused_tunnel_is_a_proxy_error(script: Any) -> None:
    proxy = script(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
    transport = StdlibTransport("https://kube.example:6443", proxy.url, None)
    import ssl

    transport.use_context(ssl.create_default_context())
    with pytest.raises(ProxyConnectError) as info:
        transport.send(
            "GET", "https://kube.example:6443/x", [], None, connect_timeout=5, read_timeout=5
        )
    assert str(info.value) == "Tunnel connection failed: 403 Forbidden"
    assert proxy.requests[0][1] == b"CONNECT kube.example:6443 HTTP/1.0"


def test_a_refused_tunnel_reads_like_today_through_the_client(script: Any) -> None:
    proxy = script(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
    with pytest.raises(ConnectionFailed) as info:
        _client("https://kube.example:6443", proxy_url=proxy.url).get_json("/x")
    assert str(info.value) == (
        "Unable to connect to the server: proxyconnect tcp: Tunnel connection failed: "
        "407 Proxy Authentication Required"
    )


# -- host names: bytes for ASCII, IDNA otherwise ----------------------------------------------


def test_ascii_hosts_go_as_bytes_others_as_idna() -> None:
    assert http11.wire_host("kube.example") == b"kube.example"
    assert http11.wire_host("bücher.example") == "bücher.example"
    assert http11.authority("bücher.example", 443, 443) == b"xn--bcher-kva.example"
    assert http11.authority("::1", 6443, 443) == b"[::1]:6443"
    assert http11.authority("fe80::1%eth0", 80, 80) == b"[fe80::1]"
