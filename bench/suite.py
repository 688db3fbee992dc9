"""Run scenarios side by side: seed, warm or clear caches, alternate kctl and kubectl, count
requests, and collect the results the report renders."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import reqlog, runner, scenarios, seed
from bench.cluster import REPO_ROOT, AdminClient
from bench.report import (
    Meta,
    ScenarioResult,
    ToolResult,
    importtime_by_package,
    parse_importtime,
)
from bench.scenarios import Scenario
from bench.stats import Summary

# Variables that would point either tool somewhere else than the bench's kubeconfig and caches,
# or route one of them (Go skips proxies for loopback, requests does not) through a proxy.
_SCRUBBED = {
    "KUBECONFIG",
    "KUBECACHEDIR",
    "XDG_CACHE_HOME",
    "FORCE_COLOR",
    "KUBERC",
    *(p + "_PROXY" for p in ("HTTP", "HTTPS", "ALL", "NO")),
    *(p + "_proxy" for p in ("http", "https", "all", "no")),
}


@dataclass
class Tools:
    """How to start each tool, and the kubeconfig both use."""

    kctl: list[str]
    kubectl: list[str]
    kubeconfig: Path
    time_binary: str | None = None  # GNU time, for the command's own peak RSS
    floor: list[str] | None = None  # the interpreter and bench/floor.py (None: no floor runs)
    kctl_tab: list[str] | None = None  # what a shell's TAB runs (the completion launcher)


@dataclass
class Options:
    quick: bool = False
    runs: int | None = None  # overrides every scenario's own count
    seed: bool = True
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)


def _env(tools: Tools, cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env["KUBECONFIG"] = str(tools.kubeconfig)
    # kctl reads KUBECACHEDIR; kubectl's --cache-dir defaults to it too, which keeps the flag out
    # of argv (where it would have to sit differently for a completion request).
    env["KUBECACHEDIR"] = str(cache_dir)
    env["KUBERC"] = "off"  # no personal kubectl preferences (aliases, default flags)
    env["NO_COLOR"] = "1"
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    return env


def _reset(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)


def _reason(m: runner.Measurement) -> str:
    lines = [ln for ln in m.stderr.decode(errors="replace").splitlines() if ln.strip()]
    tail = lines[-1].strip() if lines else "(no message)"
    if len(tail) > 200:
        tail = tail[:200] + "..."
    return f"exit {m.exit_code}: {tail}"


class _Side:
    """One tool within one scenario: its argv, environment and measurements."""

    def __init__(
        self,
        label: str,
        program: list[str],
        args: list[str],
        cache: Path,
        tools: Tools,
        fresh: tuple[str, ...] = (),
        kubeconfig: Path | None = None,
        cold_keeps: tuple[str, ...] = (),
    ):
        self.label = label
        self.fresh = [cache / rel for rel in fresh]
        self.cold_keeps = set(cold_keeps)
        self.argv = [*program, *args]
        self.program = program
        self.args = args
        self.cache = cache
        self.env = _env(tools, cache)
        if kubeconfig is not None:
            self.env["KUBECONFIG"] = str(kubeconfig)
        self.time_binary = tools.time_binary
        self.walls: list[float] = []
        self.rss: list[int] = []
        self.rss_exact = True
        self.result = ToolResult()

    def prepare(self, cold: bool) -> None:
        if cold and self.cold_keeps:
            for entry in self.cache.iterdir():
                if entry.name in self.cold_keeps:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        elif cold:
            _reset(self.cache)
        for path in self.fresh:
            shutil.rmtree(path, ignore_errors=True)

    def once(self, cold: bool, keep: bool = False) -> runner.Measurement | None:
        self.prepare(cold)
        m = runner.run(self.argv, self.env, keep_stdout=keep, time_binary=self.time_binary)
        self.rss_exact = self.rss_exact and m.rss_exact
        if m.exit_code != 0:
            self.result.error = _reason(m)
            return None
        return m

    def counted(self, cold: bool) -> None:
        if self.result.error:
            return
        m = self.once(cold)
        if m is not None:
            self.walls.append(m.wall)
            self.rss.append(m.max_rss)

    def finish(self) -> ToolResult:
        if self.walls and not self.result.error:
            self.result.wall = Summary.of(self.walls)
            self.result.max_rss = max(self.rss)
        return self.result


def run_scenario(
    sc: Scenario,
    tools: Tools,
    workdir: Path,
    runs: int,
    data: str,
    kubeconfig: Path | None = None,
    floor_credentials: Path | None = None,
) -> ScenarioResult:
    """Measure one scenario; ``kubeconfig`` replaces the admin one (exec plugin, delay line);
    ``floor_credentials`` is where bench/floor.py finds the server and TLS files."""
    result = ScenarioResult(name=sc.name, measures=sc.measures, data=data)
    cold = sc.cache == "cold"
    kctl = _Side(
        "kctl",
        tools.kctl_tab if sc.tab and tools.kctl_tab else tools.kctl,
        sc.argv(sc.kctl),
        workdir / "kctl-cache",
        tools,
        sc.kctl_fresh,
        kubeconfig,
        sc.kctl_cold_keeps,
    )
    kubectl = _Side(
        "kubectl",
        tools.kubectl,
        sc.argv(sc.kubectl),
        workdir / "kubectl-cache",
        tools,
        kubeconfig=kubeconfig,
    )
    floors: list[_Side] = []
    if sc.floor and tools.floor:
        for label, args in (
            ("interpreter", ["bare"]),
            ("floor", sc.floor_args(floor_credentials or workdir / "floor")),
        ):
            floors.append(_Side(label, tools.floor, args, workdir / f"{label}-cache", tools))
    sides = (kctl, kubectl)
    for side in (*sides, *floors):
        _reset(side.cache)
    if sc.prime:
        for side, prime in ((kctl, scenarios.KCTL_PRIME), (kubectl, scenarios.KUBECTL_PRIME)):
            m = runner.run([*side.program, *prime], side.env)
            if m.exit_code != 0:
                result.notes.append(f"{side.label} could not fill its cache ({_reason(m)})")

    # Warm-up: fills warm caches, and shows whether kctl has this command at all.
    outputs = {side.label: side.once(cold, keep=sc.keep_output) for side in sides}
    k_out, ref_out = outputs["kctl"], outputs["kubectl"]
    if k_out is not None and ref_out is not None:
        problem = compare(sc, k_out, ref_out)
        if problem:
            # Timing a command that does less than kubectl's would flatter it: no ratio.
            result.output_differs = True
            result.notes.append(f"output differs, no ratio: {problem}")

    for side in list(floors):
        if side.once(cold) is None:
            result.notes.append(f"{side.label} n/a: {side.result.error}")
            floors.remove(side)
    timed = (*sides, *floors)
    for _ in range(runs):  # A B A B ... (A B C D with the floors)
        for side in timed:
            side.counted(cold)

    if sc.count_requests:
        verbose_argv = {
            "kctl": [*kctl.program, *sc.kctl_verbose(kctl.args)],
            "kubectl": [*kubectl.program, *sc.kubectl_verbose(kubectl.args)],
        }
        for side in sides:
            if side.result.error:
                continue
            if side is kctl and not sc.kctl_logs_requests:
                result.notes.append("kctl requests unknown: this path writes no -v log")
                continue
            side.prepare(cold)
            m = runner.run(verbose_argv[side.label], side.env)
            if m.exit_code == 0:
                log = m.stderr.decode(errors="replace")
                side.result.requests = reqlog.count(log)
                side.result.request_ms = reqlog.milliseconds(log)
            else:
                result.notes.append(f"{side.label} -v run failed ({_reason(m)})")

    if sc.import_packages and not kctl.result.error:
        result.import_packages = importtime_packages(tools, kctl.env, kctl.args)

    if sc.import_time and not kctl.result.error:
        result.import_top, heavy = import_profile(tools, kctl.env)
        result.notes.append(
            "kctl --help imported " + (", ".join(heavy) if heavy else "none of requests/rich/yaml")
        )

    result.kctl, result.kubectl = kctl.finish(), kubectl.finish()
    for side in floors:
        if side.label == "floor":
            result.floor = side.finish()
        else:
            result.interpreter = side.finish()
    if not (kctl.rss_exact and kubectl.rss_exact):
        result.notes.append(
            "RSS from wait4 (GNU time not found): includes the harness's own high-water mark"
        )
    return result


def compare(sc: Scenario, kctl: runner.Measurement, kubectl: runner.Measurement) -> str | None:
    """What is wrong with kctl's warm-up output next to kubectl's, or None."""
    if sc.check and sc.keep_output:
        problem = sc.check(kctl.stdout, kubectl.stdout)
        if problem:
            return problem
    if sc.identical and kctl.digest != kubectl.digest:
        return (
            f"stdout not byte-identical ({kctl.stdout_bytes:,} bytes from kctl, "
            f"{kubectl.stdout_bytes:,} from kubectl)"
        )
    return None


def completion_launcher(kctl: list[str]) -> list[str] | None:
    """The argv a shell's completion script runs for each TAB (it asks once per shell); None
    when kctl cannot say (the console script is then timed)."""
    done = subprocess.run(
        [*kctl, "__completion_launcher"], capture_output=True, text=True, check=False
    )
    lines = done.stdout.splitlines()
    return lines if done.returncode == 0 and lines else None


def _importtime(tools: Tools, env: dict[str, str], args: list[str]) -> str:
    """``python -X importtime -m kctl ARGS``'s report (the third run: bytecode and kctl's
    caches warm)."""
    python = tools.kctl[0] if tools.kctl[0].endswith(("python", "python3")) else sys.executable
    m = None
    for _ in range(3):
        m = runner.run([python, "-X", "importtime", "-m", "kctl", *args], env)
    assert m is not None
    return m.stderr.decode(errors="replace")


def importtime_packages(
    tools: Tools, env: dict[str, str], args: list[str]
) -> list[tuple[str, int]]:
    """A command's import time per package."""
    return importtime_by_package(_importtime(tools, env, args))


