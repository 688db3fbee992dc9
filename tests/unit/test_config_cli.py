"""``kctl config view|get-contexts|current-context|use-context`` through the CLI entry point.

Expected texts were produced by kubectl v1.36.3 from the same files (tests/integration/
test_config_cli.py compares against the real binary on more cases)."""

from __future__ import annotations

import os
import stat
import textwrap
from pathlib import Path

import pytest

from tests.unit.cli import kctl

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


@pytest.fixture
def merged(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "first.yaml").write_text(FIRST)
    (tmp_path / "second.yaml").write_text(SECOND)
    return {
        "KUBECONFIG": f"{tmp_path / 'first.yaml'}{os.pathsep}{tmp_path / 'second.yaml'}",
        "HOME": str(tmp_path),
    }


def test_view_redacts_secrets(merged: dict[str, str]) -> None:
    assert kctl("config", "view", environ=merged).streams == (VIEW, "")


def test_view_raw_shows_them(merged: dict[str, str]) -> None:
    out = kctl("config", "view", "--raw", environ=merged).stdout
    expected = (
        VIEW.replace("DATA+OMITTED\n    proxy", "QUJD\n    proxy")
        .replace("client-key-data: DATA+OMITTED", "client-key-data: S0VZ")
        .replace("token: REDACTED", "token: secret-token")
        .replace("password: REDACTED", "password: pw")
    )
    assert out == expected


def test_view_minify_json_and_raw(merged: dict[str, str]) -> None:
    assert kctl("config", "view", "--minify", "-o", "json", environ=merged).streams == (
        MINIFY_JSON,
        "",
    )
    assert kctl("config", "view", "--minify", "--raw", environ=merged).streams == (MINIFY_RAW, "")


def test_view_minify_errors(merged: dict[str, str], tmp_path: Path) -> None:
    assert kctl(
        "config", "view", "--minify", "--context", "nope", environ=merged, expect=1
    ).streams == ("", "error: cannot locate context nope\n")
    (tmp_path / "empty.yaml").write_text("apiVersion: v1\nkind: Config\n")
    assert kctl(
        "config", "view", "--minify", environ={"KUBECONFIG": str(tmp_path / "empty.yaml")}, expect=1
    ).streams == ("", "error: current-context must exist in order to minify\n")


def test_view_of_nothing(tmp_path: Path) -> None:
    expected = (
        'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\n'
        "users: null\n"
    )
    assert kctl("config", "view", environ={"HOME": str(tmp_path)}).streams == (expected, "")
    assert kctl(
        "config", "view", "--kubeconfig", str(tmp_path / "nope.yaml"), environ={}
    ).streams == (expected, "")


def test_view_output_errors(merged: dict[str, str]) -> None:
    assert kctl("config", "view", "-o", "foo", environ=merged, expect=1).streams == (
        "",
        'error: unable to match a printer suitable for the output format "foo", allowed formats '
        "are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,"
        "name,template,templatefile,yaml\n",
    )
    assert kctl("config", "view", "--merge=false", environ=merged, expect=1).streams == (
        "",
        "error: if merge==false a precise file must be specified\n",
    )


def test_view_jsonpath(merged: dict[str, str]) -> None:
    assert kctl("config", "view", "-o", "jsonpath={.users[*].name}", environ=merged).streams == (
        "u1 u2",
        "",
    )


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
    out = kctl("config", "view", environ={"KUBECONFIG": str(kc)}).stdout
    assert "secret-jwt" not in out
    assert "        id-token: REDACTED\n        idp-issuer-url: https://x\n" in out
    out = kctl("config", "view", "--raw", environ={"KUBECONFIG": str(kc)}).stdout
    assert "id-token: secret-jwt" in out


def test_unparsable_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: "a"\n  bad\n')
    assert kctl("config", "view", environ={"KUBECONFIG": str(bad)}, expect=1).streams == (
        "",
        f"error: error loading config file \"{bad}\": yaml: line 4: did not find expected ',' "
        "or '}'\n",
    )


def test_get_contexts(merged: dict[str, str]) -> None:
    assert kctl("config", "get-contexts", environ=merged).streams == (GET_CONTEXTS, "")
    assert kctl("config", "get-contexts", "-o", "name", environ=merged).streams == (
        "ctx-a\nctx-b\nctx-c\n",
        "",
    )
    assert kctl("config", "get-contexts", "--no-headers", environ=merged).streams == (
        "*     ctx-a   c1    u1    ns-a\n      ctx-b   c2    u2    \n      ctx-c   c3    u1    \n",
        "",
    )


def test_get_contexts_missing_names(merged: dict[str, str]) -> None:
    assert kctl("config", "get-contexts", "nope", environ=merged, expect=1).streams == (
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        "error: context nope not found\n",
    )
    assert kctl("config", "get-contexts", "nope", "other", environ=merged, expect=1).streams == (
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        "context nope not found\ncontext other not found\n",
    )
    result = kctl("config", "get-contexts", "-o", "wide", environ=merged, expect=1)
    assert result.stdout == ""
    assert result.stderr == (
        "error: --output wide is not available in kctl config get-contexts; resetting to "
        "default output format\n"
    )


