"""client-go's exec credential plugins (``client.authentication.k8s.io/v1`` and ``v1beta1``).

The plugin gets ``KUBERNETES_EXEC_INFO`` (an ``ExecCredential`` with ``spec.interactive`` and,
with ``provideClusterInfo``, ``spec.cluster``) plus the configured ``env`` entries, and prints an
``ExecCredential`` whose ``status`` holds a token or a client certificate and key.

Credentials are cached so a plugin (often a slow cloud CLI) runs once per credential lifetime:
in memory for the process, and — only when the plugin returned an ``expirationTimestamp`` — in
``<cache_root>/exec/<sha256>.json`` (mode 0600, written atomically) until that time, so the next
invocations and shell completion reuse it. A credential without an expiry is kept in memory only:
kctl cannot know when it stops being valid, and a long-lived secret should not sit on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from typing import Any

from kctl.env import Environment
from kctl.errors import AuthPluginError
from kctl.gostr import json_kind
from kctl.rest.config import ExecConfig

INSTALL_HINT_HELP = """

It looks like you are trying to use a client-go credential plugin that is not installed.

To learn more about this feature, consult the documentation available at:
      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins"""

SUPPORTED_VERSIONS = ("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1")
CACHE_FORMAT = 1


class ExecPluginError(AuthPluginError):
    """A plugin failure, printed as kubectl prints it (the request could not authenticate)."""

    def __str__(self) -> str:
        return f"Unable to connect to the server: getting credentials: {self.message}"


class ExecCredential:
    """What a plugin returned (``status``); ``expiry`` is a Unix time or None.

    (A plain class: a cached token is read on every command of a plugin user, and a dataclass
    would be generated each time.)"""

    __slots__ = ("token", "client_cert_data", "client_key_data", "expiry")

    def __init__(
        self,
        token: str | None = None,
        client_cert_data: bytes | None = None,
        client_key_data: bytes | None = None,
        expiry: float | None = None,
    ) -> None:
        self.token = token
        self.client_cert_data = client_cert_data
        self.client_key_data = client_key_data
        self.expiry = expiry

    def __repr__(self) -> str:
        return f"ExecCredential(token={'<redacted>' if self.token else None}, expiry={self.expiry})"

    def valid(self, now: float) -> bool:
        return self.expiry is None or now < self.expiry


def cache_key(config: ExecConfig, server: str, cluster_info: dict[str, Any]) -> str:
    """sha256 over everything that changes what the plugin is asked (command, args, env,
    version, cluster info when provided) and the server it is for."""
    material = {
        "command": config.command,
        "args": config.args,
        "env": config.env,
        "apiVersion": config.api_version,
        "provideClusterInfo": config.provide_cluster_info,
        "cluster": cluster_info if config.provide_cluster_info else None,
        "server": server,
    }
    blob = json.dumps(material, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def parse_timestamp(text: str) -> float:
    """RFC 3339 (``2026-01-02T03:04:05Z``, fractions and offsets allowed) to Unix time."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    if "." in value:
        # Python < 3.11.? is strict about fraction length: keep microseconds
        head, _, rest = value.partition(".")
        digits = ""
        while rest and rest[0].isdigit():
            digits, rest = digits + rest[0], rest[1:]
        value = f"{head}.{(digits + '000000')[:6]}{rest}"
    from datetime import datetime  # only when a plugin has run: a cached token skips it

    stamp = datetime.fromisoformat(value)
    if stamp.tzinfo is None:
        raise ValueError(text)
    return stamp.timestamp()


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class ExecPlugin:
    """Runs one configured plugin and caches what it returns."""

    def __init__(
        self,
        config: ExecConfig,
        env: Environment,
        server: str,
        cluster_info: dict[str, Any] | None = None,
    ) -> None:
        if config.api_version not in SUPPORTED_VERSIONS:
            # kubectl reports this while building the client, before any request
            raise AuthPluginError(f'exec plugin: invalid apiVersion "{config.api_version}"')
        self.config = config
        self.env = env
        self.server = server
        self.cluster_info = cluster_info or {}
        self._memory: ExecCredential | None = None
        self.runs = 0  # how many times the plugin was executed (for tests and -v logging)

    @property
    def cache_file(self) -> str:
        key = cache_key(self.config, self.server, self.cluster_info)
        return os.path.join(self.env.cache_dir, "exec", f"{key}.json")

    # -- cache -----------------------------------------------------------------------------

    def cached(self) -> ExecCredential | None:
        """A still-valid credential from memory or the file cache, without running anything."""
        now = self.env.clock()
        if self._memory is not None and self._memory.valid(now):
            return self._memory
        cred = self._read_cache_file()
        if cred is not None and cred.expiry is not None and cred.valid(now):
            self._memory = cred
            return cred
        return None

    def _read_cache_file(self) -> ExecCredential | None:
        path = self.cache_file
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            if data.get("format") != CACHE_FORMAT:
                return None
            status = data["status"]
            return ExecCredential(
                token=status.get("token") or None,
                client_cert_data=(status.get("clientCertificateData") or "").encode() or None,
                client_key_data=(status.get("clientKeyData") or "").encode() or None,
                expiry=float(data["expiry"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # A damaged cache entry is just a miss; remove it so it is rewritten cleanly.
            with contextlib.suppress(OSError):
                os.unlink(path)
            return None

    def _write_cache_file(self, cred: ExecCredential) -> None:
        if cred.expiry is None:
            return
        path = self.cache_file
        payload = {
            "format": CACHE_FORMAT,
            "server": self.server,
            "expiry": cred.expiry,
            "status": {
                "token": cred.token or "",
                "clientCertificateData": (cred.client_cert_data or b"").decode(),
                "clientKeyData": (cred.client_key_data or b"").decode(),
            },
        }
        from kctl.privatefile import write_private

        with contextlib.suppress(OSError):  # an unwritable cache only costs a plugin run next time
            write_private(path, json.dumps(payload).encode())

    def forget(self) -> None:
        """Drop the cached credential (after the server rejected it)."""
        self._memory = None
        with contextlib.suppress(OSError):
            os.unlink(self.cache_file)

    # -- running ---------------------------------------------------------------------------

    def get(self) -> ExecCredential:
        """A valid credential: cached, or freshly obtained from the plugin."""
        cred = self.cached()
        if cred is not None:
            return cred
        cred = self.run()
        self._memory = cred
        self._write_cache_file(cred)
        return cred

    def _interactive(self) -> bool:
        mode = self.config.interactive_mode or "IfAvailable"
        if mode == "Never":
            return False
        tty = _is_tty(self.env.stdin)
        if mode == "Always" and not tty:
            raise ExecPluginError(
                "exec plugin cannot support interactive mode: standard input is not a terminal"
            )
        return tty

    def exec_info(self, interactive: bool) -> str:
        spec: dict[str, Any] = {}
        if self.config.provide_cluster_info:
            spec["cluster"] = self.cluster_info
        spec["interactive"] = interactive
        info = {"kind": "ExecCredential", "apiVersion": self.config.api_version, "spec": spec}
        return json.dumps(info, separators=(",", ":"))

    def run(self) -> ExecCredential:
        """Execute the plugin once and decode its answer (errors in kubectl's words)."""
        import subprocess  # only when the plugin really runs: a cached credential skips it

        cfg = self.config
        interactive = self._interactive()
        environ = dict(self.env.environ)
        for var in cfg.env:
            environ[var.get("name", "")] = var.get("value", "")
        environ["KUBERNETES_EXEC_INFO"] = self.exec_info(interactive)
        self.runs += 1
        try:
            done = subprocess.run(
                [cfg.command, *cfg.args],
                env=environ,
                stdin=None if interactive else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                # An interactive plugin prompts on stderr: leave it on the terminal.
                stderr=None if interactive else subprocess.PIPE,
                check=False,
            )
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            text = f"exec: executable {cfg.command} not found{INSTALL_HINT_HELP}"
            if cfg.install_hint:
                text += f"\n\n{cfg.install_hint}"
            raise ExecPluginError(text) from None
        except OSError as exc:
            raise ExecPluginError(f"exec: {exc.strerror or exc}") from None
        if done.stderr:
            # kubectl passes the plugin's stderr straight through; do the same.
            self.env.stderr.write(done.stderr.decode("utf-8", "replace"))
        if done.returncode != 0:
            code = done.returncode if done.returncode > 0 else -1
            raise ExecPluginError(f"exec: executable {cfg.command} failed with exit code {code}")
        return self._decode(done.stdout)

    def _decode(self, stdout: bytes) -> ExecCredential:
        try:
            doc = json.loads(stdout.decode("utf-8", "replace"))
        except ValueError:
            doc = stdout.decode("utf-8", "replace").strip()
        if doc is None:
            doc = {}  # Go unmarshals JSON null into the struct without error: fields stay empty
        if not isinstance(doc, dict):
            raise ExecPluginError(
                "decoding stdout: couldn't get version/kind; json parse error: json: cannot "
                f"unmarshal {json_kind(doc)} into Go value of type struct {{ APIVersion string "
                '"json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'
            )
        version = doc.get("apiVersion") or ""
        if version != self.config.api_version:
            raise ExecPluginError(
                f"exec plugin is configured to use API version {self.config.api_version}, "
                f"plugin returned version {version}"
            )
        if doc.get("kind") != "ExecCredential":
            raise ExecPluginError(
                f'decoding stdout: no kind "{doc.get("kind") or ""}" is registered for version '
                f'"{version}" in scheme'
            )
        status = doc.get("status")
        if not isinstance(status, dict):
            raise ExecPluginError("exec plugin didn't return a status field")
        token = str(status.get("token") or "")
        cert = str(status.get("clientCertificateData") or "")
        key = str(status.get("clientKeyData") or "")
        if not (token or cert or key):
            raise ExecPluginError("exec plugin didn't return a token or cert/key pair")
        if bool(cert) != bool(key):
            raise ExecPluginError("exec plugin returned only certificate or key, not both")
        expiry = None
        if status.get("expirationTimestamp"):
            try:
                expiry = parse_timestamp(str(status["expirationTimestamp"]))
            except ValueError:
                stamp = json.dumps(str(status["expirationTimestamp"]))
                raise ExecPluginError(
                    f'decoding stdout: parsing time {stamp} as "2006-01-02T15:04:05Z07:00": '
                    f'cannot parse {stamp} as "2006"'
                ) from None
        return ExecCredential(
            token=token or None,
            client_cert_data=cert.encode() if cert else None,
            client_key_data=key.encode() if key else None,
            expiry=expiry,
        )