def import_profile(
    tools: Tools, env: dict[str, str]
) -> tuple[list[tuple[str, int, int]], list[str]]:
    """``kctl --help``'s slowest imports, and which heavy packages it loaded."""
    text = _importtime(tools, env, ["--help"])
    imported = {line.split("|")[2].strip() for line in text.splitlines() if line.count("|") == 2}
    heavy: list[str] = sorted(n for n in ("requests", "rich", "yaml") if n in imported)
    return parse_importtime(text), heavy


def seed_for(
    selected: Sequence[Scenario], client: AdminClient, quick: bool, log: Callable[[str], None]
) -> float:
    """Create what the selected scenarios need; returns the seconds it took."""
    plan = scenarios.pods_plan(quick)
    scale = any(sc.scale for sc in selected)
    wanted = sorted({ns for sc in selected for ns in sc.pods})
    started = time.monotonic()
    if any(sc.crds for sc in selected):
        seed.ensure_crds(client, scenarios.crd_count(quick, scale))
    for ns in wanted:
        if ns in scenarios.SCALE_PODS:
            seed.ensure_pods(client, ns, scenarios.SCALE_PODS[ns], realistic=True)
        else:
            seed.ensure_pods(client, ns, plan[ns])
    seconds = time.monotonic() - started
    log(f"[seed] data ready in {seconds:.1f} s")
    return seconds


