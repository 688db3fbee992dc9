"""``python -m bench.watch``: ``get -w`` side by side, kctl against kubectl.

Two scenarios, each tool alone on the machine in turn (runs alternate who goes first):

- **watch-start**: ``get pods -A -w`` over the bench pods (5,000; 50 with ``BENCH_QUICK=1``).
  Measured from the start of the process: the first row on stdout, and the last row of the
  initial list (its header plus one row per pod in the cluster). The watch is then stopped.
- **watch-events**: ``get configmaps -n NS -w --watch-only`` on an empty namespace, then 2,000
  ConfigMaps (200 quick) created as fast as the server takes them (16 writers). Measured: the
  time from the first create to the last event's row, the worst lag of a row behind its create
  returning, and the process's RSS after a quarter of the events and at the end (a flat watch
  keeps them close: it holds column widths, not rows).

Output is checked, not just timed: each tool must print every pod / every ConfigMap name once.
Writes ``bench/results/watch-<latest|quick>.{md,json}``. Environment as for ``python -m bench``:
``BENCH_QUICK=1``, ``BENCH_RUNS=N``, ``KCTL_KUBECTL``, ``KCTL_BENCH_KUBECONFIG``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import report, scenarios, seed
from bench.cluster import (
    REPO_ROOT,
    AdminClient,
    APIError,
    BenchError,
    find_kubeconfig,
    find_kubectl,
    load_admin,
)
from bench.stats import format_ratio, format_seconds

RESULTS = REPO_ROOT / "bench" / "results"
EVENTS_NS = "bench-watch"
FULL_EVENTS, QUICK_EVENTS = 2000, 200
RUNS, QUICK_RUNS = 3, 1
WRITERS = 16
TIMEOUT = 300.0


class Lines:
    """A process's stdout, line by line with the time each line arrived (monotonic)."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.times: list[float] = []
        self.lines: list[bytes] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        pending = b""
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                return
            now = time.monotonic()
            pending += chunk
            *done, pending = pending.split(b"\n")
            with self._lock:
                self.lines.extend(done)
                self.times.extend([now] * len(done))

    def count(self) -> int:
        with self._lock:
            return len(self.lines)

    def wait_for(self, n: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= n:
                return True
            if self.proc.poll() is not None:
                return self.count() >= n
            time.sleep(0.005)
        return False


def rss_bytes(pid: int) -> int:
    """The process's resident set now (VmRSS), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def first_words(lines: list[bytes]) -> list[str]:
    return [line.split()[0].decode() for line in lines if line.strip()]


@dataclass
class Tool:
    name: str
    argv: list[str]  # the program and its global flags; the scenario adds the rest
    first_row: list[float] = field(default_factory=list)
    last_row: list[float] = field(default_factory=list)
    all_events: list[float] = field(default_factory=list)
    worst_lag: list[float] = field(default_factory=list)
    rss_quarter: list[int] = field(default_factory=list)
    rss_end: list[int] = field(default_factory=list)
    problem: str = ""


def _start(tool: Tool, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*tool.argv, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def watch_start(tool: Tool, env: dict[str, str], pods: int) -> None:
    """One run of ``get pods -A -w``: first row and last initial row."""
    started = time.monotonic()
    proc = _start(tool, ["get", "pods", "-A", "-w"], env)
    out = Lines(proc)
    try:
        if not out.wait_for(pods + 1, TIMEOUT):
            tool.problem = f"printed {max(0, out.count() - 1)} of {pods} rows"
            return
        tool.first_row.append(out.times[1] - started)
        tool.last_row.append(out.times[pods] - started)
    finally:
        _stop(proc)


def _clear(client: AdminClient) -> None:
    status, doc = client.request("DELETE", f"/api/v1/namespaces/{EVENTS_NS}/configmaps")
    if status != 200:
        raise APIError(status, str(doc).encode())


def watch_events(
    tool: Tool, env: dict[str, str], client: AdminClient, events: int, run: int
) -> None:
    """One run of ``get cm --watch-only`` while ``events`` ConfigMaps are created."""
    _clear(client)
    proc = _start(tool, ["get", "configmaps", "-n", EVENTS_NS, "-w", "--watch-only"], env)
    out = Lines(proc)
    try:
        time.sleep(3.0)  # listed and watching (the list is empty: nothing to wait for)
        names = [f"w{run:02d}-{i:05d}" for i in range(events)]
        created: dict[str, float] = {}
        rss_samples: list[tuple[int, int]] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                rss_samples.append((out.count(), rss_bytes(proc.pid)))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()

        def create(name: str) -> None:
            body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}}
            status, doc = client.request("POST", f"/api/v1/namespaces/{EVENTS_NS}/configmaps", body)
            if status != 201:
                raise APIError(status, str(doc).encode())
            created[name] = time.monotonic()

        t0 = time.monotonic()
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            list(pool.map(create, names))
        ok = out.wait_for(events + 1, TIMEOUT)  # the header comes with the first event
        stop.set()
        sampler.join()
        if not ok:
            tool.problem = f"printed {max(0, out.count() - 1)} of {events} events"
            return
        rows = out.lines[1 : events + 1]
        if sorted(first_words(rows)) != sorted(names):
            tool.problem = "did not print each ConfigMap exactly once"
            return
        arrived = dict(zip(first_words(rows), out.times[1 : events + 1], strict=True))
        tool.all_events.append(max(arrived.values()) - t0)
        tool.worst_lag.append(max(arrived[n] - created[n] for n in names))
        quarter = next((rss for n, rss in rss_samples if n >= events // 4 and rss), 0)
        tool.rss_quarter.append(quarter)
        tool.rss_end.append(rss_bytes(proc.pid))
    finally:
        _stop(proc)
        _clear(client)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def render(tools: list[Tool], meta: dict[str, str]) -> str:
    kctl, kubectl = tools

    def ratio(attr: str) -> str:
        a, b = _median(getattr(kctl, attr)), _median(getattr(kubectl, attr))
        return format_ratio(a / b) if a and b else "n/a"

    def mib(values: list[int]) -> str:
        return f"{statistics.median(values) / 2**20:.0f} MiB" if values else "n/a"

    lines = [
        "# Watch benchmark: `get -w`, kctl against kubectl",
        "",
        f"{meta['date']}, {meta['runs']} runs each (medians, alternating order), "
        f"{meta['pods']} pods, {meta['events']} events, load average {meta['load']} at start.",
        "",
        "| measure | kctl | kubectl | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, attr in (
        ("`get pods -A -w`: first row", "first_row"),
        ("`get pods -A -w`: last initial row", "last_row"),
        ("events: first create to last row", "all_events"),
        ("events: worst lag of a row behind its create", "worst_lag"),
    ):
        lines.append(
            f"| {label} | {format_seconds(_median(getattr(kctl, attr)))} | "
            f"{format_seconds(_median(getattr(kubectl, attr)))} | {ratio(attr)} |"
        )
    lines.append(
        f"| events: RSS after 1/4 of them → at the end | {mib(kctl.rss_quarter)} → "
        f"{mib(kctl.rss_end)} | {mib(kubectl.rss_quarter)} → {mib(kubectl.rss_end)} | |"
    )
    for tool in tools:
        if tool.problem:
            lines.append(f"\n{tool.name}: {tool.problem}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.watch", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int)
    p.add_argument("--kubeconfig")
    p.add_argument("--kubectl")
    p.add_argument("--no-seed", action="store_true")
    args = p.parse_args(argv)
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    runs = args.runs or int(os.environ.get("BENCH_RUNS") or (QUICK_RUNS if quick else RUNS))
    events = QUICK_EVENTS if quick else FULL_EVENTS
    try:
        kubeconfig = find_kubeconfig(args.kubeconfig, os.environ)
        kubectl = find_kubectl(args.kubectl, os.environ)
        client = AdminClient(load_admin(kubeconfig))
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    script = Path(sys.executable).with_name("kctl")
    kctl_program = [str(script)] if script.is_file() else [sys.executable, "-m", "kctl"]
    tools = [
        Tool("kctl", [*kctl_program, f"--kubeconfig={kubeconfig}"]),
        Tool("kubectl", [str(kubectl), f"--kubeconfig={kubeconfig}"]),
    ]
    load = f"{os.getloadavg()[0]:.2f}"
    try:
        if not args.no_seed:
            for ns, count in scenarios.pods_plan(quick).items():
                seed.ensure_pods(client, ns, count)
        seed.ensure_namespace(client, EVENTS_NS)
        pods = seed.count_pods(client)
        with tempfile.TemporaryDirectory(prefix="kctl-bench-watch-") as home:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "KCTL_"))}
            env["HOME"] = home  # private caches, filled by the warm-up below
            env.pop("PYTHONPATH", None)
            for tool in tools:  # warm-up: discovery caches, .pyc files
                subprocess.run(
                    [*tool.argv, "get", "pods", "-n", EVENTS_NS],
                    env=env,
                    capture_output=True,
                    check=False,
                )
            for i in range(runs):
                order = tools if i % 2 == 0 else tools[::-1]
                for tool in order:
                    print(f"[bench] watch-start {tool.name} run {i + 1}", file=sys.stderr)
                    watch_start(tool, env, pods)
                for tool in order:
                    print(f"[bench] watch-events {tool.name} run {i + 1}", file=sys.stderr)
                    watch_events(tool, env, client, events, i * 2 + tools.index(tool))
    except (BenchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "runs": str(runs),
        "pods": str(pods),
        "events": str(events),
        "load": load,
    }
    text = render(tools, meta)
    print(text)
    stem = RESULTS / ("watch-quick" if quick else "watch-latest")
    report.write_pair(stem, text, {"meta": meta, "tools": [asdict(r) for r in tools]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
