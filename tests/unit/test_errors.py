"""errors.py renders exactly what kubectl prints (pkg/cmd/util/helpers.go checkErr and
StandardErrorMessage). Multi-cause Invalid, Forbidden, NotFound, Unauthorized and the connection
sentences were observed from kubectl v1.36.3 against the test control plane (see
tests/integration/test_errors.py, which compares the two tools live); Go's %q and the layouts
with no live trigger follow kubectl's source and a Go run of fmt's %q."""

from __future__ import annotations

import pytest

from kctl.errors import (
    AlreadyExists,
    APIError,
    ConfigError,
    ConnectionFailed,
    ConnectionRefused,
    Expired,
    Forbidden,
    MultipleErrors,
    NotFound,
    RequestTimeout,
    ResourceTypeNotFound,
    Status,
    StatusCause,
    Unauthorized,
    UsageError,
    api_error,
)
from kctl.gostr import go_quote
from kctl.rest.response import error_from_response, generic_status, parse_warnings


def _invalid(**kw: object) -> APIError:
    return api_error(Status(code=422, reason="Invalid", message="ignored", **kw))  # type: ignore[arg-type]


def test_reason_picks_the_subclass() -> None:
    assert isinstance(api_error(Status(404, "NotFound")), NotFound)
    assert isinstance(api_error(Status(401, "Unauthorized")), Unauthorized)
    assert isinstance(api_error(Status(403, "Forbidden")), Forbidden)
    assert isinstance(api_error(Status(409, "AlreadyExists")), AlreadyExists)
    assert isinstance(api_error(Status(410, "Expired")), Expired)
    assert type(api_error(Status(500, "InternalError"))) is APIError


def test_status_texts() -> None:
    assert str(api_error(Status(404, "NotFound", 'pods "x" not found'))) == (
        'Error from server (NotFound): pods "x" not found'
    )
    assert str(api_error(Status(500, "", "boom"))) == "Error from server: boom"
    # kubectl puts the server's message in the parentheses
    assert str(api_error(Status(401, "Unauthorized", "Unauthorized"))) == (
        "error: You must be logged in to the server (Unauthorized)"
    )
    assert str(api_error(Status(401, "Unauthorized", "token expired"))) == (
        "error: You must be logged in to the server (token expired)"
    )


def test_invalid_layouts() -> None:
    assert str(_invalid(has_details=False)) == "The request is invalid"
    assert str(_invalid(kind="Pod", name="web")) == 'The Pod "web" is invalid'
    one = [StatusCause("FieldValueInvalid", "bad", "spec.x")]
    assert str(_invalid(kind="Pod", name="web", causes=one)) == (
        'The Pod "web" is invalid: spec.x: bad'
    )
    assert str(_invalid(causes=one)) == "The request is invalid: spec.x: bad"
    two = [*one, StatusCause("FieldValueRequired", "Required value", "spec.y"), *one]
    assert str(_invalid(kind="Pod", name='we"b', causes=two)) == (
        'The Pod "we\\"b" is invalid: \n* spec.x: bad\n* spec.y: Required value'
    )
    no_field = [StatusCause("", "whole object is wrong", "")]
    assert str(_invalid(kind="Pod", name="a", causes=no_field)) == (
        'The Pod "a" is invalid: : whole object is wrong'
    )


def test_connection_errors() -> None:
    assert str(ConnectionRefused("127.0.0.1:6443")) == (
        "The connection to the server 127.0.0.1:6443 was refused - "
        "did you specify the right host or port?"
    )
    assert str(ConnectionFailed("dial tcp: lookup x: no such host")) == (
        "Unable to connect to the server: dial tcp: lookup x: no such host"
    )
    assert str(RequestTimeout("context deadline exceeded")) == (
        "Unable to connect to the server: context deadline exceeded"
    )
    assert isinstance(RequestTimeout("x"), ConnectionFailed)


def test_multiple_errors_one_line_each_without_error_prefix() -> None:
    errors = [
        api_error(Status(404, "NotFound", 'pods "a" not found')),
        _invalid(kind="Pod", name="b", causes=[StatusCause("", "m", "f")]),
        UsageError("plain problem"),
        ConnectionRefused("h:1"),
        ResourceTypeNotFound("foo"),
    ]
    assert str(MultipleErrors(errors)) == "\n".join(
        [
            'Error from server (NotFound): pods "a" not found',
            "Error from server (Invalid): ignored",
            "plain problem",
            "The connection to the server h:1 was refused - "
            "did you specify the right host or port?",
            'the server doesn\'t have a resource type "foo"',
        ]
    )


def test_multiple_errors_of_one_prints_that_error() -> None:
    invalid = _invalid(kind="Pod", name="b", causes=[StatusCause("", "m", "f")])
    assert str(MultipleErrors([invalid])) == str(invalid) == 'The Pod "b" is invalid: f: m'
    assert str(MultipleErrors([ConfigError('context "x" does not exist')])) == (
        'error: context "x" does not exist'
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [  # right-hand sides printed by Go's fmt %q (go1.26)
        ("plain", '"plain"'),
        ('a"b\\c\n\t\x01\x7f', '"a\\"b\\\\c\\n\\t\\x01\\x7f"'),
        ("é😀\u200b\u00a0 x", '"é😀\\u200b\\u00a0 x"'),
        (b"bad\xffutf8".decode("utf-8", "surrogateescape"), '"bad\\xffutf8"'),
        ("\u2028", '"\\u2028"'),
    ],
)
def test_go_quote_matches_go(text: str, quoted: str) -> None:
    assert go_quote(text) == quoted


def test_generic_statuses_follow_apimachinery() -> None:
    cases = {
        400: "Error from server (BadRequest): "
        "the server rejected our request for an unknown reason",
        401: "error: You must be logged in to the server "
        "(the server has asked for the client to provide credentials)",
        403: "Error from server (Forbidden): proxy says no",
        405: "Error from server (MethodNotAllowed): "
        "the server does not allow this method on the requested resource",
        418: "Error from server: "
        "the server responded with the status code 418 but did not return more information",
        429: "Error from server (TooManyRequests): "
        "the server has received too many requests and has asked us to try again later",
        504: "Error from server (Timeout): the server was unable to return a response in the "
        "time allotted, but may still be processing the request",
    }
    for code, text in cases.items():
        assert str(api_error(generic_status(code, "GET", "proxy says no"))) == text


def test_undecodable_bytes_in_a_text_body() -> None:
    err = error_from_response(
        code=502, content_type="text/plain", body=b"bad \xff gateway", method="GET"
    )
    assert str(err) == (
        'Error from server (InternalError): an error on the server ("bad \\xff gateway") '
        "has prevented the request from succeeding"
    )
    err = error_from_response(code=403, content_type="", body=b"no \xff", method="GET")
    assert str(err) == "Error from server (Forbidden): no \ufffd"


def test_success_status_in_an_error_answer_is_not_used() -> None:
    body = b'{"kind":"Status","apiVersion":"v1","status":"Success","message":"fine"}'
    err = error_from_response(code=500, content_type="application/json", body=body, method="GET")
    assert str(err) == (
        'Error from server (InternalError): an error on the server ("unknown") '
        "has prevented the request from succeeding"
    )


def test_parse_warnings() -> None:
    values = ['299 - "a, b", 299 kube-apiserver "c \\"d\\"" "Thu, 01 Jan 1970 00:00:00 GMT"']
    assert parse_warnings(values) == [
        (299, "-", "a, b"),
        (299, "kube-apiserver", 'c "d"'),
    ]
    assert parse_warnings(["garbage"]) == []