def describe_data(sc: Scenario, client: AdminClient) -> str:
    parts = []
    if sc.pods:
        if sc.namespace:
            parts.append(f"{seed.count_pods(client, [sc.namespace]):,} pods in {sc.namespace}")
        else:
            parts.append(f"{seed.count_pods(client):,} pods in the cluster")
    if sc.crds:
        groups = client.get("/apis").get("groups") or []
        parts.append(f"{len(groups) + 1} API groups")
    return ", ".join(parts)


def versions(tools: Tools) -> tuple[str, str, str]:
    """(kctl, kubectl client, server) versions; "unknown" where a tool cannot say."""
    env = _env(tools, Path(tempfile.gettempdir()) / "kctl-bench-version-cache")
    try:
        import kctl

        kctl_version = kctl.__version__
    except Exception:  # noqa: BLE001 - a broken package still deserves a report
        kctl_version = "unknown"
    kctl_version += _git_describe()
    client = server = "unknown"
    proc = subprocess.run(
        [*tools.kubectl, "version", "-o", "json"], capture_output=True, env=env, check=False
    )
    try:
        doc = json.loads(proc.stdout)
        client = doc.get("clientVersion", {}).get("gitVersion", client)
        server = doc.get("serverVersion", {}).get("gitVersion", server)
    except ValueError:
        pass
    return kctl_version, client, server


def _git_describe() -> str:
    """`` (abc1234)`` or `` (abc1234+changes)`` for the working tree; read-only git calls
    (GIT_OPTIONAL_LOCKS=0 keeps `git status` from refreshing the index)."""
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(
                ["git", "-C", str(REPO_ROOT), *args],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
        except OSError:
            return ""
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return ""
    dirty = git("status", "--porcelain", "--", "kctl")
    return f" ({commit}{'+changes' if dirty else ''})"


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def meta_for(tools: Tools, quick: bool, runs_text: str, load_at_start: float) -> Meta:
    kctl_version, client, server = versions(tools)
    return Meta(
        date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        cores=os.cpu_count() or 0,
        python=platform.python_version(),
        kctl_version=kctl_version,
        kubectl_version=client,
        server_version=server,
        quick=quick,
        runs=runs_text,
        load=f"{load_at_start:.1f} at start, {load_average():.1f} at end",
    )
