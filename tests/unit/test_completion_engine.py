"""The completion engine against a synthetic kubeconfig and discovery cache.

The end-to-end behaviour (real shells, real server, kubectl as the oracle) is in
tests/integration/test_completion_shells.py; these cover the rules and the edge cases.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kctl.clientcmd import paths
from kctl.completion import engine, protocol
from kctl.completion.cmdline import parse
from kctl.completion.commands import load_root
from kctl.completion.protocol import NO_FILE_COMP, NO_SPACE
from kctl.discovery import cache as discovery_cache
from kctl.env import default_cache_root
from tests.unit.cli import kctl

DEV = "https://dev.example.test:6443"
PROD = "https://prod.example.test"

KUBECONFIG = f"""\
apiVersion: v1
kind: Config
current-context: dev
contexts:
- name: dev
  context: {{cluster: dev-cluster, user: alice, namespace: team-a}}
- name: prod
  context: {{cluster: prod-cluster, user: bob}}
clusters:
- name: dev-cluster
  cluster: {{server: "{DEV}"}}
- name: prod-cluster
  cluster: {{server: "{PROD}"}}
users:
- name: alice
  user: {{token: secret-token-a}}
- name: bob
  user: {{token: secret-token-b}}
"""


def _res(group, version, name, kind, short=(), verbs=("get", "list"), singular=None, ns=True):
    return {
        "group": group,
        "version": version,
        "name": name,
        "singularName": singular if singular is not None else kind.lower(),
        "namespaced": ns,
        "kind": kind,
        "verbs": list(verbs),
        "shortNames": list(short),
        "categories": [],
    }


RESOURCES = [
    _res("", "v1", "bindings", "Binding", verbs=("create",)),
    _res("", "v1", "componentstatuses", "ComponentStatus", ("cs",), ns=False),
    _res("", "v1", "namespaces", "Namespace", ("ns",), ns=False),
    _res("", "v1", "pods", "Pod", ("po",)),
    _res("", "v1", "pods/log", "Pod"),
    _res("", "v1", "podtemplates", "PodTemplate"),
    _res("", "v1", "secrets", "Secret"),
    _res("", "v1", "services", "Service", ("svc",)),
    _res("apps", "v1", "deployments", "Deployment", ("deploy",)),
    _res("apps", "v1beta1", "deployments", "Deployment", ("deploy",)),
    _res("apps", "v1", "statefulsets", "StatefulSet", ("sts",)),
    _res("storage.k8s.io", "v1", "csidrivers", "CSIDriver", ns=False),
    _res("example.com", "v1", "foos", "Foo"),
]
GROUPS = [
    {"name": "", "versions": ["v1"], "preferredVersion": "v1"},
    {"name": "apps", "versions": ["v1", "v1beta1"], "preferredVersion": "v1"},
    {"name": "storage.k8s.io", "versions": ["v1"], "preferredVersion": "v1"},
    {"name": "example.com", "versions": ["v1"], "preferredVersion": "v1"},
]


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    """A kubeconfig and a warm discovery cache for the dev server; returns the environ."""
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(KUBECONFIG)
    cache = tmp_path / "cache"
    discovery_cache.write(
        cache,
        DEV,
        {"fetchedAt": 1.0, "etags": {}, "failed": {}, "groups": GROUPS, "resources": RESOURCES},
    )
    return {"KUBECONFIG": str(kubeconfig), "KUBECACHEDIR": str(cache), "HOME": str(tmp_path)}


def complete(environ: dict[str, str], *words: str) -> tuple[list[tuple[str, str]], int]:
    return engine.complete(load_root(), list(words), environ)


def values(environ: dict[str, str], *words: str) -> list[str]:
    return [v for v, _ in complete(environ, *words)[0]]


GETTABLE = [
    "componentstatuses",
    "namespaces",
    "pods",
    "podtemplates",
    "secrets",
    "services",
    "deployments.apps",
    "statefulsets.apps",
    "csidrivers.storage.k8s.io",
    "foos.example.com",
]


def test_types_are_gettable_plural_names_in_discovery_order(world):
    cands, directive = complete(world, "get", "")
    assert [v for v, _ in cands] == GETTABLE  # no bindings, no pods/log, deployments once
    assert directive == NO_FILE_COMP


def test_type_descriptions_carry_kind_and_short_names(world):
    cands = dict(complete(world, "get", "")[0])
    assert cands["pods"] == "Pod (po)"
    assert cands["deployments.apps"] == "Deployment (deploy)"
    assert cands["secrets"] == "Secret"


def test_type_prefix_and_comma_prefix_kept(world):
    assert values(world, "get", "po") == ["pods", "podtemplates"]
    assert values(world, "get", "po,se") == ["po,secrets", "po,services"]
    assert values(world, "get", "pods,deployments.apps,st") == [
        "pods,deployments.apps,statefulsets.apps"
    ]


def test_short_names_and_singulars_complete_when_no_full_name_matches(world):
    assert values(world, "get", "svc") == ["services"]
    assert values(world, "get", "sts") == ["statefulsets.apps"]
    assert values(world, "get", "deploy") == ["deployments.apps"]  # full name wins
    assert values(world, "get", "foo") == ["foos.example.com"]
    # "cs" starts csidrivers: the short name of componentstatuses is not mixed in, so the
    # shell never shrinks the word to a shorter common prefix
    assert values(world, "get", "cs") == ["csidrivers.storage.k8s.io"]
    assert values(world, "get", "zzz") == []


def test_type_slash_form_after_a_type_name_argument(world):
    cands, directive = complete(world, "get", "pods/a", "se")
    assert [v for v, _ in cands] == ["secrets/", "services/"]
    assert directive == NO_FILE_COMP | NO_SPACE


def test_types_follow_the_context_and_server_flags(world):
    assert values(world, "--context", "prod", "get", "") == []  # no discovery cache for prod
    assert values(world, "get", "--context=prod", "") == []
    assert values(world, "-s", DEV, "--context", "prod", "get", "po") == ["pods", "podtemplates"]
    other = dict(world, KUBECACHEDIR=world["HOME"] + "/elsewhere")
    assert values(other, "get", "") == []
    assert values(other, "--cache-dir", world["KUBECACHEDIR"], "get", "se") == [
        "secrets",
        "services",
    ]


def test_kubeconfig_names(world):
    assert values(world, "--context", "") == ["dev", "prod"]
    assert values(world, "get", "--cluster", "p") == ["prod-cluster"]
    assert values(world, "get", "--user", "") == ["alice", "bob"]
    assert values(world, "get", "--context=d") == ["--context=dev"]
    assert values(world, "config", "use-context", "") == ["dev", "prod"]
    # the index holds no credentials
    index = Path(world["KUBECACHEDIR"]) / "completion" / "index.marshal"
    assert b"secret-token" not in index.read_bytes()
    assert index.stat().st_mode & 0o777 == 0o600


def test_kubeconfig_change_is_seen_on_the_next_tab(world):
    assert values(world, "--context", "") == ["dev", "prod"]
    path = Path(world["KUBECONFIG"])
    path.write_text(KUBECONFIG.replace("- name: prod\n", "- name: staging\n"))
    assert values(world, "--context", "") == ["dev", "staging"]


def test_unreadable_kubeconfig_gives_nothing(world, tmp_path):
    bad = tmp_path / "bad"
    bad.write_text("{not: [yaml")
    env = dict(world, KUBECONFIG=str(bad))
    assert complete(env, "--context", "") == ([], NO_FILE_COMP)
    assert complete(env, "get", "") == ([], NO_FILE_COMP)


def test_subcommands_with_help(world):
    cands = dict(complete(world, "")[0])
    assert cands["get"] == "Display one or many resources"
    assert "completion" in cands and "raw" in cands
    assert values(world, "config", "use-") == ["use-context"]


def test_flags_only_when_the_word_starts_with_a_dash(world):
    assert values(world, "get", "--all-n") == ["--all-namespaces"]
    assert "-n" in values(world, "get", "-")
    assert "-n" not in values(world, "get", "--")
    assert values(world, "get", "--namespace") == ["--namespace"]


def test_flag_values_skip_positional_parsing(world):
    parsed = parse(load_root(), ["-n", "x", "get", "-o", "json", "--selector=a=b", "pods", "a", ""])
    assert parsed.command.path == ("get",)
    assert parsed.args == ["pods", "a"]
    assert parsed.value("--namespace") == "x"
    assert parsed.value("--output") == "json"
    assert parsed.value("--selector") == "a=b"
    parsed = parse(load_root(), ["get", "-nfoo", "--", "-x", ""])
    assert parsed.value("--namespace") == "foo"
    assert parsed.args == ["-x"]


def test_output_values(world):
    cands, directive = complete(world, "get", "-o", "j")
    assert [v for v, _ in cands] == ["json", "jsonpath=", "jsonpath-as-json=", "jsonpath-file="]
    assert directive == NO_FILE_COMP | NO_SPACE
    assert complete(world, "get", "--output=y") == ([("--output=yaml", "")], NO_FILE_COMP)
    # the printer registry's values: kyaml for get and config view, no Go templates anywhere
    assert values(world, "get", "-o", "k") == ["kyaml"]
    assert values(world, "config", "view", "-o", "") == [
        "json", "jsonpath=", "jsonpath-as-json=", "jsonpath-file=", "kyaml", "name", "yaml",
    ]  # fmt: skip
    assert values(world, "api-resources", "-o", "") == ["json", "kyaml", "name", "wide", "yaml"]
    assert values(world, "get", "-o", "go") == []
    # raw's -o is a click Choice: its choices come from the command table
    assert values(world, "raw", "-o", "") == ["json", "yaml"]


def test_file_flags_fall_back_to_the_shell(world):
    assert complete(world, "--kubeconfig", "") == ([], 0)
    assert complete(world, "--cache-dir", "") == ([], protocol.FILTER_DIRS)


def test_raw_verbs_and_api_paths(world):
    assert values(world, "raw", "") == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    assert values(world, "raw", "p") == ["POST", "PUT", "PATCH"]
    cands, directive = complete(world, "raw", "GET", "/")
    assert [v for v, _ in cands] == ["/api/", "/apis/", "/version"]
    assert directive == NO_FILE_COMP | NO_SPACE
    assert values(world, "raw", "GET", "/apis/") == [
        "/apis/apps/",
        "/apis/example.com/",
        "/apis/storage.k8s.io/",
    ]
    # every version's resources are known, so v1beta1 leads on to its deployments
    assert values(world, "raw", "GET", "/apis/apps/") == ["/apis/apps/v1/", "/apis/apps/v1beta1/"]
    assert values(world, "raw", "GET", "/apis/apps/v1/") == [
        "/apis/apps/v1/deployments",
        "/apis/apps/v1/statefulsets",
    ]
    assert values(world, "raw", "GET", "/api/v1/po") == ["/api/v1/pods", "/api/v1/podtemplates"]


def test_completion_shells(world):
    assert values(world, "completion", "") == ["bash", "zsh", "fish"]
    assert values(world, "completion", "bash", "") == []


def test_completion_and_the_commands_use_one_cache_root_rule(tmp_path):
    cases = [
        ({}, None),
        ({"HOME": "/h"}, None),
        ({"HOME": "/h", "XDG_CACHE_HOME": "/x"}, None),
        ({"HOME": "/h", "XDG_CACHE_HOME": "/x", "KUBECACHEDIR": "~/k"}, None),
        ({"HOME": "/h", "KUBECACHEDIR": "/k"}, "~/flag"),
    ]
    for environ, flag in cases:
        expected = str(default_cache_root(environ, flag))
        assert engine.cache_root is paths.cache_root
        words = ["get", *(["--cache-dir", flag] if flag else []), ""]
        assert engine.Request(parse(load_root(), words), environ).cache_root == expected


def test_render_protocol():
    text = protocol.render([("pods", "Pod (po)"), ("a\nb", ""), ("x", "")], 4)
    assert text == "pods\tPod (po)\nx\n:4\n"
    assert protocol.render([("pods", "Pod (po)")], 6, descriptions=False) == "pods\n:6\n"


def test_run_prints_the_protocol_and_nothing_on_stderr(world):
    result = kctl("__complete", "get", "sv", environ=world)
    assert result.streams == ("services\tService (svc)\n:4\n", "")
    assert kctl("__completeNoDesc", "get", "sv", environ=world).stdout == "services\n:4\n"
    world["KCTL_COMPLETION_DESCRIPTIONS"] = "false"
    assert kctl("__complete", "get", "sv", environ=world).stdout == "services\n:4\n"


def test_run_hides_internal_errors_unless_debugging(monkeypatch, world):
    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "complete", broken)
    assert kctl("__complete", "get", "", environ=world).streams == (":1\n", "")
    world["KCTL_COMPLETION_DEBUG"] = "1"
    result = kctl("__complete", "get", "", environ=world)
    assert result.stdout == ":1\n" and "RuntimeError: boom" in result.stderr


def test_stale_discovery_entry_is_rebuilt(world):
    assert "foos.example.com" in values(world, "get", "")
    cache = Path(world["KUBECACHEDIR"])
    discovery_cache.write(
        cache,
        DEV,
        {"fetchedAt": 2.0, "etags": {}, "failed": {}, "groups": GROUPS, "resources": RESOURCES[:4]},
    )
    assert values(world, "get", "") == ["componentstatuses", "namespaces", "pods"]


def test_corrupt_index_is_ignored_and_replaced(world):
    assert values(world, "get", "sv") == ["services"]
    index = Path(world["KUBECACHEDIR"]) / "completion" / "index.marshal"
    index.write_bytes(b"\x00garbage")
    assert values(world, "get", "sv") == ["services"]
    assert index.read_bytes() != b"\x00garbage"
    assert os.stat(index.parent).st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(kubeconfig=[], discovery=5),  # sections of the wrong type
        lambda d: d.update(
            discovery={k: {**v, "resources": "x"} for k, v in d["discovery"].items()}
        ),
        lambda d: d.update(
            discovery={k: {**v, "resources": [1]} for k, v in d["discovery"].items()}
        ),
        lambda d: d.update(
            kubeconfig={k: {**v, "contexts": {"dev": 3}} for k, v in d["kubeconfig"].items()}
        ),
        lambda d: d.update(
            kubeconfig={k: {**v, "clusters": []} for k, v in d["kubeconfig"].items()}
        ),
    ],
    ids=["sections", "resources-string", "resource-number", "context-number", "clusters-list"],
)
def test_index_of_the_wrong_shape_is_rebuilt_and_rewritten(world, damage):
    """A damaged index that still unmarshals must not disable completion for good."""
    import marshal

    assert values(world, "get", "sv") == ["services"]
    index = Path(world["KUBECACHEDIR"]) / "completion" / "index.marshal"
    data = marshal.loads(index.read_bytes())
    damage(data)
    index.write_bytes(marshal.dumps(data))
    assert values(world, "get", "sv") == ["services"]
    assert values(world, "config", "use-context", "") != []
    healed = marshal.loads(index.read_bytes())
    assert isinstance(healed["kubeconfig"], dict) and isinstance(healed["discovery"], dict)
    for entry in healed["discovery"].values():
        assert all(isinstance(r, dict) for r in entry["resources"])


def test_get_raw_and_api_group_values(world):
    assert complete(world, "get", "--raw", "/apis/a") == (
        [("/apis/apps/", "")],
        NO_FILE_COMP | NO_SPACE,
    )
    assert values(world, "api-resources", "--api-group", "") == [
        "apps",
        "storage.k8s.io",
        "example.com",
    ]
    assert values(world, "api-resources", "--api-group=s") == ["--api-group=storage.k8s.io"]


def test_name_listing_keeps_the_insecure_flag(world):
    """``kctl --insecure-skip-tls-verify get pods <TAB>`` lists names the way the finished
    command would connect (a value-less flag on the line counts)."""
    line = ["--insecure-skip-tls-verify", "get", "pods", ""]
    assert engine.Request(parse(load_root(), line), world).overrides().insecure_skip_tls_verify
    plain = engine.Request(parse(load_root(), ["get", "pods", ""]), world)
    assert plain.overrides().insecure_skip_tls_verify is None


def test_a_server_without_a_scheme_finds_the_cache_kctl_wrote_for_it(tmp_path: Path) -> None:
    # kctl treats `localhost:8080` as http://localhost:8080 and keys its discovery cache so.
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: local\n"
        "contexts:\n- name: local\n  context: {cluster: local}\n"
        "clusters:\n- name: local\n  cluster: {server: 'localhost:8080'}\n"
    )
    cache = tmp_path / "cache"
    doc = {"fetchedAt": 1.0, "etags": {}, "failed": {}, "groups": GROUPS, "resources": RESOURCES}
    discovery_cache.write(cache, "http://localhost:8080", doc)
    environ = {"KUBECONFIG": str(kubeconfig), "KUBECACHEDIR": str(cache), "HOME": str(tmp_path)}
    assert values(environ, "get", "po") == ["pods", "podtemplates"]
    assert values(environ, "-s", "localhost:8080", "get", "po") == ["pods", "podtemplates"]


def test_flag_equals_forms_complete_like_cobra(world):
    """cobra completes ``--flag=<TAB>`` and ``-x=<TAB>`` (the letter before the ``=``, so a
    group ``-Ao=`` completes ``-o``); the candidates keep the typed text up to the ``=``."""
    assert values(world, "get", "--context=d") == ["--context=dev"]
    assert values(world, "get", "--output=ya") == ["--output=yaml"]
    assert values(world, "get", "-o=ya") == ["-o=yaml"]
    assert values(world, "get", "-Ao=ya") == ["-Ao=yaml"]
    assert values(world, "get", "--all_namespaces=t") == []  # a bool has no values to offer
    assert values(world, "get", "-A=") == []
    assert values(world, "get", "--nope=x") == []
    assert complete(world, "--kubeconfig=") == ([], 0)  # file flags: the shell's own


def test_the_line_is_read_with_the_commands_rules(world):
    """The forms kubectl accepts mean the same to a TAB as to the finished command."""
    for line in (["-n=x", "get", ""], ["get", "-nx", ""], ["-v=3", "--namespace", "x", "get", ""]):
        parsed = parse(load_root(), line)
        assert (parsed.command.path, parsed.value("--namespace")) == (("get",), "x"), line
    parsed = parse(load_root(), ["-v6", "get", "-Aoname", "pods", ""])
    assert (parsed.value("--v"), parsed.value("--all-namespaces")) == (6, True)
    assert (parsed.value("--output"), parsed.args) == ("name", ["pods"])
    # flags before the subcommand: cobra's finder skips them and their values
    assert parse(load_root(), ["--context", "prod", "get", ""]).command.path == ("get",)
    assert values(world, "-A=true", "get", "po") == ["pods", "podtemplates"]
    # a trailing -n after a group waits for its value
    assert parse(load_root(), ["get", "-An", ""]).pending.long_name == "--namespace"


def test_positional_kinds_name_real_commands():
    """CONTEXT_ARGS and the file flags name commands and flags that exist."""
    root = load_root()
    for path in engine.CONTEXT_ARGS:
        node = root
        for name in path:
            node = node.commands[name]
    flags = set()
    stack = [root]
    while stack:
        node = stack.pop()
        flags.update(n for f in node.flags for n in f.names)
        stack.extend(node.commands.values())
    assert set(engine._FILE_FLAGS) <= flags
