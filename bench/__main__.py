"""``python -m bench [scenario ...]``: run kctl and kubectl side by side and write the table.

Environment: ``BENCH_QUICK=1`` (one counted run, small data), ``BENCH_RUNS=N`` (counted runs per
tool), ``BENCH_SCALE=large`` (the scale scenarios instead of the ordinary ones: 50,000 realistic
pods and 300 CRD groups, seeded once and left in the cluster), ``KCTL_KUBECTL`` (the kubectl to
compare with), ``KCTL_BENCH_KUBECONFIG``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench import fixtures, floor, runner, scenarios, suite
from bench.cluster import (
    REPO_ROOT,
    AdminClient,
    AdminCredentials,
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
    p.add_argument(
        "--scale",
        choices=("", "large"),
        help="large: the scale scenarios (BENCH_SCALE=large; not for CI)",
    )
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
    scale = args.scale if args.scale is not None else os.environ.get("BENCH_SCALE", "")
    if scale not in ("", "large"):
        print(f"error: BENCH_SCALE={scale!r}: the only scale is 'large'", file=sys.stderr)
        return 2
    large = scale == "large"
    named = [scenarios.BY_NAME[n] for n in args.scenario]
    # Without names: the ordinary set, or with BENCH_SCALE=large the scale set. The set not run
    # is still listed in the report, as skipped, so every scenario shows up.
    selected = named or [sc for sc in scenarios.SCENARIOS if sc.scale == large]
    skipped = [] if named else [sc for sc in scenarios.SCENARIOS if sc.scale != large]
    full_set = not named and not quick
    default_name = ("large" if large else "latest") if full_set else "quick" if quick else "partial"
    stem = Path(args.out) if args.out else RESULTS / default_name

    try:
        kubeconfig = find_kubeconfig(args.kubeconfig, os.environ)
        kubectl = find_kubectl(args.kubectl, os.environ)
        tools = suite.Tools(
            kctl=_kctl_program(),
            kubectl=[str(kubectl)],
            kubeconfig=kubeconfig,
            time_binary=runner.gnu_time(),
            floor=[*floor.LAUNCH, floor.compiled()],
        )
        tools.kctl_tab = suite.completion_launcher(tools.kctl)
        creds = load_admin(kubeconfig)
        client = AdminClient(creds)
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
    seeding = ""
    try:
        if not args.no_seed:
            seconds = suite.seed_for(
                selected, client, quick, lambda m: print(m, file=sys.stderr, flush=True)
            )
            seeding = f"{seconds:.0f} s"
        with tempfile.TemporaryDirectory(prefix="kctl-bench-run-") as tmp:
            for sc in selected:
                t0 = time.monotonic()
                print(f"[bench] {sc.name} ...", file=sys.stderr, flush=True)
                data = suite.describe_data(sc, client)
                workdir = Path(tmp) / sc.name
                workdir.mkdir(parents=True)
                with _connection(sc, creds, client, workdir) as config:
                    floor_dir = workdir / "floor"
                    if sc.floor == "get":
                        server = fixtures.server_of(config) if config else creds.server
                        floor.write_credentials(
                            floor_dir, server, creds.ca_data, creds.cert_data, creds.key_data
                        )
                    result = suite.run_scenario(
                        sc,
                        tools,
                        workdir,
                        runs_for(sc),
                        data,
                        kubeconfig=config,
                        floor_credentials=floor_dir,
                    )
                results.append(result)
                print(
                    f"[bench] {sc.name}: done in {time.monotonic() - t0:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
        for sc in skipped:
            why = "BENCH_SCALE=large only" if sc.scale else "not part of BENCH_SCALE=large"
            results.append(ScenarioResult(name=sc.name, measures=sc.measures, skipped=why))
        runs_text = "/".join(str(n) for n in sorted({runs_for(sc) for sc in selected}))
        meta = suite.meta_for(tools, quick, runs_text, load_at_start)
        meta.seeding = seeding
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


@contextlib.contextmanager
def _connection(
    sc: scenarios.Scenario, creds: AdminCredentials, client: AdminClient, workdir: Path
) -> Iterator[Path | None]:
    """The kubeconfig a scenario runs with: None for the admin one."""
    if sc.connection == "exec":
        yield fixtures.exec_kubeconfig(creds, client, workdir)
    elif sc.connection == "latency":
        with fixtures.latency_kubeconfig(creds, workdir) as path:
            yield path
    else:
        yield None


if __name__ == "__main__":
    sys.exit(main())
