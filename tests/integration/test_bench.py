"""``python -m bench`` end to end against the real control plane, in quick mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench(cluster, out: Path, *scenarios: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_", "BENCH_"))}
    argv = [sys.executable, "-m", "bench", *scenarios, "--quick"]
    argv += ["--kubeconfig", str(cluster.admin_kubeconfig), "--kubectl", str(cluster.kubectl)]
    argv += ["--out", str(out)]
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_quick_bench_seeds_measures_and_writes_the_table(cluster, kubectl_ok, tmp_path):
    first = _bench(cluster, tmp_path / "first", "version-client", "get-pods-20")
    assert first.returncode == 0, first.stderr
    doc = json.loads((tmp_path / "first.json").read_text())
    assert doc["meta"]["quick"] is True
    assert doc["meta"]["server_version"].startswith("v1.")
    by_name = {s["name"]: s for s in doc["scenarios"]}
    assert list(by_name) == ["version-client", "get-pods-20"]

    get = by_name["get-pods-20"]
    assert get["kubectl"]["error"] is None
    assert get["kubectl"]["median"] > 0 and get["kubectl"]["max_rss"] > 1024 * 1024
    # Warm discovery cache: kubectl's only request is the list itself.
    assert get["kubectl"]["requests"] == 1
    assert get["data"].startswith("20 pods in bench-small, ")
    # kctl either measured or says why not; never silently missing.
    assert get["kctl"]["median"] is not None or get["kctl"]["error"]
    # The Python floor made the same request with the admin credentials and was timed.
    for name in ("version-client", "get-pods-20"):
        floor, bare = by_name[name]["floor"], by_name[name]["interpreter"]
        assert floor is not None and floor["error"] is None, by_name[name]["notes"]
        assert floor["median"] > 0 and by_name[name]["floor_ratio"] > 0
        assert bare is not None and bare["median"] > 0
    # get's import time per package: click and kctl's own modules among them
    packages = {p["package"] for p in get["import_packages"]}
    assert {"click", "kctl"} <= packages, get["import_packages"]
    # each tool's one request, as its -v 6 log timed it
    assert get["kubectl"]["request_ms"] >= 0 and get["kctl"]["request_ms"] >= 0

    pods = kubectl_ok("get", "pods", "-n", "bench-small", "-l", "kctl-bench=true", "-o", "name")
    assert len(pods.stdout.split()) == 20
    crds = kubectl_ok("get", "crd", "-l", "kctl-bench=true", "-o", "name")
    assert len(crds.stdout.split()) == 5

    table = (tmp_path / "first.md").read_text()
    assert table.startswith("# kctl vs kubectl (quick mode")
    assert "| get-pods-20 |" in table and first.stdout == table + "\n"
    assert (
        "| scenario | kubectl | interpreter | Python floor | floor/kubectl | kctl | kctl/floor "
        "| server (kubectl / kctl) |"
    ) in table

    # Seeding is idempotent: the second run creates nothing.
    second = _bench(cluster, tmp_path / "second", "get-pods-20")
    assert second.returncode == 0, second.stderr
    assert "creating" not in second.stderr
