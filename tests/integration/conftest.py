"""Fixtures for integration tests against the project's own control plane (docs/layers.md).

- ``cluster`` (session): one kube-apiserver + etcd for the whole run (a ``ClusterInfo``).
- ``namespace`` (function): a fresh namespace for the test.
- ``kctl(*args, ...)`` / ``kubectl(*args, ...)`` run the CLI as a subprocess and return
  ``Result(code, stdout, stderr)``; ``kctl_spawn`` / ``kubectl_spawn`` start it in the
  background (a ``Popen``, killed after the test if still running); ``kubectl_ok`` also
  asserts exit 0; ``apply(yaml)`` applies a manifest as admin.

Each run gets a throw-away HOME and cache dirs, so nothing leaks in from (or out to) the
developer's ``~/.kube``; stdout is a pipe and ``NO_COLOR`` is unset, so output is the plain,
kubectl-compatible form.

Environment knobs:
- ``USE_EXISTING_CLUSTER=true``: use ``$KUBECONFIG`` (or ``~/.kube/config``) as is.
- ``KCTL_TEST_REUSE_DEVCLUSTER=1``: use the control plane of ``make cluster`` when it runs.
- ``KCTL_REQUIRE_CONTROL_PLANE=1`` (CI): no control plane aborts the whole session at once.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pytest

from tests.envtest import binaries as binaries_mod
from tests.envtest import devcluster
from tests.envtest.binaries import Binaries, BinaryError
from tests.envtest.manager import (
    LIMITED_NAMESPACE,
    LIMITED_USER,
    ClusterInfo,
    ControlPlane,
    ControlPlaneError,
    admin_request,
    write_private,
)

ROOT = Path(__file__).resolve().parents[2]
INTEGRATION_DIR = Path(__file__).resolve().parent
DEFAULT_TIMEOUT = 60.0

_BINARIES = pytest.StashKey[Binaries | BaseException]()
_STARTUP = pytest.StashKey[str]()

WHAT_TO_DO = f"""\
What to do:
  - Build or find the binaries: `.venv/bin/python -m tests.envtest binaries` builds
    kube-apiserver/kubectl {binaries_mod.K8S_VERSION} and etcd {binaries_mod.ETCD_VERSION} once
    from the Go module proxy (needs Go 1.26+, ~2 GB RAM, a few minutes). Or point
    TEST_ASSET_KUBE_APISERVER, TEST_ASSET_ETCD and TEST_ASSET_KUBECTL (or KUBEBUILDER_ASSETS)
    at existing binaries.
  - A slow machine: raise KUBEBUILDER_CONTROLPLANE_START_TIMEOUT (default 60s).
  - Or run against a cluster you have: USE_EXISTING_CLUSTER=true with KUBECONFIG set.
