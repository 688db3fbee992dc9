"""clientcmd: find the kubeconfig files, merge them with kubectl's rules, apply the command-line
overrides and produce a ``RestConfig``.

The merged configuration keeps each entry as the plain mapping read from YAML (kubeconfig key
names, ``-data`` fields decoded to bytes) plus the file it came from, so relative paths can be
resolved against that file and ``kctl config view`` can print what kubectl prints.
"""

from __future__ import annotations

import base64
import binascii
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kctl.errors import ConfigError
from kctl.restconfig import ExecConfig, Overrides, RestConfig

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
EXEC_CLUSTER_EXTENSION = "client.authentication.k8s.io/exec"
EXEC_API_VERSIONS = ("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1")

# The kubeconfig v1 schema as client-go serialises it: (key, kind, omitempty), in struct order.
# kind: "str", "bool", "bytes", "strlist", "extra" (map of string lists), "ext" (extensions),
# "exec", "authprovider", "map" (any mapping).
CLUSTER_FIELDS: list[tuple[str, str, bool]] = [
    ("server", "str", False),
    ("tls-server-name", "str", True),
    ("insecure-skip-tls-verify", "bool", True),
    ("certificate-authority", "str", True),
    ("certificate-authority-data", "bytes", True),
    ("proxy-url", "str", True),
    ("disable-compression", "bool", True),
    ("extensions", "ext", True),
]
USER_FIELDS: list[tuple[str, str, bool]] = [
    ("client-certificate", "str", True),
    ("client-certificate-data", "bytes", True),
    ("client-key", "str", True),
    ("client-key-data", "bytes", True),
    ("token", "str", True),
    ("tokenFile", "str", True),
    ("as", "str", True),
    ("as-uid", "str", True),
    ("as-groups", "strlist", True),
    ("as-user-extra", "extra", True),
    ("username", "str", True),
    ("password", "str", True),
    ("auth-provider", "authprovider", True),
    ("exec", "exec", True),
    ("extensions", "ext", True),
]
CONTEXT_FIELDS: list[tuple[str, str, bool]] = [
    ("cluster", "str", False),
    ("user", "str", False),
    ("namespace", "str", True),
    ("extensions", "ext", True),
]
EXEC_FIELDS: list[tuple[str, str, bool]] = [
    ("command", "str", False),
    ("args", "strlist", False),
    ("env", "envlist", False),
    ("apiVersion", "str", True),
    ("installHint", "str", True),
    ("provideClusterInfo", "bool", False),
    ("interactiveMode", "str", True),
]

_GO_TYPES = {
    "str": "string",
    "bool": "bool",
    "bytes": "[]uint8",
    "strlist": "[]string",
    "extra": "map[string][]string",
    "ext": "[]v1.NamedExtension",
    "exec": "v1.ExecConfig",
    "authprovider": "v1.AuthProviderConfig",
    "envlist": "[]v1.ExecEnvVar",
    "map": "map[string]string",
}


CONTEXT_NOT_FOUND = "context was not found for specified context: "


class ConfigurationInvalid(ConfigError):
    """client-go's errConfigurationInvalid, printed the way kubectl's checkErr prints it."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors

    def __str__(self) -> str:
        # kubectl 1.36 reduces a one-error list to that error: only "context not found" keeps
        # the "Error in configuration" form, any other single error is a plain "error: ...".
        if len(self.errors) == 1:
            if self.errors[0].startswith(CONTEXT_NOT_FOUND):
                return f"Error in configuration: {self.errors[0]}"
            return f"error: {self.errors[0]}"
        return "Error in configuration: \n" + "\n".join(f"* {e}" for e in self.errors)


@dataclass
class KubeConfig:
    """A merged kubeconfig: named entries in first-file-wins order, plus where each came from."""

    clusters: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    current_context: str = ""
    preferences: dict[str, Any] = field(default_factory=dict)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    # ("clusters" | "users" | "contexts", name) -> the file that defined the entry
    origins: dict[tuple[str, str], str] = field(default_factory=dict)

    def origin_dir(self, section: str, name: str) -> str:
        origin = self.origins.get((section, name), "")
        return os.path.dirname(os.path.abspath(origin)) if origin else os.getcwd()


# ---------------------------------------------------------------------------------------------
# Loading one file


def go_os_error(op: str, path: str, exc: OSError) -> str:
    """Go's ``*PathError`` text: ``open /x: no such file or directory``."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.ENOENT:
        reason = "no such file or directory"
    reason = reason[:1].lower() + reason[1:]
    return f"{op} {path}: {reason}"


