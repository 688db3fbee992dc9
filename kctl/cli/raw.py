"""``kctl raw VERB PATH``: one HTTP request to the API server with the kubeconfig's
credentials, like ``kubectl get --raw`` / ``create --raw`` / ``replace --raw`` /
``delete --raw``, plus PATCH.

On success the body goes to stdout byte for byte, chunk by chunk as it arrives (so a watch
path streams until the server closes it), or reformatted with ``-o json|yaml``. Failures are
printed as kubectl prints them, exit 1.
"""

from __future__ import annotations

import re
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import click

from kctl.cli.factory import Factory
from kctl.cli.options import global_options
from kctl.cli.parsing import PflagCommand
from kctl.env import Environment
from kctl.errors import KctlError, UsageError
from kctl.gostr import go_quote
from kctl.rest.patch import PatchType, patch_content_type

if TYPE_CHECKING:
    from kctl.rest.client import Response

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})(.{0,2})", re.DOTALL)


def request_path(raw: str) -> str:
    """The server-relative path (with query) for what the user typed, validated the way
    kubectl validates ``--raw`` (Go's ``url.ParseRequestURI``). A full URL is accepted; only
    its path and query are used, as kubectl does."""
    prefix = f"--raw must be a valid URL path: parse {go_quote(raw)}: "
    if _CONTROL.search(raw):
        raise UsageError(prefix.rstrip(": ") + ": net/url: invalid control character in URL")
    bad = _BAD_ESCAPE.search(raw.partition("?")[0])
    if bad:
        raise UsageError(prefix + f"invalid URL escape {go_quote('%' + bad.group(1))}")
    if raw.startswith("/") and not raw.startswith("//"):
        return raw
    parts = urlsplit(raw)
    if parts.scheme or raw.startswith("//"):
        # Go keeps "scheme:rest" without a slash as an opaque URL: its path is empty ("/").
        path = parts.path if parts.path.startswith("/") else "/"
        return path + (f"?{parts.query}" if parts.query else "")
    raise UsageError(prefix + "invalid URI for request")