Integration tests never skip: without a control plane they fail."""


class Result(NamedTuple):
    """What a CLI run produced."""

    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit code {self.code}\n--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}"


class Runner(Protocol):
    def __call__(
        self,
        *args: str,
        kubeconfig: Path | str | None = None,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
        cache_dir: Path | str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Result: ...


# --- collection: mark integration tests, get the binaries before any test timeout runs -------


def _is_integration(item: pytest.Item) -> bool:
    return INTEGRATION_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = [item for item in items if _is_integration(item)]
    for item in selected:
        item.add_marker(pytest.mark.integration)
    if not selected or os.environ.get("USE_EXISTING_CLUSTER", "").lower() == "true":
        return
    # A cold build takes minutes: do it here, outside pytest-timeout's per-test limit, with
    # capture off so its progress is visible.
    capman = config.pluginmanager.getplugin("capturemanager")
    with capman.global_and_fixture_disabled() if capman else _nothing():
        try:
            config.stash[_BINARIES] = binaries_mod.ensure(log=sys.stderr)
        except (BinaryError, OSError) as err:
            config.stash[_BINARIES] = err


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    line = config.stash.get(_STARTUP, None)
    if line:
        terminalreporter.write_line(line)


# --- the control plane ----------------------------------------------------------------------


def _no_control_plane(reason: str) -> None:
    message = f"No control plane for the integration tests.\n{reason}\n\n{WHAT_TO_DO}"
    if os.environ.get("KCTL_REQUIRE_CONTROL_PLANE") == "1":
        pytest.exit(message, returncode=3)
    pytest.fail(message, pytrace=False)


def _binaries(config: pytest.Config) -> Binaries:
    found = config.stash.get(_BINARIES, None)
    if found is None:  # collected without the hook (e.g. a single test by node id is fine too)
        found = binaries_mod.ensure(log=sys.stderr)
    if isinstance(found, BaseException):
        raise found
    return found


def _kubectl_raw(kubectl: Path, kubeconfig: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        # The cache goes beside the kubeconfig, in the run's temp dir, not in the user's ~/.kube.
        [
            str(kubectl),
            f"--kubeconfig={kubeconfig}",
            f"--cache-dir={kubeconfig.parent}/cache",
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=DEFAULT_TIMEOUT,
    )
    if result.returncode != 0:
        raise ControlPlaneError(f"kubectl {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def _existing_cluster(config: pytest.Config, workdir: Path) -> ClusterInfo:
    """USE_EXISTING_CLUSTER=true: the user's kubeconfig as admin, the limited user through
    impersonation (``as: jane``) since we cannot add a token user to someone else's server."""
    import yaml

    kubectl = binaries_mod.ensure(log=sys.stderr, names=("kubectl",)).kubectl
    paths = os.environ.get("KUBECONFIG", "").split(os.pathsep)
    source = Path(paths[0]) if paths[0] else Path.home() / ".kube" / "config"
    flat = _kubectl_raw(kubectl, source, "config", "view", "--raw", "--minify", "--flatten")
    data = yaml.safe_load(flat)
    admin = workdir / "kubeconfig"
    write_private(admin, flat)
    cluster = data["clusters"][0]["cluster"]
    user = data["users"][0]["user"]
    files = {
        "ca.crt": cluster.get("certificate-authority-data"),
        "admin.crt": user.get("client-certificate-data"),
        "admin.key": user.get("client-key-data"),
    }
    for name, b64 in files.items():
        write_private(workdir / name, base64.b64decode(b64) if b64 else b"")
    rbac = f"""
apiVersion: v1
kind: Namespace
metadata: {{name: {LIMITED_NAMESPACE}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: pod-reader, namespace: {LIMITED_NAMESPACE}}}
rules: [{{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: {LIMITED_USER}-pod-reader, namespace: {LIMITED_NAMESPACE}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}}
subjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: {LIMITED_USER}}}]
"""
    _kubectl_raw(kubectl, admin, "apply", "-f", "-", stdin=rbac)
    data["users"][0]["user"]["as"] = LIMITED_USER
    limited = workdir / "limited.kubeconfig"
    write_private(limited, yaml.safe_dump(data, sort_keys=False))
    return ClusterInfo(
        server=cluster["server"],
        admin_kubeconfig=admin,
        limited_kubeconfig=limited,
        limited_namespace=LIMITED_NAMESPACE,
        limited_user=LIMITED_USER,
        kubectl=kubectl,
        ca_file=workdir / "ca.crt",
        admin_cert=workdir / "admin.crt",
        admin_key=workdir / "admin.key",
        token="",
        apiserver=Path(""),
        etcd=Path(""),
        workdir=workdir,
    )


@pytest.fixture(scope="session")
def cluster(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ClusterInfo]:
    """One control plane for the whole run; stopped (and its temp dir removed) at the end."""
    config = request.config
    failure = ""
    if os.environ.get("USE_EXISTING_CLUSTER", "").lower() == "true":
        try:
            info = _existing_cluster(config, tmp_path_factory.mktemp("existing-cluster"))
        except (BinaryError, ControlPlaneError, OSError, KeyError, IndexError) as err:
            failure = f"USE_EXISTING_CLUSTER=true, but: {err}"
        if failure:  # reported outside the except block, so no chained traceback
            _no_control_plane(failure)
        config.stash[_STARTUP] = f"envtest: using the existing cluster at {info.server}"
        yield info
        return
    if os.environ.get("KCTL_TEST_REUSE_DEVCLUSTER") == "1":
        state = devcluster.running()
        if state is not None:
            config.stash[_STARTUP] = f"envtest: reused the dev control plane at {state.info.server}"
            yield state.info
            return
    try:
        plane = ControlPlane(_binaries(config))
        info = plane.start()
    except (BinaryError, ControlPlaneError, OSError) as err:
        failure = str(err)
    if failure:
        _no_control_plane(failure)
    config.stash[_STARTUP] = (
        f"envtest: control plane {info.server} ready in {plane.started_in:.1f}s "
        f"(kube-apiserver {info.apiserver}, etcd {info.etcd})"
    )
    try:
        yield info
    finally:
        plane.stop()


