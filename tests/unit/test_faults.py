"""kctl against a misbehaving API server (tests/faultserver.py): every scenario asserts the exit
code, the exact stderr text, and that neither a traceback nor the bearer token came out.

The real kube-apiserver (tests/integration) never produces these faults; a fake one is the only
way to send a truncated body, a trickle, a bad chunk size, 120 headers or a Table of the wrong
shape. Scenarios are grouped by issue 13's defect classes; "held" ones guard what already worked.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.faultserver import (
    AGGREGATED,
    SECRET,
    Exchange,
    FaultServer,
    Result,
    assert_clean,
    core_discovery,
    pod_list,
    pod_table,
    run_kctl,
    status,
)

PODS = "/api/v1/namespaces/default/pods"
TABLE_OK = "NAME   READY   STATUS    RESTARTS   AGE\na      1/1     Running   0          1m\n"


def kctl(fs: FaultServer, tmp: Path, *args: str, **kw: Any) -> Result:
    result = run_kctl(tmp, kw.pop("server", fs.url), *args, **kw)
    assert_clean(result)
    return result


def table_ok(ex: Exchange) -> None:
    ex.respond(200, pod_table("a"))


def _raw_head(ex: Exchange, extra: str = "") -> None:
    ex.send_raw(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{extra}\r\n".encode())


# -- held: status codes, retries, bodies ------------------------------------------------------


def test_5xx_with_a_status_body_prints_its_message(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, lambda ex: ex.respond(500, status(500, "InternalError", "etcd is on fire")))
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stdout, r.stderr) == (
        1,
        "",
        "Error from server (InternalError): etcd is on fire\n",
    )


def test_429_with_retry_after_is_retried_then_succeeds(fs: FaultServer, tmp_path: Path) -> None:
    calls: list[int] = []

    def handler(ex: Exchange) -> None:
        calls.append(1)
        if len(calls) == 1:
            ex.respond(429, status(429, "TooManyRequests", "slow"), headers=[("Retry-After", "1")])
        else:
            table_ok(ex)

    fs.route(PODS, handler)
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stdout, r.stderr) == (0, TABLE_OK, "")
    assert len(calls) == 2


def test_503_with_a_huge_retry_after_gives_up_at_once(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(
        PODS,
        lambda ex: ex.respond(
            503,
            status(503, "ServiceUnavailable", "come back tomorrow"),
            headers=[("Retry-After", "100000")],
        ),
    )
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, "Error from server (ServiceUnavailable): come back tomorrow\n")
    assert len([p for p in fs.paths() if p.startswith(PODS)]) == 1


BODY_ERROR = "unexpected error when reading response body. Please retry. Original error: "


def test_truncated_body_is_unexpected_eof(fs: FaultServer, tmp_path: Path) -> None:
    body = json.dumps(pod_table("a")).encode()

    def handler(ex: Exchange) -> None:
        _raw_head(ex, f"Content-Length: {len(body) + 100}\r\n")
        ex.send_raw(body[:50])

    fs.route(PODS, handler)
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, BODY_ERROR + "unexpected EOF\n")  # kubectl's text


def test_disconnect_in_the_middle_of_a_chunked_body(fs: FaultServer, tmp_path: Path) -> None:
    def handler(ex: Exchange) -> None:
        _raw_head(ex, "Transfer-Encoding: chunked\r\n")
        ex.send_raw(b"20\r\n" + b'{"kind":"Table","rows":[' + b" " * 8 + b"\r\n")

    fs.route(PODS, handler)
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, BODY_ERROR + "unexpected EOF\n")  # kubectl's text


@pytest.mark.parametrize("output", ["table", "json"])
def test_invalid_json_body_is_a_clean_error(fs: FaultServer, tmp_path: Path, output: str) -> None:
    fs.route(PODS, lambda ex: ex.respond(200, "{not json"))
    args = ["get", "pods"] + (["-o", "json"] if output == "json" else [])
    r = kctl(fs, tmp_path, *args)
    assert r.code == 1
    assert r.stderr.startswith("error: the server returned a response that is not JSON (")
    assert r.stderr.count("\n") == 1


def test_html_error_page_is_quoted_like_kubectl(fs: FaultServer, tmp_path: Path) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    fs.route(PODS, lambda ex: ex.respond(502, page, content_type="text/html"))
    r = kctl(fs, tmp_path, "get", "pods", "--request-timeout=1s")
    assert r.code == 1
    assert r.stderr.startswith(
        f'Error from server (InternalError): an error on the server ("{page}") has prevented '
        "the request from succeeding"
    )


def test_huge_error_body_is_cut(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, lambda ex: ex.respond(500, "x" * (20 * 1024 * 1024), content_type="text/plain"))
    r = kctl(fs, tmp_path, "get", "pods")
    assert r.code == 1
    assert r.stderr.startswith('Error from server (InternalError): an error on the server ("xxx')
    assert len(r.stderr) < 3000  # client-go quotes at most 2 KiB of a non-Status body


def test_huge_list_is_printed_whole(fs: FaultServer, tmp_path: Path) -> None:
    names = [f"pod-{i:05d}" for i in range(20000)]
    fs.route(PODS, lambda ex: ex.respond(200, pod_list(*names)))
    r = kctl(fs, tmp_path, "get", "pods", "-o", "name")
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == "".join(f"pod/{n}\n" for n in names)


def test_silent_server_stops_at_the_request_timeout(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, lambda ex: time.sleep(10))
    r = kctl(fs, tmp_path, "get", "pods", "--request-timeout=1s")
    assert (r.code, r.stderr) == (1, "Unable to connect to the server: context deadline exceeded\n")


def test_redirect_is_never_followed(fs: FaultServer, tmp_path: Path) -> None:
    """kctl does better than kubectl here: credentials never follow a redirect."""
    fs.route(PODS, lambda ex: ex.respond(302, "", headers=[("Location", f"{fs.url}/steal")]))
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (
        1,
        "Error from server: the server responded with the status code 302 but did not return "
        "more information (get pods)\n",
    )
    assert not any(p.startswith("/steal") for p in fs.paths())


def test_401_every_time_is_not_a_loop(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, lambda ex: ex.respond(401, status(401, "Unauthorized", "Unauthorized")))
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, "error: You must be logged in to the server (Unauthorized)\n")
    assert len([p for p in fs.paths() if p.startswith(PODS)]) <= 2


def test_tls_port_with_the_right_ca_works(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, table_ok)
    r = kctl(fs, tmp_path, "get", "pods", server=fs.tls_url, ca_pem=fs.certs.ca_pem)
    assert (r.code, r.stdout, r.stderr) == (0, TABLE_OK, "")


def test_tls_port_with_an_unknown_ca(fs: FaultServer, tmp_path: Path) -> None:
    r = kctl(fs, tmp_path, "get", "pods", server=fs.tls_url)
    assert (r.code, r.stderr) == (
        1,
        "Unable to connect to the server: tls: failed to verify certificate: x509: certificate "
        "signed by unknown authority\n",
    )


# -- class 2: malformed server data -----------------------------------------------------------


def _table_with(**fields: Any) -> dict[str, Any]:
    table = pod_table("a")
    table.update(fields)
    return table


@pytest.mark.parametrize(
    ("table", "where"),
    [
        (_table_with(columnDefinitions="x"), "columnDefinitions: expected an array, got string"),
        (
            _table_with(columnDefinitions=[1]),
            "columnDefinitions[0]: expected an object, got number",
        ),
        (
            _table_with(columnDefinitions=[{"name": 5}]),
            "columnDefinitions[0].name: expected a string, got number",
        ),
        (
            _table_with(columnDefinitions=[{"name": "N", "priority": "high"}]),
            "columnDefinitions[0].priority: expected an integer, got string",
        ),
        (_table_with(rows={"a": 1}), "rows: expected an array, got object"),
        (_table_with(rows=["a"]), "rows[0]: expected an object, got string"),
        (_table_with(rows=[{"cells": "abc"}]), "rows[0].cells: expected an array, got string"),
    ],
)
def test_table_of_the_wrong_shape_names_the_field(
    fs: FaultServer, tmp_path: Path, table: dict[str, Any], where: str
) -> None:
    fs.route(PODS, lambda ex: ex.respond(200, table))
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stdout) == (1, "")
    assert r.stderr == f"error: the server sent a malformed Table: {where}\n"


def test_table_rows_with_odd_objects_degrade_like_kubectl(fs: FaultServer, tmp_path: Path) -> None:
    """Row objects and their metadata may be anything: the cells kubectl could not fill stay
    empty, the row is still printed."""
    table = pod_table("a", "b")
    table["rows"][0]["object"] = "not an object"
    table["rows"][1]["object"] = {"metadata": {"labels": ["x"], "namespace": 7}}
    fs.route(PODS, lambda ex: ex.respond(200, table))
    r = kctl(fs, tmp_path, "get", "pods", "--show-labels", "-L", "app")
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.splitlines() == [
        "NAME   READY   STATUS    RESTARTS   AGE   APP   LABELS",
        "a      1/1     Running   0          1m          ",
        "b      1/1     Running   0          1m          <none>",
    ]


@pytest.mark.parametrize(
    ("items", "where"),
    [
        ("x", "items: expected an array, got string"),
        ([3], "items[0]: expected an object, got number"),
    ],
)
def test_list_items_of_the_wrong_shape(
    fs: FaultServer, tmp_path: Path, items: Any, where: str
) -> None:
    fs.route(PODS, lambda ex: ex.respond(200, {"kind": "PodList", "items": items}))
    for output in ([], ["-o", "json"], ["-o", "name"]):
        r = kctl(fs, tmp_path, "get", "pods", *output)
        assert (r.code, r.stdout) == (1, ""), output
        assert r.stderr == f"error: the server sent a malformed list: {where}\n", output


def test_named_get_answered_with_a_non_object(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(f"{PODS}/a", lambda ex: ex.respond(200, [1, 2]))
    r = kctl(fs, tmp_path, "get", "pods", "a", "-o", "json")
    assert (r.code, r.stderr) == (
        1,
        "error: the server sent a malformed pods: a: expected an object, got array\n",
    )


# -- class 5: closed or full standard streams -------------------------------------------------


@pytest.fixture()
def dev_full() -> Iterator[int]:
    fd = os.open("/dev/full", os.O_WRONLY)
    yield fd
    os.close(fd)


@pytest.mark.parametrize(
    ("args", "route", "body"),
    [
        (["get", "pods"], PODS, pod_table("a")),
        (["get", "pods", "-o", "json"], PODS, pod_list("a")),
        (["get", "pods", "-o", "yaml"], PODS, pod_list("a")),
        (["raw", "GET", PODS], PODS, pod_list("a")),
    ],
    ids=["table", "json", "yaml", "raw"],
)
def test_full_stdout_is_kubectls_write_error(
    fs: FaultServer, tmp_path: Path, dev_full: int, args: list[str], route: str, body: Any
) -> None:
    fs.route(route, lambda ex: ex.respond(200, body))
    r = kctl(fs, tmp_path, *args, stdout=dev_full)
    assert (r.code, r.stderr) == (1, "error: write /dev/stdout: no space left on device\n")


@pytest.mark.parametrize("args", [["get", "pods"], ["get", "pods", "-o", "json"]])
def test_closed_stdout_is_a_bad_file_descriptor(
    fs: FaultServer, tmp_path: Path, args: list[str]
) -> None:
    fs.route(PODS, lambda ex: ex.respond(200, pod_table("a") if len(args) == 2 else pod_list("a")))
    r = kctl(fs, tmp_path, *args, stdout=-1)
    assert (r.code, r.stderr) == (1, "error: write /dev/stdout: bad file descriptor\n")


def test_closed_stdin_for_a_body_from_stdin(fs: FaultServer, tmp_path: Path) -> None:
    r = kctl(fs, tmp_path, "raw", "POST", PODS, "-f", "-", stdin=-1)
    assert (r.code, r.stderr) == (1, "error: read /dev/stdin: bad file descriptor\n")
    assert fs.paths() == []  # nothing was sent


def test_closed_stdout_with_an_error_still_reports_the_error(
    fs: FaultServer, tmp_path: Path
) -> None:
    fs.route(PODS, lambda ex: ex.respond(404, status(404, "NotFound", 'pods "x" not found')))
    r = kctl(fs, tmp_path, "get", "pods", stdout=-1)
    assert (r.code, r.stderr) == (
        1,
        'Error from server (NotFound): Unable to list "/v1, Resource=pods": pods "x" not found\n',
    )


# -- class 2 (discovery) fixtures used below --------------------------------------------------


def aggregated_with(mutate: Any) -> Any:
    def handler(ex: Exchange) -> None:
        doc = core_discovery()
        mutate(doc)
        ex.respond(200, doc, content_type=AGGREGATED)

    return handler


# -- class 1: path segments are checked before anything is sent --------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["get", "pods", "-n", ".."], "invalid namespace \"..\": [may not be '..']\n"),
        (["get", "pods", "-n", "bad/ns"], "invalid namespace \"bad/ns\": [may not contain '/']\n"),
        (["get", "pods", "-n", "a%2F"], "invalid namespace \"a%2F\": [may not contain '%']\n"),
        (
            ["get", "pods", "-n", "..", "-o", "name"],
            "error: invalid namespace \"..\": [may not be '..']\n",
        ),
        (
            ["get", "pods", "..", "-o", "name"],
            "error: invalid resource name \"..\": [may not be '..']\n",
        ),
        (["get", "pods", "a%b"], "error: invalid resource name \"a%b\": [may not contain '%']\n"),
        (["get", "pods", ".", "-n", "x"], "error: invalid resource name \".\": [may not be '.']\n"),
    ],
)
def test_bad_path_segments_never_reach_the_server(
    fs: FaultServer, tmp_path: Path, args: list[str], text: str
) -> None:
    """Before: `-n ..` listed the pods of every namespace (the request went to
    /api/v1/namespaces/../pods), `-n bad/ns` said "No resources found"; kubectl's texts (the
    integration bad-input table compares them with the real kubectl)."""
    fs.route("/api/v1/pods", lambda ex: ex.respond(200, pod_table("everywhere")))
    r = kctl(fs, tmp_path, *args)
    assert (r.code, r.stdout, r.stderr) == (1, "", text)
    assert not [p for p in fs.paths() if p != "/version"]


# -- class 3: the deadline covers a body that trickles in -------------------------------------


TRICKLED: dict[str, int] = {}


def trickle(ex: Exchange) -> None:
    table = "as=Table" in ex.headers.get("accept", "")
    body = json.dumps(pod_table("a") if table else pod_list("a")).encode()
    TRICKLED.update(size=len(body), sent=0)
    _raw_head(ex, f"Content-Length: {len(body)}\r\n")
    for i in range(len(body)):  # one byte every 250 ms: every socket read succeeds
        ex.send_raw(body[i : i + 1])
        TRICKLED["sent"] = i + 1
        time.sleep(0.25)


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["get", "pods"], BODY_ERROR + "context deadline exceeded\n"),
        (["get", "pods", "-o", "json"], BODY_ERROR + "context deadline exceeded\n"),
        (["raw", "GET", PODS], "error: context deadline exceeded\n"),
    ],
    ids=["table", "json", "raw"],
)
def test_request_timeout_stops_a_trickling_body(
    fs: FaultServer, tmp_path: Path, args: list[str], text: str
) -> None:
    fs.route(PODS, trickle)
    r = kctl(fs, tmp_path, *args, "--request-timeout=1s", timeout=120)
    assert (r.code, r.stderr) == (1, text)
    # kctl gave up while the server was still sending (before: it waited for the last byte).
    assert 0 < TRICKLED["sent"] < TRICKLED["size"]


# -- class 7: endless paging -----------------------------------------------------------------


def test_a_repeated_continue_token_is_an_error_not_a_loop(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(PODS, lambda ex: ex.respond(200, pod_table("a", cont="same-token")))
    r = kctl(fs, tmp_path, "get", "pods", timeout=60)
    assert (r.code, r.stderr) == (
        1,
        "error: the server sent the same continue token twice while listing "
        f"{PODS}; stopping instead of asking for the same page again\n",
    )
    assert len([p for p in fs.paths() if p.startswith(PODS)]) == 2


# -- class 8: more than 100 response headers -------------------------------------------------


def test_more_than_100_headers_are_accepted_like_go(fs: FaultServer, tmp_path: Path) -> None:
    headers = [(f"X-Extra-{i}", "v") for i in range(150)] + [("Warning", '299 - "careful"')]
    fs.route(PODS, lambda ex: ex.respond(200, pod_table("a"), headers=headers))
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stdout, r.stderr) == (0, TABLE_OK, "Warning: careful\n")


# -- class 12: no Python in error texts ------------------------------------------------------


def test_bad_chunk_size_is_gos_text(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(
        PODS,
        lambda ex: (
            _raw_head(ex, "Transfer-Encoding: chunked\r\n"),
            ex.send_raw(b"zz\r\nabc\r\n0\r\n\r\n"),
        ),
    )
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, BODY_ERROR + "invalid byte in chunk length\n")


def test_bad_gzip_body_is_gos_text(fs: FaultServer, tmp_path: Path) -> None:
    fs.route(
        PODS,
        lambda ex: (
            _raw_head(ex, "Content-Encoding: gzip\r\nContent-Length: 10\r\n"),
            ex.send_raw(b"0123456789"),
        ),
    )
    r = kctl(fs, tmp_path, "get", "pods")
    assert (r.code, r.stderr) == (1, BODY_ERROR + "gzip: invalid header\n")


@pytest.mark.parametrize(
    ("args", "route", "suffix"),
    [
        (["get", "pods"], PODS, "(get pods)"),
        (["get", "pods", "a"], f"{PODS}/a", "(get pods a)"),
        (["get", "pods", "-o", "json"], PODS, "(get pods)"),
    ],
)
def test_5xx_without_status_names_the_request_like_kubectl(
    fs: FaultServer, tmp_path: Path, args: list[str], route: str, suffix: str
) -> None:
    fs.route(route, lambda ex: ex.respond(500, "oops\n", content_type="text/plain"))
    r = kctl(fs, tmp_path, *args)
    assert (r.code, r.stderr) == (
        1,
        'Error from server (InternalError): an error on the server ("oops") has prevented the '
        f"request from succeeding {suffix}\n",
    )


# -- class 2: discovery documents of the wrong shape -----------------------------------------


def _set(path: list[Any], value: Any) -> Any:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (_set(["items", 0, "metadata"], "x"), "items[0].metadata: expected an object, got string"),
        (
            _set(["items", 0, "metadata"], {"name": 7}),
            "items[0].metadata.name: expected a string, got number",
        ),
        (_set(["items"], {"a": 1}), "items: expected an array, got object"),
        (_set(["items", 0, "versions"], 5), "items[0].versions: expected an array, got number"),
        (
            _set(["items", 0, "versions", 0, "resources"], "pods"),
            "items[0].versions[0].resources: expected an array, got string",
        ),
        (
            _set(["items", 0, "versions", 0, "resources", 1, "subresources"], True),
            "pods.subresources: expected an array, got bool",
        ),
    ],
)
@pytest.mark.parametrize("command", [["get", "pods"], ["api-resources"]])
def test_aggregated_discovery_of_the_wrong_shape_names_the_field(
    fs: FaultServer, tmp_path: Path, mutate: Any, where: str, command: list[str]
) -> None:
    fs.route("/api", aggregated_with(mutate))
    r = kctl(fs, tmp_path, *command)
    assert (r.code, r.stdout) == (1, "")
    assert r.stderr == f"error: the server sent a malformed APIGroupDiscoveryList: {where}\n"


# -- class 4: header values with line breaks -------------------------------------------------


@pytest.mark.parametrize("token", ["line\nbreak-" + SECRET, "cr\r" + SECRET, "nul\x00" + SECRET])
@pytest.mark.parametrize("args", [["get", "pods"], ["raw", "GET", "/api"]])
def test_a_token_with_a_control_character_is_refused_unseen(
    fs: FaultServer, tmp_path: Path, token: str, args: list[str]
) -> None:
    """Before: a requests traceback that printed the token. kubectl's text; nothing is sent."""
    r = run_kctl(tmp_path, fs.tls_url, *args, ca_pem=fs.certs.ca_pem, token=token)
    assert_clean(r)  # SECRET is part of every token here
    assert (r.code, r.stdout, r.stderr) == (
        1,
        "",
        "Unable to connect to the server: net/http: invalid header field value for "
        '"Authorization"\n',
    )
    assert fs.requests == []


