"""``kubectl config view``'s rendering: the merged kubeconfig as client-go serialises it.

client-go prints its typed ``Config``: unknown keys dropped, empty optional fields omitted, named
entries sorted by name. ``to_v1`` builds that object in struct field order (which ``-o json``
keeps; ``-o yaml`` sorts keys through ``printers.json_yaml``). Secrets are redacted unless
``--raw`` (or ``--flatten``).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from kctl.clientcmd.loader import (
    CLUSTER_FIELDS,
    CONTEXT_FIELDS,
    EXEC_FIELDS,
    USER_FIELDS,
    read_file,
)
from kctl.clientcmd.merge import KubeConfig
from kctl.clientcmd.paths import resolve_path
from kctl.errors import ConfigError

DATA_OMITTED = "DATA+OMITTED"
REDACTED = "REDACTED"
# auth-provider config keys kubectl prints in clear; kctl redacts them (they are credentials).
SECRET_AUTH_PROVIDER_KEYS = {"id-token", "refresh-token", "client-secret", "access-token"}


def minify(config: KubeConfig, context: str | None = None) -> KubeConfig:
    """Keep only the current (or given) context and the cluster and user it names."""
    name = context or config.current_context
    if not name:
        raise ConfigError("current-context must exist in order to minify")
    ctx = config.contexts.get(name)
    if ctx is None:
        raise ConfigError(f"cannot locate context {name}")
    out = KubeConfig(
        current_context=name,
        preferences=config.preferences,
        extensions=config.extensions,
        origins=config.origins,
    )
    out.contexts[name] = ctx
    cluster, user = ctx.get("cluster") or "", ctx.get("user") or ""
    if cluster:
        if cluster not in config.clusters:
            raise ConfigError(f"cannot locate cluster {cluster}")
        out.clusters[cluster] = config.clusters[cluster]
    if user:
        if user not in config.users:
            raise ConfigError(f"cannot locate user {user}")
        out.users[user] = config.users[user]
    return out


def flatten(config: KubeConfig) -> KubeConfig:
    """Inline every referenced file (CA, client certificate, client key) as ``-data``."""

    def read(path: str, base: str) -> bytes:
        return read_file(resolve_path(path, base))

    out = KubeConfig(
        current_context=config.current_context,
        preferences=config.preferences,
        extensions=config.extensions,
        origins=config.origins,
        contexts=config.contexts,
    )
    for name, user in config.users.items():
        user = dict(user)
        base = config.origin_dir("users", name)
        for key in ("client-certificate", "client-key"):
            if user.get(key):
                user[f"{key}-data"] = read(user.pop(key), base)
        out.users[name] = user
    for name, cluster in config.clusters.items():
        cluster = dict(cluster)
        if cluster.get("certificate-authority"):
            base = config.origin_dir("clusters", name)
            cluster["certificate-authority-data"] = read(cluster.pop("certificate-authority"), base)
        out.clusters[name] = cluster
    return out


# ---------------------------------------------------------------------------------------------
# Typed serialisation


def _struct(
    raw: dict[str, Any], fields: list[tuple[str, str, bool]], raw_data: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, kind, omitempty in fields:
        value = raw.get(key)
        if kind == "bytes":
            if value:
                out[key] = DATA_OMITTED if not raw_data else base64.b64encode(value).decode()
            continue
        if kind == "exec":
            if value is not None:
                out[key] = _struct(value, EXEC_FIELDS, raw_data)
            continue
        if kind == "envlist":
            out[key] = (
                [{"name": v.get("name", ""), "value": v.get("value", "")} for v in value]
                if value
                else None
            )
            continue
        if kind == "authprovider":
            if value is not None:
                provider: dict[str, Any] = {"name": value.get("name") or ""}
                cfg = value.get("config")
                if cfg:
                    provider["config"] = {
                        str(k): (
                            REDACTED
                            if not raw_data and str(k) in SECRET_AUTH_PROVIDER_KEYS and v
                            else v
                        )
                        for k, v in sorted(cfg.items(), key=lambda kv: str(kv[0]))
                    }
                out[key] = provider
            continue
        if kind == "ext":
            if value:
                out[key] = [
                    {"name": e.get("name", ""), "extension": e.get("extension")} for e in value
                ]
            continue
        if omitempty and not value:
            continue
        if kind == "strlist":
            out[key] = list(value) if value else None
        elif kind == "bool":
            out[key] = bool(value)
        elif kind == "extra":
            extra: dict[Any, Any] = value or {}
            out[key] = {str(k): v for k, v in sorted(extra.items(), key=lambda kv: str(kv[0]))}
        else:
            out[key] = value if value is not None else ""
    return out


def to_v1(config: KubeConfig, *, raw: bool = False) -> dict[str, Any]:
    """The ``v1.Config`` object kubectl prints, as an ordered dict (JSON field order)."""

    def named(section: str, inner: str, fields: list[tuple[str, str, bool]]) -> list[Any] | None:
        entries: dict[str, dict[str, Any]] = getattr(config, section)
        if not entries:
            return None
        result = []
        for name in sorted(entries, key=lambda n: n.encode()):
            body = _struct(entries[name], fields, raw)
            if section == "users" and not raw:
                if body.get("token"):
                    body["token"] = REDACTED
                if body.get("password"):
                    body["password"] = REDACTED
            result.append({"name": name, inner: body})
        return result

    doc: dict[str, Any] = {"kind": "Config", "apiVersion": "v1"}
    prefs: dict[str, Any] = {}
    if config.preferences.get("colors"):
        prefs["colors"] = True
    if config.preferences.get("extensions"):
        prefs["extensions"] = [
            {"name": e.get("name", ""), "extension": e.get("extension")}
            for e in sorted(config.preferences["extensions"], key=lambda e: str(e.get("name")))
        ]
    if prefs:
        doc["preferences"] = prefs
    doc["clusters"] = named("clusters", "cluster", CLUSTER_FIELDS)
    doc["users"] = named("users", "user", USER_FIELDS)
    doc["contexts"] = named("contexts", "context", CONTEXT_FIELDS)
    doc["current-context"] = config.current_context
    if config.extensions:
        doc["extensions"] = [
            {"name": e.get("name", ""), "extension": e.get("extension")}
            for e in sorted(config.extensions, key=lambda e: str(e.get("name")))
        ]
    return doc


# ---------------------------------------------------------------------------------------------
# Go-compatible JSON and YAML text


def _sort_nested_json(value: Any) -> Any:
    """Extension payloads pass through Go maps, so their keys come out sorted."""
    if isinstance(value, dict):
        return {
            k: _sort_nested_json(value[k]) for k in sorted(value, key=lambda s: str(s).encode())
        }
    if isinstance(value, list):
        return [_sort_nested_json(v) for v in value]
    return value


def _sort_extensions(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {
            k: (_sort_nested_json(v) if k == "extension" else _sort_extensions(v))
            for k, v in doc.items()
        }
    if isinstance(doc, list):
        return [_sort_extensions(v) for v in doc]
    return doc


def dump_json(doc: Any) -> str:
    """``json.MarshalIndent`` with four spaces, Go's HTML-safe escaping, trailing newline."""
    text = json.dumps(_sort_extensions(doc), indent=4, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text + "\n"
