"""A real kube-apiserver on a real etcd, started and stopped like controller-runtime's envtest.

``ControlPlane.start()`` writes throw-away certificates, a static token file and two kubeconfigs
into a work dir, starts etcd and kube-apiserver on free loopback ports (each in its own process
group), waits for ``/readyz`` and the ``default`` namespace, and grants the limited user its
namespace. ``stop()`` sends SIGTERM to each process group, SIGKILL after the stop timeout, and
removes the work dir. Control planes owned by this process are also stopped at exit and on
SIGTERM/SIGHUP; their children are killed if this process dies without cleaning up.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType

from tests.envtest.binaries import Binaries
from tests.envtest.kubeapi import (
    CONTEXT,
    LIMITED_NAMESPACE,
    LIMITED_USER,
    APIRequestError,
    ClusterInfo,
    admin_request,
    grant_limited_user,
    http_ok,
    https_request,
    kubeconfig_text,
)
from tests.envtest.processes import (
    die_with_parent,
    free_port,
    group_alive,
    stop_groups,
    tail,
)

__all__ = [
    "CONTEXT",
    "LIMITED_NAMESPACE",
    "LIMITED_USER",
    "ClusterInfo",
    "ControlPlane",
    "ControlPlaneError",
    "admin_request",
    "group_alive",
    "https_request",
    "parse_duration",
    "stop_groups",
    "timeout_from_env",
    "write_private",
]

DEFAULT_START_TIMEOUT = 60.0
DEFAULT_STOP_TIMEOUT = 20.0


class ControlPlaneError(RuntimeError):
    """The control plane could not be started; the text carries the relevant log lines."""


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Seconds in a Go duration string (``90s``, ``1m30s``, ``500ms``); a bare number is seconds."""
    text = text.strip()
    with contextlib.suppress(ValueError):
        return float(text)
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"invalid duration {text!r}")
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)


def timeout_from_env(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    if not raw:
        return default
    try:
        return parse_duration(raw)
    except ValueError as err:
        raise ControlPlaneError(f"{name}: {err}") from None


def write_private(path: Path, data: bytes | str) -> None:
    """Write a file readable only by its owner, atomically (temp file + rename)."""
    raw = data.encode() if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_LIVE: list[ControlPlane] = []
_HANDLERS_INSTALLED = False


def _stop_all() -> None:
    for plane in list(_LIVE):
        plane.stop()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _stop_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_handlers() -> None:
    global _HANDLERS_INSTALLED
    if _HANDLERS_INSTALLED:
        return
    _HANDLERS_INSTALLED = True
    atexit.register(_stop_all)
    # Only take over signals nobody else handles; SIGINT stays a KeyboardInterrupt, whose
    # unwinding (pytest teardown, atexit) stops the control plane.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError):  # not the main thread
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _on_signal)


WORKDIR_PREFIX = "kctl-envtest-"


def remove_stale_workdirs() -> None:
    """Remove temp dirs left by runs that were killed (SIGKILL leaves no chance to clean up):
    their owner process is gone. Their etcd/kube-apiserver died with it (PDEATHSIG)."""
    for path in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((path / "owner.pid").read_text())
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):
            continue  # not ours to judge (no owner file, someone else's, ...)


