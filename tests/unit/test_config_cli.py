"""``kctl config view|get-contexts|current-context|use-context`` through the CLI entry point.

Expected texts were produced by kubectl v1.36.3 from the same files (tests/integration/
test_config_cli.py compares against the real binary on more cases)."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest

from kctl.cli import main as cli_main
from kctl.env import Environment

FIRST = """\
apiVersion: v1
kind: Config
current-context: ctx-a
preferences: {}
clusters:
- name: c1
  cluster:
    server: https://1.2.3.4:6443
    certificate-authority: ca.crt
- name: c2
  cluster:
    server: https://5.6.7.8
    certificate-authority-data: QUJD
    insecure-skip-tls-verify: false
    tls-server-name: foo
    proxy-url: http://proxy:3128
contexts:
- name: ctx-a
  context:
    cluster: c1
    user: u1
    namespace: ns-a
- name: ctx-b
  context:
    cluster: c2
    user: u2
users:
- name: u1
  user:
    token: secret-token
    client-certificate: certs/client.crt
    client-key-data: S0VZ
- name: u2
  user:
    username: admin
    password: pw
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./plugin
      args: ["a", "b"]
      env:
      - name: FOO
        value: bar
      installHint: install it
      provideClusterInfo: true
      interactiveMode: Never
"""

SECOND = """\
apiVersion: v1
kind: Config
current-context: ctx-b
clusters:
- name: c1
  cluster:
    server: https://override
- name: c3
  cluster:
    server: http://c3
contexts:
- name: ctx-c
  context:
    cluster: c3
    user: u1
users: []
"""

# kubectl config view (KUBECONFIG=first:second)
VIEW = """\
apiVersion: v1
clusters:
- cluster:
    certificate-authority: ca.crt
    server: https://1.2.3.4:6443
  name: c1
- cluster:
    certificate-authority-data: DATA+OMITTED
    proxy-url: http://proxy:3128
    server: https://5.6.7.8
    tls-server-name: foo
  name: c2
- cluster:
    server: http://c3
  name: c3
contexts:
- context:
    cluster: c1
    namespace: ns-a
    user: u1
  name: ctx-a
- context:
    cluster: c2
    user: u2
  name: ctx-b
- context:
    cluster: c3
    user: u1
  name: ctx-c
current-context: ctx-a
kind: Config
users:
- name: u1
  user:
    client-certificate: certs/client.crt
    client-key-data: DATA+OMITTED
    token: REDACTED
- name: u2
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      args:
      - a
      - b
      command: ./plugin
      env:
      - name: FOO
        value: bar
      installHint: install it
      interactiveMode: Never
      provideClusterInfo: true
    password: REDACTED
    username: admin
