"""Credentials: token, token file, basic auth, client certificates, the oidc ID token and exec
plugins (a real subprocess: tests/unit/fixtures/fake_exec_plugin.py), including the exec
credential cache and its expiry. Error texts are kubectl v1.36.3's for the same plugin output."""

from __future__ import annotations

import base64
import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from kctl.env import Environment
from kctl.errors import AuthPluginError, ConfigError
from kctl.rest.auth import Authenticator, Credentials
from kctl.rest.config import ExecConfig, RestConfig
from kctl.rest.exec import ExecPluginError, parse_timestamp

PLUGIN = Path(__file__).parent / "fixtures" / "fake_exec_plugin.py"
NOW = 1_800_000_000.0  # 2027-01-15T08:00:00Z
LATER = "2027-01-15T09:00:00Z"  # NOW + 1h


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class TTYInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def make_env(tmp_path: Path, clock: Clock | None = None, **kwargs: Any) -> Environment:
    return Environment.for_test(
        environ={"PATH": "/usr/bin:/bin"},
        cache_dir_flag=str(tmp_path / "cache"),
        clock=clock or Clock(),
        **kwargs,
    )


def exec_config(tmp_path: Path, mode: str = "token", **env: str) -> RestConfig:
    record = tmp_path / "runs.jsonl"
    variables = {"FAKE_MODE": mode, "FAKE_RECORD": str(record), **env}
    return RestConfig(
        host="https://cluster.example:6443",
        exec_config=ExecConfig(
            command=sys.executable,
            args=[str(PLUGIN), "get-token", "--verbose"],
            env=[{"name": k, "value": v} for k, v in variables.items()],
            install_hint="",
            interactive_mode="Never",
        ),
        cluster_info={"server": "https://cluster.example:6443", "config": {"audience": "x"}},
    )