def _yaml_error_text(exc: Exception) -> str:
    """Approximate go-yaml's ``yaml: line N: <problem>`` for a PyYAML error."""
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    problem = {
        "mapping values are not allowed here": "mapping values are not allowed in this context",
    }.get(problem, problem)
    if mark is not None:
        return f"yaml: line {mark.line + 1}: {problem}"
    return f"yaml: {problem}"


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_error(value: Any, struct: str, path: str, go_type: str) -> ValueError:
    return ValueError(
        f"json: cannot unmarshal {_json_kind(value)} into Go struct field {struct}.{path} "
        f"of type {go_type}"
    )


def _decode_b64(value: str) -> bytes:
    text = value.replace("\n", "").replace("\r", "")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        bad = next((i for i, ch in enumerate(text) if ch not in alphabet), None)
        pos = bad if bad is not None else (len(text) // 4) * 4
        raise ValueError(f"illegal base64 data at input byte {pos}") from None


def _check_fields(
    raw: Any, fields: list[tuple[str, str, bool]], struct: str, path: str
) -> dict[str, Any]:
    """Type-check one struct's known fields (unknown keys are kept but never interpreted)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _type_error(raw, struct.split(".")[0], path, f"v1.{struct}")
    out: dict[str, Any] = dict(raw)
    for key, kind, _omit in fields:
        if key not in raw or raw[key] is None:
            out.pop(key, None)
            continue
        value = raw[key]
        where = f"{path}.{key}" if path else key
        if kind == "str":
            if not isinstance(value, str):
                raise _type_error(value, struct, where, "string")
        elif kind == "bool":
            if not isinstance(value, bool):
                raise _type_error(value, struct, where, "bool")
        elif kind == "bytes":
            if not isinstance(value, str):
                raise _type_error(value, struct, where, "[]uint8")
            out[key] = _decode_b64(value)
        elif kind == "strlist":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _type_error(value, struct, where, "[]string")
        elif kind == "extra":
            if not isinstance(value, dict):
                raise _type_error(value, struct, where, _GO_TYPES[kind])
            for values in value.values():
                if not isinstance(values, list):
                    raise _type_error(values, struct, where, "[]string")
                bad = next((v for v in values if not isinstance(v, str)), None)
                if bad is not None:
                    raise _type_error(bad, struct, where, "string")
        elif kind == "ext":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise _type_error(value, struct, where, _GO_TYPES[kind])
        elif kind == "exec":
            out[key] = _check_fields(value, EXEC_FIELDS, "ExecConfig", where)
            if not out[key].get("interactiveMode") and out[key].get("apiVersion") in (
                "client.authentication.k8s.io/v1beta1",
                "client.authentication.k8s.io/v1alpha1",
            ):
                out[key]["interactiveMode"] = "IfAvailable"  # client-go's defaulting
        elif kind == "envlist":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise _type_error(value, struct, where, _GO_TYPES[kind])
        elif kind == "authprovider":
            if not isinstance(value, dict):
                raise _type_error(value, struct, where, _GO_TYPES[kind])
            config = value.get("config")
            if config is not None and not isinstance(config, dict):
                raise _type_error(config, "AuthProviderConfig", f"{where}.config", _GO_TYPES["map"])
    return out


def _named_list(
    raw: Any, section: str, inner: str, fields: list[tuple[str, str, bool]]
) -> list[tuple[str, dict[str, Any]]]:
    named = {"clusters": "NamedCluster", "users": "NamedAuthInfo", "contexts": "NamedContext"}
    struct = {"clusters": "Cluster", "users": "AuthInfo", "contexts": "Context"}[section]
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _type_error(raw, "Config", section, f"[]v1.{named[section]}")
    entries = []
    for item in raw:
        if not isinstance(item, dict):
            raise _type_error(item, "Config", section, f"v1.{named[section]}")
        name = item.get("name", "")
        if name is None:
            name = ""
        if not isinstance(name, str):
            raise _type_error(name, named[section], f"{section}.name", "string")
        body = _check_fields(item.get(inner), fields, struct, f"{section}.{inner}")
        entries.append((name, body))
    return entries


def parse_kubeconfig(data: bytes | str) -> dict[str, Any]:
    """Parse one kubeconfig document into a checked mapping (raises ValueError with Go's texts)."""
    import yaml

    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if not text.strip():
        return {}
    try:
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ValueError(_yaml_error_text(exc)) from None
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ValueError(
            "couldn't get version/kind; json parse error: json: cannot unmarshal "
            f"{_json_kind(doc)} into Go value of type struct {{ APIVersion string "
            '"json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'
        )
    out: dict[str, Any] = {
        "clusters": _named_list(doc.get("clusters"), "clusters", "cluster", CLUSTER_FIELDS),
        "users": _named_list(doc.get("users"), "users", "user", USER_FIELDS),
        "contexts": _named_list(doc.get("contexts"), "contexts", "context", CONTEXT_FIELDS),
    }
    current = doc.get("current-context") or ""
    if not isinstance(current, str):
        raise _type_error(current, "Config", "current-context", "string")
    out["current-context"] = current
    prefs = doc.get("preferences") or {}
    if not isinstance(prefs, dict):
        raise _type_error(prefs, "Config", "preferences", "v1.Preferences")
    if not isinstance(prefs.get("extensions") or [], list):
        raise _type_error(
            prefs["extensions"], "Preferences", "preferences.extensions", "[]v1.NamedExtension"
        )
    out["preferences"] = prefs
    exts = doc.get("extensions") or []
    if not isinstance(exts, list):
        raise _type_error(exts, "Config", "extensions", "[]v1.NamedExtension")
    out["extensions"] = exts
    return out


def load_file(path: str) -> dict[str, Any]:
    """Read and parse one kubeconfig; OSError passes through, parse errors become ConfigError."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return parse_kubeconfig(data)
    except ValueError as exc:
        raise ConfigError(f'error loading config file "{path}": {exc}') from None


# ---------------------------------------------------------------------------------------------
# Loading rules and merging


@dataclass
class LoadingRules:
    """Which files to read: ``--kubeconfig`` alone, else ``$KUBECONFIG``'s list, else the home
    file."""

    explicit_path: str | None
    precedence: list[str]

    @classmethod
    def from_environ(cls, overrides: Overrides, environ: Mapping[str, str]) -> LoadingRules:
        env_files = environ.get("KUBECONFIG", "")
        if env_files:
            seen: list[str] = []
            for p in env_files.split(os.pathsep):
                if p not in seen:
                    seen.append(p)
            precedence = seen
        else:
            precedence = [str(home_dir(environ) / ".kube" / "config")]
        return cls(overrides.kubeconfig or None, precedence)

    def files(self) -> list[str]:
        return [self.explicit_path] if self.explicit_path else list(self.precedence)

    def default_filename(self) -> str:
        """The file a write goes to when no file holds the value (kubectl's GetDefaultFilename)."""
        if self.explicit_path:
            return self.explicit_path
        for name in self.precedence:
            if name and os.path.exists(name):
                return name
        return self.precedence[0] if self.precedence else ""

    def load(self, *, missing_explicit_ok: bool = False) -> KubeConfig:
        """Merge the files: the first file to define a name or current-context wins."""
        if self.explicit_path and not os.path.exists(self.explicit_path):
            if missing_explicit_ok:
                return KubeConfig()
            raise ConfigError(f"stat {self.explicit_path}: no such file or directory")
        merged = KubeConfig()
        colors_set = False
        for path in self.files():
            if not path:
                continue
            try:
                doc = load_file(path)
            except FileNotFoundError:
                continue
            except IsADirectoryError:
                raise ConfigError(
                    f'error loading config file "{path}": read {path}: is a directory'
                ) from None
            except OSError as exc:
                raise ConfigError(
                    f'error loading config file "{path}": {go_os_error("open", path, exc)}'
                ) from None
            if not doc:
                continue
            for section in ("clusters", "users", "contexts"):
                target: dict[str, dict[str, Any]] = getattr(merged, section)
                for name, body in doc[section]:
                    if name not in target:
                        target[name] = body
                        merged.origins[(section, name)] = path
            if not merged.current_context and doc["current-context"]:
                merged.current_context = doc["current-context"]
            prefs = doc["preferences"]
            if prefs.get("colors") and not colors_set:
                merged.preferences["colors"] = True
                colors_set = True
            for ext in prefs.get("extensions") or []:
                _add_extension(merged.preferences.setdefault("extensions", []), ext)
            for ext in doc["extensions"]:
                _add_extension(merged.extensions, ext)
        return merged


def _add_extension(target: list[dict[str, Any]], ext: Any) -> None:
    if isinstance(ext, dict) and not any(e.get("name") == ext.get("name") for e in target):
        target.append(ext)


def home_dir(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME")
    return Path(home) if home else Path(os.path.expanduser("~"))


# ---------------------------------------------------------------------------------------------
# Timeouts


_DURATION_RE = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_SECONDS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}
TIMEOUT_ERROR = (
    "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
    "followed by a corresponding time unit (e.g. 1s | 2m | 3h)"
)


def parse_go_duration(text: str) -> float:
    """Go's ``time.ParseDuration`` in seconds (raises ValueError)."""
    s = text
    sign = 1.0
    if s and s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if s == "0":
        return 0.0
    if not s:
        raise ValueError(text)
    total = 0.0
    pos = 0
    while pos < len(s):
        m = _DURATION_RE.match(s, pos)
        if not m or m.group(1) in ("", "."):
            raise ValueError(text)
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    return sign * total


def parse_timeout(text: str) -> float | None:
    """kubectl's ``--request-timeout``: "0" = no limit, a bare integer = seconds, else a Go
    duration. Returns seconds, or None for no limit."""
    if re.fullmatch(r"[+-]?[0-9]+", text):
        n = int(text)
        if 0 <= n < 2**63:  # beyond Go's Atoi range it is a duration without a unit: invalid
            return float(n) if n else None
    try:
        seconds = parse_go_duration(text)
    except ValueError:
        raise ConfigError(TIMEOUT_ERROR) from None
    return seconds if seconds > 0 else None


# ---------------------------------------------------------------------------------------------
# Paths


def resolve_path(path: str, base: str) -> str:
    """A path from a kubeconfig, relative to the directory of the file that named it."""
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(base, path))


def resolve_cluster_paths(cluster: dict[str, Any], base: str) -> dict[str, Any]:
    out = dict(cluster)
    if out.get("certificate-authority"):
        out["certificate-authority"] = resolve_path(out["certificate-authority"], base)
    return out


def resolve_user_paths(user: dict[str, Any], base: str) -> dict[str, Any]:
    out = dict(user)
    for key in ("client-certificate", "client-key", "tokenFile"):
        if out.get(key):
            out[key] = resolve_path(out[key], base)
    exec_cfg = out.get("exec")
    if exec_cfg and "/" in (exec_cfg.get("command") or ""):
        # Like kubectl: a command with a path separator is relative to the kubeconfig;
        # a bare name is looked up on PATH.
        exec_cfg = dict(exec_cfg)
        exec_cfg["command"] = resolve_path(exec_cfg["command"], base)
        out["exec"] = exec_cfg
    return out


# ---------------------------------------------------------------------------------------------
# Validation (client-go's validateClusterInfo / validateAuthInfo)


def _open_check(path: str) -> str | None:
    try:
        with open(path, "rb"):
            return None
    except IsADirectoryError:
        return None  # Go's os.Open succeeds on a directory
    except OSError as exc:
        return go_os_error("open", path, exc)


def parse_proxy_url(proxy: str) -> str | None:
    """An error text for a proxy URL kubectl would reject, else None."""
    try:
        parts = urlsplit(proxy)
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https", "socks5"):
        return f'unsupported scheme "{parts.scheme}", must be http, https, or socks5'
    return None


def validate_cluster(name: str, cluster: dict[str, Any]) -> list[str]:
    errors = []
    if not cluster.get("server"):
        errors.append(
            f'no server found for cluster "{name}"'
            if name
            else "default cluster has no server defined"
        )
    proxy = cluster.get("proxy-url")
    if proxy:
        problem = parse_proxy_url(proxy)
        if problem:
            errors.append(f'invalid \'proxy-url\' "{proxy}" for cluster "{name}": {problem}')
    ca = cluster.get("certificate-authority")
    if ca and cluster.get("certificate-authority-data"):
        errors.append(
            f"certificate-authority-data and certificate-authority are both specified for {name}. "
            "certificate-authority-data will override."
        )
    if ca:
        problem = _open_check(ca)
        if problem:
            errors.append(f"unable to read certificate-authority {ca} for {name} due to {problem}")
    return errors


def validate_user(name: str, user: dict[str, Any]) -> list[str]:
    errors = []
    methods = []
    if user.get("token"):
        methods.append("token")
    if user.get("username") or user.get("password"):
        methods.append("basicAuth")
    cert, cert_data = user.get("client-certificate"), user.get("client-certificate-data")
    key, key_data = user.get("client-key"), user.get("client-key-data")
    if cert or cert_data:
        if cert and cert_data:
            errors.append(
                f"client-cert-data and client-cert are both specified for {name}. "
                "client-cert-data will override."
            )
        if key and key_data:
            errors.append(
                f"client-key-data and client-key are both specified for {name}; "
                "client-key-data will override"
            )
        if not key and not key_data:
            errors.append(
                f"client-key-data or client-key must be specified for {name} to use the "
                "clientCert authentication method."
            )
        for label, path in (("client-cert", cert), ("client-key", key)):
            if path:
                problem = _open_check(path)
                if problem:
                    errors.append(f"unable to read {label} {path} for {name} due to {problem}")
    exec_cfg = user.get("exec")
    if exec_cfg is not None:
        if user.get("auth-provider") is not None:
            errors.append(
                f"authProvider cannot be provided in combination with an exec plugin for {name}"
            )
        if not exec_cfg.get("command"):
            errors.append(f"command must be specified for {name} to use exec authentication plugin")
        if not exec_cfg.get("apiVersion"):
            errors.append(
                f"apiVersion must be specified for {name} to use exec authentication plugin"
            )
        for var in exec_cfg.get("env") or []:
            if not var.get("name"):
                errors.append(
                    f"env variable name must be specified for {name} to use exec authentication "
                    "plugin"
                )
        mode = exec_cfg.get("interactiveMode") or ""
        if not mode:
            errors.append(
                f"interactiveMode must be specified for {name} to use exec authentication plugin"
            )
        elif mode not in ("Never", "IfAvailable", "Always"):
            errors.append(f'invalid interactiveMode for {name}: "{mode}"')
    if len(methods) > 1:
        errors.append(
            f"more than one authentication method found for {name}; found "
            f"[{' '.join(methods)}], only one is allowed"
        )
    if (user.get("as-uid") or user.get("as-groups") or user.get("as-user-extra")) and not user.get(
        "as"
    ):
        errors.append(
            f"requesting uid, groups or user-extra for {name} without impersonating a user"
        )
    return errors


# ---------------------------------------------------------------------------------------------
# kubeconfig + overrides -> RestConfig


def default_server(environ: Mapping[str, str]) -> str:
    """Where kubectl goes with no configuration at all."""
    return environ.get("KUBERNETES_MASTER") or "http://localhost:8080"


@dataclass
class ResolvedEntries:
    """The context, cluster and user picked for this invocation, overrides applied."""

    context_name: str
    context: dict[str, Any]
    cluster_name: str
    cluster: dict[str, Any]
    user_name: str
    user: dict[str, Any]


def resolve_entries(
    config: KubeConfig, overrides: Overrides, environ: Mapping[str, str]
) -> ResolvedEntries:
    """client-go's getContext/getAuthInfo/getCluster plus ConfirmUsable, with its error texts."""
    context_name = overrides.context or config.current_context

    def context_for() -> dict[str, Any] | None:
        ctx = config.contexts.get(context_name)
        if ctx is None and overrides.context:
            return None
        merged = dict(ctx or {})
        if overrides.cluster:
            merged["cluster"] = overrides.cluster
        if overrides.user:
            merged["user"] = overrides.user
        if overrides.namespace:
            merged["namespace"] = overrides.namespace
        return merged

    ctx = context_for()
    user_name = overrides.user or ((ctx or {}).get("user") or "")
    if overrides.user and user_name not in config.users:
        raise ConfigError(f'auth info "{user_name}" does not exist')
    if ctx is None:
        raise ConfigError(f'context "{context_name}" does not exist')
    cluster_name = ctx.get("cluster") or ""
    if overrides.cluster and cluster_name not in config.clusters:
        raise ConfigError(f'cluster "{cluster_name}" does not exist')

    user = resolve_user_paths(
        config.users.get(user_name, {}), config.origin_dir("users", user_name)
    )
    if overrides.token:
        user["token"] = overrides.token
    if overrides.client_certificate:
        user["client-certificate"] = overrides.client_certificate
        user.pop("client-certificate-data", None)
    if overrides.client_key:
        user["client-key"] = overrides.client_key
        user.pop("client-key-data", None)
    if overrides.as_user:
        user["as"] = overrides.as_user
    if overrides.as_groups:
        user["as-groups"] = list(overrides.as_groups)

    cluster: dict[str, Any] = {"server": default_server(environ)}
    cluster.update(
        {
            k: v
            for k, v in resolve_cluster_paths(
                config.clusters.get(cluster_name, {}), config.origin_dir("clusters", cluster_name)
            ).items()
            if v not in (None, "", False)
        }
    )
    if overrides.server:
        cluster["server"] = overrides.server
    if overrides.insecure_skip_tls_verify or overrides.certificate_authority:
        cluster["insecure-skip-tls-verify"] = bool(overrides.insecure_skip_tls_verify)
        cluster.pop("certificate-authority-data", None)
        cluster.pop("certificate-authority", None)
        if overrides.certificate_authority:
            cluster["certificate-authority"] = overrides.certificate_authority
    if overrides.tls_server_name or overrides.server:
        cluster.pop("tls-server-name", None)
        if overrides.tls_server_name:
            cluster["tls-server-name"] = overrides.tls_server_name

    errors: list[str] = []
    if context_name and context_name not in config.contexts:
        errors.append(f"{CONTEXT_NOT_FOUND}{context_name}")
    errors += validate_user(user_name, user)
    errors += validate_cluster(cluster_name, cluster)
    if errors:
        raise ConfigurationInvalid(errors)
    return ResolvedEntries(context_name, ctx, cluster_name, cluster, user_name, user)


def normalise_host(server: str) -> str:
    """The server URL as RestConfig.host holds it (and the discovery cache is keyed by)."""
    parts = urlsplit(server)
    if not parts.scheme or not parts.netloc:
        # client-go: a server without a scheme is plain http unless TLS material is configured,
        # and at this point none is (it only reads TLS settings for https servers).
        parts = urlsplit("http://" + server)
    if len(parts.path) > 1:
        parts = parts._replace(query="", fragment="")
    return urlunsplit(parts)


def read_file(path: str) -> bytes:
    """A file named by the kubeconfig or a flag; failures in Go's ``open`` wording."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise ConfigError(go_os_error("open", path, exc)) from None


def _check_pem(ca: bytes) -> None:
    if b"-----BEGIN" not in ca:
        raise ConfigError("unable to load root certificates: unable to parse bytes as PEM block")


def build_rest_config(
    entries: ResolvedEntries, overrides: Overrides, environ: Mapping[str, str]
) -> RestConfig:
    cluster, user = entries.cluster, entries.user
    rc = RestConfig(host=normalise_host(cluster["server"]))
    rc.context_name = entries.context_name
    rc.cluster_name = entries.cluster_name
    rc.user_name = entries.user_name
    if cluster.get("proxy-url"):
        problem = parse_proxy_url(cluster["proxy-url"])
        if problem:
            raise ConfigError(f'failed to parse proxy URL "{cluster["proxy-url"]}": {problem}')
        rc.proxy_url = cluster["proxy-url"]
    rc.disable_compression = bool(cluster.get("disable-compression"))
    if overrides.request_timeout:
        rc.timeout = parse_timeout(overrides.request_timeout)
    if user.get("as"):
        rc.impersonate_user = user["as"]
        rc.impersonate_groups = tuple(user.get("as-groups") or ())
        rc.impersonate_uid = user.get("as-uid") or None
        rc.impersonate_extra = {
            str(k): [str(x) for x in (v or [])]
            for k, v in (user.get("as-user-extra") or {}).items()
        }
    if urlsplit(rc.host).scheme != "https":
        return rc  # client-go reads credentials and TLS settings only for https servers

    if user.get("token"):
        rc.bearer_token = user["token"]
        rc.bearer_token_file = user.get("tokenFile") or None
    elif user.get("tokenFile"):
        rc.bearer_token = read_file(user["tokenFile"]).decode("utf-8", "replace").strip()
        rc.bearer_token_file = user["tokenFile"]
    if user.get("client-certificate") or user.get("client-certificate-data"):
        rc.client_cert_data = user.get("client-certificate-data") or read_file(
            user["client-certificate"]
        )
        if user.get("client-key-data"):
            rc.client_key_data = user["client-key-data"]
        elif user.get("client-key"):
            rc.client_key_data = read_file(user["client-key"])
    if user.get("username") or user.get("password"):
        rc.username = user.get("username") or ""
        rc.password = user.get("password") or ""
    if user.get("auth-provider") is not None:
        rc.auth_provider = dict(user["auth-provider"])
    if user.get("exec") is not None:
        rc.exec_config = exec_config_of(user["exec"])
        rc.cluster_info = exec_cluster_info(cluster)

    if cluster.get("certificate-authority-data"):
        rc.ca_data = cluster["certificate-authority-data"]
    elif cluster.get("certificate-authority"):
        rc.ca_data = read_file(cluster["certificate-authority"])
    if rc.ca_data is not None:
        _check_pem(rc.ca_data)
    rc.insecure = bool(cluster.get("insecure-skip-tls-verify"))
    rc.tls_server_name = cluster.get("tls-server-name") or None
    return rc


def exec_config_of(raw: dict[str, Any]) -> ExecConfig:
    hint = _clean_ansi(raw.get("installHint") or "")
    return ExecConfig(
        command=raw.get("command") or "",
        args=list(raw.get("args") or []),
        env=[
            {"name": str(v.get("name", "")), "value": str(v.get("value", ""))}
            for v in raw.get("env") or []
        ],
        api_version=raw.get("apiVersion") or "",
        install_hint=hint,
        provide_cluster_info=bool(raw.get("provideClusterInfo")),
        interactive_mode=raw.get("interactiveMode") or "IfAvailable",
    )


def _clean_ansi(text: str) -> str:
    """Like client-go: control characters other than whitespace are shown as U+XXXX so an
    install hint cannot put the terminal in a strange state."""
    return "".join(
        ch if ch.isprintable() or ch in "\t\n\v\f\r" else f"U+{ord(ch):04X}" for ch in text
    )


def exec_cluster_info(cluster: dict[str, Any]) -> dict[str, Any]:
    """The ``spec.cluster`` an exec plugin receives (client.authentication.k8s.io Cluster)."""
    info: dict[str, Any] = {"server": cluster.get("server", "")}
    if cluster.get("tls-server-name"):
        info["tls-server-name"] = cluster["tls-server-name"]
    if cluster.get("insecure-skip-tls-verify"):
        info["insecure-skip-tls-verify"] = True
    ca = cluster.get("certificate-authority-data")
    if not ca and cluster.get("certificate-authority"):
        try:
            ca = read_file(cluster["certificate-authority"])
        except ConfigError:
            ca = None
    if ca:
        info["certificate-authority-data"] = base64.b64encode(ca).decode("ascii")
    if cluster.get("proxy-url"):
        info["proxy-url"] = cluster["proxy-url"]
    if cluster.get("disable-compression"):
        info["disable-compression"] = True
    for ext in cluster.get("extensions") or []:
        if ext.get("name") == EXEC_CLUSTER_EXTENSION:
            info["config"] = ext.get("extension")
            break
    return info


def _is_default(rc: RestConfig, environ: Mapping[str, str]) -> bool:
    """client-go's IsDefaultConfig: nothing beyond the built-in fallback server was configured."""
    return (
        rc.host == normalise_host(default_server(environ))
        and rc.timeout is None
        and rc.proxy_url is None
        and rc.impersonate_user is None
        and not rc.disable_compression
        and rc.bearer_token is None
        and rc.client_cert_data is None
        and rc.username is None
        and rc.exec_config is None
        and rc.auth_provider is None
        and rc.ca_data is None
        and not rc.insecure
    )


def in_cluster_possible(environ: Mapping[str, str], sa_dir: Path) -> bool:
    return bool(
        environ.get("KUBERNETES_SERVICE_HOST")
        and environ.get("KUBERNETES_SERVICE_PORT")
        and (sa_dir / "token").is_file()
    )


def in_cluster_config(overrides: Overrides, environ: Mapping[str, str], sa_dir: Path) -> RestConfig:
    """rest.InClusterConfig plus the few flags kubectl honours there (server, token, CA)."""
    host = environ["KUBERNETES_SERVICE_HOST"]
    port = environ["KUBERNETES_SERVICE_PORT"]
    if ":" in host:
        host = f"[{host}]"
    token_file = str(sa_dir / "token")
    rc = RestConfig(host=f"https://{host}:{port}")
    rc.bearer_token = read_file(token_file).decode("utf-8", "replace").strip()
    rc.bearer_token_file = token_file
    try:
        ca = (sa_dir / "ca.crt").read_bytes()
        if b"-----BEGIN" in ca:
            rc.ca_data = ca
    except OSError:
        pass
    if overrides.server:
        rc.host = normalise_host(overrides.server)
    if overrides.token:
        rc.bearer_token = overrides.token
        rc.bearer_token_file = None
    if overrides.certificate_authority:
        rc.ca_data = read_file(overrides.certificate_authority)
    return rc


def in_cluster_namespace(environ: Mapping[str, str], sa_dir: Path) -> str:
    if environ.get("POD_NAMESPACE"):
        return environ["POD_NAMESPACE"]
    try:
        ns = (sa_dir / "namespace").read_text().strip()
    except OSError:
        ns = ""
    return ns or "default"


def load_rest_config(
    overrides: Overrides,
    environ: Mapping[str, str],
    *,
    service_account_dir: Path | None = None,
) -> RestConfig:
    """Kubeconfig files + flags -> RestConfig, as kubectl's factory does it.

    Falls back to the in-cluster service account when the kubeconfig yields nothing but the
    default (``http://localhost:8080``, or ``$KUBERNETES_MASTER``), like client-go.
    """
    sa_dir = service_account_dir or SERVICE_ACCOUNT_DIR
    config = LoadingRules.from_environ(overrides, environ).load()
    entries = resolve_entries(config, overrides, environ)
    rc = build_rest_config(entries, overrides, environ)
    ctx_ns = entries.context.get("namespace") or ""
    if overrides.namespace:
        rc.namespace, rc.namespace_explicit = overrides.namespace, True
    else:
        rc.namespace = ctx_ns or "default"
    if _is_default(rc, environ) and in_cluster_possible(environ, sa_dir):
        icc = in_cluster_config(overrides, environ, sa_dir)
        icc.namespace, icc.namespace_explicit = rc.namespace, rc.namespace_explicit
        if not overrides.namespace and not ctx_ns:
            icc.namespace = in_cluster_namespace(environ, sa_dir)
        return icc
    return rc
