"""Completion and the commands read the kubeconfig with the same rules: the same environment
gives the same file list (``clientcmd.paths``), the same files give the same merged contexts,
clusters and users (``clientcmd.loader`` + ``clientcmd.merge``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kctl.clientcmd.loader import LoadingRules
from kctl.clientcmd.overrides import Overrides
from kctl.completion import engine
from kctl.completion.cmdline import parse
from kctl.completion.commands import load_root
from kctl.completion.index import Index
from kctl.rest.config import normalise_host


def completion_files(monkeypatch: pytest.MonkeyPatch, flag: str | None, environ: dict[str, str]):
    """The file list completion's request hands to its index."""
    seen: list[list[str]] = []

    def spy(self: Index, paths: list[str]) -> dict[str, Any]:
        seen.append(paths)
        return {}

    monkeypatch.setattr(Index, "kubeconfig", spy)
    words = ["get", *(["--kubeconfig", flag] if flag is not None else []), "pods", ""]
    engine.Request(parse(load_root(), words), environ).kubeconfig()
    assert len(seen) == 1
    return seen[0]


def command_files(flag: str | None, environ: dict[str, str]) -> list[str]:
    return LoadingRules.from_environ(Overrides(kubeconfig=flag), environ).files()


@pytest.mark.parametrize(
    ("flag", "kubeconfig_env"),
    [
        (None, None),  # the home file
        (None, "{d}/a"),
        (None, "{d}/a" + os.pathsep + "{d}/b" + os.pathsep + "{d}/a"),  # duplicates dropped
        (None, os.pathsep + "{d}/a" + os.pathsep),  # empty entries skipped
        (None, "~/a" + os.pathsep + "{d}/b"),  # ~ is not expanded (completion expanded it)
        ("{d}/explicit", "{d}/a"),  # --kubeconfig alone
        ("~/explicit", None),
        ("", "{d}/a"),  # an empty --kubeconfig is no --kubeconfig
    ],
)
def test_the_same_environment_gives_the_same_file_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: str | None, kubeconfig_env: str | None
) -> None:
    environ = {"HOME": str(tmp_path / "home")}
    if kubeconfig_env is not None:
        environ["KUBECONFIG"] = kubeconfig_env.format(d=tmp_path)
    flag = flag.format(d=tmp_path) if flag is not None else None
    expected = command_files(flag, environ)
    assert expected  # there is always at least one candidate file
    assert completion_files(monkeypatch, flag, environ) == expected


def test_tilde_is_taken_literally_by_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environ = {"HOME": str(tmp_path), "KUBECONFIG": "~/config"}
    assert command_files(None, environ) == ["~/config"]
    assert completion_files(monkeypatch, None, environ) == ["~/config"]


FIRST = """\
apiVersion: v1
kind: Config
current-context: one
contexts:
- name: one
  context: {cluster: c1, user: u1, namespace: ns1}
- name: shared
  context: {cluster: c1, user: u1}
clusters:
- name: c1
  cluster: {server: "https://one.example:6443"}
- name: shared-cluster
  cluster: {server: "first.example:8080"}
users:
- name: u1
  user: {token: t1}
"""
SECOND = """\
apiVersion: v1
kind: Config
current-context: two
contexts:
- name: two
  context: {cluster: shared-cluster, user: u2}
- name: shared
  context: {cluster: shared-cluster, user: u2, namespace: from-second}
clusters:
- name: shared-cluster
  cluster: {server: "https://second.example"}
- name: c2
  cluster: {server: "https://two.example"}
users:
- name: u2
  user: {token: t2}
- name: u1
  user: {token: overridden}
"""
BROKEN = "clusters: [{name: x, cluster: {server: 5}}]\n"  # the loader rejects it


@pytest.mark.parametrize(
    "files",
    [["first", "second"], ["second", "first"], ["missing", "first", "second"], ["first"]],
)
def test_the_same_files_give_the_same_merge(tmp_path: Path, files: list[str]) -> None:
    (tmp_path / "first").write_text(FIRST)
    (tmp_path / "second").write_text(SECOND)
    paths = [str(tmp_path / name) for name in files]
    merged = LoadingRules(None, paths).load()
    index = Index(str(tmp_path / "cache")).kubeconfig(paths)

    assert index["current"] == merged.current_context
    assert index["contexts"] == {
        name: {k: str(body.get(k) or "") for k in ("cluster", "user", "namespace")}
        for name, body in merged.contexts.items()
    }
    assert index["clusters"] == {
        name: normalise_host(body["server"]) for name, body in merged.clusters.items()
    }
    assert index["users"] == list(merged.users)


def test_first_file_wins_in_both(tmp_path: Path) -> None:
    (tmp_path / "first").write_text(FIRST)
    (tmp_path / "second").write_text(SECOND)
    paths = [str(tmp_path / "first"), str(tmp_path / "second")]
    index = Index(str(tmp_path / "cache")).kubeconfig(paths)
    assert index["current"] == "one"
    assert index["contexts"]["shared"] == {"cluster": "c1", "user": "u1", "namespace": ""}
    assert index["clusters"]["shared-cluster"] == "http://first.example:8080"
    assert index["users"] == ["u1", "u2"]


def test_completion_leaves_out_a_file_the_commands_reject(tmp_path: Path) -> None:
    (tmp_path / "broken").write_text(BROKEN)
    (tmp_path / "first").write_text(FIRST)
    paths = [str(tmp_path / "broken"), str(tmp_path / "first")]
    index = Index(str(tmp_path / "cache")).kubeconfig(paths)
    assert "x" not in index["clusters"] and index["current"] == "one"
