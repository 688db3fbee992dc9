"""``kctl raw`` against the real control plane, with kubectl's ``--raw`` as the oracle."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import yaml


def _cm(name: str, namespace: str, data: dict[str, str]) -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": namespace},
        "data": data,
    }


def test_get_copies_the_body_byte_for_byte(kctl, kubectl):
    ours, theirs = kctl("raw", "GET", "/version"), kubectl("get", "--raw", "/version")
    assert (ours.code, ours.stderr) == (0, "")
    assert ours.stdout == theirs.stdout
    assert json.loads(ours.stdout)["gitVersion"].startswith("v1.")


def test_configmap_round_trip_with_every_verb(kctl, kubectl_ok, namespace, tmp_path):
    base = f"/api/v1/namespaces/{namespace}/configmaps"
    body = tmp_path / "cm.json"
    body.write_text(json.dumps(_cm("cm1", namespace, {"a": "1"})))

    created = kctl("raw", "POST", base, "-f", str(body))
    assert created.code == 0, created
    assert json.loads(created.stdout)["data"] == {"a": "1"}

    got = kctl("raw", "GET", f"{base}/cm1")
    assert got.code == 0, got
    assert got.stdout == kubectl_ok("get", "--raw", f"{base}/cm1").stdout

    # PUT from stdin, as YAML (kctl names the content type, so YAML works too)
    current = json.loads(got.stdout)
    current["data"] = {"a": "2"}
    replaced = kctl("raw", "PUT", f"{base}/cm1", "-f", "-", input=yaml.safe_dump(current))
    assert replaced.code == 0, replaced
    assert json.loads(replaced.stdout)["data"] == {"a": "2"}

    merge = kctl(
        "raw", "PATCH", f"{base}/cm1", "--type", "merge", "-f", "-", input='{"data": {"b": "3"}}'
    )
    assert merge.code == 0, merge
    assert json.loads(merge.stdout)["data"] == {"a": "2", "b": "3"}

    patch = '[{"op": "remove", "path": "/data/a"}]'
    jsonpatch = kctl("raw", "PATCH", f"{base}/cm1", "--type", "json", "-f", "-", input=patch)
    assert jsonpatch.code == 0, jsonpatch
    assert json.loads(jsonpatch.stdout)["data"] == {"b": "3"}

    strategic = kctl("raw", "PATCH", f"{base}/cm1", "-f", "-", input='{"data": {"c": "4"}}')
    assert strategic.code == 0, strategic
    assert json.loads(strategic.stdout)["data"] == {"b": "3", "c": "4"}

    apply_body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  d: '5'\n"
    applied = kctl("raw", "PATCH", f"{base}/cm1", "--type", "apply", "-f", "-", input=apply_body)
    assert applied.code == 0, applied
    managers = {m["manager"] for m in json.loads(applied.stdout)["metadata"]["managedFields"]}
    assert "kctl" in managers
    assert json.loads(applied.stdout)["data"]["d"] == "5"

    deleted = kctl("raw", "DELETE", f"{base}/cm1")
    assert deleted.code == 0, deleted
    assert json.loads(deleted.stdout)["status"] == "Success"

    gone = kctl("raw", "GET", f"{base}/cm1")
    assert gone.code == 1
    assert gone.stdout == ""
    assert gone.stderr == 'Error from server (NotFound): configmaps "cm1" not found\n'


def test_output_json_and_yaml_match_kubectl_get(kctl, kubectl_ok, apply, namespace):
    apply(yaml.safe_dump(_cm("shown", namespace, {"k": "v", "multi": "a\nb\n"})))
    path = f"/api/v1/namespaces/{namespace}/configmaps/shown"
    for fmt in ("json", "yaml"):
        ours = kctl("raw", "GET", path, "-o", fmt)
        theirs = kubectl_ok(
            "get", "configmap", "shown", "-n", namespace, "-o", fmt, "--show-managed-fields"
        )
        assert (ours.code, ours.stderr) == (0, "")
        assert ours.stdout == theirs.stdout


def test_watch_with_server_timeout_streams_the_same_events_as_kubectl(
    kctl, kubectl_ok, apply, namespace
):
    apply(yaml.safe_dump(_cm("w1", namespace, {"x": "1"})))
    path = f"/api/v1/namespaces/{namespace}/configmaps?watch=true&timeoutSeconds=2"
    ours = kctl("raw", "GET", path)
    theirs = kubectl_ok("get", "--raw", path)
    assert (ours.code, ours.stderr) == (0, "")
    assert ours.stdout == theirs.stdout
    assert [json.loads(line)["type"] for line in ours.stdout.splitlines()] == ["ADDED"]


def test_watch_streams_each_event_as_it_happens(cluster, kubectl_ok, apply, namespace, tmp_path):
    apply(yaml.safe_dump(_cm("first", namespace, {"x": "1"})))
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_"))} | {
        "KUBECONFIG": str(cluster.admin_kubeconfig),
        "HOME": str(tmp_path),
        "KUBECACHEDIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    path = f"/api/v1/namespaces/{namespace}/configmaps?watch=true"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kctl", "raw", "GET", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
    )
    try:
        first = _read_line(proc, 20)
        assert json.loads(first)["object"]["metadata"]["name"] == "first"
        assert proc.poll() is None  # still streaming
        apply(yaml.safe_dump(_cm("second", namespace, {"x": "2"})))
        second = json.loads(_read_line(proc, 20))
        assert (second["type"], second["object"]["metadata"]["name"]) == ("ADDED", "second")
    finally:
        proc.kill()
        proc.communicate()


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> bytes:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        assert left > 0, f"no complete line within {timeout}s (got {line!r})"
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 1)
            assert chunk, f"stream ended early: {line!r}"
            line += chunk
    return line


def test_invalid_path_and_missing_file_texts_equal_kubectl(kctl, kubectl, tmp_path):
    ours, theirs = kctl("raw", "GET", "api/v1"), kubectl("get", "--raw", "api/v1")
    assert (
        (ours.code, ours.stderr)
        == (theirs.code, theirs.stderr)
        == (
            1,
            'error: --raw must be a valid URL path: parse "api/v1": invalid URI for request\n',
        )
    )
    missing = str(tmp_path / "nope.json")
    ours = kctl("raw", "POST", "/api/v1/namespaces/default/configmaps", "-f", missing)
    theirs = kubectl("create", "--raw", "/api/v1/namespaces/default/configmaps", "-f", missing)
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)


def test_usage_errors(kctl):
    bad_verb = kctl("raw", "FETCH", "/version")
    assert (bad_verb.code, bad_verb.stderr) == (
        1,
        'error: unknown verb "FETCH": use one of GET, POST, PUT, PATCH, DELETE\n',
    )
    no_body = kctl("raw", "POST", "/api/v1/namespaces/default/configmaps")
    assert (no_body.code, no_body.stderr) == (
        1,
        "error: POST needs a request body: -f FILE, or -f - for stdin\n",
    )


def test_v6_logs_one_line_per_request(kctl, cluster):
    result = kctl("raw", "GET", "/version", "-v", "6")
    assert result.code == 0
    lines = [line for line in result.stderr.splitlines() if '"Response"' in line]
    assert len(lines) == 1
    assert lines[0].endswith(
        f'"Response" verb="GET" url="{cluster.server}/version" status="200 OK" milliseconds='
        + lines[0].rsplit("=", 1)[1]
    )


def test_v8_masks_the_bearer_token(kctl, cluster):
    result = kctl(
        "raw",
        "GET",
        f"/api/v1/namespaces/{cluster.limited_namespace}/pods",
        "-v",
        "8",
        kubeconfig=cluster.limited_kubeconfig,
    )
    assert result.code == 0, result
    assert "\tAuthorization: Bearer <masked>\n" in result.stderr
    assert cluster.token not in result.stderr and cluster.token not in result.stdout


def test_server_warnings_go_to_stderr_like_kubectl(kctl, kubectl, namespace, tmp_path):
    def pod(name: str) -> str:
        path = tmp_path / f"{name}.json"
        spec = {
            "nodeSelector": {"beta.kubernetes.io/os": "linux"},  # deprecated: the server warns
            "containers": [{"name": "c", "image": "x"}],
        }
        path.write_text(
            json.dumps(
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": spec}
            )
        )
        return str(path)

    path = f"/api/v1/namespaces/{namespace}/pods"
    ours = kctl("raw", "POST", path, "-f", pod("ours"))
    theirs = kubectl("create", "--raw", path, "-f", pod("theirs"))
    assert (
        (ours.code, ours.stderr)
        == (theirs.code, theirs.stderr)
        == (
            0,
            "Warning: spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "
            '"kubernetes.io/os" instead\n',
        )
    )