class ControlPlane:
    """etcd + kube-apiserver in a work dir.

    ``detached=True`` is for ``make cluster``: the processes outlive this Python process, which
    then neither stops them at exit nor ties them to its own death.
    """

    def __init__(
        self,
        binaries: Binaries,
        workdir: Path | None = None,
        *,
        detached: bool = False,
        environ: Mapping[str, str] = os.environ,
        apiserver_args: tuple[str, ...] = (),
    ) -> None:
        self.binaries = binaries
        # Extra kube-apiserver flags for a special-purpose plane (e.g. a short
        # --min-request-timeout for watch tests); the default test cluster passes none.
        self.apiserver_args = apiserver_args
        self.etcd_url = ""
        self.detached = detached
        self.environ = environ
        self.start_timeout = timeout_from_env(
            environ, "KUBEBUILDER_CONTROLPLANE_START_TIMEOUT", DEFAULT_START_TIMEOUT
        )
        self.stop_timeout = timeout_from_env(
            environ, "KUBEBUILDER_CONTROLPLANE_STOP_TIMEOUT", DEFAULT_STOP_TIMEOUT
        )
        self._workdir_given = workdir
        self.workdir = workdir or Path("/nonexistent")
        self.info: ClusterInfo | None = None
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self._argv: dict[str, list[str]] = {}
        self.started_in: float = 0.0

    # -- start --------------------------------------------------------------------------------

    def start(self) -> ClusterInfo:
        """Start etcd and kube-apiserver; retried on a port race, cleaned up on any failure."""
        started = time.monotonic()
        if self._workdir_given is None:
            remove_stale_workdirs()
            self.workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
            (self.workdir / "owner.pid").write_text(f"{os.getpid()}\n")
        else:
            self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o700)
        if not self.detached:
            _install_handlers()
            _LIVE.append(self)
        try:
            for attempt in range(3):
                try:
                    info = self._start_once(started)
                    break
                except _PortRace:
                    self._stop_processes()
                    if attempt == 2:
                        raise ControlPlaneError("ports kept being taken; giving up") from None
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - started
        self.info = info
        return info

    def _start_once(self, started: float) -> ClusterInfo:
        deadline = started + self.start_timeout
        work = self.workdir
        pki = work / "pki"
        logs = work / "logs"
        for d in (pki, logs):
            d.mkdir(exist_ok=True, mode=0o700)
        data = work / "etcd-data"
        shutil.rmtree(data, ignore_errors=True)

        etcd_port, peer_port, api_port = free_port(), free_port(), free_port()
        server = f"https://127.0.0.1:{api_port}"
        info = self._write_credentials(server, pki)

        etcd_url = f"http://127.0.0.1:{etcd_port}"
        self.etcd_url = etcd_url  # tests that compact etcd use its v3 JSON gateway
        peer_url = f"http://127.0.0.1:{peer_port}"
        self._spawn(
            "etcd",
            [
                str(self.binaries.etcd),
                f"--data-dir={data}",
                f"--listen-client-urls={etcd_url}",
                f"--advertise-client-urls={etcd_url}",
                f"--listen-peer-urls={peer_url}",
                f"--initial-advertise-peer-urls={peer_url}",
                f"--initial-cluster=default={peer_url}",
                "--unsafe-no-fsync=true",
                "--log-level=warn",
            ],
        )
        self._wait("etcd", deadline, lambda: http_ok(f"{etcd_url}/health"))

        self._spawn(
            "kube-apiserver",
            [
                str(self.binaries.kube_apiserver),
                f"--etcd-servers={etcd_url}",
                f"--secure-port={api_port}",
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                f"--cert-dir={pki}",
                f"--tls-cert-file={pki / 'serving.crt'}",
                f"--tls-private-key-file={pki / 'serving.key'}",
                f"--client-ca-file={pki / 'client-ca.crt'}",
                f"--token-auth-file={work / 'tokens.csv'}",
                "--authorization-mode=RBAC",
                "--disable-admission-plugins=ServiceAccount",
                "--service-cluster-ip-range=10.0.0.0/24",
                "--allow-privileged=true",
                f"--service-account-issuer={server}/",
                f"--service-account-key-file={pki / 'sa.pub'}",
                f"--service-account-signing-key-file={pki / 'sa.key'}",
                *self.apiserver_args,
            ],
        )

        def ready() -> bool:
            return self._apiserver_ready(info)

        def default_namespace() -> bool:
            try:
                status, _ = admin_request(info, "GET", "/api/v1/namespaces/default")
            except (OSError, http.client.HTTPException):
                return False
            return status == 200

        self._wait("kube-apiserver", deadline, ready)
        self._wait("kube-apiserver", deadline, default_namespace, what="namespace default")
        try:
            grant_limited_user(info)
        except APIRequestError as err:
            raise ControlPlaneError(str(err)) from None
        return info

    @staticmethod
    def _apiserver_ready(info: ClusterInfo) -> bool:
        try:
            status, _ = https_request(info.server, "GET", "/readyz", ca_file=info.ca_file)
        except (OSError, http.client.HTTPException):
            return False
        return status == 200

    def restart_apiserver(self) -> None:
        """Stop kube-apiserver and start it again on the same port and etcd (its watch cache
        starts afresh, as after a real restart); returns once it is ready."""
        assert self.info is not None, "not started"
        info = self.info
        proc = self.procs.pop("kube-apiserver")
        stop_groups([proc.pid], self.stop_timeout, proc.poll)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        self._spawn("kube-apiserver", self._argv["kube-apiserver"])
        deadline = time.monotonic() + self.start_timeout
        self._wait("kube-apiserver", deadline, lambda: self._apiserver_ready(info))

    def _write_credentials(self, server: str, pki: Path) -> ClusterInfo:
        from tests.envtest import certs  # cryptography: only needed to start, not to stop

        serving_ca = certs.CertificateAuthority("kctl-envtest-serving-ca")
        serving = serving_ca.issue(
            "localhost", dns_names=["localhost"], ip_addresses=["127.0.0.1"], server=True
        )
        client_ca = certs.CertificateAuthority("kctl-envtest-client-ca")
        admin = client_ca.issue("admin", organizations=["system:masters"])
        sa = certs.signing_key()
        files = {
            "ca.crt": serving_ca.cert_pem,
            "serving.crt": serving.cert_pem,
            "serving.key": serving.key_pem,
            "client-ca.crt": client_ca.cert_pem,
            "admin.crt": admin.cert_pem,
            "admin.key": admin.key_pem,
            "sa.pub": sa.cert_pem,
            "sa.key": sa.key_pem,
        }
        for name, content in files.items():
            write_private(pki / name, content)
        token = secrets.token_hex(24)
        write_private(self.workdir / "tokens.csv", f"{token},{LIMITED_USER},uid-{LIMITED_USER}\n")
        admin_kubeconfig = self.workdir / "kubeconfig"
        limited_kubeconfig = self.workdir / "limited.kubeconfig"
        import base64

        write_private(
            admin_kubeconfig,
            kubeconfig_text(
                server,
                serving_ca.cert_pem,
                "admin",
                {
                    "client-certificate-data": base64.b64encode(admin.cert_pem).decode(),
                    "client-key-data": base64.b64encode(admin.key_pem).decode(),
                },
            ),
        )
        write_private(
            limited_kubeconfig,
            kubeconfig_text(server, serving_ca.cert_pem, LIMITED_USER, {"token": token}),
        )
        return ClusterInfo(
            server=server,
            admin_kubeconfig=admin_kubeconfig,
            limited_kubeconfig=limited_kubeconfig,
            limited_namespace=LIMITED_NAMESPACE,
            limited_user=LIMITED_USER,
            kubectl=self.binaries.kubectl,
            ca_file=pki / "ca.crt",
            admin_cert=pki / "admin.crt",
            admin_key=pki / "admin.key",
            token=token,
            apiserver=self.binaries.kube_apiserver,
            etcd=self.binaries.etcd,
            workdir=self.workdir,
        )

    def _spawn(self, name: str, argv: list[str]) -> None:
        self._argv[name] = argv
        log = open(self.workdir / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - child keeps it
        # envtest's switch to see the processes' output live instead of in the log files
        attach = self.environ.get("KUBEBUILDER_ATTACH_CONTROL_PLANE_OUTPUT") == "true"
        try:
            self.procs[name] = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=None if attach else log,
                stderr=None if attach else subprocess.STDOUT,
                cwd=self.workdir,
                start_new_session=True,
                preexec_fn=None if self.detached else die_with_parent(),
            )
        finally:
            log.close()

    def _wait(
        self, name: str, deadline: float, check: Callable[[], bool], what: str = "ready"
    ) -> None:
        proc = self.procs[name]
        while True:
            if check():
                return
            code = proc.poll()
            if code is not None:
                log = tail(self.log_path(name))
                if "address already in use" in log:
                    raise _PortRace()
                raise ControlPlaneError(
                    f"{name} exited with code {code} before it was {what}.\n"
                    f"--- last lines of {self.log_path(name)} ---\n{log}"
                )
            if time.monotonic() > deadline:
                raise ControlPlaneError(
                    f"{name} was not {what} within {self.start_timeout:.0f}s "
                    "(KUBEBUILDER_CONTROLPLANE_START_TIMEOUT raises the limit).\n"
                    + self.log_report()
                )
            time.sleep(0.1)

    def log_path(self, name: str) -> Path:
        return self.workdir / "logs" / f"{name}.log"

    def log_report(self) -> str:
        return "\n".join(
            f"--- last lines of {self.log_path(name)} ---\n{tail(self.log_path(name))}"
            for name in self.procs
        )

    # -- stop ---------------------------------------------------------------------------------

    def _stop_processes(self) -> None:
        # kube-apiserver first, so it does not spend the stop timeout retrying a dead etcd.
        procs = list(reversed(self.procs.values()))
        self.procs = {}

        def reap() -> None:
            for proc in procs:
                proc.poll()

        stop_groups([p.pid for p in procs], self.stop_timeout, reap)
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=1)

    def stop(self) -> None:
        """Stop both processes and remove the work dir; safe to call more than once."""
        self._stop_processes()
        if self in _LIVE:
            _LIVE.remove(self)
        if self.workdir.exists() and self.workdir != Path("/nonexistent"):
            shutil.rmtree(self.workdir, ignore_errors=True)


class _PortRace(Exception):
    """A port picked as free was taken before the process bound it."""
