"""kubeconfig loading: sources, kubectl's merge rules, overrides, relative paths, in-cluster
fallback and kubectl's error texts (each text taken from kubectl v1.36.3 on the same file)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from kctl.clientcmd.clientconfig import load_rest_config
from kctl.clientcmd.loader import LoadingRules
from kctl.clientcmd.overrides import Overrides, parse_timeout
from kctl.errors import ConfigError
from kctl.rest.config import RestConfig

CA_PEM = b"-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def load(environ: dict[str, str], sa_dir: Path | None = None, **flags: object) -> RestConfig:
    return load_rest_config(
        Overrides(**flags),  # type: ignore[arg-type]
        environ,
        service_account_dir=sa_dir or Path("/nonexistent-sa"),
    )


def error_of(environ: dict[str, str], **flags: object) -> str:
    with pytest.raises(ConfigError) as info:
        load(environ, **flags)
    return str(info.value)


@pytest.fixture
def two_files(tmp_path: Path) -> dict[str, str]:
    first = write(
        tmp_path / "one" / "first.yaml",
        """\
        apiVersion: v1
        kind: Config
        clusters:
        - name: shared
          cluster: {server: "https://first.example:6443"}
        users:
        - name: shared-user
          user: {token: first-token}
        contexts:
        - name: shared-ctx
          context: {cluster: shared, user: shared-user, namespace: from-first}
        """,
    )
    second = write(
        tmp_path / "two" / "second.yaml",
        """\
        apiVersion: v1
        kind: Config
        current-context: second-ctx
        clusters:
        - name: shared
          cluster: {server: "https://second.example:6443", tls-server-name: never-used}
        - name: only-second
          cluster: {server: "https://only-second.example"}
        users:
        - name: shared-user
          user: {token: second-token}
        contexts:
        - name: shared-ctx
          context: {cluster: only-second, user: shared-user}
        - name: second-ctx
          context: {cluster: shared, user: shared-user}
        """,
    )
    third = write(
        tmp_path / "three.yaml",
        """\
        apiVersion: v1
        kind: Config
        current-context: shared-ctx
        """,
    )
    return {"KUBECONFIG": os.pathsep.join([str(first), str(second), str(third)])}


# -- merge rules ----------------------------------------------------------------------------


def test_first_file_to_define_an_entry_wins_and_entries_are_not_field_merged(
    two_files: dict[str, str],
) -> None:
    rc = load(two_files)
    # current-context comes from the second file (the first file to set it), but the context,
    # cluster and user it names are the first file's, whole: no tls-server-name from file two.
    assert rc.context_name == "second-ctx"
    assert rc.host == "https://first.example:6443"
    assert rc.tls_server_name is None
    assert rc.bearer_token == "first-token"


def test_current_context_from_the_first_file_that_sets_it(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "apiVersion: v1\nkind: Config\ncurrent-context: from-a\n")
    b = write(tmp_path / "b.yaml", "apiVersion: v1\nkind: Config\ncurrent-context: from-b\n")
    merged = LoadingRules(None, [str(b), str(a)]).load()
    assert merged.current_context == "from-b"
    merged = LoadingRules(None, [str(a), str(b)]).load()
    assert merged.current_context == "from-a"


def test_missing_and_empty_entries_in_kubeconfig_are_skipped(
    tmp_path: Path, two_files: dict[str, str]
) -> None:
    missing = str(tmp_path / "missing.yaml")
    environ = {"KUBECONFIG": os.pathsep.join(["", missing, two_files["KUBECONFIG"], ""])}
    assert load(environ).host == "https://first.example:6443"


def test_kubeconfig_env_is_split_on_os_pathsep_and_deduplicated(tmp_path: Path) -> None:
    rules = LoadingRules.from_environ(Overrides(), {"KUBECONFIG": f"a{os.pathsep}b{os.pathsep}a"})
    assert rules.precedence == ["a", "b"]


def test_explicit_kubeconfig_flag_reads_only_that_file(
    tmp_path: Path, two_files: dict[str, str]
) -> None:
    only = write(
        tmp_path / "only.yaml",
        """\
        apiVersion: v1
        kind: Config
        current-context: c
        clusters: [{name: x, cluster: {server: "https://only.example"}}]
        contexts: [{name: c, context: {cluster: x, user: nobody}}]
        """,
    )
    rc = load(two_files, kubeconfig=str(only))
    assert rc.host == "https://only.example"
    assert error_of(two_files, kubeconfig=str(only), context="second-ctx") == (
        'error: context "second-ctx" does not exist'
    )


def test_missing_explicit_file_is_kubectls_stat_error(tmp_path: Path) -> None:
    assert (
        error_of({}, kubeconfig="nope.yaml") == "error: stat nope.yaml: no such file or directory"
    )


def test_home_kube_config_when_kubeconfig_unset(tmp_path: Path) -> None:
    write(
        tmp_path / ".kube" / "config",
        """\
        current-context: c
        clusters: [{name: x, cluster: {server: "https://home.example"}}]
        contexts: [{name: c, context: {cluster: x}}]
        """,
    )
    assert load({"HOME": str(tmp_path)}).host == "https://home.example"


def test_empty_kubeconfig_env_means_home_file(tmp_path: Path) -> None:
    rules = LoadingRules.from_environ(Overrides(), {"KUBECONFIG": "", "HOME": str(tmp_path)})
    assert rules.precedence == [str(tmp_path / ".kube" / "config")]


# -- unparsable files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: "a"\n  bad\n',
            "yaml: line 4: did not find expected ',' or '}'",
        ),
        (
            "apiVersion: v1\nkind: Config\nclusters: 5\n",
            "json: cannot unmarshal number into Go struct field Config.clusters of type "
            "[]v1.NamedCluster",
        ),
        (
            "foo\n",
            "couldn't get version/kind; json parse error: json: cannot unmarshal string into Go "
            'value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind '
            'string "json:\\"kind,omitempty\\"" }',
        ),
        (
            "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster:\n    server: a\n"
            "  tab:\t x: [1\n",
            "yaml: line 7: mapping values are not allowed in this context",
        ),
    ],
)
def test_unparsable_file_error_names_the_file_and_line(
    tmp_path: Path, content: str, message: str, two_files: dict[str, str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    environ = {"KUBECONFIG": two_files["KUBECONFIG"] + os.pathsep + str(bad)}
    assert error_of(environ) == f'error: error loading config file "{bad}": {message}'


def test_bad_base64_data_is_an_error(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "b64.yaml",
        "clusters: [{name: x, cluster: {server: s, certificate-authority-data: 'a*bc'}}]\n",
    )
    assert error_of({"KUBECONFIG": str(bad)}) == (
        f'error: error loading config file "{bad}": illegal base64 data at input byte 1'
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "users: [{name: u, user: {as: jane, as-user-extra: {k: 5}}}]\n",
            "json: cannot unmarshal number into Go struct field AuthInfo.users.user.as-user-extra "
            "of type []string",
        ),
        (
            "users: [{name: u, user: {as: jane, as-user-extra: {k: [1]}}}]\n",
            "json: cannot unmarshal number into Go struct field AuthInfo.users.user.as-user-extra "
            "of type string",
        ),
        (
            "users: [{name: u, user: {auth-provider: {name: oidc, config: x}}}]\n",
            "json: cannot unmarshal string into Go struct field "
            "AuthProviderConfig.users.user.auth-provider.config of type map[string]string",
        ),
        (
            "preferences: {extensions: 5}\n",
            "json: cannot unmarshal number into Go struct field Preferences.preferences.extensions "
            "of type []v1.NamedExtension",
        ),
    ],
)
def test_badly_typed_nested_fields_are_kubectls_errors_not_tracebacks(
    tmp_path: Path, content: str, message: str
) -> None:
    bad = write(tmp_path / "nested.yaml", content)
    assert error_of({"KUBECONFIG": str(bad)}) == (
        f'error: error loading config file "{bad}": {message}'
    )


# -- overrides ------------------------------------------------------------------------------


@pytest.fixture
def full(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "ca.crt").write_bytes(CA_PEM)
    (tmp_path / "certs" / "client.crt").write_bytes(b"CERT")
    (tmp_path / "certs" / "client.key").write_bytes(b"KEY")
    (tmp_path / "token").write_text("  file-token\n")
    kc = write(
        tmp_path / "config.yaml",
        """\
        apiVersion: v1
        kind: Config
        current-context: main
        clusters:
        - name: main
          cluster:
            server: https://main.example:6443
            certificate-authority: certs/ca.crt
            tls-server-name: sni.example
            proxy-url: http://proxy.example:3128
        - name: other
          cluster: {server: "https://other.example", insecure-skip-tls-verify: true}
        users:
        - name: certs
          user: {client-certificate: certs/client.crt, client-key: certs/client.key}
        - name: filetoken
          user: {tokenFile: token}
        - name: basic
          user: {username: admin, password: s3cret}
        contexts:
        - name: main
          context: {cluster: main, user: certs, namespace: team-a}
        - name: other
          context: {cluster: other, user: filetoken}
        """,
    )
    return {"KUBECONFIG": str(kc), "HOME": str(tmp_path)}


def test_context_cluster_and_tls_material_relative_paths_resolve_against_the_file(
    full: dict[str, str], tmp_path: Path
) -> None:
    rc = load(full)
    assert (rc.host, rc.context_name, rc.cluster_name, rc.user_name) == (
        "https://main.example:6443",
        "main",
        "main",
        "certs",
    )
    assert rc.ca_data == CA_PEM
    assert (rc.client_cert_data, rc.client_key_data) == (b"CERT", b"KEY")
    assert rc.tls_server_name == "sni.example"
    assert rc.proxy_url == "http://proxy.example:3128"
    assert (rc.namespace, rc.namespace_explicit) == ("team-a", False)


def test_relative_paths_resolve_against_the_file_that_named_them(tmp_path: Path) -> None:
    (tmp_path / "a" / "pki").mkdir(parents=True)
    (tmp_path / "a" / "pki" / "ca.crt").write_bytes(CA_PEM)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "tok").write_text("b-token")
    a = write(
        tmp_path / "a" / "clusters.yaml",
        "clusters:\n- name: x\n  cluster: {server: 'https://x', "
        "certificate-authority: pki/ca.crt}\n",
    )
    b = write(
        tmp_path / "b" / "users.yaml",
        """\
        current-context: c
        users: [{name: u, user: {tokenFile: tok}}]
        contexts: [{name: c, context: {cluster: x, user: u}}]
        """,
    )
    cwd = os.getcwd()
    os.chdir("/")
    try:
        rc = load({"KUBECONFIG": f"{a}{os.pathsep}{b}"})
    finally:
        os.chdir(cwd)
    assert rc.ca_data == CA_PEM
    assert rc.bearer_token == "b-token"
    assert rc.bearer_token_file == str(tmp_path / "b" / "tok")


def test_namespace_flag_is_explicit(full: dict[str, str]) -> None:
    rc = load(full, namespace="flag-ns")
    assert (rc.namespace, rc.namespace_explicit) == ("flag-ns", True)
    rc = load(full, context="other")
    assert (rc.namespace, rc.namespace_explicit) == ("default", False)


def test_context_cluster_user_overrides(full: dict[str, str]) -> None:
    rc = load(full, cluster="other", user="basic")
    assert rc.host == "https://other.example"
    assert rc.insecure is True
    assert (rc.username, rc.password) == ("admin", "s3cret")
    assert rc.client_cert_data is None
    assert rc.namespace == "team-a"


def test_token_file_is_read_and_trimmed(full: dict[str, str]) -> None:
    rc = load(full, context="other")
    assert rc.bearer_token == "file-token"


def test_server_override_drops_the_kubeconfig_tls_server_name(full: dict[str, str]) -> None:
    rc = load(full, server="https://flag.example:443/prefix?x=1#frag")
    assert rc.host == "https://flag.example:443/prefix"
    assert rc.tls_server_name is None
    rc = load(full, server="https://flag.example", tls_server_name="flag-sni")
    assert rc.tls_server_name == "flag-sni"


def test_insecure_flag_clears_the_ca_and_ca_flag_replaces_it(
    full: dict[str, str], tmp_path: Path
) -> None:
    rc = load(full, insecure_skip_tls_verify=True)
    assert (rc.insecure, rc.ca_data) == (True, None)
    other_ca = tmp_path / "other-ca.crt"
    other_ca.write_bytes(CA_PEM.replace(b"QUJD", b"REVG"))
    rc = load(full, context="other", certificate_authority=str(other_ca))
    assert (rc.insecure, rc.ca_data) == (False, other_ca.read_bytes())


def test_token_and_client_cert_flags(full: dict[str, str], tmp_path: Path) -> None:
    rc = load(full, context="other", token="flag-token")
    assert rc.bearer_token == "flag-token"
    cert, key = tmp_path / "f.crt", tmp_path / "f.key"
    cert.write_bytes(b"FLAGCERT")
    key.write_bytes(b"FLAGKEY")
    rc = load(full, client_certificate=str(cert), client_key=str(key))
    assert (rc.client_cert_data, rc.client_key_data) == (b"FLAGCERT", b"FLAGKEY")


def test_impersonation_flags(full: dict[str, str]) -> None:
    rc = load(full, as_user="jane", as_groups=("devs", "ops"))
    assert (rc.impersonate_user, rc.impersonate_groups) == ("jane", ("devs", "ops"))
    assert error_of(full, as_groups=("devs",)) == (
        "error: requesting uid, groups or user-extra for certs without impersonating a user"
    )


def test_request_timeout(full: dict[str, str]) -> None:
    assert load(full, request_timeout="1m30s").timeout == 90.0
    assert load(full, request_timeout="0").timeout is None
    assert error_of(full, request_timeout="1.5") == (
        "error: Invalid timeout value. Timeout must be a single integer in seconds, or an "
        "integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)"
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0", None),
        ("30", 30.0),
        ("1s", 1.0),
        ("2m", 120.0),
        ("1h30m", 5400.0),
        ("1.5s", 1.5),
        ("500ms", 0.5),
        ("-1s", None),
    ],
)
def test_parse_timeout_follows_kubectl(text: str, seconds: float | None) -> None:
    assert parse_timeout(text) == seconds


@pytest.mark.parametrize("text", ["-1", "1.5", "abc", "1x", "", "s", "1h-2m"])
def test_parse_timeout_rejects_what_kubectl_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_timeout(text)


def test_parse_timeout_rejects_an_integer_beyond_gos_range() -> None:
    # float(int) raised OverflowError (a traceback); kubectl says its usual text
    with pytest.raises(ConfigError):
        parse_timeout("9" * 400)
    assert parse_timeout(str(2**63 - 1)) == float(2**63 - 1)


# -- errors ---------------------------------------------------------------------------------


def test_unknown_context_cluster_user_flags(full: dict[str, str]) -> None:
    assert error_of(full, context="nope") == 'error: context "nope" does not exist'
    assert error_of(full, cluster="nope") == 'error: cluster "nope" does not exist'
    assert error_of(full, user="nope") == 'error: auth info "nope" does not exist'
    assert error_of(full, context="nope", user="nope") == 'error: auth info "nope" does not exist'


def test_current_context_naming_a_missing_context(tmp_path: Path) -> None:
    kc = write(tmp_path / "k.yaml", "current-context: gone\n")
    assert error_of({"KUBECONFIG": str(kc)}) == (
        "Error in configuration: context was not found for specified context: gone"
    )


def test_several_configuration_errors_are_listed(tmp_path: Path) -> None:
    kc = write(
        tmp_path / "k.yaml",
        """\
        current-context: c
        clusters: [{name: x, cluster: {server: "https://x", certificate-authority: ca.crt}}]
        users: [{name: u, user: {client-certificate: c.crt, client-key-data: S0VZ}}]
        contexts: [{name: c, context: {cluster: x, user: u}}]
        """,
    )
    assert error_of({"KUBECONFIG": str(kc)}) == (
        "Error in configuration: \n"
        f"* unable to read client-cert {tmp_path}/c.crt for u due to open {tmp_path}/c.crt: "
        "no such file or directory\n"
        f"* unable to read certificate-authority {tmp_path}/ca.crt for x due to open "
        f"{tmp_path}/ca.crt: no such file or directory"
    )


@pytest.mark.parametrize(
    ("context", "message"),
    [
        (
            "both",
            "more than one authentication method found for both; found [token basicAuth], "
            "only one is allowed",
        ),
        (
            "certnokey",
            "client-key-data or client-key must be specified for certnokey to use the "
            "clientCert authentication method.",
        ),
        (
            "execv1",
            "interactiveMode must be specified for execv1 to use exec authentication plugin",
        ),
        (
            "proxy",
            'invalid \'proxy-url\' "ftp://p:1" for cluster "proxy": unsupported scheme '
            '"ftp", must be http, https, or socks5',
        ),
        (
            "cadup",
            "certificate-authority-data and certificate-authority are both specified for "
            "cadup. certificate-authority-data will override.",
        ),
    ],
)
def test_single_validation_errors_read_like_kubectl(
    tmp_path: Path, context: str, message: str
) -> None:
    (tmp_path / "fake.crt").write_bytes(CA_PEM)
    kc = write(
        tmp_path / "v.yaml",
        """\
        clusters:
        - name: c
          cluster: {server: "https://127.0.0.1:1"}
        - name: proxy
          cluster: {server: "https://127.0.0.1:1", proxy-url: "ftp://p:1"}
        - name: cadup
          cluster:
            {server: "https://h", certificate-authority: fake.crt, certificate-authority-data: QUJD}
        contexts:
        - {name: both, context: {cluster: c, user: both}}
        - {name: certnokey, context: {cluster: c, user: certnokey}}
        - {name: execv1, context: {cluster: c, user: execv1}}
        - {name: proxy, context: {cluster: proxy, user: tok}}
        - {name: cadup, context: {cluster: cadup, user: tok}}
        users:
        - {name: both, user: {token: t, username: u, password: p}}
        - {name: certnokey, user: {client-certificate-data: QUJD}}
        - {name: execv1, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}
        - {name: tok, user: {token: t}}
        """,
    )
    assert error_of({"KUBECONFIG": str(kc)}, context=context) == f"error: {message}"


def test_ca_data_that_is_not_pem(tmp_path: Path) -> None:
    kc = write(
        tmp_path / "k.yaml",
        """\
        current-context: c
        clusters: [{name: x, cluster: {server: "https://x", certificate-authority-data: QUJD}}]
        contexts: [{name: c, context: {cluster: x}}]
        """,
    )
    assert error_of({"KUBECONFIG": str(kc)}) == (
        "error: unable to load root certificates: unable to parse bytes as PEM block"
    )


def test_missing_token_file_is_an_open_error(tmp_path: Path) -> None:
    kc = write(
        tmp_path / "k.yaml",
        """\
        current-context: c
        clusters: [{name: x, cluster: {server: "https://x"}}]
        users: [{name: u, user: {tokenFile: /nonexistent/token}}]
        contexts: [{name: c, context: {cluster: x, user: u}}]
        """,
    )
    assert error_of({"KUBECONFIG": str(kc)}) == (
        "error: open /nonexistent/token: no such file or directory"
    )


# -- http servers, exec config, defaults -----------------------------------------------------


def test_plain_http_server_gets_no_credentials(tmp_path: Path) -> None:
    kc = write(
        tmp_path / "k.yaml",
        """\
        current-context: c
        clusters: [{name: x, cluster: {server: "127.0.0.1:8001"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: x, user: u}}]
        """,
    )
    rc = load({"KUBECONFIG": str(kc)})
    assert (rc.host, rc.bearer_token) == ("http://127.0.0.1:8001", None)


def test_exec_config_paths_and_defaults(tmp_path: Path) -> None:
    kc = write(
        tmp_path / "k.yaml",
        """\
        current-context: c
        clusters:
        - name: x
          cluster:
            server: https://x
            extensions:
            - name: client.authentication.k8s.io/exec
              extension: {audience: foo}
        users:
        - name: rel
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: ./bin/plugin
              args: [get-token]
              env: [{name: A, value: b}]
              provideClusterInfo: true
        - name: bare
          user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: plug,
                        interactiveMode: Never, installHint: "get \\u001b[1mplug"}}
        contexts:
        - {name: c, context: {cluster: x, user: rel}}
        - {name: d, context: {cluster: x, user: bare}}
        """,
    )
    rc = load({"KUBECONFIG": str(kc)})
    assert rc.exec_config is not None
    assert rc.exec_config.command == str(tmp_path / "bin" / "plugin")
    assert rc.exec_config.interactive_mode == "IfAvailable"  # v1beta1's default
    assert rc.exec_config.env == [{"name": "A", "value": "b"}]
    assert rc.cluster_info == {"server": "https://x", "config": {"audience": "foo"}}
    rc = load({"KUBECONFIG": str(kc)}, context="d")
    assert rc.exec_config is not None
    assert (rc.exec_config.command, rc.exec_config.interactive_mode) == ("plug", "Never")
    assert rc.exec_config.install_hint == "get U+001B[1mplug"


def test_no_configuration_at_all_is_localhost_8080(tmp_path: Path) -> None:
    rc = load({"HOME": str(tmp_path)})
    assert (rc.host, rc.namespace) == ("http://localhost:8080", "default")
    rc = load({"HOME": str(tmp_path), "KUBERNETES_MASTER": "http://127.0.0.1:2"})
    assert rc.host == "http://127.0.0.1:2"


@pytest.fixture
def service_account(tmp_path: Path) -> Path:
    sa = tmp_path / "sa"
    sa.mkdir()
    (sa / "token").write_text("sa-token\n")
    (sa / "ca.crt").write_bytes(CA_PEM)
    (sa / "namespace").write_text("pod-ns")
    return sa


def test_in_cluster_when_no_kubeconfig(tmp_path: Path, service_account: Path) -> None:
    environ = {
        "HOME": str(tmp_path),
        "KUBERNETES_SERVICE_HOST": "10.0.0.1",
        "KUBERNETES_SERVICE_PORT": "443",
    }
    rc = load(environ, sa_dir=service_account)
    assert (rc.host, rc.bearer_token, rc.ca_data) == ("https://10.0.0.1:443", "sa-token", CA_PEM)
    assert rc.bearer_token_file == str(service_account / "token")
    assert (rc.namespace, rc.namespace_explicit) == ("pod-ns", False)
    assert load({**environ, "POD_NAMESPACE": "env-ns"}, sa_dir=service_account).namespace == (
        "env-ns"
    )
    rc = load(environ, sa_dir=service_account, namespace="flag", token="flag-token")
    assert (rc.namespace, rc.bearer_token) == ("flag", "flag-token")


def test_kubeconfig_wins_over_in_cluster(full: dict[str, str], service_account: Path) -> None:
    environ = {**full, "KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"}
    assert load(environ, sa_dir=service_account).host == "https://main.example:6443"


def test_in_cluster_needs_host_port_and_token(tmp_path: Path, service_account: Path) -> None:
    environ = {"HOME": str(tmp_path), "KUBERNETES_SERVICE_HOST": "10.0.0.1"}
    assert load(environ, sa_dir=service_account).host == "http://localhost:8080"


def test_secrets_never_appear_in_repr(full: dict[str, str]) -> None:
    rc = load(full, user="basic")
    assert "s3cret" not in repr(rc)
    rc = load(full, context="other")
    assert "file-token" not in repr(rc)
    rc = load(full)
    assert "KEY" not in repr(rc).replace("client_key_data='--- REDACTED ---'", "")


def test_auth_provider_tokens_and_exec_env_values_never_appear_in_repr() -> None:
    from kctl.rest.config import ExecConfig

    rc = RestConfig(
        host="https://k8s.example:6443",
        auth_provider={"name": "oidc", "config": {"id-token": "ID-SECRET"}},
        exec_config=ExecConfig(command="plugin", env=[{"name": "API_KEY", "value": "ENV-SECRET"}]),
    )
    text = repr(rc)
    assert "ID-SECRET" not in text
    assert "ENV-SECRET" not in text
    assert "API_KEY" in text and "plugin" in text  # what is not secret stays readable