def test_current_context(merged: dict[str, str], tmp_path: Path) -> None:
    assert kctl("config", "current-context", environ=merged).streams == ("ctx-a\n", "")
    (tmp_path / "empty.yaml").write_text("apiVersion: v1\nkind: Config\n")
    assert kctl(
        "config", "current-context", environ={"KUBECONFIG": str(tmp_path / "empty.yaml")}, expect=1
    ).streams == ("", "error: current-context is not set\n")


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
    assert kctl("config", "use-context", "ctx-one", environ=environ).streams == (
        'Switched to context "ctx-one".\n',
        "",
    )
    assert one.read_text() == ONE
    assert two.read_text() == TWO.replace("current-context: ctx-two", "current-context: ctx-one")
    assert stat.S_IMODE(two.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.yaml", "two.yaml"]  # no temp files
    assert kctl("config", "current-context", environ=environ).streams == ("ctx-one\n", "")


def test_use_context_with_no_current_context_anywhere_writes_the_first_file(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(ONE)
    environ = {"KUBECONFIG": f"{tmp_path / 'missing.yaml'}{os.pathsep}{one}"}
    kctl("config", "use", "ctx-one", environ=environ)
    assert one.read_text() == ONE + "current-context: ctx-one\n"
    assert not (tmp_path / "missing.yaml").exists()


def test_use_context_explicit_file_and_quoting(tmp_path: Path) -> None:
    kc = tmp_path / "k.yaml"
    kc.write_text(
        "contexts:\n- name: 'yes'\n  context: {cluster: c}\ncurrent-context: old # note\n"
    )
    kctl("config", "use-context", "yes", "--kubeconfig", str(kc), environ={})
    assert kc.read_text() == (
        "contexts:\n- name: 'yes'\n  context: {cluster: c}\ncurrent-context: \"yes\"\n"
    )


def test_use_context_keeps_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    # loading accepted the file, but the rewrite read it as strict UTF-8: a traceback
    kc = tmp_path / "k.yaml"
    kc.write_bytes(
        b"# caf\xe9\ncontexts:\n- name: b\n  context: {cluster: c}\ncurrent-context: a\n"
    )
    kctl("config", "use-context", "b", "--kubeconfig", str(kc), environ={})
    assert kc.read_bytes() == (
        b"# caf\xe9\ncontexts:\n- name: b\n  context: {cluster: c}\ncurrent-context: b\n"
    )


def test_use_context_honours_kubectls_lock_file(pair: tuple[Path, Path, dict[str, str]]) -> None:
    one, two, environ = pair
    lock = Path(f"{two}.lock")
    lock.write_text("")
    assert kctl("config", "use-context", "ctx-one", environ=environ, expect=1).streams == (
        "",
        f"error: open {lock}: file exists\n",
    )
    assert two.read_text() == TWO
    lock.unlink()
    kctl("config", "use-context", "ctx-one", environ=environ)
    assert not lock.exists()


def test_use_context_errors(pair: tuple[Path, Path, dict[str, str]]) -> None:
    one, two, environ = pair
    assert kctl("config", "use-context", "nope", environ=environ, expect=1).streams == (
        "",
        'error: no context exists with the name: "nope"\n',
    )
    assert kctl("config", "use-context", "", environ=environ, expect=1).streams == (
        "",
        "error: empty context names are not allowed\n",
    )
    result = kctl("config", "use-context", "a", "b", environ=environ, expect=1)
    assert result.stderr == "error: Unexpected args: [a b]\n"
    assert "Usage:" in result.stdout
    assert (one.read_text(), two.read_text()) == (ONE, TWO)


def test_use_context_through_a_symlink_into_another_file_system(tmp_path: Path) -> None:
    """~/.kube/config as a link into another mount: the temp file must be made beside the
    target (before: `invalid cross-device link`). /dev/shm is a tmpfs, /tmp is not, here."""
    import shutil
    import tempfile

    elsewhere = Path(tempfile.mkdtemp(prefix="kctl-test-", dir="/dev/shm"))
    try:
        assert elsewhere.stat().st_dev != tmp_path.stat().st_dev  # really another file system
        target = elsewhere / "config"
        target.write_text(ONE)
        target.chmod(0o640)
        link = tmp_path / "config"
        link.symlink_to(target)
        result = kctl("config", "use-context", "ctx-one", "--kubeconfig", str(link), environ={})
        assert result.streams == ('Switched to context "ctx-one".\n', "")
        assert link.is_symlink() and link.resolve() == target
        assert "current-context: ctx-one" in target.read_text()
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert sorted(p.name for p in elsewhere.iterdir()) == ["config"]  # no temp files left
        assert sorted(p.name for p in tmp_path.iterdir()) == ["config"]
    finally:
        shutil.rmtree(elsewhere)
