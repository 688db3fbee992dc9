"""Reading kubeconfig files: the YAML parse with client-go's schema checks (and its error
texts), and the loading rules (which files, merged how: see ``paths`` and ``merge``).

Each parsed document keeps the plain mapping read from YAML (kubeconfig key names, ``-data``
fields decoded to bytes); YAML is imported only when a file is actually parsed.
"""

from __future__ import annotations

import binascii
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kctl.clientcmd import paths
from kctl.clientcmd.merge import KubeConfig, merge
from kctl.errors import ConfigError
from kctl.gostr import go_os_error, json_kind

if TYPE_CHECKING:
    from kctl.clientcmd.overrides import Overrides

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


def _yaml_error_text(exc: Exception) -> str:
    """Approximate go-yaml's ``yaml: line N: <problem>`` for a PyYAML error."""
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    problem = {
        "mapping values are not allowed here": "mapping values are not allowed in this context",
        "exceeded maximum nesting depth": "exceeded max depth of 10000",
    }.get(problem, problem)
    if mark is not None:
        return f"yaml: line {mark.line + 1}: {problem}"
    return f"yaml: {problem}"


def _type_error(value: Any, struct: str, path: str, go_type: str) -> ValueError:
    return ValueError(
        f"json: cannot unmarshal {json_kind(value)} into Go struct field {struct}.{path} "
        f"of type {go_type}"
    )


def _decode_b64(value: str) -> bytes:
    text = value.replace("\n", "").replace("\r", "")
    try:
        # base64.b64decode(text, validate=True) without importing base64 (and struct) on every
        # command that reads a kubeconfig
        return binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, ValueError):  # (non-ASCII text: UnicodeEncodeError)
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


def _yaml_document(text: str) -> tuple[Any, Any]:
    """The document PyYAML builds from ``text`` (what ``yaml.load`` returns) and its node tree
    (where each value is in the text, for the parsed-kubeconfig cache)."""
    import yaml

    from kctl import yamlload

    try:
        return yamlload.load_with_nodes(text)  # AliasError: a ValueError with go-yaml's text
    except yaml.YAMLError as exc:
        raise ValueError(_yaml_error_text(exc)) from None


_NOT_JSON = object()


def _json_document(text: str) -> Any:
    """The document of a kubeconfig written as JSON, or ``_NOT_JSON``. JSON is a subset of YAML
    with the same meaning (kubectl reads both through JSON), and the json module is a fraction
    of a YAML parser's start-up; anything json refuses goes to YAML, which words the error."""
    if text.lstrip(" \t\r\n")[:1] != "{":
        return _NOT_JSON
    import json

    try:
        return json.loads(text)
    except ValueError:
        return _NOT_JSON


def parse_kubeconfig(
    data: bytes | str, *, cache: tuple[str, str, tuple[int, ...]] | None = None
) -> dict[str, Any]:
    """Parse one kubeconfig document into a checked mapping (raises ValueError with Go's texts).

    ``cache``: (cache root, file path, file stamp): the YAML document comes from the
    parsed-kubeconfig cache while the file is unchanged (``clientcmd.cache``); the checks run
    either way."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if not text.strip():
        return {}
    doc: Any = _json_document(text)
    if doc is not _NOT_JSON:
        pass  # JSON (YAML's subset, as tools write kubeconfigs too): no YAML, no cache needed
    elif cache is not None:
        from kctl.clientcmd import cache as parsed_cache

        root, path, stamp = cache
        try:
            doc = parsed_cache.read(root, path, stamp, text)
        except KeyError:
            doc, node = _yaml_document(text)
            if node is not None:  # (a file of comments only has no document to cache)
                parsed_cache.write(root, path, stamp, doc, node, text)
    else:
        doc, _node = _yaml_document(text)
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ValueError(
            "couldn't get version/kind; json parse error: json: cannot unmarshal "
            f"{json_kind(doc)} into Go value of type struct {{ APIVersion string "
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


def load_file(path: str, cache_root: str | None = None) -> dict[str, Any]:
    """Read and parse one kubeconfig; OSError passes through, parse errors become ConfigError.
    With ``cache_root``, the YAML parse is skipped while the file is unchanged."""
    with open(path, "rb") as f:
        # The stamp of what is read: the same open file, so a rename in between cannot mix
        # one file's cache entry with another's text.
        stamp = None if cache_root is None else _cache_stamp(os.fstat(f.fileno()))
        data = f.read()
    try:
        if cache_root is not None and stamp is not None:
            return parse_kubeconfig(data, cache=(cache_root, path, stamp))
        return parse_kubeconfig(data)
    except ValueError as exc:
        raise ConfigError(f'error loading config file "{path}": {exc}') from None


def _cache_stamp(st: os.stat_result) -> tuple[int, ...]:
    from kctl.clientcmd.cache import stamp_of

    return stamp_of(st)


def read_file(path: str) -> bytes:
    """A file named by the kubeconfig or a flag; failures in Go's ``open`` wording."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise ConfigError(go_os_error("open", path, exc)) from None


class LoadingRules:
    """Which files to read: ``--kubeconfig`` alone, else ``$KUBECONFIG``'s list, else the home
    file (the list itself is ``paths``' rule, shared with completion). A plain class, not a
    dataclass: its generated code would cost every kubeconfig-reading command at import."""

    __slots__ = ("explicit_path", "precedence", "cache_root")

    def __init__(
        self,
        explicit_path: str | None,
        precedence: list[str],
        cache_root: str | None = None,  # the parsed-kubeconfig cache's root (None: always parse)
    ) -> None:
        self.explicit_path = explicit_path
        self.precedence = precedence
        self.cache_root = cache_root

    @classmethod
    def from_environ(cls, overrides: Overrides, environ: Mapping[str, str]) -> LoadingRules:
        return cls(
            overrides.kubeconfig or None,
            paths.precedence(environ),
            paths.cache_root(environ, overrides.cache_dir),
        )

    def files(self) -> list[str]:
        return paths.files(self.explicit_path, self.precedence)

    def default_filename(self) -> str:
        """The file a write goes to when no file holds the value (kubectl's GetDefaultFilename)."""
        return paths.default_filename(self.explicit_path, self.precedence)

    def load(self, *, missing_explicit_ok: bool = False) -> KubeConfig:
        """Read every file (a missing one is skipped) and merge them."""
        if self.explicit_path and not os.path.lexists(self.explicit_path):
            # (lexists: a symlink loop or a dangling link is not "missing"; opening it below
            # reports what is wrong, as kubectl does)
            if missing_explicit_ok:
                return KubeConfig()
            raise ConfigError(f"stat {self.explicit_path}: no such file or directory")
        docs: list[tuple[str, dict[str, Any]]] = []
        for path in self.files():
            try:
                doc = load_file(path, self.cache_root)
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
            docs.append((path, doc))
        return merge(docs)