def runs(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "runs.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


# -- static methods -------------------------------------------------------------------------


def test_bearer_token(tmp_path: Path) -> None:
    auth = Authenticator(RestConfig(host="https://h", bearer_token="abc"), make_env(tmp_path))
    assert auth.credentials().headers == {"Authorization": "Bearer abc"}
    assert auth.refresh() is False


def test_basic_auth(tmp_path: Path) -> None:
    config = RestConfig(host="https://h", username="admin", password="pa:ss")
    creds = Authenticator(config, make_env(tmp_path)).credentials()
    expected = base64.b64encode(b"admin:pa:ss").decode()
    assert creds.headers == {"Authorization": f"Basic {expected}"}


def test_client_certificate(tmp_path: Path) -> None:
    config = RestConfig(host="https://h", client_cert_data=b"CERT", client_key_data=b"KEY")
    creds = Authenticator(config, make_env(tmp_path)).credentials()
    assert (creds.headers, creds.client_cert_data, creds.client_key_data) == ({}, b"CERT", b"KEY")
    assert "KEY" not in repr(creds)


def test_token_file_is_reread_on_refresh(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    config = RestConfig(host="https://h", bearer_token="old", bearer_token_file=str(token_file))
    auth = Authenticator(config, make_env(tmp_path))
    token_file.write_text("old\n")
    assert auth.refresh() is False  # unchanged: retrying cannot help
    token_file.write_text("rotated\n")
    assert auth.refresh() is True
    assert auth.credentials().headers == {"Authorization": "Bearer rotated"}
    assert "rotated" not in repr(auth.credentials())


def test_a_token_file_that_is_not_utf8_is_read_as_at_load_time(tmp_path: Path) -> None:
    # kubeconfig loading decodes the file with replacement characters; refresh did not and
    # raised UnicodeDecodeError (a traceback) after a 401
    token_file = tmp_path / "token"
    config = RestConfig(host="https://h", bearer_token="old", bearer_token_file=str(token_file))
    auth = Authenticator(config, make_env(tmp_path))
    token_file.write_bytes(b"new\xff\n")
    assert auth.refresh() is True
    assert auth.credentials().headers == {"Authorization": "Bearer new\ufffd"}


def test_oidc_auth_provider_uses_the_id_token(tmp_path: Path) -> None:
    config = RestConfig(
        host="https://h", auth_provider={"name": "oidc", "config": {"id-token": "jwt"}}
    )
    assert Authenticator(config, make_env(tmp_path)).credentials().headers == {
        "Authorization": "Bearer jwt"
    }


def test_unknown_auth_provider(tmp_path: Path) -> None:
    config = RestConfig(host="https://h", auth_provider={"name": "foo", "config": {}})
    with pytest.raises(ConfigError) as info:
        Authenticator(config, make_env(tmp_path)).credentials()
    assert str(info.value) == 'error: no Auth Provider found for name "foo"'


# -- exec plugins ---------------------------------------------------------------------------


def test_exec_token_and_what_the_plugin_receives(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_TOKEN="exec-token")
    config.exec_config.provide_cluster_info = True  # type: ignore[union-attr]
    creds = Authenticator(config, make_env(tmp_path)).credentials()
    assert creds.headers == {"Authorization": "Bearer exec-token"}
    (seen,) = runs(tmp_path)
    assert seen["argv"] == ["get-token", "--verbose"]
    assert seen["env"]["FAKE_TOKEN"] == "exec-token"
    assert seen["exec_info"] == {
        "kind": "ExecCredential",
        "apiVersion": "client.authentication.k8s.io/v1",
        "spec": {
            "cluster": {"server": "https://cluster.example:6443", "config": {"audience": "x"}},
            "interactive": False,
        },
    }


def test_exec_info_without_cluster_info(tmp_path: Path) -> None:
    Authenticator(exec_config(tmp_path), make_env(tmp_path)).credentials()
    (seen,) = runs(tmp_path)
    assert seen["exec_info"]["spec"] == {"interactive": False}


def test_exec_client_certificate(tmp_path: Path) -> None:
    creds = Authenticator(exec_config(tmp_path, "cert"), make_env(tmp_path)).credentials()
    assert creds.headers == {}
    assert creds.client_cert_data is not None
    assert creds.client_cert_data.startswith(b"-----BEGIN CERTIFICATE-----")
    assert creds.client_key_data is not None
    assert creds.client_key_data.startswith(b"-----BEGIN PRIVATE KEY-----")


def test_static_credentials_mean_the_plugin_never_runs(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    config.bearer_token = "flag-token"
    auth = Authenticator(config, make_env(tmp_path))
    assert auth.credentials().headers == {"Authorization": "Bearer flag-token"}
    assert runs(tmp_path) == []


def test_interactive_if_available_follows_stdin(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    config.exec_config.interactive_mode = "IfAvailable"  # type: ignore[union-attr]
    terminal = make_env(tmp_path).replace(stdin=TTYInput())
    Authenticator(config, terminal).credentials()
    Authenticator(config, make_env(tmp_path / "other")).credentials()
    first, second = runs(tmp_path)
    assert first["exec_info"]["spec"]["interactive"] is True
    assert second["exec_info"]["spec"]["interactive"] is False


def test_interactive_always_needs_a_terminal(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    config.exec_config.interactive_mode = "Always"  # type: ignore[union-attr]
    with pytest.raises(ExecPluginError) as info:
        Authenticator(config, make_env(tmp_path)).credentials()
    assert str(info.value) == (
        "Unable to connect to the server: getting credentials: exec plugin cannot support "
        "interactive mode: standard input is not a terminal"
    )
    assert runs(tmp_path) == []


def test_missing_command_shows_the_install_hint(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    config.exec_config.command = "nonexist"  # type: ignore[union-attr]
    config.exec_config.install_hint = "install the thing"  # type: ignore[union-attr]
    with pytest.raises(ExecPluginError) as info:
        Authenticator(config, make_env(tmp_path)).credentials()
    assert str(info.value) == (
        "Unable to connect to the server: getting credentials: exec: executable nonexist not "
        "found\n\nIt looks like you are trying to use a client-go credential plugin that is not "
        "installed.\n\nTo learn more about this feature, consult the documentation available "
        "at:\n      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
        "#client-go-credential-plugins\n\ninstall the thing"
    )


def test_failing_plugin_shows_its_stderr_and_exit_code(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    config = exec_config(tmp_path, "fail", FAKE_STDERR="plugin says: login expired")
    with pytest.raises(ExecPluginError) as info:
        Authenticator(config, env).credentials()
    assert str(info.value) == (
        "Unable to connect to the server: getting credentials: exec: executable "
        f"{sys.executable} failed with exit code 3"
    )
    assert env.stderr.getvalue() == "plugin says: login expired\n"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("mode", "extra", "message"),
    [
        (
            "garbage",
            {},
            "decoding stdout: couldn't get version/kind; json parse error: json: cannot "
            "unmarshal string into Go value of type struct { APIVersion string "
            '"json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
        ),
        # Go's encoding/json names the JSON kind it could not put into the struct (one copy
        # of that rule, shared with the kubeconfig loader: kctl.gostr.json_kind) ...
        *(
            (
                "raw",
                {"FAKE_STDOUT": stdout},
                "decoding stdout: couldn't get version/kind; json parse error: json: cannot "
                f"unmarshal {kind} into Go value of type struct {{ APIVersion string "
                '"json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
            )
            for stdout, kind in [
                ("[1]", "array"),
                ('"text"', "string"),
                ("42", "number"),
                ("true", "bool"),
            ]
        ),
        # ... while JSON null unmarshals without error into an empty struct: no apiVersion.
        (
            "raw",
            {"FAKE_STDOUT": "null"},
            "exec plugin is configured to use API version client.authentication.k8s.io/v1, "
            "plugin returned version ",
        ),
        ("nostatus", {}, "exec plugin didn't return a status field"),
        (
            "wrongversion",
            {},
            "exec plugin is configured to use API version client.authentication.k8s.io/v1, "
            "plugin returned version client.authentication.k8s.io/v1beta1",
        ),
        ("empty", {}, "exec plugin didn't return a token or cert/key pair"),
        ("onlycert", {}, "exec plugin returned only certificate or key, not both"),
        (
            "token",
            {"FAKE_EXPIRY": "notatime"},
            'decoding stdout: parsing time "notatime" as "2006-01-02T15:04:05Z07:00": cannot '
            'parse "notatime" as "2006"',
        ),
    ],
)
def test_bad_plugin_output(tmp_path: Path, mode: str, extra: dict[str, str], message: str) -> None:
    with pytest.raises(ExecPluginError) as info:
        Authenticator(exec_config(tmp_path, mode, **extra), make_env(tmp_path)).credentials()
    assert str(info.value) == f"Unable to connect to the server: getting credentials: {message}"


def test_unsupported_exec_api_version(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    config.exec_config.api_version = "client.authentication.k8s.io/v1alpha1"  # type: ignore[union-attr]
    with pytest.raises(AuthPluginError) as info:
        Authenticator(config, make_env(tmp_path))
    assert str(info.value) == (
        'error: exec plugin: invalid apiVersion "client.authentication.k8s.io/v1alpha1"'
    )


def test_v1beta1_plugins(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_VERSION="client.authentication.k8s.io/v1beta1")
    config.exec_config.api_version = "client.authentication.k8s.io/v1beta1"  # type: ignore[union-attr]
    assert Authenticator(config, make_env(tmp_path)).credentials().headers == {
        "Authorization": "Bearer fake-token"
    }
    assert runs(tmp_path)[0]["exec_info"]["apiVersion"] == "client.authentication.k8s.io/v1beta1"


# -- the exec credential cache --------------------------------------------------------------


def test_credentials_with_expiry_are_cached_on_disk_until_then(tmp_path: Path) -> None:
    clock = Clock()
    config = exec_config(tmp_path, FAKE_TOKEN="cached-token", FAKE_EXPIRY=LATER)
    first = Authenticator(config, make_env(tmp_path, clock))
    assert first.credentials().headers["Authorization"] == "Bearer cached-token"
    assert first.credentials().headers["Authorization"] == "Bearer cached-token"
    assert len(runs(tmp_path)) == 1  # in memory within a process

    files = list((tmp_path / "cache" / "exec").glob("*.json"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    assert len(files[0].stem) == 64  # a sha256, no user or server name in the file name

    # a new process (a new Authenticator) reuses the file without running the plugin
    second = Authenticator(config, make_env(tmp_path, clock))
    assert second.credentials().headers["Authorization"] == "Bearer cached-token"
    assert len(runs(tmp_path)) == 1

    # after the expiry the plugin runs again
    clock.now = NOW + 3601
    third = Authenticator(config, make_env(tmp_path, clock))
    assert third.credentials().headers["Authorization"] == "Bearer cached-token"
    assert len(runs(tmp_path)) == 2


def test_credentials_without_expiry_stay_in_memory(tmp_path: Path) -> None:
    config = exec_config(tmp_path)
    auth = Authenticator(config, make_env(tmp_path))
    auth.credentials()
    auth.credentials()
    assert len(runs(tmp_path)) == 1
    assert not (tmp_path / "cache" / "exec").exists()
    Authenticator(config, make_env(tmp_path)).credentials()
    assert len(runs(tmp_path)) == 2


def test_cache_key_depends_on_the_server_and_the_exec_config(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_EXPIRY=LATER)
    Authenticator(config, make_env(tmp_path)).credentials()
    config.host = "https://other.example"
    Authenticator(config, make_env(tmp_path)).credentials()
    config.exec_config.args.append("--other")  # type: ignore[union-attr]
    Authenticator(config, make_env(tmp_path)).credentials()
    assert len(runs(tmp_path)) == 3
    assert len(list((tmp_path / "cache" / "exec").glob("*.json"))) == 3


def test_refresh_after_401_reruns_the_plugin(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_EXPIRY=LATER)
    auth = Authenticator(config, make_env(tmp_path))
    auth.credentials()
    assert auth.refresh() is True
    assert len(runs(tmp_path)) == 2
    auth.credentials()
    assert len(runs(tmp_path)) == 2


def test_cached_only_never_runs_the_plugin(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_TOKEN="t1", FAKE_EXPIRY=LATER)
    quiet = Authenticator(config, make_env(tmp_path)).cached_only()
    assert quiet.credentials() == Credentials()
    assert quiet.refresh() is False
    assert runs(tmp_path) == []
    Authenticator(config, make_env(tmp_path)).credentials()
    assert quiet.credentials().headers == {"Authorization": "Bearer t1"}
    assert len(runs(tmp_path)) == 1


def test_damaged_cache_file_is_a_miss(tmp_path: Path) -> None:
    config = exec_config(tmp_path, FAKE_EXPIRY=LATER)
    Authenticator(config, make_env(tmp_path)).credentials()
    (cache_file,) = (tmp_path / "cache" / "exec").glob("*.json")
    cache_file.write_text("{not json")
    Authenticator(config, make_env(tmp_path)).credentials()
    assert len(runs(tmp_path)) == 2
    assert json.loads(cache_file.read_text())["status"]["token"] == "fake-token"


def test_nothing_secret_reaches_stdout_or_stderr(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    config = exec_config(tmp_path, FAKE_TOKEN="super-secret", FAKE_EXPIRY=LATER)
    auth = Authenticator(config, env)
    auth.credentials()
    assert "super-secret" not in env.stdout.getvalue() + env.stderr.getvalue()  # type: ignore[attr-defined]
    assert "super-secret" not in repr(auth.credentials())


@pytest.mark.parametrize(
    ("text", "unix"),
    [
        ("2027-01-15T09:00:00Z", NOW + 3600),
        ("2027-01-15T10:00:00+01:00", NOW + 3600),
        ("2027-01-15T09:00:00.123456789Z", NOW + 3600.123456),
    ],
)
def test_expiration_timestamps(text: str, unix: float) -> None:
    assert parse_timestamp(text) == pytest.approx(unix)
