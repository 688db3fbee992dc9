"""Which kubeconfig files kubectl reads, where paths inside them point, and kctl's cache
directory.

The one copy of the file-list rule: ``--kubeconfig`` alone, else ``$KUBECONFIG``'s list
(duplicates dropped, order kept), else ``<home>/.kube/config``. Like client-go, a ``~`` in
``--kubeconfig`` or ``$KUBECONFIG`` is not expanded (a shell expands it before kctl sees it, or
it is a literal directory name). Completion imports this module on every TAB, so it needs
nothing but :mod:`os` (no ``typing``, ``pathlib`` or ``re`` at run time).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


def home_dir(environ: Mapping[str, str]) -> str:
    """``$HOME``, else the password database's home (client-go's homedir.HomeDir on Unix)."""
    return environ.get("HOME") or os.path.expanduser("~")


def precedence(environ: Mapping[str, str]) -> list[str]:
    """The files merged when there is no ``--kubeconfig``: ``$KUBECONFIG``'s list (first copy
    of a repeated name kept; empty entries stay, as in client-go, and are skipped by ``files``),
    else the home file."""
    listed = environ.get("KUBECONFIG", "")
    if not listed:
        return [os.path.join(home_dir(environ), ".kube", "config")]
    seen: list[str] = []
    for path in listed.split(os.pathsep):
        if path not in seen:
            seen.append(path)
    return seen


def files(explicit: str | None, precedence_list: list[str]) -> list[str]:
    """The files to read, in precedence order."""
    return [explicit] if explicit else [p for p in precedence_list if p]


def kubeconfig_files(explicit: str | None, environ: Mapping[str, str]) -> list[str]:
    """The files kubectl would read for ``--kubeconfig`` (None when not given) and ``environ``."""
    return files(explicit, precedence(environ))


def default_filename(explicit: str | None, precedence_list: list[str]) -> str:
    """The file a write goes to when no file holds the value (kubectl's GetDefaultFilename):
    the explicit file, else the first existing file of the list, else the list's first."""
    if explicit:
        return explicit
    for name in precedence_list:
        if name and os.path.exists(name):
            return name
    return precedence_list[0] if precedence_list else ""


def cache_root(environ: Mapping[str, str], flag: str | None = None) -> str:
    """kctl's cache root: ``--cache-dir``, else ``$KUBECACHEDIR``, else ``$XDG_CACHE_HOME/kctl``,
    else ``~/.cache/kctl``. Discovery lives in ``<root>/discovery/<host>/``, completion's index in
    ``<root>/completion/``, exec credentials in ``<root>/exec/``,
    parsed kubeconfigs in ``<root>/kubeconfig/``."""
    if flag:
        return os.path.expanduser(flag)
    if environ.get("KUBECACHEDIR"):
        return os.path.expanduser(environ["KUBECACHEDIR"])
    xdg = environ.get("XDG_CACHE_HOME")
    base = xdg if xdg else os.path.join(os.path.expanduser(environ.get("HOME", "~")), ".cache")
    return os.path.join(base, "kctl")


def resolve_path(path: str, base: str) -> str:
    """A path from a kubeconfig, relative to the directory of the file that named it."""
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(base, path))


def resolve_cluster_paths(cluster: dict[str, Any], base: str) -> dict[str, Any]:
    out = dict(cluster)
    if out.get("certificate-authority"):
        out["certificate-authority"] = resolve_path(out["certificate-authority"], base)
    return out


def resolve_user_paths(user: dict[str, Any], base: str) -> dict[str, Any]:
    out = dict(user)
    for key in ("client-certificate", "client-key", "tokenFile"):
        if out.get(key):
            out[key] = resolve_path(out[key], base)
    exec_cfg = out.get("exec")
    if exec_cfg and "/" in (exec_cfg.get("command") or ""):
        # Like kubectl: a command with a path separator is relative to the kubeconfig;
        # a bare name is looked up on PATH.
        exec_cfg = dict(exec_cfg)
        exec_cfg["command"] = resolve_path(exec_cfg["command"], base)
        out["exec"] = exec_cfg
    return out
