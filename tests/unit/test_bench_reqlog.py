"""Counting requests from -v 6 logs: lines captured from kubectl v1.36.3 against the dev control
plane, and lines written by kctl's own HTTP logger."""

# ruff: noqa: E501  (log lines are kept exactly as the tools wrote them)

from __future__ import annotations

import io

from bench import reqlog

# `kubectl get pods -n default -v=6` with an empty cache (kubectl v1.36.3).
KUBECTL_COLD_GET = """\
I1126 15:28:43.339400   32568 loader.go:407] Config loaded from file:  /tmp/bench-dev-cp/.devcluster/kubeconfig
I1126 15:28:43.339641   32568 envvar.go:195] "Feature gate default state" feature="InOrderInformers" enabled=true
I1126 15:28:43.339684   32568 envvar.go:195] "Feature gate default state" feature="ClientsPreferCBOR" enabled=false
I1126 15:28:43.344997   32568 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:60959/api?timeout=32s" status="200 OK" milliseconds=4
I1126 15:28:43.347741   32568 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:60959/apis?timeout=32s" status="200 OK" milliseconds=1
I1126 15:28:43.358483   32568 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:60959/api/v1/namespaces/default/pods?limit=500" status="200 OK" milliseconds=2
No resources found in default namespace.
"""

# `kubectl get pods/nope -n default -v=6`: a 404 followed by the Status dump.
KUBECTL_NOT_FOUND = """\
I1126 15:29:08.728579    1084 loader.go:407] Config loaded from file:  /tmp/bench-dev-cp/.devcluster/kubeconfig
I1126 15:29:08.734635    1084 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:60959/api/v1/namespaces/default/pods/nope" status="404 Not Found" milliseconds=3
I1126 15:29:08.734915    1084 helpers.go:246] server response object: %s[{
  "kind": "Status",
  "code": 404
}]
Error from server (NotFound): pods "nope" not found
"""

# `kubectl get pods -v=6 --server https://127.0.0.1:1`: connection refused, twice.
KUBECTL_REFUSED = """\
I1126 15:29:08.771032    1089 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:1/api?timeout=32s" status="" milliseconds=0
E1126 15:29:08.771111    1089 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"
I1126 15:29:08.771129    1089 cached_discovery.go:120] skipped caching discovery info due to Get "https://127.0.0.1:1/api?timeout=32s": dial tcp 127.0.0.1:1: connect: connection refused
I1126 15:29:08.771230    1089 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:1/api?timeout=32s" status="" milliseconds=0
"""

# `kubectl get pods -n nope -v=8`: headers and bodies; one response.
KUBECTL_V8 = """\
I1126 15:29:08.686375    1077 helper.go:113] "Request Body" body=""
I1126 15:29:08.686436    1077 round_trippers.go:527] "Request" verb="GET" url="https://127.0.0.1:60959/api/v1/namespaces/nope/pods?limit=500" headers=<
\tAccept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json
\tUser-Agent: kubectl/v1.36.3 (linux/amd64) kubernetes/$Format
 >
I1126 15:29:08.691277    1077 round_trippers.go:632] "Response" status="200 OK" headers=<
\tAudit-Id: bae26f26-2d4d-4516-9060-fb97ce5c7ca2
\tContent-Type: application/json
 > milliseconds=4
I1126 15:29:08.691370    1077 helper.go:113] "Response Body" body="{\\"kind\\":\\"Table\\"}"
No resources found in nope namespace.
"""

# The one-line form older kubectl releases wrote.
OLD_FORM = """\
I0315 10:00:00.000000   4242 round_trippers.go:553] GET https://127.0.0.1:6443/api?timeout=32s 200 OK in 4 milliseconds
I0315 10:00:00.000000   4242 round_trippers.go:553] POST https://127.0.0.1:6443/api/v1/namespaces/x/pods 201 Created in 12 milliseconds
"""


def test_counts_each_response_of_a_cold_get():
    found = reqlog.parse(KUBECTL_COLD_GET.splitlines())
    assert [(r.verb, r.status) for r in found] == [("GET", "200")] * 3
    assert found[0].url == "https://127.0.0.1:60959/api?timeout=32s"
    assert found[2].url.endswith("/api/v1/namespaces/default/pods?limit=500")


def test_error_statuses_count_and_status_dump_does_not():
    found = reqlog.parse(KUBECTL_NOT_FOUND.splitlines())
    assert [(r.verb, r.status) for r in found] == [("GET", "404")]


def test_failed_connections_count_as_attempts():
    found = reqlog.parse(KUBECTL_REFUSED.splitlines())
    assert [r.status for r in found] == ["", ""]
    assert reqlog.count(KUBECTL_REFUSED) == 2


def test_v8_counts_responses_not_requests_or_bodies():
    assert reqlog.count(KUBECTL_V8) == 1


def test_old_one_line_form():
    found = reqlog.parse(OLD_FORM.splitlines())
    assert [(r.verb, r.status) for r in found] == [("GET", "200"), ("POST", "201")]


def test_no_requests_in_a_log_without_responses():
    assert (
        reqlog.count("I1126 15:28:45.786364   32637 loader.go:407] Config loaded\npods\n:4\n") == 0
    )


def test_kctl_http_logger_lines_are_counted():
    from kctl.rest.httplog import HTTPLogger

    out = io.StringIO()
    log = HTTPLogger(out, verbosity=6, clock=lambda: 1_800_000_000.25)
    log.request("GET", "https://127.0.0.1:6443/api", {})  # level 7+: nothing at 6
    log.response("GET", "https://127.0.0.1:6443/api", "200 OK", [], 3)
    log.response("GET", "https://127.0.0.1:6443/apis", "304 Not Modified", [], 1)
    log.failure("GET", "https://127.0.0.1:1/api", "connection refused", 0)
    found = reqlog.parse(out.getvalue().splitlines())
    assert [(r.verb, r.url, r.status) for r in found] == [
        ("GET", "https://127.0.0.1:6443/api", "200"),
        ("GET", "https://127.0.0.1:6443/apis", "304"),
        ("GET", "https://127.0.0.1:1/api", ""),
    ]


def test_response_times_are_added_up() -> None:
    assert reqlog.milliseconds(KUBECTL_COLD_GET) == 4 + 1 + 2
    assert reqlog.milliseconds(KUBECTL_NOT_FOUND) == 3
    assert reqlog.milliseconds(KUBECTL_REFUSED) == 0
    assert reqlog.milliseconds("No resources found in default namespace.\n") is None
    old = "I1126 15:30:00.123456   4242 round_trippers.go:553] GET https://h/api 200 OK in 7 milliseconds\n"
    assert reqlog.milliseconds(old) == 7
