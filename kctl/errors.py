"""Typed errors raised by every layer.

Layers raise these; only ``kctl.cli.main`` turns them into text and an exit code. ``str(err)``
is the exact text kubectl prints for the same situation (without a trailing newline); the rules
follow kubectl's ``checkErr`` and ``StandardErrorMessage`` (``pkg/cmd/util/helpers.go``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kctl.gostr import go_quote

if TYPE_CHECKING:
    from kctl.status import Status as Status
    from kctl.status import StatusCause as StatusCause


def __getattr__(name: str) -> object:
    # ``Status`` and ``StatusCause`` (public dataclasses) live in ``kctl.status``: every command
    # imports this module, and only one that meets an API error needs them built.
    if name in ("Status", "StatusCause"):
        from kctl import status

        return getattr(status, name)
    raise AttributeError(f"module 'kctl.errors' has no attribute {name!r}")


class KctlError(Exception):
    """Base class: anything a user can cause. Printed as ``str(err)`` on stderr, exit 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def aggregate_text(self) -> str:
        """The line kubectl prints for this error inside a list of several errors.

        kubectl formats each member of an aggregate with ``StandardErrorMessage`` or, for a
        plain error, its bare text: no ``error:`` prefix and no special Invalid layout."""
        return self.message


class UsageError(KctlError):
    """Bad flags or arguments: ``error: <message>``."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        text = f"error: {self.message}"
        return f"{text}\n{self.hint}" if self.hint else text


class InvalidPathSegment(UsageError):
    """A namespace, name, resource or subresource that cannot be a URL path segment
    (client-go's IsValidPathSegmentName): ``error: invalid namespace "..": [may not be '..']``."""


class ConfigError(KctlError):
    """Kubeconfig problems (missing context, unparsable file, bad credentials setup)."""

    def __str__(self) -> str:
        return f"error: {self.message}"


class AuthPluginError(ConfigError):
    """An exec credential plugin failed or is missing."""


class ConnectionFailed(KctlError):
    """The server could not be reached: ``Unable to connect to the server: <cause>``.

    ``cause`` reads like Go's error text (``dial tcp: lookup x: no such host``,
    ``tls: failed to verify certificate: x509: ...``) where kctl can tell."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)

    def __str__(self) -> str:
        return f"Unable to connect to the server: {self.message}"

    def aggregate_text(self) -> str:
        return str(self)


class ConnectionRefused(ConnectionFailed):
    """TCP connection refused; ``host`` is the server URL's ``host[:port]`` as written
    (kubectl prints ``url.Host``: no default port is added)."""

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


class BodyReadError(ConnectionFailed):
    """The answer's headers came but its body could not be read (cut short, malformed, or the
    deadline passed while it trickled in): client-go's text, ``cause`` worded like Go's."""

    def __str__(self) -> str:
        return (
            "unexpected error when reading response body. Please retry. "
            f"Original error: {self.message}"
        )

    def aggregate_text(self) -> str:
        return str(self)


class APIError(KctlError):
    """A non-2xx answer from the API server. Rendering follows kubectl's StandardErrorMessage
    (and checkErr's special layout for ``Invalid``)."""

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
        if self.status.reason == "Invalid":
            return self._invalid_text()
        return self.aggregate_text()

    def aggregate_text(self) -> str:
        s = self.status
        if s.reason == "Unauthorized":
            return f"error: You must be logged in to the server ({s.message})"
        if s.reason:
            return f"Error from server ({s.reason}): {s.message}"
        return f"Error from server: {s.message}"

    def _invalid_text(self) -> str:
        s = self.status
        head = "The request is invalid"
        if not s.has_details:
            return head
        if s.kind or s.name:
            head = f"The {s.kind} {go_quote(s.name)} is invalid"
        lines: list[str] = []
        for cause in s.causes:
            line = f"{cause.field}: {cause.message}"
            if line not in lines:  # kubectl drops duplicate causes
                lines.append(line)
        if not lines:
            return head
        if len(lines) == 1:
            return f"{head}: {lines[0]}"
        return "\n".join([f"{head}: "] + [f"* {line}" for line in lines])


class NotFound(APIError):
    """HTTP 404 with reason NotFound."""


class Unauthorized(APIError):
    """HTTP 401: the credentials were missing, wrong or expired."""


class Forbidden(APIError):
    """HTTP 403: authenticated, but not allowed."""


class AlreadyExists(APIError):
    """HTTP 409 on create: the object exists."""


class Conflict(APIError):
    """HTTP 409 otherwise (e.g. a stale resourceVersion on update)."""


class Expired(APIError):
    """HTTP 410: a resourceVersion or continue token is too old (``Expired``/``Gone``)."""


_BY_REASON: dict[str, type[APIError]] = {
    "NotFound": NotFound,
    "Unauthorized": Unauthorized,
    "Forbidden": Forbidden,
    "AlreadyExists": AlreadyExists,
    "Conflict": Conflict,
    "Expired": Expired,
    "Gone": Expired,
}


def api_error(status: Status) -> APIError:
    """The most specific ``APIError`` subclass for a Status (by reason)."""
    return _BY_REASON.get(status.reason, APIError)(status)


class ResourceTypeNotFound(KctlError):
    """The RESTMapper has no resource for what the user typed."""

    def __init__(self, typed: str, suggestion: str | None = None, qualifier: str = "") -> None:
        super().__init__(typed)
        self.typed = typed
        self.suggestion = suggestion
        self.qualifier = qualifier  # e.g. ' in group "apps"' (kubectl's variants)

    def _text(self) -> str:
        return f"the server doesn't have a resource type {go_quote(self.typed)}{self.qualifier}"

    def __str__(self) -> str:
        text = f"error: {self._text()}"
        if self.suggestion:
            text += f'\nDid you mean "{self.suggestion}"?'
        return text

    def aggregate_text(self) -> str:
        return self._text()


class MultipleErrors(KctlError):
    """Several errors from one command (partial failure): one line each, as kubectl does.

    A list of one prints exactly like that one error (kubectl unwraps aggregates of one)."""

    def __init__(self, errors: list[KctlError]) -> None:
        super().__init__("\n".join(e.aggregate_text() for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        if len(self.errors) == 1:
            return str(self.errors[0])
        return self.message

    def aggregate_text(self) -> str:
        return self.message


def malformed(what: str, where: str, expected: str, value: Any) -> KctlError:
    """The one wording for server data of the wrong shape: names the object and the field
    (``error: the server sent a malformed Table: rows[0].cells: expected an array, got string``)."""
    from kctl.gostr import json_kind

    got = "null" if value is None else json_kind(value)
    return KctlError(
        f"error: the server sent a malformed {what}: {where}: expected {expected}, got {got}"
    )