# --- per-test helpers -----------------------------------------------------------------------

_NS_UNSAFE = re.compile(r"[^a-z0-9-]+")


def _namespace_name(test_name: str) -> str:
    base = _NS_UNSAFE.sub("-", test_name.lower().removeprefix("test_")).strip("-")[:40].strip("-")
    return f"t-{base}-{secrets.token_hex(3)}"


@pytest.fixture
def namespace(
    request: pytest.FixtureRequest, cluster: ClusterInfo, kubectl_ok: Runner
) -> Iterator[str]:
    """A fresh namespace; marked for deletion afterwards (without a namespace controller it
    stays Terminating, which nothing else looks at)."""
    name = _namespace_name(request.node.name)
    body = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name, "labels": {"kctl-test": "true"}},
    }
    if cluster.admin_cert.is_file() and cluster.admin_cert.stat().st_size:
        status, answer = admin_request(cluster, "POST", "/api/v1/namespaces", body)
        assert status == 201, f"creating namespace {name}: HTTP {status}: {answer}"
    else:
        kubectl_ok("create", "namespace", name)
    yield name
    try:
        if cluster.admin_cert.is_file() and cluster.admin_cert.stat().st_size:
            admin_request(cluster, "DELETE", f"/api/v1/namespaces/{name}")
        else:
            kubectl_ok("delete", "namespace", name, "--wait=false")
    except (OSError, AssertionError):
        pass  # best effort: the control plane is thrown away anyway


class _Sandbox(NamedTuple):
    home: Path
    kctl_cache: Path
    kubectl_cache: Path


@pytest.fixture
def _sandbox(tmp_path_factory: pytest.TempPathFactory) -> _Sandbox:
    run = tmp_path_factory.mktemp("cli")
    box = _Sandbox(run / "home", run / "kctl-cache", run / "kubectl-cache")
    for path in box:
        path.mkdir(mode=0o700)
    return box


def _scrubbed_environ() -> dict[str, str]:
    """The caller's environment minus anything that changes how kctl/kubectl behave."""
    drop_prefixes = ("KUBE", "KCTL_", "XDG_")
    drop = {
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    }
    return {
        k: v for k, v in os.environ.items() if k not in drop and not k.startswith(drop_prefixes)
    }


def _command(
    cluster: ClusterInfo,
    box: _Sandbox,
    program: list[str],
    is_kubectl: bool,
    args: tuple[str, ...],
    kubeconfig: Path | str | None,
    env: Mapping[str, str | None] | None,
    cache_dir: Path | str | None,
) -> tuple[list[str], dict[str, str]]:
    """The argv and environment of one isolated CLI run."""
    cache = Path(cache_dir) if cache_dir is not None else None
    environ = _scrubbed_environ()
    environ["HOME"] = str(box.home)
    environ["KUBECONFIG"] = str(kubeconfig or cluster.admin_kubeconfig)
    environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    # Separate default caches: kctl's and kubectl's discovery files share a layout.
    cache = cache or (box.kubectl_cache if is_kubectl else box.kctl_cache)
    environ["KUBECACHEDIR"] = str(cache)
    command = [*program, f"--cache-dir={cache}", *args] if is_kubectl else [*program, *args]
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    return command, environ


