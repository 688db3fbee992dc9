"""Typed errors raised by every layer.

Layers raise these; only ``kctl.cli.main`` turns them into text and an exit code. ``str(err)``
is the exact text kubectl prints for the same situation (without a trailing newline).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KctlError(Exception):
    """Base class: anything a user can cause. Printed as ``str(err)`` on stderr, exit 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(KctlError):
    """Bad flags or arguments: ``error: <message>``."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        text = f"error: {self.message}"
        return f"{text}\n{self.hint}" if self.hint else text


class ConfigError(KctlError):
    """Kubeconfig problems (missing context, unparsable file, bad credentials setup)."""

    def __str__(self) -> str:
        return f"error: {self.message}"


class AuthPluginError(ConfigError):
    """An exec credential plugin failed or is missing."""


class ConnectionFailed(KctlError):
    """The server could not be reached: ``Unable to connect to the server: <cause>``."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)

    def __str__(self) -> str:
        return f"Unable to connect to the server: {self.message}"


class ConnectionRefused(ConnectionFailed):
    """TCP connection refused; ``host`` is ``host:port`` as kubectl prints it."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host

    def __str__(self) -> str:
        return (
            f"The connection to the server {self.host} was refused - "
            "did you specify the right host or port?"
        )


class RequestTimeout(ConnectionFailed):
    """The request exceeded ``--request-timeout`` or the client's own deadline."""


@dataclass
class StatusCause:
    """One entry of ``Status.details.causes``."""

    reason: str = ""
    message: str = ""
    field: str = ""


@dataclass
class Status:
    """The decoded ``meta.k8s.io/v1 Status`` (or what kctl synthesised from a non-Status body)."""

    code: int
    reason: str = ""
    message: str = ""
    kind: str = ""  # details.kind, e.g. "pods"
    name: str = ""  # details.name
    group: str = ""
    causes: list[StatusCause] = field(default_factory=list)
    raw: dict[str, Any] | None = None


class APIError(KctlError):
    """A non-2xx answer from the API server. Rendering follows kubectl's StandardErrorMessage."""

    def __init__(self, status: Status) -> None:
        super().__init__(status.message)
        self.status = status

    @property
    def code(self) -> int:
        return self.status.code

    @property
    def reason(self) -> str:
        return self.status.reason

    def __str__(self) -> str:
        s = self.status
        if s.code == 401:
            return "error: You must be logged in to the server (Unauthorized)"
        if s.reason == "Invalid" and s.causes:
            lines = [f'The {s.kind or "object"} "{s.name}" is invalid:']
            lines += [f"* {c.field}: {c.message}" if c.field else f"* {c.message}" for c in s.causes]
            return "\n".join(lines)
        if s.reason:
            return f"Error from server ({s.reason}): {s.message}"
        return f"Error from server: {s.message}"


class NotFound(APIError):
    """HTTP 404 with reason NotFound."""


class ResourceTypeNotFound(KctlError):
    """The RESTMapper has no resource for what the user typed."""

    def __init__(self, typed: str, suggestion: str | None = None, qualifier: str = "") -> None:
        super().__init__(typed)
        self.typed = typed
        self.suggestion = suggestion
        self.qualifier = qualifier  # e.g. ' in group "apps"' (kubectl's variants)

    def __str__(self) -> str:
        text = f'error: the server doesn\'t have a resource type "{self.typed}"{self.qualifier}'
        if self.suggestion:
            text += f'\nDid you mean "{self.suggestion}"?'
        return text


class MultipleErrors(KctlError):
    """Several errors from one command (partial failure): one line each, as kubectl does."""

    def __init__(self, errors: list[KctlError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
