"""Fuzzing (hypothesis) of the parts that read what a user or a server hands kctl: the kubeconfig
loader, the Table and discovery decoders, and the flag parser. The only outcomes allowed are a
result or a ``KctlError`` (which the funnel prints as one clean line); anything else, an
AttributeError, a TypeError, a RecursionError, is a bug a user could hit.

Scenario counts live in each ``settings(max_examples=...)``; the note of issue 13 lists them.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kctl.cli import main as cli_main
from kctl.clientcmd.clientconfig import build_rest_config, resolve_entries
from kctl.clientcmd.loader import LoadingRules
from kctl.clientcmd.overrides import Overrides
from kctl.discovery import client as discovery
from kctl.env import Environment
from kctl.errors import KctlError
from kctl.printers.table import TableOptions, convert_objects, convert_table

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- values of every JSON type, small -----------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "..", "a/b", "%", "\n", "https://x", "Namespaced", "name", "string"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def shaped(template: Any) -> st.SearchStrategy[Any]:
    """``template`` with any of its values possibly replaced by a value of another type: the
    shapes a broken server or a hand-edited file produce, close enough to the real thing to get
    past the first check."""
    if isinstance(template, dict):
        return st.one_of(
            json_values,
            st.fixed_dictionaries({k: shaped(v) for k, v in template.items()}),
        )
    if isinstance(template, list):
        return st.one_of(json_values, st.lists(shaped(template[0]), max_size=3))
    return st.one_of(st.just(template), json_values)


# -- the kubeconfig loader -----------------------------------------------------------------------

KUBECONFIG = {
    "apiVersion": "v1",
    "kind": "Config",
    "current-context": "c",
    "clusters": [
        {
            "name": "k",
            "cluster": {
                "server": "https://127.0.0.1:6443",
                "insecure-skip-tls-verify": True,
                "proxy-url": "http://proxy:3128",
                "tls-server-name": "kubernetes",
            },
        }
    ],
    "contexts": [{"name": "c", "context": {"cluster": "k", "user": "u", "namespace": "ns"}}],
    "users": [
        {
            "name": "u",
            "user": {
                "token": "t",
                "exec": {"command": "x", "apiVersion": "client.authentication.k8s.io/v1"},
                "as": "jane",
                "as-groups": ["g"],
            },
        }
    ],
    "preferences": {"colors": True},
}

_DIR = Path(tempfile.mkdtemp(prefix="kctl-fuzz-"))


def _load(text: str) -> None:
    path = _DIR / "config"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    overrides = Overrides(kubeconfig=str(path))
    try:
        config = LoadingRules.from_environ(overrides, {}).load()
        entries = resolve_entries(config, overrides, {})
        build_rest_config(entries, overrides, {})
    except KctlError:
        pass


@FAST
@given(shaped(KUBECONFIG))
def test_kubeconfig_of_any_field_types_loads_or_is_a_kctl_error(doc: Any) -> None:
    _load(yaml.safe_dump(doc))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc:-&*[]{}!|>'\"\n #%@`,?", max_size=60))
@example("#")  # found by this test: a comments-only file crashed the parsed-kubeconfig cache
def test_kubeconfig_of_any_yaml_text_loads_or_is_a_kctl_error(text: str) -> None:
    _load(text)


# -- the Table and list decoders -----------------------------------------------------------------

TABLE = {
    "kind": "Table",
    "columnDefinitions": [
        {"name": "Name", "type": "string", "format": "name", "priority": 0, "description": ""}
    ],
    "rows": [
        {
            "cells": ["a", 1, None],
            "object": {"metadata": {"name": "a", "namespace": "ns", "labels": {"app": "x"}}},
        }
    ],
}
OPTIONS = st.builds(
    TableOptions,
    wide=st.booleans(),
    with_namespace=st.booleans(),
    show_labels=st.booleans(),
    label_columns=st.sampled_from([(), ("app",), ("a/b", "app")]),
    kind_prefix=st.sampled_from(["", "pod"]),
)


@FAST
@given(shaped(TABLE), OPTIONS)
def test_table_decoder_prints_or_names_the_bad_field(table: Any, opts: TableOptions) -> None:
    if not isinstance(table, dict):
        return  # get only hands dicts on (a non-object answer is refused before)
    try:
        block = convert_table(table, opts)
    except KctlError as exc:
        assert str(exc).startswith("error: the server sent a malformed Table: ")
        return
    assert all(isinstance(c, str) for row in block.rows for c in row)


@FAST
@given(st.lists(shaped(TABLE["rows"][0]["object"]), max_size=4), OPTIONS)
def test_object_list_decoder_prints_or_names_the_bad_item(items: Any, opts: TableOptions) -> None:
    try:
        block = convert_objects(items, opts, 0.0)
    except KctlError as exc:
        assert str(exc).startswith("error: the server sent a malformed list: ")
        return
    assert all(isinstance(c, str) for row in block.rows for c in row)


# -- the discovery decoders ----------------------------------------------------------------------

AGGREGATED = {
    "kind": "APIGroupDiscoveryList",
    "items": [
        {
            "metadata": {"name": "apps"},
            "versions": [
                {
                    "version": "v1",
                    "freshness": "Current",
                    "resources": [
                        {
                            "resource": "deployments",
                            "responseKind": {"group": "apps", "version": "v1", "kind": "D"},
                            "scope": "Namespaced",
                            "singularResource": "deployment",
                            "verbs": ["get", "list"],
                            "shortNames": ["deploy"],
                            "categories": ["all"],
                            "subresources": [
                                {
                                    "subresource": "scale",
                                    "responseKind": {"kind": "Scale"},
                                    "verbs": ["get"],
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    ],
}
LEGACY_GROUPS = {
    "groups": [
        {"name": "apps", "versions": [{"version": "v1"}], "preferredVersion": {"version": "v1"}}
    ]
}
RESOURCE_LIST = {
    "resources": [
        {"name": "pods", "namespaced": True, "kind": "Pod", "verbs": ["get"], "shortNames": ["po"]}
    ]
}


def _entries_are_plain(doc: dict[str, Any]) -> None:
    json.dumps(doc)  # what the disk cache writes: plain JSON data only
    for r in doc["resources"] + doc["subresources"]:
        assert isinstance(r["name"], str) and isinstance(r["verbs"], list)


@FAST
@given(shaped(AGGREGATED))
def test_aggregated_discovery_decodes_or_names_the_bad_field(doc: Any) -> None:
    builder = discovery._Builder(0.0)
    try:
        builder.add_aggregated(doc)
    except KctlError as exc:
        assert "the server sent a malformed" in str(exc)
        return
    _entries_are_plain(builder.finish(mode="aggregated", etags={}))


@FAST
@given(shaped(LEGACY_GROUPS), shaped(RESOURCE_LIST))
def test_legacy_discovery_decodes_or_names_the_bad_field(groups: Any, resources: Any) -> None:
    builder = discovery._Builder(0.0)
    try:
        for g in discovery._groups_of_legacy_apis(groups):
            builder.add_group(g["name"], g["versions"], g["preferredVersion"])
        builder.add_resource_list("apps", "v1", resources)
    except KctlError as exc:
        assert "the server sent a malformed" in str(exc)
        return
    _entries_are_plain(builder.finish(mode="legacy", etags={}))


# -- the flag parser -----------------------------------------------------------------------------

COMMANDS = [
    ["get"],
    ["get", "pods"],
    ["api-resources"],
    ["api-versions"],
    ["raw", "GET", "/api"],
    ["config", "view"],
    ["config", "get-contexts"],
    ["config", "current-context"],
    ["version", "--client"],
    ["completion", "bash"],
]


def _flag_names() -> list[str]:
    """Every long and short flag of every command (and the global ones), from click itself."""
    names: set[str] = set()
    root = cli_main.cli
    ctx = root.make_context("kctl", ["version"], resilient_parsing=True)
    todo: list[Any] = [root]
    while todo:
        cmd = todo.pop()
        for p in cmd.params:
            names.update(getattr(p, "opts", []))
        if hasattr(cmd, "list_commands"):
            todo += [cmd.get_command(ctx, n) for n in cmd.list_commands(ctx)]
    # -w/--watch keep watching a server that never answers: left out on purpose.
    return sorted(
        n for n in names if n.startswith("-") and n not in ("-w", "--watch", "--watch-only")
    )


FLAGS = _flag_names()
VALUES = st.sampled_from(
    [
        "",
        "-",
        "=",
        "..",
        "a/b",
        "%zz",
        "0x10",
        "010",
        "-1",
        "99999999999999999999",
        "1.5",
        "json",
        "yaml",
        "wide",
        "name",
        "jsonpath={.x}",
        "jsonpath={",
        "custom-columns=A:.a",
        "go-template={{.x}}",
        "true",
        "false",
        "1s",
        "-3s",
        "x=y",
        "a,b",
        "\t",
        "ü",
    ]
)
WORDS = st.one_of(
    st.sampled_from(FLAGS),
    st.builds(lambda f, v: f"{f}={v}", st.sampled_from(FLAGS), VALUES),
    VALUES,
    st.sampled_from(["pods", "po/a", "pods,ns", "deploy.apps", "--", "-A", "-Aw"]),
)
_SERVER_CONFIG = _DIR / "refused-config"
_SERVER_CONFIG.write_text(
    json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Config",
            "current-context": "c",
            "clusters": [{"name": "k", "cluster": {"server": "http://127.0.0.1:1"}}],
            "contexts": [{"name": "c", "context": {"cluster": "k", "user": "u"}}],
            "users": [{"name": "u", "user": {}}],
        }
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(COMMANDS), st.lists(WORDS, max_size=5))
def test_any_argv_from_the_flag_table_parses_or_is_a_kctl_error(
    command: list[str], words: list[str]
) -> None:
    # A server that refuses at once: whatever parses goes as far as the first request.
    config = _DIR / "config-for-argv"
    config.write_bytes(_SERVER_CONFIG.read_bytes())
    env = Environment.for_test(
        environ={"KUBECONFIG": str(config), "HOME": str(_DIR), "KUBECACHEDIR": str(_DIR / "c")}
    )
    # In the scratch directory: a fuzzed --cache-dir=wide or --kubeconfig=x is relative to it.
    cwd = os.getcwd()
    os.chdir(_DIR)
    try:
        code = cli_main.run([*command, *words], env)  # anything but a KctlError escapes here
    finally:
        os.chdir(cwd)
    err = env.stderr.getvalue()  # type: ignore[attr-defined]
    assert isinstance(code, int)
    assert "Traceback" not in err
    if code != 0:
        assert err.strip(), (command, words)  # a failure always says why
