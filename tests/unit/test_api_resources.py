"""``kctl api-resources`` / ``api-versions`` in-process on discovery captured from kube-apiserver
v1.36.3, compared byte for byte with what kubectl v1.36.3 printed for that same server
(tests/unit/data/kubectl_v1.36_api_resources.json); flag errors with kubectl's texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kctl.cli.factory import Factory
from kctl.env import Environment
from tests.unit import cli
from tests.unit.cli import CLIResult
from tests.unit.test_discovery import SERVER, Clock, FakeServer, make_client

KUBECTL = json.loads(
    (Path(__file__).parent / "data" / "kubectl_v1.36_api_resources.json").read_text()
)

KUBECONFIG = f"""apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: {SERVER}
    insecure-skip-tls-verify: true
users:
- name: u
  user:
    token: not-a-real-token
contexts:
- name: x
  context: {{cluster: c, user: u}}
current-context: x
"""


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, FakeServer]:
    """A kubeconfig, a warm discovery cache, and a fake server for commands that ask it."""
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(KUBECONFIG)
    cache = tmp_path / "cache"
    warm_env = Environment.for_test(environ={"KUBECACHEDIR": str(cache)}, clock=Clock())
    make_client(warm_env, FakeServer()).resources()
    server = FakeServer()
    monkeypatch.setattr(Factory, "rest_client", property(lambda self: server))
    return tmp_path, server


def kctl(setup: tuple[Path, FakeServer], *args: str, expect: int = 0, **env_kw: Any) -> CLIResult:
    """The shared runner with the fixture's kubeconfig and discovery cache."""
    tmp_path, _ = setup
    environ = {"KUBECONFIG": str(tmp_path / "kubeconfig"), "KUBECACHEDIR": str(tmp_path / "cache")}
    return cli.kctl(*args, expect=expect, environ=environ, clock=Clock(), **env_kw)


@pytest.mark.parametrize("flags", list(KUBECTL["api-resources"]))
def test_cached_output_is_kubectls(setup: tuple[Path, FakeServer], flags: str) -> None:
    out = kctl(setup, "api-resources", "--cached", *flags.split()).stdout
    assert out == KUBECTL["api-resources"][flags]
    assert setup[1].paths == []  # warm: no request


def test_refresh_is_two_conditional_requests(setup: tuple[Path, FakeServer]) -> None:
    result = kctl(setup, "api-resources")
    out, err = result.stdout, result.stderr
    assert out == KUBECTL["api-resources"][""]
    assert setup[1].paths == ["/api", "/apis"]
    assert all("If-None-Match" in c[1] for c in setup[1].calls)
    assert err == (
        "Warning: broken.example.com/v1beta1 is unavailable: "
        "the server reports its discovery information as stale\n"
    )


def test_api_versions_is_kubectls(setup: tuple[Path, FakeServer]) -> None:
    assert kctl(setup, "api-versions").stdout == KUBECTL["api-versions"]
    assert setup[1].paths == ["/api", "/apis"]


def test_legacy_server_gives_the_same_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kubeconfig").write_text(KUBECONFIG)
    server = FakeServer("legacy")
    monkeypatch.setattr(Factory, "rest_client", property(lambda self: server))
    result = kctl((tmp_path, server), "api-resources", "-o", "wide")
    out, err = result.stdout, result.stderr
    assert out == KUBECTL["api-resources"]["-o wide"]
    assert "broken.example.com/v1beta1 is unavailable" in err


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["api-resources", "extra"],
            "error: unexpected arguments: [extra]\n"
            "See 'kctl api-resources -h' for help and examples\n",
        ),
        (
            ["api-resources", "-o", "foo", "--sort-by=bar"],
            'error: unable to match a printer suitable for the output format "foo", '
            "allowed formats are: json,kyaml,name,wide,yaml\n",
        ),
        (
            ["api-resources", "-o", "kyaml", "--sort-by=bar"],
            "error: --sort-by accepts only name or kind\n",
        ),
        (
            ["api-resources", "--cached=maybe"],
            'error: invalid argument "maybe" for "--cached" flag: strconv.ParseBool: '
            'parsing "maybe": invalid syntax\n'
            "See 'kctl api-resources --help' for usage.\n",
        ),
        (
            ["api-resources", "--namespaced=x"],
            'error: invalid argument "x" for "--namespaced" flag: strconv.ParseBool: '
            'parsing "x": invalid syntax\n'
            "See 'kctl api-resources --help' for usage.\n",
        ),
        (
            ["api-versions", "extra"],
            "error: unexpected arguments: [extra]\n"
            "See 'kctl api-versions -h' for help and examples\n",
        ),
    ],
)
def test_usage_errors_match_kubectl(
    setup: tuple[Path, FakeServer], args: list[str], stderr: str
) -> None:
    result = kctl(setup, *args, expect=1)
    assert (result.stdout, result.stderr) == ("", stderr)
    assert setup[1].paths == []


def test_go_style_booleans(setup: tuple[Path, FakeServer]) -> None:
    names = kctl(setup, "api-resources", "--cached=false", "--namespaced=F", "-o", "name").stdout
    names = names.split()
    assert "namespaces" in names and "pods" not in names
    assert setup[1].paths == ["/api", "/apis"]  # --cached=false refreshes
    out = kctl(setup, "api-resources", "--cached", "--no-headers=true").stdout
    assert out.splitlines()[0].startswith("bindings ")


def test_unreachable_server_for_api_versions(setup: tuple[Path, FakeServer]) -> None:
    from kctl.errors import ConnectionRefused

    setup[1].overrides["/api"] = ConnectionRefused("127.0.0.1:6443")
    result = kctl(setup, "api-versions", expect=1)
    assert result.stdout == ""
    assert result.stderr == (
        "error: couldn't get available api versions from server: The connection to the server "
        "127.0.0.1:6443 was refused - did you specify the right host or port?\n"
    )


def test_terminal_output_is_styled_with_the_same_cells(setup: tuple[Path, FakeServer]) -> None:
    out = kctl(setup, "api-resources", "--cached", tty=True, terminal_width=200).stdout
    assert "\x1b[" in out  # a styled header
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain == KUBECTL["api-resources"][""]


def test_no_colour_on_a_terminal_gives_the_plain_table(setup: tuple[Path, FakeServer]) -> None:
    tmp_path, _ = setup
    environ = {
        "KUBECONFIG": str(tmp_path / "kubeconfig"),
        "KUBECACHEDIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    result = cli.kctl("api-resources", "--cached", environ=environ, tty=True)
    assert result.stdout == KUBECTL["api-resources"][""]


def test_piped_warm_path_imports_neither_requests_nor_rich(
    setup: tuple[Path, FakeServer], tmp_path: Path
) -> None:
    import subprocess
    import sys
    import time

    real_now = Environment.for_test(
        environ={"KUBECACHEDIR": str(tmp_path / "cache")}, clock=Clock(time.time())
    )
    make_client(real_now, FakeServer()).resources()

    code = (
        "import sys; from kctl.cli.main import run; "
        "rc = run(['api-resources', '--cached', '-o', 'wide']); "
        "bad = [m for m in ('requests', 'rich', 'urllib3') if m in sys.modules]; "
        "sys.stderr.write(repr((rc, bad)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "KUBECONFIG": str(tmp_path / "kubeconfig"),
            "KUBECACHEDIR": str(tmp_path / "cache"),
            "PATH": "/usr/bin:/bin",
        },
        check=False,
    )
    assert done.stderr == "(0, [])"
    assert done.stdout == KUBECTL["api-resources"]["-o wide"]
