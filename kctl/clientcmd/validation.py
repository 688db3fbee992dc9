"""client-go's validateClusterInfo / validateAuthInfo: what makes a context unusable, with
kubectl's texts, collected into one ``ConfigurationInvalid``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from kctl.errors import ConfigError
from kctl.gostr import go_os_error

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
