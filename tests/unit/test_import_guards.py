"""Import guards for the commands people type most (issue 14): each runs as ``python -m kctl``
in a fresh interpreter, its caches warm (the second run of the same command), against the fault
server (tests/faultserver.py) where it needs one, and the test lists what it may load:

- exactly which kctl modules (a new one on a hot path is a decision: add it here);
- no third-party package but click (no requests, urllib3, yaml, rich);
- none of the standard-library modules named as too heavy for it.

So the start-up win (requests and yaml gone from the short commands) cannot rot unseen.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faultserver import SECRET, FaultServer, fault_server, pod_table

ROOT = Path(__file__).resolve().parents[2]

# Runs kctl as `python -m kctl ARGS` does, then writes sorted(sys.modules), one per line (json
# is not imported for it: the list must be kctl's own).
WRAPPER = """
import atexit, runpy, sys
out = sys.argv.pop(1)
def dump():
    names = sorted(sys.modules)
    with open(out, "w") as fh:
        fh.write("\\n".join(names))
atexit.register(dump)
sys.argv[0] = "kctl"
runpy.run_module("kctl", run_name="__main__", alter_sys=True)
"""

# Every command: the root, the parser and the environment.
_BASE = {
    "kctl",
    "kctl.__main__",
    "kctl.cli",
    "kctl.cli.main",
    "kctl.cli.options",
    "kctl.cli.parsing",
    "kctl.cli.streams",
    "kctl.clientcmd",
    "kctl.clientcmd.paths",  # the cache-dir rule (env.py): os only
    "kctl.env",
    "kctl.errors",
    "kctl.globalflags",
    "kctl.gostr",
    "kctl.pflag",
}
_KUBECONFIG = {
    "kctl.clientcmd.overrides",  # the global flags as kubeconfig overrides
    "kctl.clientcmd.cache",
    "kctl.clientcmd.loader",
    "kctl.clientcmd.merge",
}
_CLIENTCONFIG = _KUBECONFIG | {
    "kctl.cli.factory",
    "kctl.clientcmd.clientconfig",
    "kctl.clientcmd.incluster",
    "kctl.clientcmd.validation",
    "kctl.rest",
    "kctl.rest.config",
}
_TABLE = {
    "kctl.printers",
    "kctl.printers.humanduration",
    "kctl.printers.jsonpath_gofmt",
    "kctl.printers.registry",
    "kctl.printers.table",
    "kctl.printers.tabwriter",
}
_DISCOVERY = {
    "kctl.discovery",
    "kctl.discovery.cache",
    "kctl.discovery.client",
    "kctl.privatefile",
    "kctl.schema",
}
_REST = {
    "kctl.duration",  # Go durations in the request's timeout parameter
    "kctl.rest.auth",
    "kctl.rest.client",
    "kctl.rest.http11",
    "kctl.rest.httplog",
    "kctl.rest.mediatypes",
    "kctl.rest.patch",
    "kctl.rest.response",
    "kctl.rest.stdlib",
    "kctl.rest.transport",
    "kctl.rest.useragent",
}

# Standard-library modules no short command needs (the exec plugin, logging, threads pools,
# temporary files are for other paths).
_NEVER = {
    "subprocess",
    "logging",
    "concurrent",
    "decimal",
    "hashlib",
    "tempfile",
    "asyncio",
    "pathlib",  # paths are strings and os.path (pathlib brings fnmatch, urllib.parse, ipaddress)
    "unicodedata",  # Go's %q needs it only for text beyond ASCII
}
_NO_NETWORK = _NEVER | {"ssl", "socket", "http", "email", "select"}
# Commands that build no RestConfig: no record classes to generate (dataclasses) and no URL to
# parse (urllib).
_NO_CLIENT = _NO_NETWORK | {"dataclasses", "urllib"}
# A command that talks to the server speaks HTTP/1.1 itself (kctl.rest.http11): http.client's
# header parser is the email package; and host names go to socket/ssl as bytes, so the idna
# codec (with unicodedata and stringprep) stays out.
_NETWORK_NEVER = _NEVER | {"http.client", "email", "encodings.idna"}
# Only a help text asks gettext for translations (whose first lookup imports locale): the help
# flag's own text is given (kctl.cli.parsing), so a command that prints no help never does.
_NEVER_BUT_HELP = {"locale"}
# A kubeconfig read decodes its base64 fields and names its cache file with binascii alone.
_NO_CODECS = {"base64", "struct", "zlib"}

# name -> (argv, kctl modules it may load, stdlib modules (with their submodules) it must not load)
HOT: dict[str, tuple[tuple[str, ...], set[str], set[str]]] = {
    # no JSON where nothing is read or written
    "help": (("--help",), _BASE, _NO_CLIENT | {"json"}),
    "version-client": (
        ("version", "--client"),
        _BASE | {"kctl.cli.version", "kctl.rest", "kctl.rest.useragent"},
        _NO_CLIENT | _NEVER_BUT_HELP | {"json"},
    ),
    "config-current-context": (
        ("config", "current-context"),
        _BASE | _KUBECONFIG | {"kctl.cli.config"},
        _NO_CLIENT | _NO_CODECS | _NEVER_BUT_HELP | {"json"},
    ),
    "config-get-contexts": (
        ("config", "get-contexts"),
        _BASE | _KUBECONFIG | {"kctl.cli.config", "kctl.printers", "kctl.printers.tabwriter"},
        _NO_CLIENT | _NO_CODECS | _NEVER_BUT_HELP | {"json"},
    ),
    "api-resources-cached": (
        ("api-resources", "--cached"),
        _BASE | _CLIENTCONFIG | _DISCOVERY | _TABLE | {"kctl.cli.api_resources"},
        _NO_NETWORK | _NO_CODECS | _NEVER_BUT_HELP,
    ),
    "get-pods": (
        ("get", "pods"),
        _BASE
        | _CLIENTCONFIG
        | _DISCOVERY
        | _TABLE
        | _REST
        | {
            "kctl.cli.get",
            "kctl.dynamic",
            "kctl.params",
            "kctl.restmapper",
            "kctl.restmapper.mapper",
            "kctl.restmapper.rules",
            "kctl.unstructured",
        },
        # shutil: only help needs it (click asks it for the terminal width); a client
        # certificate is loaded from memory, not from temporary files.
        _NETWORK_NEVER | _NEVER_BUT_HELP | {"shutil", "bz2", "lzma"},
    ),
}


def kubeconfig(server: str) -> str:
    """A kubeconfig as kubectl writes one (block YAML)."""
    return f"""\
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: {server}
  name: fault