"""

MINIFY_JSON = """\
{
    "kind": "Config",
    "apiVersion": "v1",
    "clusters": [
        {
            "name": "c1",
            "cluster": {
                "server": "https://1.2.3.4:6443",
                "certificate-authority": "ca.crt"
            }
        }
    ],
    "users": [
        {
            "name": "u1",
            "user": {
                "client-certificate": "certs/client.crt",
                "client-key-data": "DATA+OMITTED",
                "token": "REDACTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "ctx-a",
            "context": {
                "cluster": "c1",
                "user": "u1",
                "namespace": "ns-a"
            }
        }
    ],
    "current-context": "ctx-a"
}
"""

MINIFY_RAW = """\
apiVersion: v1
clusters:
- cluster:
    certificate-authority: ca.crt
    server: https://1.2.3.4:6443
  name: c1
contexts:
- context:
    cluster: c1
    namespace: ns-a
    user: u1
  name: ctx-a
current-context: ctx-a
kind: Config
users:
- name: u1
  user:
    client-certificate: certs/client.crt
    client-key-data: S0VZ
    token: secret-token
"""

GET_CONTEXTS = """\
CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE
*         ctx-a   c1        u1         ns-a
          ctx-b   c2        u2         
          ctx-c   c3        u1         
"""  # noqa: W291 - kubectl pads the AUTHINFO cell before an empty NAMESPACE


def run(environ: dict[str, str], *argv: str) -> tuple[int, str, str]:
    env = Environment.for_test(environ=environ)
    code = cli_main.run(list(argv), env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def merged(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "first.yaml").write_text(FIRST)
    (tmp_path / "second.yaml").write_text(SECOND)
    return {
        "KUBECONFIG": f"{tmp_path / 'first.yaml'}{os.pathsep}{tmp_path / 'second.yaml'}",
        "HOME": str(tmp_path),
    }


def test_view_redacts_secrets(merged: dict[str, str]) -> None:
    assert run(merged, "config", "view") == (0, VIEW, "")


def test_view_raw_shows_them(merged: dict[str, str]) -> None:
    code, out, _ = run(merged, "config", "view", "--raw")
    expected = (
        VIEW.replace("DATA+OMITTED\n    proxy", "QUJD\n    proxy")
        .replace("client-key-data: DATA+OMITTED", "client-key-data: S0VZ")
        .replace("token: REDACTED", "token: secret-token")
        .replace("password: REDACTED", "password: pw")
    )
    assert (code, out) == (0, expected)


def test_view_minify_json_and_raw(merged: dict[str, str]) -> None:
    assert run(merged, "config", "view", "--minify", "-o", "json") == (0, MINIFY_JSON, "")
    assert run(merged, "config", "view", "--minify", "--raw") == (0, MINIFY_RAW, "")


def test_view_minify_errors(merged: dict[str, str], tmp_path: Path) -> None:
    assert run(merged, "config", "view", "--minify", "--context", "nope") == (
        1,
        "",
        "error: cannot locate context nope\n",
    )
    (tmp_path / "empty.yaml").write_text("apiVersion: v1\nkind: Config\n")
    assert run({"KUBECONFIG": str(tmp_path / "empty.yaml")}, "config", "view", "--minify") == (
        1,
        "",
        "error: current-context must exist in order to minify\n",
    )


def test_view_of_nothing(tmp_path: Path) -> None:
    expected = (
        'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\n'
        "users: null\n"
    )
    assert run({"HOME": str(tmp_path)}, "config", "view") == (0, expected, "")
    assert run({}, "config", "view", "--kubeconfig", str(tmp_path / "nope.yaml")) == (
        0,
        expected,
        "",
    )


def test_view_output_errors(merged: dict[str, str]) -> None:
    assert run(merged, "config", "view", "-o", "foo") == (
        1,
        "",
        'error: unable to match a printer suitable for the output format "foo", allowed formats '
        "are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,"
        "name,template,templatefile,yaml\n",
    )
    assert run(merged, "config", "view", "--merge=false") == (
        1,
        "",
        "error: if merge==false a precise file must be specified\n",
    )


def test_view_jsonpath(merged: dict[str, str]) -> None:
    assert run(merged, "config", "view", "-o", "jsonpath={.users[*].name}") == (0, "u1 u2", "")


def test_view_redacts_auth_provider_tokens_unlike_kubectl(tmp_path: Path) -> None:
    kc = tmp_path / "oidc.yaml"
    kc.write_text(
        textwrap.dedent(
            """\
            users:
            - name: u
              user:
                auth-provider:
                  name: oidc
                  config: {id-token: secret-jwt, refresh-token: r, idp-issuer-url: "https://x"}
            """
        )
    )
    code, out, _ = run({"KUBECONFIG": str(kc)}, "config", "view")
    assert code == 0
    assert "secret-jwt" not in out
    assert "        id-token: REDACTED\n        idp-issuer-url: https://x\n" in out
    code, out, _ = run({"KUBECONFIG": str(kc)}, "config", "view", "--raw")
    assert "id-token: secret-jwt" in out


def test_unparsable_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: "a"\n  bad\n')
    assert run({"KUBECONFIG": str(bad)}, "config", "view") == (
        1,
        "",
        f"error: error loading config file \"{bad}\": yaml: line 4: did not find expected ',' "
        "or '}'\n",
    )


def test_get_contexts(merged: dict[str, str]) -> None:
    assert run(merged, "config", "get-contexts") == (0, GET_CONTEXTS, "")
    assert run(merged, "config", "get-contexts", "-o", "name") == (0, "ctx-a\nctx-b\nctx-c\n", "")
    assert run(merged, "config", "get-contexts", "--no-headers") == (
        0,
        "*     ctx-a   c1    u1    ns-a\n      ctx-b   c2    u2    \n      ctx-c   c3    u1    \n",
        "",
    )


def test_get_contexts_missing_names(merged: dict[str, str]) -> None:
    assert run(merged, "config", "get-contexts", "nope") == (
        1,
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        "error: context nope not found\n",
    )
    assert run(merged, "config", "get-contexts", "nope", "other") == (
        1,
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        "context nope not found\ncontext other not found\n",
    )
    code, out, err = run(merged, "config", "get-contexts", "-o", "wide")
    assert (code, out) == (1, "")
    assert err == (
        "error: --output wide is not available in kctl config get-contexts; resetting to "
        "default output format\n"
    )


def test_current_context(merged: dict[str, str], tmp_path: Path) -> None:
    assert run(merged, "config", "current-context") == (0, "ctx-a\n", "")
    (tmp_path / "empty.yaml").write_text("apiVersion: v1\nkind: Config\n")
    assert run({"KUBECONFIG": str(tmp_path / "empty.yaml")}, "config", "current-context") == (
        1,
        "",
        "error: current-context is not set\n",
    )


# -- use-context ----------------------------------------------------------------------------


ONE = """\
# my comment
apiVersion: v1
kind: Config
clusters: []
contexts:
- name: ctx-one
  context: {cluster: c}
users: []
extra-field: keep
"""
TWO = """\
apiVersion: v1
kind: Config
current-context: ctx-two
contexts:
- name: ctx-two
  context: {cluster: c}
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(ONE)
    two.write_text(TWO)
    two.chmod(0o640)
    return one, two, {"KUBECONFIG": f"{one}{os.pathsep}{two}"}


def test_use_context_rewrites_only_the_file_holding_current_context(
    pair: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    one, two, environ = pair
    assert run(environ, "config", "use-context", "ctx-one") == (
        0,
        'Switched to context "ctx-one".\n',
        "",
    )
    assert one.read_text() == ONE
    assert two.read_text() == TWO.replace("current-context: ctx-two", "current-context: ctx-one")
    assert stat.S_IMODE(two.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.yaml", "two.yaml"]  # no temp files
    assert run(environ, "config", "current-context") == (0, "ctx-one\n", "")


def test_use_context_with_no_current_context_anywhere_writes_the_first_file(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(ONE)
    environ = {"KUBECONFIG": f"{tmp_path / 'missing.yaml'}{os.pathsep}{one}"}
    assert run(environ, "config", "use", "ctx-one")[0] == 0
    assert one.read_text() == ONE + "current-context: ctx-one\n"
    assert not (tmp_path / "missing.yaml").exists()


def test_use_context_explicit_file_and_quoting(tmp_path: Path) -> None:
    kc = tmp_path / "k.yaml"
    kc.write_text(
        "contexts:\n- name: 'yes'\n  context: {cluster: c}\ncurrent-context: old # note\n"
    )
    assert run({}, "config", "use-context", "yes", "--kubeconfig", str(kc))[0] == 0
    assert kc.read_text() == (
        "contexts:\n- name: 'yes'\n  context: {cluster: c}\ncurrent-context: \"yes\"\n"
    )


def test_use_context_keeps_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    # loading accepted the file, but the rewrite read it as strict UTF-8: a traceback
    kc = tmp_path / "k.yaml"
    kc.write_bytes(
        b"# caf\xe9\ncontexts:\n- name: b\n  context: {cluster: c}\ncurrent-context: a\n"
    )
    assert run({}, "config", "use-context", "b", "--kubeconfig", str(kc))[0] == 0
    assert kc.read_bytes() == (
        b"# caf\xe9\ncontexts:\n- name: b\n  context: {cluster: c}\ncurrent-context: b\n"
    )


def test_use_context_honours_kubectls_lock_file(pair: tuple[Path, Path, dict[str, str]]) -> None:
    one, two, environ = pair
    lock = Path(f"{two}.lock")
    lock.write_text("")
    assert run(environ, "config", "use-context", "ctx-one") == (
        1,
        "",
        f"error: open {lock}: file exists\n",
    )
    assert two.read_text() == TWO
    lock.unlink()
    assert run(environ, "config", "use-context", "ctx-one")[0] == 0
    assert not lock.exists()


def test_use_context_errors(pair: tuple[Path, Path, dict[str, str]]) -> None:
    one, two, environ = pair
    assert run(environ, "config", "use-context", "nope") == (
        1,
        "",
        'error: no context exists with the name: "nope"\n',
    )
    assert run(environ, "config", "use-context", "") == (
        1,
        "",
        "error: empty context names are not allowed\n",
    )
    code, out, err = run(environ, "config", "use-context", "a", "b")
    assert (code, err) == (1, "error: Unexpected args: [a b]\n")
    assert "Usage:" in out
    assert (one.read_text(), two.read_text()) == (ONE, TWO)
