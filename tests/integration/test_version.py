"""``kctl version`` against the real server, kubectl's ``version`` as the oracle for the shape
and the server part (the client part is kctl's own version)."""

from __future__ import annotations

import json
import socket

from kctl import __version__ as KCTL_VERSION


def test_plain_output(kctl, kubectl_ok):
    ours = kctl("version")
    server_line = next(
        line
        for line in kubectl_ok("version").stdout.splitlines()
        if line.startswith("Server Version: ")
    )
    assert (ours.code, ours.stderr) == (0, "")
    assert ours.stdout == f"Client Version: v{KCTL_VERSION}\n{server_line}\n"


def test_json_output(kctl, kubectl_ok):
    ours = kctl("version", "-o", "json")
    theirs = json.loads(kubectl_ok("version", "-o", "json").stdout)
    assert ours.code == 0, ours
    data = json.loads(ours.stdout)
    assert data["serverVersion"] == theirs["serverVersion"]
    assert data["clientVersion"]["gitVersion"] == f"v{KCTL_VERSION}"
    # kubectl's layout: two-space indent, server fields in the server's order
    assert ours.stdout.startswith('{\n  "clientVersion": {\n    "major": ')
    assert list(data["serverVersion"]) == list(theirs["serverVersion"])


def test_yaml_output(kctl, kubectl_ok):
    ours = kctl("version", "-o", "yaml")
    theirs = kubectl_ok("version", "-o", "yaml").stdout
    assert ours.code == 0, ours
    server_block = theirs[theirs.index("serverVersion:\n") :]
    assert ours.stdout.endswith("\n" + server_block)
    assert ours.stdout.startswith("clientVersion:\n")


def test_client_only_never_contacts_the_server(kctl):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = kctl("version", "--client", "-v", "6", "--server", f"https://127.0.0.1:{port}")
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == f"Client Version: v{KCTL_VERSION}\n"


def test_bad_output_and_extra_arguments_match_kubectl(kctl, kubectl):
    for args in (("-o", "xml"), ("extra",)):
        ours, theirs = kctl("version", *args), kubectl("version", *args)
        assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