def test_an_impersonation_value_with_a_line_break_is_refused(
    fs: FaultServer, tmp_path: Path
) -> None:
    r = kctl(fs, tmp_path, "get", "pods", "--as", "jane\nX-Injected: 1")
    assert (r.code, r.stderr) == (
        1,
        "Unable to connect to the server: net/http: invalid header field value for "
        '"Impersonate-User"\n',
    )
    assert fs.requests == []


# -- class 12: more Python texts replaced by kubectl's ---------------------------------------


def test_https_to_a_plain_http_port(fs: FaultServer, tmp_path: Path) -> None:
    server = fs.url.replace("http://", "https://")
    r = kctl(fs, tmp_path, "get", "pods", server=server, ca_pem=fs.certs.ca_pem)
    assert (r.code, r.stderr) == (
        1,
        "Unable to connect to the server: http: server gave HTTP response to HTTPS client\n",
    )


def test_client_key_that_does_not_match_the_certificate(fs: FaultServer, tmp_path: Path) -> None:
    import base64

    from tests.faultserver import kubeconfig, make_certs

    other = make_certs(str(tmp_path))
    config = json.loads(kubeconfig(fs.tls_url, fs.certs.ca_pem))
    config["users"][0]["user"] = {
        "client-certificate-data": base64.b64encode(Path(other.cert_file).read_bytes()).decode(),
        "client-key-data": base64.b64encode(Path(fs.certs.key_file).read_bytes()).decode(),
    }
    r = kctl(fs, tmp_path, "get", "pods", config_text=json.dumps(config))
    assert (r.code, r.stderr) == (1, "error: tls: private key does not match public key\n")
    assert "PRIVATE KEY" not in r.stderr


@pytest.mark.parametrize("server", ["ht!tp://::::", "http://[::1", "https://host:port"])
def test_a_server_that_is_no_url_is_refused(fs: FaultServer, tmp_path: Path, server: str) -> None:
    r = kctl(fs, tmp_path, "get", "pods", "--server", server)
    assert (r.code, r.stderr) == (1, f'error: host must be a URL or a host:port pair: "{server}"\n')


@pytest.mark.parametrize("how", ["flag", "env"])
def test_a_kubeconfig_symlink_loop_is_named_as_such(
    fs: FaultServer, tmp_path: Path, how: str
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    environ = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    args = ["get", "pods"]
    if how == "flag":
        args.insert(0, f"--kubeconfig={loop}")
    else:
        environ["KUBECONFIG"] = str(loop)
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kctl", *args], capture_output=True, text=True, env=environ
    )
    assert (done.returncode, done.stderr) == (
        1,
        f'error: error loading config file "{loop}": open {loop}: too many levels of symbolic '
        "links\n",
    )