def _read_body(env: Environment, filename: str) -> bytes:
    if filename == "-":
        stream: Any = env.stdin
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return str(stream.read()).encode("utf-8")
    try:
        with open(filename, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise KctlError(f"error: open {filename}: {(exc.strerror or str(exc)).lower()}") from None


def _content_type(verb: str, patch_type: str | None, body: bytes) -> str:
    if verb == "PATCH":
        return patch_content_type(patch_type or "strategic")
    # kubectl sends no Content-Type (the server assumes JSON); naming YAML lets YAML work too.
    return "application/json" if body.lstrip()[:1] in (b"{", b"[") else "application/yaml"


def _is_watch(path: str) -> bool:
    query = path.partition("?")[2]
    return any(k == "watch" and v in ("true", "1") for k, v in parse_qsl(query))


@click.command(
    "raw",
    cls=PflagCommand,
    context_settings={"help_option_names": ["-h", "--help"]},
    short_help="Send a raw HTTP request to the API server",
)
@click.argument("verb", metavar="VERB")
@click.argument("path", metavar="PATH")
@click.option(
    "-f",
    "--filename",
    metavar="FILE",
    help="Request body: a file, or - for stdin (POST, PUT and PATCH need one).",
)
@click.option(
    "--type",
    "patch_type",
    type=click.Choice([p.name.lower() for p in PatchType]),
    help="PATCH only: json, merge, strategic (default) or apply (server-side apply).",
)
@click.option(
    "-o",
    "--output",
    type=click.Choice(["json", "yaml"]),
    help="Reformat a JSON answer as kubectl's json or yaml instead of copying it byte for byte.",
)
@global_options
@click.pass_context
def raw(
    ctx: click.Context,
    verb: str,
    path: str,
    filename: str | None,
    patch_type: str | None,
    output: str | None,
) -> None:
    """Send one HTTP request to the API server with the kubeconfig's credentials, TLS and
    proxy settings, and print the answer.

    VERB is GET, POST, PUT, PATCH or DELETE; PATH is a server path such as /api/v1/pods, with an
    optional query (quote it in the shell). The answer goes to stdout byte for byte, like
    kubectl get --raw; a watch path (?watch=true) streams until the server ends it.

    \b
    Examples:
      kctl raw GET /version
      kctl raw GET '/api/v1/namespaces/default/pods?limit=1' -o yaml
      kctl raw GET '/api/v1/namespaces/default/configmaps?watch=true'
      kctl raw POST /api/v1/namespaces/default/configmaps -f cm.json
      kctl raw PUT /api/v1/namespaces/default/configmaps/cm1 -f cm.yaml
      echo '{"data":{"k":"v"}}' | kctl raw PATCH /api/v1/namespaces/default/configmaps/cm1 \\
          --type merge -f -
      kctl raw DELETE /api/v1/namespaces/default/configmaps/cm1
    """
    factory = Factory.from_context(ctx)
    # Any verb, request bodies streamed from stdin, long watches: requests, the general client.
    factory.transport = "requests"
    env = factory.env
    method = verb.upper()
    if method not in VERBS:
        raise UsageError(f"unknown verb {go_quote(verb)}: use one of {', '.join(VERBS)}")
    target = request_path(path)
    if patch_type and method != "PATCH":
        raise UsageError("--type is only valid with PATCH")
    body: bytes | None = None
    headers: dict[str, str] = {}
    if filename is not None:
        if method == "GET":
            raise UsageError("GET does not take a body (-f)")
        body = _read_body(env, filename)
        headers["Content-Type"] = _content_type(method, patch_type, body)
    elif method in ("POST", "PUT", "PATCH"):
        raise UsageError(f"{method} needs a request body: -f FILE, or -f - for stdin")
    if patch_type == "apply" and "fieldManager=" not in target:
        # Server-side apply refuses a request without a field manager.
        target += ("&" if "?" in target else "?") + "fieldManager=kctl"
    client = factory.rest_client
    resp = client.request(method, target, body=body, headers=headers, stream=True)
    if output:
        _print_formatted(env, resp, output, _is_watch(target))
    else:
        copy_body(env.stdout, resp)


def copy_body(out: IO[str], resp: Response) -> None:
    """Write the body to stdout as bytes, chunk by chunk, flushing each chunk."""
    from kctl.rest.client import iter_body

    buffer = getattr(out, "buffer", None)
    out.flush()
    try:
        for chunk in iter_body(resp):
            if buffer is not None:
                buffer.write(chunk)
                buffer.flush()
            else:
                out.write(chunk.decode("utf-8", errors="replace"))
                out.flush()
    except _stream_errors() as exc:
        raise _stream_error(exc) from None


def _print_formatted(env: Environment, resp: Response, output: str, watch: bool) -> None:
    import json

    from kctl.printers.json_yaml import dumps_yaml, write_json
    from kctl.rest.client import decode_json_stream

    def emit(obj: Any, first: bool) -> None:
        if output == "json":
            write_json(env.stdout, obj)
        else:
            if not first:
                env.stdout.write("---\n")
            env.stdout.write(dumps_yaml(obj))
        env.stdout.flush()

    try:
        if watch:
            for i, event in enumerate(decode_json_stream(resp)):
                emit(event, i == 0)
            return
        data = resp.content
    except _stream_errors() as exc:
        raise _stream_error(exc) from None
    try:
        obj = json.loads(data)
    except ValueError:
        raise KctlError(
            f"error: the answer is not JSON, so it cannot be shown as {output}; "
            "leave out -o to see it as it came"
        ) from None
    emit(obj, True)


def _stream_errors() -> tuple[type[BaseException], ...]:
    import requests

    return (requests.exceptions.RequestException,)


def _stream_error(exc: BaseException) -> KctlError:
    import requests

    if isinstance(exc, requests.exceptions.ConnectionError) and "timed out" in str(exc).lower():
        return KctlError("error: context deadline exceeded")
    if isinstance(exc, requests.exceptions.Timeout):
        return KctlError("error: context deadline exceeded")
    return KctlError(f"error: {exc}")
