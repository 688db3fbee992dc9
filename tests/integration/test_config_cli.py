"""Kubeconfig handling end to end: ``kctl config ...`` against kubectl on the same files, and
every way of authenticating (client certificate, token, token file, flags, exec plugin with its
cache and the refresh after a 401) against the real control plane."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
import yaml

from tests.unit.test_config_cli import FIRST, SECOND

PLUGIN = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "fake_exec_plugin.py"

QUOTING = """\
apiVersion: v1
kind: Config
current-context: "yes"
clusters:
- {name: "0x1F", cluster: {server: "https://h:1", certificate-authority-data: QUJD}}
contexts:
- {name: "yes", context: {cluster: "123", user: "true"}}
- {name: "y", context: {cluster: "1.5", user: "null"}}
- {name: "~", context: {cluster: "a: b", user: "#x"}}
- {name: "-x", context: {cluster: "@x", user: "héllo wörld"}}
- {name: "0x1F", context: {cluster: "1e3", user: "on"}}
- {name: "multi", context: {cluster: "line1\\nline2", user: "line1\\nline2\\n", namespace: " a"}}
- {name: "trail ", context: {cluster: "a'b", user: "a\\"b"}}
- {name: "long", context: {cluster: "this is a very long string with many spaces in it that goes \
well past eighty columns of text ok", user: "Off"}}
- {name: "2026-01-01", context: {cluster: "0o17", user: "012"}}
users:
- name: everything
  user:
    client-certificate-data: QUJD
    client-key: k.pem
    tokenFile: /tmp/tok
    as: bob
    as-uid: "123"
    as-groups: [g1, g2]
    as-user-extra: {k: [v1], a10: [x], a9: [why]}
    extensions:
    - name: ext
      extension: {z: 1, apiVersion: v1, kind: Foo, list: [1, 2]}
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: plug
extensions:
- {name: top, extension: "str"}
preferences: {colors: true}
unknown-top-level: dropped
"""


def write_pair(tmp_path: Path) -> str:
    (tmp_path / "first.yaml").write_text(FIRST)
    (tmp_path / "second.yaml").write_text(SECOND)
    (tmp_path / "quoting.yaml").write_text(QUOTING)
    return os.pathsep.join(str(tmp_path / n) for n in ("first.yaml", "second.yaml", "quoting.yaml"))


@pytest.mark.parametrize(
    "args",
    [
        ("config", "view"),
        ("config", "view", "--raw"),
        ("config", "view", "-o", "json"),
        ("config", "view", "--raw", "-o", "json"),
        ("config", "view", "--minify"),
        ("config", "view", "--minify", "--context", "ctx-c", "-o", "json"),
        ("config", "view", "--minify", "--context", "yes"),
        ("config", "view", "--minify", "--context", "nope"),
        ("config", "view", "-o", "jsonpath={.contexts[*].name}"),
        ("config", "view", "-o", "bogus"),
        ("config", "view", "-o", "kyaml"),
        ("config", "view", "--raw", "-o", "kyaml"),
        ("config", "view", "-o", ""),
        ("config", "view", "-o", "wide"),
        ("config", "view", "-o", "yaml=x"),
        ("config", "view", "-o", "jsonpath-as-json={.contexts[*].name}"),
        ("config", "view", "-o", "jsonpath"),
        ("config", "get-contexts"),
        ("config", "get-contexts", "-o", "name"),
        ("config", "get-contexts", "--no-headers"),
        ("config", "get-contexts", "ctx-c", "ctx-a"),
        ("config", "get-contexts", "nope"),
        ("config", "get-contexts", "nope", "other"),
        ("config", "current-context"),
        ("config", "use-context", "nope"),
    ],
)
def test_config_commands_print_what_kubectl_prints(kctl, kubectl, tmp_path, args):
    kubeconfig = write_pair(tmp_path)
    ours, theirs = kctl(*args, kubeconfig=kubeconfig), kubectl(*args, kubeconfig=kubeconfig)
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)


def test_unparsable_and_missing_files_match_kubectl(kctl, kubectl, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: "a"\n  bad\n')
    for ours_args, their_args in (
        (("config", "view"), ("config", "view")),
        (("raw", "GET", "/version"), ("get", "--raw", "/version")),
    ):
        ours = kctl(*ours_args, kubeconfig=str(bad))
        theirs = kubectl(*their_args, kubeconfig=str(bad))
        assert theirs.stderr.startswith(f'error: error loading config file "{bad}"')
        assert (ours.code, ours.stderr) == (1, theirs.stderr)
    missing = str(tmp_path / "missing.yaml")
    ours = kctl("--kubeconfig", missing, "raw", "GET", "/version")
    theirs = kubectl("--kubeconfig", missing, "get", "--raw", "/version")
    assert (ours.code, ours.stderr) == (1, theirs.stderr)
    assert theirs.stderr == f"error: stat {missing}: no such file or directory\n"


def test_context_errors_match_kubectl(kctl, kubectl, cluster):
    for flag, value in (("--context", "nope"), ("--cluster", "nope"), ("--user", "nope")):
        ours = kctl(flag, value, "raw", "GET", "/version")
        theirs = kubectl(flag, value, "get", "--raw", "/version")
        assert (ours.code, ours.stderr) == (1, theirs.stderr)
    ours = kctl("raw", "GET", "/version", "--request-timeout", "1.5")
    theirs = kubectl("get", "--raw", "/version", "--request-timeout", "1.5")
    assert (ours.code, ours.stderr) == (1, theirs.stderr)


def test_admin_kubeconfig_views_match(kctl, kubectl, cluster):
    for args in (
        ("config", "view", "--raw", "--minify"),
        ("config", "view", "--flatten", "-o", "json"),
        ("config", "view"),
        ("config", "get-contexts"),
    ):
        ours, theirs = kctl(*args), kubectl(*args)
        assert theirs.code == 0
        assert (ours.code, ours.stdout, ours.stderr) == (0, theirs.stdout, theirs.stderr)


def test_use_context_has_the_same_effect_as_kubectl(kctl, kubectl, tmp_path):
    results = {}
    for tool, run in (("kctl", kctl), ("kubectl", kubectl)):
        work = tmp_path / tool
        work.mkdir()
        kubeconfig = write_pair(work)
        switched = run("config", "use-context", "ctx-c", kubeconfig=kubeconfig)
        after = run("config", "view", "--raw", kubeconfig=kubeconfig)
        results[tool] = (switched.code, switched.stdout, switched.stderr, after.stdout)
        # only the file holding current-context changed; the others are byte-for-byte intact
        if tool == "kctl":
            assert (work / "second.yaml").read_text() == SECOND
            assert (work / "quoting.yaml").read_text() == QUOTING
            assert (work / "first.yaml").read_text() == FIRST.replace(
                "current-context: ctx-a", "current-context: ctx-c"
            )
    assert results["kctl"] == results["kubectl"]
    assert results["kctl"][1] == 'Switched to context "ctx-c".\n'


# -- authentication through kubeconfig and flags ---------------------------------------------

REVIEW = '{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}'


def whoami(kctl, tmp_path, *args, **kwargs) -> str:
    body = tmp_path / "review.json"
    body.write_text(REVIEW)
    result = kctl(
        *args,
        "raw",
        "POST",
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        "-f",
        str(body),
        **kwargs,
    )
    assert result.code == 0, result
    return str(json.loads(result.stdout)["status"]["userInfo"]["username"])


def kubectl_whoami(kubectl, *args, **kwargs) -> str:
    result = kubectl(
        *args, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}", **kwargs
    )
    assert result.code == 0, result
    return str(result.stdout)


def cluster_entry(cluster, ca: str) -> dict[str, object]:
    return {"name": "envtest", "cluster": {"server": cluster.server, "certificate-authority": ca}}


def write_kubeconfig(path: Path, cluster, user: dict[str, object], ca: str) -> Path:
    doc = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": "ctx",
        "clusters": [cluster_entry(cluster, ca)],
        "contexts": [{"name": "ctx", "context": {"cluster": "envtest", "user": "u"}}],
        "users": [{"name": "u", "user": user}],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc))
    return path


def test_client_certificate_and_token_kubeconfigs(kctl, kubectl, cluster, tmp_path):
    admin = kubectl_whoami(kubectl)
    assert whoami(kctl, tmp_path) == admin
    limited = kubectl_whoami(kubectl, kubeconfig=cluster.limited_kubeconfig)
    assert limited == cluster.limited_user
    assert whoami(kctl, tmp_path, kubeconfig=cluster.limited_kubeconfig) == limited


def test_relative_paths_and_token_file(kctl, kubectl, cluster, tmp_path):
    conf = tmp_path / "conf"
    (conf / "pki").mkdir(parents=True)
    shutil.copy(cluster.ca_file, conf / "pki" / "ca.crt")
    (conf / "token").write_text(cluster.token + "\n")
    kc = write_kubeconfig(conf / "kubeconfig", cluster, {"tokenFile": "token"}, "pki/ca.crt")
    # both tools run in another directory: paths resolve against the kubeconfig's folder
    assert kubectl_whoami(kubectl, kubeconfig=kc) == cluster.limited_user
    assert whoami(kctl, tmp_path, kubeconfig=kc) == cluster.limited_user


def test_credentials_from_flags_only(kctl, kubectl, cluster, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    flags = (
        "--server", cluster.server,
        "--certificate-authority", str(cluster.ca_file),
        "--client-certificate", str(cluster.admin_cert),
        "--client-key", str(cluster.admin_key),
    )  # fmt: skip
    admin = kubectl_whoami(kubectl, *flags, kubeconfig=empty)
    assert whoami(kctl, tmp_path, *flags, kubeconfig=empty) == admin
    token_flags = ("--server", cluster.server, "--certificate-authority", str(cluster.ca_file))
    token_flags += ("--token", cluster.token)
    assert kubectl_whoami(kubectl, *token_flags, kubeconfig=empty) == cluster.limited_user
    assert whoami(kctl, tmp_path, *token_flags, kubeconfig=empty) == cluster.limited_user


def exec_user(tmp_path: Path, **env: str) -> dict[str, object]:
    variables = {"FAKE_RECORD": str(tmp_path / "runs.jsonl"), **env}
    return {
        "exec": {
            "apiVersion": "client.authentication.k8s.io/v1",
            "command": sys.executable,
            "args": [str(PLUGIN)],
            "env": [{"name": k, "value": v} for k, v in variables.items()],
            "interactiveMode": "Never",
            "provideClusterInfo": True,
        }
    }


def plugin_runs(tmp_path: Path) -> int:
    path = tmp_path / "runs.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_exec_plugin_credentials_are_cached_across_invocations(kctl, kubectl, cluster, tmp_path):
    user = exec_user(tmp_path, FAKE_TOKEN=cluster.token, FAKE_EXPIRY="2099-01-01T00:00:00Z")
    kc = write_kubeconfig(tmp_path / "exec.yaml", cluster, user, str(cluster.ca_file))
    assert kubectl_whoami(kubectl, kubeconfig=kc) == cluster.limited_user
    assert plugin_runs(tmp_path) == 1
    (tmp_path / "runs.jsonl").unlink()

    cache = tmp_path / "kctl-cache"
    assert whoami(kctl, tmp_path, kubeconfig=kc, cache_dir=cache) == cluster.limited_user
    assert whoami(kctl, tmp_path, kubeconfig=kc, cache_dir=cache) == cluster.limited_user
    assert plugin_runs(tmp_path) == 1  # the second invocation used the file cache
    (cached,) = (cache / "exec").glob("*.json")
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    seen = json.loads((tmp_path / "runs.jsonl").read_text())
    assert seen["exec_info"]["spec"]["cluster"]["server"] == cluster.server
    assert seen["exec_info"]["spec"]["interactive"] is False


def test_exec_plugin_is_rerun_once_after_a_401(kctl, cluster, tmp_path):
    user = exec_user(
        tmp_path,
        FAKE_TOKENS=f"not-a-valid-token,{cluster.token}",
        FAKE_EXPIRY="2099-01-01T00:00:00Z",
    )
    kc = write_kubeconfig(tmp_path / "exec.yaml", cluster, user, str(cluster.ca_file))
    assert whoami(kctl, tmp_path, kubeconfig=kc) == cluster.limited_user
    assert plugin_runs(tmp_path) == 2


def test_exec_plugin_failures_read_like_kubectl(kctl, kubectl, cluster, tmp_path):
    user = exec_user(tmp_path, FAKE_MODE="fail", FAKE_STDERR="plugin says: no session")
    kc = write_kubeconfig(tmp_path / "exec.yaml", cluster, user, str(cluster.ca_file))
    ours = kctl("raw", "GET", "/version", kubeconfig=kc)
    theirs = kubectl("get", "--raw", "/version", kubeconfig=kc)
    assert theirs.code == 1
    assert (ours.code, ours.stdout, ours.stderr) == (1, "", theirs.stderr)

    missing = {"exec": {**user["exec"], "command": "no-such-plugin", "installHint": "brew it"}}  # type: ignore[dict-item]
    kc = write_kubeconfig(tmp_path / "missing.yaml", cluster, missing, str(cluster.ca_file))
    ours = kctl("raw", "GET", "/version", kubeconfig=kc)
    theirs = kubectl("get", "--raw", "/version", kubeconfig=kc)
    assert theirs.stderr.endswith("\n\nbrew it\n")
    assert (ours.code, ours.stderr) == (1, theirs.stderr)


def test_view_never_prints_the_exec_cache_or_tokens(kctl, cluster, tmp_path):
    result = kctl("config", "view", kubeconfig=cluster.limited_kubeconfig)
    assert result.code == 0
    assert cluster.token not in result.stdout
    assert "token: REDACTED" in result.stdout


def test_namespace_comes_from_the_context_unless_n_is_given(kctl, kubectl, cluster, tmp_path):
    doc = yaml.safe_load(Path(cluster.limited_kubeconfig).read_text())
    for entry in doc["contexts"]:
        entry["context"]["namespace"] = cluster.limited_namespace
    kc = tmp_path / "ns.yaml"
    kc.write_text(yaml.safe_dump(doc))
    # the limited user may list pods only in its namespace
    for args in (("get", "pods", "-o", "name"), ("get", "pods", "-n", "default")):
        ours, theirs = kctl(*args, kubeconfig=kc), kubectl(*args, kubeconfig=kc)
        assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    assert kctl("get", "pods", "-o", "name", kubeconfig=kc).code == 0
    assert "Forbidden" in kctl("get", "pods", "-n", "default", kubeconfig=kc).stderr
