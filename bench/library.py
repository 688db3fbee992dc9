"""``python -m bench.library``: the same program, "list the 20 pods of a namespace", with kctl's
library, lightkube, kr8s, the official ``kubernetes`` client and Go's client-go clientset, each
as a ratio to ``kubectl get pods`` on the same data.

Every program is a fresh process (start-up included, as a user runs it), stdout to a pipe; runs
alternate between the programs round by round, medians are reported. Each program's output must
equal the Go program's (same pods, same order) or the row says why it does not count.

Needs ``pip install '.[bench]'`` (``make bench`` does it into its own venv) and the Go program
(built and cached by tests/envtest/goprograms.py on first use). Writes
``bench/results/library-<latest|quick>.{md,json}``. Environment as for ``python -m bench``:
``BENCH_QUICK=1``, ``BENCH_RUNS=N``, ``KCTL_KUBECTL``, ``KCTL_BENCH_KUBECONFIG``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import report, runner, scenarios, seed
from bench.cluster import (
    REPO_ROOT,
    AdminClient,
    BenchError,
    find_kubeconfig,
    find_kubectl,
    load_admin,
)
from bench.stats import format_ratio, format_seconds

RESULTS = REPO_ROOT / "bench" / "results"
NAMESPACE = scenarios.SMALL_NS
PODS = 20
RUNS = 10

# name -> (what it is, the module under bench/clients/ or None for a non-Python program)
PYTHON_CLIENTS = {
    "kctl library": "kctl_library",
    "lightkube": "lightkube_client",
    "kr8s": "kr8s_client",
    "kubernetes (official)": "kubernetes_client",
}
GO = "client-go clientset (Go)"
KUBECTL = "kubectl get pods"


@dataclass
class Row:
    program: str
    argv: list[str]
    walls: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    problem: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.walls and not self.problem else None


def programs(kubeconfig: Path, kubectl: Path) -> list[Row]:
    from tests.envtest import goprograms

    go = goprograms.ensure(log=sys.stderr)["clientset"]
    rows = [
        Row(KUBECTL, [str(kubectl), f"--kubeconfig={kubeconfig}", "get", "pods", "-n", NAMESPACE])
    ]
    rows.append(Row(GO, [str(go), str(kubeconfig), NAMESPACE]))
    for name, module in PYTHON_CLIENTS.items():
        # By path, not ``-m``: the program sees the installed kctl, as a user's program would.
        script = REPO_ROOT / "bench" / "clients" / f"{module}.py"
        argv = [sys.executable, str(script), str(kubeconfig), NAMESPACE]
        rows.append(Row(name, argv))
    return rows


def _environ(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_"))}
    # A private HOME: no client finds a cache or config of the developer's; kubectl's discovery
    # cache lives there and is warmed by the warm-up run, as in the get-pods-20 scenario.
    env["HOME"] = str(home)
    env.pop("PYTHONPATH", None)
    return env


def measure(rows: list[Row], runs: int, home: Path, time_binary: str | None) -> None:
    env = _environ(home)
    expected: bytes | None = None
    for row in rows:  # warm-up: outputs checked, caches (kubectl's discovery, .pyc) filled
        m = runner.run(row.argv, env, keep_stdout=True, time_binary=time_binary, timeout=120)
        if m.exit_code != 0:
            row.problem = f"exit {m.exit_code}: {m.stderr.decode(errors='replace')[-300:]}"
        elif row.program == GO:
            expected = m.stdout
        elif row.program != KUBECTL and expected is not None and m.stdout != expected:
            row.problem = "printed something else than the Go program"
        elif row.program == KUBECTL and len(m.stdout.splitlines()) != PODS + 1:
            row.problem = f"kubectl listed {len(m.stdout.splitlines()) - 1} pods, not {PODS}"
    if expected is None or len(expected.splitlines()) != PODS:
        raise BenchError(f"the Go program did not list {PODS} pods in {NAMESPACE}")
    live = [r for r in rows if not r.problem]
    for i in range(runs):
        order = live[i % len(live) :] + live[: i % len(live)]  # alternate who goes first
        for row in order:
            m = runner.run(row.argv, env, time_binary=time_binary, timeout=120)
            if m.exit_code != 0:
                row.problem = f"exit {m.exit_code} in run {i + 1}"
                continue
            row.walls.append(m.wall)
            row.rss.append(m.max_rss)


def render(rows: list[Row], meta: dict[str, str]) -> str:
    base = next(r.median for r in rows if r.program == KUBECTL)
    lines = [
        f"# Library benchmark: list {PODS} pods in a namespace",
        "",
        f"{meta['date']}, {meta['runs']} runs each (medians, alternating order), "
        f"load average {meta['load']} at start. Ratio: the program's time / `kubectl get pods`'s.",
        "",
        "| program | median | ratio to kubectl | peak RSS | note |",
        "|---|---:|---:|---:|---|",
    ]
    for r in rows:
        rss = f"{statistics.median(r.rss) / 2**20:.0f} MiB" if r.rss else "-"
        ratio = format_ratio(r.median / base) if r.median and base else "-"
        lines.append(
            f"| {r.program} | {format_seconds(r.median)} | {ratio} | {rss} | {r.problem} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.library", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int)
    p.add_argument("--kubeconfig")
    p.add_argument("--kubectl")
    p.add_argument("--no-seed", action="store_true")
    args = p.parse_args(argv)
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    runs = args.runs or int(os.environ.get("BENCH_RUNS") or (1 if quick else RUNS))
    try:
        kubeconfig = find_kubeconfig(args.kubeconfig, os.environ)
        kubectl = find_kubectl(args.kubectl, os.environ)
        client = AdminClient(load_admin(kubeconfig))
        try:
            if not args.no_seed:
                seed.ensure_pods(client, NAMESPACE, PODS)
        finally:
            client.close()
        rows = programs(kubeconfig, kubectl)
        import tempfile

        load = f"{os.getloadavg()[0]:.2f}"
        with tempfile.TemporaryDirectory(prefix="kctl-bench-library-") as home:
            measure(rows, runs, Path(home), runner.gnu_time())
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "runs": str(runs),
        "load": load,
    }
    text = render(rows, meta)
    print(text)
    stem = RESULTS / ("library-quick" if quick else "library-latest")
    report.write_pair(stem, text, {"meta": meta, "rows": [asdict(r) for r in rows]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
