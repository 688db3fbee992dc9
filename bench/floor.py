"""The Python floor: the least a click-based Python command can cost on this machine.

``python bench/floor.py bare`` only starts the interpreter (with site, as a console script does)
and exits: what any Python command costs. ``python bench/floor.py start`` also imports click:
no Python CLI built on click can be faster. ``python bench/floor.py get DIR PATH`` also imports
ssl, socket and json, makes the one TLS request kctl makes (the server, CA and client pair are
read from files in DIR that the bench writes) and prints the first column of the Table: the
floor of any click-based client for ``get``. The bench runs them alongside kctl and kubectl, so
each ratio splits into what the language and its libraries cost (floor/kubectl) and what kctl's
own code costs on top (kctl/floor).

Started as a console script starts kctl (``LAUNCH``: import the module, call ``main``), so its
bytecode is cached like kctl's; not with ``-m`` (runpy and the bench package would add to it).
"""

from __future__ import annotations

import os
import sys

FILES = ("server", "ca.crt", "client.crt", "client.key")

# argv prefix; then this module's directory, then the mode and its arguments
LAUNCH = (
    sys.executable,
    "-c",
    "import sys;sys.path.insert(0,sys.argv.pop(1));"
    "from floor import main;sys.exit(main(sys.argv[1:]))",
)


def compiled() -> str:
    """Write this module's bytecode (as pip does for kctl at install: PYTHONDONTWRITEBYTECODE
    must not make the floor compile its source on every run); returns its directory, the
    first argument after ``LAUNCH``."""
    import py_compile

    py_compile.compile(__file__, doraise=True)
    return os.path.dirname(os.path.abspath(__file__))


def write_credentials(
    directory: str | os.PathLike[str], server: str, ca: bytes | None, cert: bytes, key: bytes
) -> None:
    """The files ``get`` reads (0600): what kctl holds in parsed form after its first run."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    for name, data in zip(FILES, (server.encode(), ca or b"", cert, key), strict=True):
        fd = os.open(os.path.join(directory, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)


def _read(directory: str, name: str) -> bytes:
    with open(os.path.join(directory, name), "rb") as fh:
        return fh.read()


def _get(directory: str, path: str) -> int:
    import json
    import socket
    import ssl
    from urllib.parse import urlsplit

    url = urlsplit(_read(directory, "server").decode())
    host, port = url.hostname or "127.0.0.1", url.port or 443
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca = _read(directory, "ca.crt")
    if ca:
        ctx.load_verify_locations(cadata=ca.decode())
    else:
        ctx.load_default_certs()
    ctx.load_cert_chain(
        os.path.join(directory, "client.crt"), os.path.join(directory, "client.key")
    )
    # bytes: an ASCII name needs no IDNA codec (kctl passes bytes too)
    raw = socket.create_connection((host.encode(), port))  # type: ignore[arg-type]
    with ctx.wrap_socket(raw, server_hostname=host.encode()) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json\r\n"
            "User-Agent: floor\r\nConnection: close\r\n\r\n".encode()
        )
        reader = sock.makefile("rb")
        status = reader.readline().split()
        headers: dict[bytes, bytes] = {}
        while (line := reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if headers.get(b"transfer-encoding") == b"chunked":
            parts = []
            while size := int(reader.readline().split(b";")[0], 16):
                parts.append(reader.read(size))
                reader.readline()
            body = b"".join(parts)
        else:
            body = reader.read(int(headers.get(b"content-length", b"0")))
    if status[1:2] != [b"200"]:
        sys.stderr.write(f"floor: {status!r}\n")
        return 1
    table = json.loads(body)
    sys.stdout.write("".join(f"{row['cells'][0]}\n" for row in table.get("rows") or ()))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        return 0
    import click  # noqa: F401 - the cost being measured

    if argv[:1] == ["start"]:
        return 0
    if argv[:1] == ["get"] and len(argv) == 3:
        return _get(argv[1], argv[2])
    sys.stderr.write("usage: floor.py bare | start | get DIR PATH\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
