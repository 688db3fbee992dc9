"""Who kctl says it is: Go's ``<os>/<arch>`` platform words and the User-Agent.

Standard library only (``sys``, ``platform``): ``version --client`` prints the platform without
loading the HTTP stack.
"""

from __future__ import annotations

import platform
import sys

from kctl import __version__

_GO_ARCH = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
    "i386": "386",
    "i686": "386",
    "armv7l": "arm",
    "ppc64le": "ppc64le",
    "s390x": "s390x",
}


def go_platform() -> str:
    """``<os>/<arch>`` in Go's words (``linux/amd64``), as kubectl reports its platform."""
    os_name = "darwin" if sys.platform == "darwin" else sys.platform.rstrip("0123456789")
    machine = platform.machine().lower()
    return f"{os_name}/{_GO_ARCH.get(machine, machine or 'unknown')}"


def user_agent() -> str:
    """``kctl/<version> (<os>/<arch>) python/<version>``, shaped like kubectl's User-Agent."""
    py = ".".join(str(p) for p in sys.version_info[:3])
    return f"kctl/{__version__} ({go_platform()}) python/{py}"
