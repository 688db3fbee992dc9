"""``python -m bench [scenario ...]``: run kctl and kubectl side by side and write the table.

Environment: ``BENCH_QUICK=1`` (one counted run, small data), ``BENCH_RUNS=N`` (counted runs per
tool), ``KCTL_KUBECTL`` (the kubectl to compare with), ``KCTL_BENCH_KUBECONFIG``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import runner, scenarios, suite
from bench.cluster import (
    REPO_ROOT,
    AdminClient,
    BenchError,
    find_kubeconfig,
    find_kubectl,
    load_admin,
)
from bench.report import ScenarioResult, render_markdown, write

RESULTS = REPO_ROOT / "bench" / "results"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark kctl against kubectl on the same control plane.",
    )
    p.add_argument("scenario", nargs="*", help="scenarios to run (default: all); see --list")
    p.add_argument("--list", action="store_true", help="list the scenarios and exit")
    p.add_argument("--quick", action="store_true", help="one run each, small data (BENCH_QUICK=1)")
    p.add_argument("--runs", type=int, help="counted runs per tool (BENCH_RUNS)")
    p.add_argument("--no-seed", action="store_true", help="use the data that is there")
    p.add_argument("--kubeconfig", help="admin kubeconfig (default: .devcluster/kubeconfig)")
    p.add_argument("--kubectl", help="kubectl binary (default: $KCTL_KUBECTL)")
    p.add_argument(
        "--out",
        help="write <OUT>.md and <OUT>.json (default: bench/results/latest for the full set, "
        "bench/results/quick in quick mode, bench/results/partial for a subset)",
    )
    return p


def _kctl_program() -> list[str]:
    """The installed console script next to this interpreter: what a user runs."""
    script = Path(sys.executable).with_name("kctl")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kctl"]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list:
        for sc in scenarios.SCENARIOS:
            print(f"{sc.name:26} {sc.measures}")
        return 0
    unknown = [name for name in args.scenario if name not in scenarios.BY_NAME]
    if unknown:
        print(
            f"error: unknown scenario(s) {', '.join(unknown)}; "
            f"choose from {', '.join(scenarios.BY_NAME)}",
            file=sys.stderr,
        )
        return 2
    quick = args.quick or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    runs_env = os.environ.get("BENCH_RUNS")
    try:
        forced_runs = args.runs or (int(runs_env) if runs_env else None)
    except ValueError:
        print(f"error: BENCH_RUNS={runs_env!r} is not a number", file=sys.stderr)
        return 2
    if forced_runs is not None and forced_runs < 1:
        print("error: runs must be at least 1", file=sys.stderr)
        return 2
    selected = [scenarios.BY_NAME[n] for n in args.scenario] or list(scenarios.SCENARIOS)
    full_set = len(selected) == len(scenarios.SCENARIOS) and not quick
    default_name = "latest" if full_set else "quick" if quick else "partial"
    stem = Path(args.out) if args.out else RESULTS / default_name

    try:
        kubeconfig = find_kubeconfig(args.kubeconfig, os.environ)
        kubectl = find_kubectl(args.kubectl, os.environ)
        tools = suite.Tools(
            kctl=_kctl_program(),
            kubectl=[str(kubectl)],
            kubeconfig=kubeconfig,
            time_binary=runner.gnu_time(),
        )
        client = AdminClient(load_admin(kubeconfig))
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    def runs_for(sc: scenarios.Scenario) -> int:
        if forced_runs is not None:
            return forced_runs
        return 1 if quick else sc.runs

    started = time.monotonic()
    load_at_start = suite.load_average()
    results: list[ScenarioResult] = []
    try:
        if not args.no_seed:
            suite.seed_for(selected, client, quick, lambda m: print(m, file=sys.stderr, flush=True))
        with tempfile.TemporaryDirectory(prefix="kctl-bench-run-") as tmp:
            for sc in selected:
                t0 = time.monotonic()
                print(f"[bench] {sc.name} ...", file=sys.stderr, flush=True)
                data = suite.describe_data(sc, client)
                result = suite.run_scenario(sc, tools, Path(tmp) / sc.name, runs_for(sc), data)
                results.append(result)
                print(
                    f"[bench] {sc.name}: done in {time.monotonic() - t0:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
        runs_text = "/".join(str(n) for n in sorted({runs_for(sc) for sc in selected}))
        meta = suite.meta_for(tools, quick, runs_text, load_at_start)
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        client.close()

    print(render_markdown(meta, results))
    md, js = write(meta, results, stem)
    print(
        f"[bench] wrote {md} and {js} in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
