"""-o name: lower-case Kind, group when there is one (cli-runtime NamePrinter)."""

from __future__ import annotations

import io

import pytest

from kctl.errors import KctlError
from kctl.printers.name import object_name, write_name


def test_core_and_grouped_kinds() -> None:
    assert object_name({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1"}}) == (
        "pod/web-1"
    )
    buf = io.StringIO()
    write_name(buf, {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "n"}})
    assert buf.getvalue() == "deployment.apps/n\n"


def test_missing_kind_is_an_error() -> None:
    with pytest.raises(KctlError, match="missing kind for resource with name x"):
        object_name({"metadata": {"name": "x"}})


def test_malformed_api_version_prints_without_group_not_a_traceback() -> None:
    obj = {"apiVersion": "a/b/c", "kind": "Widget", "metadata": {"name": "w"}}
    assert object_name(obj) == "widget/w"