def _make_runner(
    cluster: ClusterInfo, box: _Sandbox, program: list[str], is_kubectl: bool
) -> Runner:
    def run(
        *args: str,
        kubeconfig: Path | str | None = None,
        env: Mapping[str, str | None] | None = None,
        input: str | None = None,
        cache_dir: Path | str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Result:
        command, environ = _command(
            cluster, box, program, is_kubectl, args, kubeconfig, env, cache_dir
        )
        started = time.monotonic()
        try:
            done = subprocess.run(
                command,
                input=input,
                stdin=None if input is not None else subprocess.DEVNULL,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=environ,
                cwd=box.home,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as err:
            pytest.fail(
                f"{' '.join(command)} did not finish within {timeout:.0f}s "
                f"(ran {time.monotonic() - started:.0f}s); stderr so far: {err.stderr!r}",
                pytrace=False,
            )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


class Spawner(Protocol):
    def __call__(
        self,
        *args: str,
        kubeconfig: Path | str | None = None,
        env: Mapping[str, str | None] | None = None,
        stdout: Any = None,
        stderr: Any = None,
    ) -> subprocess.Popen[str]: ...


def _make_spawner(
    cluster: ClusterInfo, box: _Sandbox, program: list[str], is_kubectl: bool
) -> Iterator[Spawner]:
    """Start the CLI in the background (for long-running commands such as ``get -w``); every
    process still running at the end of the test is killed."""
    started: list[subprocess.Popen[str]] = []

    def spawn(
        *args: str,
        kubeconfig: Path | str | None = None,
        env: Mapping[str, str | None] | None = None,
        stdout: Any = None,
        stderr: Any = None,
    ) -> subprocess.Popen[str]:
        command, environ = _command(cluster, box, program, is_kubectl, args, kubeconfig, env, None)
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.PIPE,
            stderr=stderr if stderr is not None else subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=environ,
            cwd=box.home,
        )
        started.append(proc)
        return proc

    yield spawn
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


@pytest.fixture
def kctl_command(
    cluster: ClusterInfo, _sandbox: _Sandbox
) -> Callable[..., tuple[list[str], dict[str, str]]]:
    """The argv and environment ``kctl`` runs with (for a terminal test that starts it itself)."""

    def command(*args: str, **kwargs: Any) -> tuple[list[str], dict[str, str]]:
        return _command(
            cluster,
            _sandbox,
            [sys.executable, "-m", "kctl"],
            False,
            args,
            kwargs.get("kubeconfig"),
            kwargs.get("env"),
            None,
        )

    return command


@pytest.fixture
def kctl_spawn(cluster: ClusterInfo, _sandbox: _Sandbox) -> Iterator[Spawner]:
    """Start ``python -m kctl`` in the background; returns the ``Popen``."""
    yield from _make_spawner(cluster, _sandbox, [sys.executable, "-m", "kctl"], is_kubectl=False)


@pytest.fixture
def kubectl_spawn(cluster: ClusterInfo, _sandbox: _Sandbox) -> Iterator[Spawner]:
    """Start the built kubectl in the background; returns the ``Popen``."""
    yield from _make_spawner(cluster, _sandbox, [str(cluster.kubectl)], is_kubectl=True)


@pytest.fixture
def kctl(cluster: ClusterInfo, _sandbox: _Sandbox) -> Runner:
    """Run ``python -m kctl`` (admin kubeconfig unless ``kubeconfig=`` is given)."""
    return _make_runner(cluster, _sandbox, [sys.executable, "-m", "kctl"], is_kubectl=False)


@pytest.fixture
def kubectl(cluster: ClusterInfo, _sandbox: _Sandbox) -> Runner:
    """Run the built kubectl, the oracle (same isolation as ``kctl``)."""
    return _make_runner(cluster, _sandbox, [str(cluster.kubectl)], is_kubectl=True)


@pytest.fixture
def kubectl_ok(kubectl: Runner) -> Runner:
    """``kubectl`` that asserts exit code 0."""

    def run(*args: str, **kwargs: Any) -> Result:
        result = kubectl(*args, **kwargs)
        assert result.code == 0, f"kubectl {' '.join(args)} failed: {result}"
        return result

    return run  # type: ignore[return-value]


@pytest.fixture
def apply(kubectl_ok: Runner) -> Callable[[str], Result]:
    """Apply a YAML manifest as admin through kubectl; asserts success."""

    def run(manifest_yaml: str) -> Result:
        return kubectl_ok("apply", "-f", "-", input=manifest_yaml)

    return run
