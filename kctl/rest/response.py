"""What kctl takes from an HTTP answer besides the body: typed errors for non-2xx answers
(client-go's ``transformResponse``/``newUnstructuredResponseError`` and apimachinery's
``NewGenericServerResponse``) and the server's ``Warning`` headers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kctl.errors import APIError, api_error
from kctl.gostr import go_quote

if TYPE_CHECKING:
    from kctl.status import Status

# client-go caps how much of a non-Status body it puts into the message.
MAX_UNSTRUCTURED_BODY = 2048


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_text(content_type: str) -> bool:
    if not content_type:
        return True
    return _media_type(content_type).startswith("text/")


def _decodable(content_type: str) -> bool:
    """Whether client-go would have a decoder for this media type (JSON here)."""
    if not content_type:
        return True  # client-go falls back to its configured type, JSON
    media = _media_type(content_type)
    return media == "application/json" or media.endswith("+json")


def error_from_response(
    *,
    code: int,
    content_type: str,
    body: bytes,
    method: str,
    retry_after: int = 0,
    resource: str = "",
    group: str = "",
    name: str = "",
) -> APIError:
    """The error for a non-2xx answer: the server's Status when the body is a failed Status,
    otherwise a generic error for the code. ``resource``/``name`` come from the request
    builder and add ``(get pods foo)`` to generic messages, as client-go does."""
    if _decodable(content_type) and body:
        status = _decode_status(body, code)
        if status is not None:
            return api_error(status)
    text = body[:MAX_UNSTRUCTURED_BODY]
    message = (
        text.decode("utf-8", errors="surrogateescape").strip() if _is_text(content_type) else ""
    )
    return api_error(
        generic_status(
            code,
            method,
            message if _is_text(content_type) else "unknown",
            resource=resource,
            group=group,
            name=name,
            retry_after=retry_after,
        )
    )


def _decode_status(body: bytes, code: int) -> Status | None:
    try:
        obj = json.loads(body)
    except ValueError:
        return None
    if not isinstance(obj, dict) or obj.get("kind") != "Status":
        return None
    if obj.get("status") != "Failure":
        return None
    from kctl.status import Status

    return Status.from_dict(obj, code)


_GENERIC: dict[int, tuple[str, str | None]] = {
    400: ("BadRequest", "the server rejected our request for an unknown reason"),
    401: ("Unauthorized", "the server has asked for the client to provide credentials"),
    403: ("Forbidden", None),  # None: keep the server's message
    404: ("NotFound", "the server could not find the requested resource"),
    405: ("MethodNotAllowed", "the server does not allow this method on the requested resource"),
    406: ("NotAcceptable", None),
    415: ("UnsupportedMediaType", None),
    422: ("Invalid", "the server rejected our request due to an error in our request"),
    429: (
        "TooManyRequests",
        "the server has received too many requests and has asked us to try again later",
    ),
    503: ("ServiceUnavailable", "the server is currently unable to handle the request"),
    504: (
        "Timeout",
        "the server was unable to return a response in the time allotted, "
        "but may still be processing the request",
    ),
}


def generic_status(
    code: int,
    method: str,
    server_message: str,
    *,
    resource: str = "",
    group: str = "",
    name: str = "",
    retry_after: int = 0,
) -> Status:
    """apimachinery's ``NewGenericServerResponse``: a Status for an answer that had none."""
    from kctl.status import Status, StatusCause

    # The text may hold undecodable bytes (surrogateescape): only %q shows them as \xNN;
    # anywhere else they become U+FFFD so the message can always be printed.
    plain = server_message.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    reason = ""
    message = (
        f"the server responded with the status code {code} but did not return more information"
    )
    if code == 409:
        reason = "AlreadyExists" if method.upper() == "POST" else "Conflict"
        message = "the server reported a conflict"
    elif code in _GENERIC:
        reason, fixed = _GENERIC[code]
        message = plain if fixed is None else fixed
    elif code >= 500:
        reason = "InternalError"
        message = (
            f"an error on the server ({go_quote(server_message)}) "
            "has prevented the request from succeeding"
        )
    if resource:
        qualified = f"{resource}.{group}" if group else resource
        if name:
            message = f"{message} ({method.lower()} {qualified} {name})"
        else:
            message = f"{message} ({method.lower()} {qualified})"
    return Status(
        code=code,
        reason=reason,
        message=message,
        kind=resource,
        name=name,
        group=group,
        causes=[StatusCause(reason="UnexpectedServerResponse", message=plain)],
        retry_after=retry_after,
    )


def retry_after_seconds(value: str | None) -> int | None:
    """``Retry-After`` as whole seconds (client-go accepts only the integer form)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    return None


# Compiled on first use (re caches it): most answers carry no Warning header.
_WARNING = (
    r"""\s*(?P<code>\d{3})\s+(?P<agent>[^\s"]+)\s+"(?P<text>(?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*"""
)


def parse_warnings(values: Iterable[str]) -> list[tuple[int, str, str]]:
    """RFC 7234 ``Warning`` header values -> ``(code, agent, text)``; several warnings may
    share one header, separated by commas. Malformed entries are skipped."""
    found: list[tuple[int, str, str]] = []
    for value in values:
        warning = re.compile(_WARNING)  # re's own cache: compiled once
        pos = 0
        while pos < len(value):
            match = warning.match(value, pos)
            if match is None:
                break
            text = re.sub(r"\\(.)", r"\1", match.group("text"))
            found.append((int(match.group("code")), match.group("agent"), text))
            pos = match.end()
            if pos < len(value) and value[pos] == ",":
                pos += 1
            elif pos < len(value):
                break
    return found
