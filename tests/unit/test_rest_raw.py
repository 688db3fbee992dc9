"""``kctl raw`` argument handling that needs no server: path validation (texts observed from
``kubectl get --raw`` v1.36.3) and the Content-Type chosen for a body."""

from __future__ import annotations

import pytest

from kctl.cli.raw import _content_type, request_path
from kctl.errors import UsageError


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("/api/v1/pods?watch=true", "/api/v1/pods?watch=true"),
        ("https://other.example/version?x=1", "/version?x=1"),
        ("//x", "/"),
        ("http:/foo", "/foo"),
        ("api:v1", "/"),
        ("/version?%zz", "/version?%zz"),
    ],
)
def test_accepted_paths(typed: str, path: str) -> None:
    assert request_path(typed) == path


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("api/v1", 'parse "api/v1": invalid URI for request'),
        ("", 'parse "": invalid URI for request'),
        ("/a%zz", 'parse "/a%zz": invalid URL escape "%zz"'),
        ("/a%z", 'parse "/a%z": invalid URL escape "%z"'),
        ("/a\tb", 'parse "/a\\tb": net/url: invalid control character in URL'),
    ],
)
def test_rejected_paths_use_kubectls_words(typed: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        request_path(typed)
    assert str(info.value) == f"error: --raw must be a valid URL path: {message}"


def test_content_types() -> None:
    assert _content_type("POST", None, b'  {"kind": "ConfigMap"}') == "application/json"
    assert _content_type("PUT", None, b"kind: ConfigMap\n") == "application/yaml"
    assert _content_type("PATCH", None, b"{}") == "application/strategic-merge-patch+json"
    assert _content_type("PATCH", "json", b"[]") == "application/json-patch+json"
    assert _content_type("PATCH", "merge", b"{}") == "application/merge-patch+json"
    assert _content_type("PATCH", "apply", b"kind: X") == "application/apply-patch+yaml"
