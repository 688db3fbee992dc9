"""``kctl get -w`` against the real control plane, with kubectl watching the same things.

Both CLIs are started on the same namespace, the test waits until both have printed the
initial list, then creates, modifies and deletes ConfigMaps; the piped outputs must be the same
bytes, AGE cells aside.
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import Result, Runner, Spawner
from tests.integration.watchtools import Watch, wait_for

# the AGE cell (and the padding after it, which follows its width)
_AGE = re.compile(r"(?<![\w.-])\d+(?:[smhd]\d*)+s?(?: +|$)", re.MULTILINE)

FORMATS: list[tuple[str, ...]] = [
    (),
    ("-o", "wide"),
    ("-o", "name"),
    ("-o", "json"),
    ("-o", "yaml"),
    ("-o", "kyaml"),
    ("-o", "jsonpath={.metadata.name}{'\\n'}"),
    ("-o", "custom-columns=N:.metadata.name,RV:.metadata.resourceVersion"),
    ("--output-watch-events",),
    ("--output-watch-events", "-o", "json", "--show-managed-fields"),
    ("--output-watch-events", "-o", "yaml", "--show-managed-fields"),
    ("--output-watch-events", "-o", "kyaml", "--show-managed-fields"),
    ("--output-watch-events", "-o", "name"),
    ("--output-watch-events", "-o", "jsonpath={.type} {.object.metadata.name}{'\\n'}"),
    ("--output-watch-events", "-o", "custom-columns=T:.type,N:.object.metadata.name"),
    ("--watch-only",),
    ("--watch-only", "--output-watch-events", "-o", "json", "--show-managed-fields"),
    ("--no-headers",),
    ("--show-kind", "--show-labels", "-L", "k"),
    ("-l", "x=y"),
    ("--field-selector", "metadata.name!=bb"),
]

END = "zz-end"  # the last object created: every stream has seen everything once it shows up


def _changes(kubectl_ok: Runner, ns: str) -> None:
    kubectl_ok(
        "-n", ns, "create", "cm", "a-very-long-configmap-name-xxxxxxxxxxxxxx",
        "--from-literal=k=v", "--from-literal=j=w",
    )  # fmt: skip
    kubectl_ok("-n", ns, "label", "cm", "a", "x=y", "k=1")
    kubectl_ok("-n", ns, "delete", "cm", "bb")
    kubectl_ok("-n", ns, "create", "cm", "c")
    kubectl_ok("-n", ns, "label", "cm", "a", "x-")
    kubectl_ok("-n", ns, "create", "cm", END)
    kubectl_ok("-n", ns, "label", "cm", END, "x=y")


def test_piped_output_matches_kubectl_for_every_format(
    namespace: str,
    kctl_spawn: Spawner,
    kubectl_spawn: Spawner,
    kubectl_ok: Runner,
    tmp_path: Path,
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a", "--from-literal=k=v")
    kubectl_ok("-n", namespace, "create", "cm", "bb", "--from-literal=k=v")
    pairs = []
    for i, fmt in enumerate(FORMATS):
        args = ("-n", namespace, "get", "cm", "-w", *fmt)
        pairs.append(
            (
                fmt,
                Watch(kubectl_spawn, tmp_path, f"kubectl-{i}", args),
                Watch(kctl_spawn, tmp_path, f"kctl-{i}", args),
            )
        )
    # Both have listed (and so will watch from a resourceVersion before the changes)...
    silent = ("--watch-only", "-l")  # nothing to print from the list
    listing = [w for fmt, *ws in pairs if not set(silent) & set(fmt) for w in ws]
    wait_for(lambda: all(w.text() for w in listing), "the initial lists")
    time.sleep(2.0)  # ...and the silent ones have had as long
    _changes(kubectl_ok, namespace)
    everyone = [w for _fmt, *ws in pairs for w in ws]
    wait_for(lambda: all(END in w.text() for w in everyone), "the last change everywhere")
    time.sleep(1.0)  # the label change of zz-end comes after its creation
    failures = []
    for fmt, kube, ours in pairs:
        kube_code, our_code = kube.stop(), ours.stop()
        expected, got = kube.text(), ours.text()
        is_table = "-o" not in fmt or fmt[fmt.index("-o") + 1] == "wide"
        if is_table:
            expected, got = _AGE.sub("AGE ", expected), _AGE.sub("AGE ", got)
        if expected != got:
            failures.append(f"{fmt}:\n--- kubectl ---\n{kube.text()}--- kctl ---\n{ours.text()}")
        assert ours.stderr() == "", (fmt, ours.stderr())
        assert our_code == 143 and kube_code == 1, (fmt, our_code, kube_code)
    assert not failures, "\n".join(failures)


def test_managed_fields_are_stripped_from_events_unless_asked_for(
    namespace: str, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    base = ("-n", namespace, "get", "cm", "-w", "--output-watch-events", "-o")
    json_watch = Watch(kctl_spawn, tmp_path, "json", (*base, "json"))
    yaml_watch = Watch(kctl_spawn, tmp_path, "yaml", (*base, "yaml"))
    wait_for(lambda: bool(json_watch.text() and yaml_watch.text()), "the initial lists")
    kubectl_ok("-n", namespace, "create", "cm", END)
    wait_for(lambda: END in json_watch.text() and END in yaml_watch.text(), "the event")
    json_watch.stop(), yaml_watch.stop()
    events = [json.loads(line) for line in json_watch.text().splitlines()]
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
        ("ADDED", "a"),
        ("ADDED", END),
    ]
    assert all("managedFields" not in e["object"]["metadata"] for e in events)
    assert "managedFields" not in yaml_watch.text() and "type: ADDED" in yaml_watch.text()


def test_named_object_watch_starts_from_the_objects_resource_version(
    namespace: str, kctl: Runner, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    kubectl_ok("-n", namespace, "create", "cm", "b")
    rv = kubectl_ok("-n", namespace, "get", "cm", "a", "-o", "jsonpath={.metadata.resourceVersion}")
    args = ("-n", namespace, "get", "cm", "a", "-w", "-o", "name", "--v=6")
    watch = Watch(kctl_spawn, tmp_path, "named", args)
    wait_for(lambda: bool(watch.text()), "the object")
    kubectl_ok("-n", namespace, "label", "cm", "b", "x=y")  # another object: not shown
    kubectl_ok("-n", namespace, "label", "cm", "a", "x=y")
    wait_for(lambda: watch.text().count("configmap/a") == 2, "the change")
    assert watch.stop() == 143
    assert watch.text() == "configmap/a\nconfigmap/a\n"
    log = watch.stderr()
    assert f"fieldSelector=metadata.name%3Da&resourceVersion={rv.stdout}" in log
    assert "allowWatchBookmarks=true" in log and "watch=true" in log


def test_several_types_are_watched_at_once_with_kind_prefixes(
    namespace: str, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    watch = Watch(kctl_spawn, tmp_path, "multi", ("-n", namespace, "get", "cm,pods,svc", "-w"))
    wait_for(lambda: "configmap/a" in watch.text(), "the initial list")
    kubectl_ok("-n", namespace, "run", "p", "--image=example.invalid/x")
    kubectl_ok("-n", namespace, "create", "service", "clusterip", "s", "--tcp=80")
    kubectl_ok("-n", namespace, "label", "cm", "a", "x=y")
    wait_for(
        lambda: all(n in watch.text() for n in ("pod/p", "service/s", "configmap/a   0")),
        "the events of every type",
    )
    assert watch.stop() == 143
    lines = watch.text().splitlines()
    assert lines[:2] == ["NAME          DATA   AGE", lines[1]] and lines[1].startswith(
        "configmap/a"
    )
    assert any(line.startswith("pod/p ") for line in lines)
    assert any(line.startswith("service/s ") for line in lines)
    assert "NAME    READY   STATUS    RESTARTS   AGE" in lines
    assert watch.stderr() == ""


def test_interrupt_and_closed_pipe_end_quietly(
    namespace: str, cluster: Any, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "a")
    watch = Watch(kctl_spawn, tmp_path, "int", ("-n", namespace, "get", "cm", "-w"))
    wait_for(lambda: bool(watch.text()), "the initial list")
    watch.proc.send_signal(signal.SIGINT)
    assert watch.proc.wait(timeout=20) == 130
    assert watch.stderr() == ""
    # a reader that goes away: the next event ends kctl without a word
    piped = kctl_spawn("-n", namespace, "get", "cm", "-w")
    assert piped.stdout is not None
    assert piped.stdout.readline().startswith("NAME")
    piped.stdout.close()
    kubectl_ok("-n", namespace, "label", "cm", "a", "x=y")
    kubectl_ok("-n", namespace, "label", "cm", "a", "x=z", "--overwrite")
    assert piped.wait(timeout=20) == 0
    assert piped.stderr is not None and piped.stderr.read() == ""


def test_flag_errors_match_kubectl(kctl: Runner, kubectl: Runner, namespace: str) -> None:
    cases = [
        ("get", "cm", "--output-watch-events"),
        ("get", "-w"),
        ("get", "cm", "missing", "-w"),
    ]
    for args in cases:
        ours: Result = kctl("-n", namespace, *args)
        theirs: Result = kubectl("-n", namespace, *args)
        assert (ours.code, ours.stdout, ours.stderr) == (
            theirs.code,
            theirs.stdout,
            theirs.stderr.replace("kubectl", "kctl"),
        ), args
    quiet = kctl("-n", namespace, "get", "cm", "missing", "-w", "--ignore-not-found")
    assert (quiet.code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_a_watch_the_user_may_not_open_fails_like_kubectl(
    namespace: str, cluster: Any, kctl: Runner, kubectl: Runner, apply: Callable[[str], Result]
) -> None:
    # the limited user may list configmaps here, but not watch them
    apply(
        f"""
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: cm-lister, namespace: {namespace}}}
rules: [{{apiGroups: [""], resources: [configmaps], verbs: [get, list]}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: cm-lister, namespace: {namespace}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-lister}}
subjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: {cluster.limited_user}}}]
"""
    )
    apply(f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: a, namespace: {namespace}}}\n")
    args = ("-n", namespace, "get", "cm", "-w")
    ours = kctl(*args, kubeconfig=cluster.limited_kubeconfig)
    theirs = kubectl(*args, kubeconfig=cluster.limited_kubeconfig)
    assert ours.code == theirs.code == 1
    assert _AGE.sub("AGE ", ours.stdout) == _AGE.sub("AGE ", theirs.stdout)
    assert ours.stderr == theirs.stderr
    assert "cannot watch resource" in ours.stderr


@pytest.mark.parametrize("fmt", [(), ("-o", "name")])
def test_sort_by_warns_like_kubectl(
    fmt: tuple[str, ...], namespace: str, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "create", "cm", "b")
    kubectl_ok("-n", namespace, "create", "cm", "a")
    args = ("-n", namespace, "get", "cm", "-w", "--sort-by=.metadata.name", *fmt)
    watch = Watch(kctl_spawn, tmp_path, "sort", args)
    wait_for(lambda: bool(watch.text()), "the initial list")
    watch.stop()
    assert watch.stderr() == (
        "warning: --watch requested, --sort-by will be ignored for watch events received\n"
    )
    names = re.findall(r"^(?:configmap/)?([ab])\b", watch.text(), re.MULTILINE)
    assert names == ["a", "b"]


def test_get_all_watches_every_type_of_the_category(
    namespace: str, kctl_spawn: Spawner, kubectl_ok: Runner, tmp_path: Path
) -> None:
    kubectl_ok("-n", namespace, "run", "p", "--image=example.invalid/x")
    watch = Watch(kctl_spawn, tmp_path, "all", ("-n", namespace, "get", "all", "-w"))
    wait_for(lambda: "pod/p" in watch.text(), "the initial list", show=watch.text)
    kubectl_ok("-n", namespace, "create", "service", "clusterip", "s", "--tcp=80")
    kubectl_ok("-n", namespace, "create", "job", "j", "--image=example.invalid/x")
    wait_for(
        lambda: "service/s" in watch.text() and "job.batch/j" in watch.text(),
        "events of other types in the category",
        show=watch.text,
    )
    assert watch.stop() == 143
    assert watch.stderr() == ""


CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: sprockets.watch.example.com}
spec:
  group: watch.example.com
  scope: Namespaced
  names: {plural: sprockets, singular: sprocket, kind: Sprocket}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""


def test_a_type_removed_during_the_watch_ends_it_with_an_error(
    namespace: str,
    kctl_spawn: Spawner,
    kubectl_ok: Runner,
    apply: Callable[[str], Result],
    tmp_path: Path,
) -> None:
    apply(CRD)
    kubectl_ok("wait", "--for=condition=Established", "crd/sprockets.watch.example.com")
    apply(
        "apiVersion: watch.example.com/v1\nkind: Sprocket\n"
        f"metadata: {{name: s1, namespace: {namespace}}}\n"
    )
    watch = Watch(kctl_spawn, tmp_path, "crd", ("-n", namespace, "get", "sprockets", "-w"))
    wait_for(lambda: "s1" in watch.text(), "the initial list", show=watch.stderr)
    kubectl_ok("delete", "crd", "sprockets.watch.example.com")
    code = watch.proc.wait(timeout=90)
    watch.stop()
    assert code == 1, watch.stderr()
    assert watch.stderr().startswith("Error from server (NotFound): ")
    assert "Traceback" not in watch.stderr()