contexts:
- context:
    cluster: fault
    user: fault
  name: fault
current-context: fault
users:
- name: fault
  user:
    token: {SECRET}
"""


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with fault_server() as fs:
        fs.route("/api/v1/namespaces/default/pods", lambda ex: ex.respond(200, pod_table("a")))
        yield fs


def _modules(args: tuple[str, ...], home: Path) -> list[str]:
    out = home / "modules.txt"
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "KUBECONFIG": str(home / "config"),
        # -S and site-packages on the path: like a regular install, whose start-up runs no
        # editable-install finder (that one imports pathlib and more before kctl starts)
        "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()]),
    }
    done = subprocess.run(
        [sys.executable, "-S", "-c", WRAPPER, str(out), *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=home,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return out.read_text().split()


@pytest.mark.parametrize("name", list(HOT))
def test_hot_command_loads_only_what_it_may(name: str, server: FaultServer, tmp_path: Path) -> None:
    args, allowed, forbidden = HOT[name]
    (tmp_path / "config").write_text(kubeconfig(server.url))
    _modules(("api-resources",), tmp_path)  # fills the discovery and kubeconfig caches
    _modules(args, tmp_path)  # and whatever this command caches
    modules = _modules(args, tmp_path)
    assert "kctl.cli.main" in modules  # the wrapper really ran kctl
    ours = {m for m in modules if m == "kctl" or m.startswith("kctl.")}
    assert ours - allowed == set(), f"`kctl {' '.join(args)}` loads more kctl modules"
    third_party = {
        m.split(".")[0]
        for m in modules
        if m.split(".")[0] not in sys.stdlib_module_names and not m.startswith(("kctl", "_"))
    }
    assert third_party <= {"click"}, f"`kctl {' '.join(args)}` imports {third_party - {'click'}}"
    heavy = {f for f in forbidden for m in modules if m == f or m.startswith(f + ".")}
    assert heavy == set(), f"`kctl {' '.join(args)}` imports {heavy}"


PLUGIN = """\
import json, os, sys, time
with open(os.path.join(os.path.dirname(__file__), "runs"), "a") as fh:
    fh.write("run\\n")
expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                  "status": {"token": "plugin-token", "expirationTimestamp": expiry}}))
"""


def test_a_plugin_user_with_a_cached_token_loads_no_plugin_machinery(
    server: FaultServer, tmp_path: Path
) -> None:
    import base64

    plugin = tmp_path / "plugin.py"
    plugin.write_text(PLUGIN)
    # https: client-go (and kctl) read credentials only for https servers
    ca = base64.b64encode(server.certs.ca_pem).decode()
    config = (
        kubeconfig(server.tls_url)
        .replace(
            f"    server: {server.tls_url}\n",
            f"    server: {server.tls_url}\n    certificate-authority-data: {ca}\n",
        )
        .replace(
            f"    token: {SECRET}\n",
            "    exec:\n"
            "      apiVersion: client.authentication.k8s.io/v1\n"
            f"      command: {sys.executable}\n"
            f"      args: [{plugin}]\n"
            "      interactiveMode: Never\n",
        )
    )
    (tmp_path / "config").write_text(config)
    _modules(("get", "pods"), tmp_path)  # runs the plugin, caches its token and discovery
    modules = _modules(("get", "pods"), tmp_path)
    assert (tmp_path / "runs").read_text() == "run\n"  # the second run used the cached token
    assert "kctl.rest.exec" in modules  # it did go through the plugin's cache
    heavy = {m.split(".")[0] for m in modules} & (_NEVER - {"hashlib"} | {"shutil", "pathlib"})
    assert heavy == set(), f"a cached plugin token still imports {heavy}"
