"""Results of a bench session and their two renderings: a Markdown table and JSON (pure)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import Summary, format_bytes, format_ratio, format_seconds, ratio


@dataclass
class ToolResult:
    """One tool's side of a scenario. ``error`` set means it could not be measured."""

    wall: Summary | None = None
    max_rss: int | None = None  # bytes, the highest peak over the counted runs
    requests: int | None = None
    request_ms: int | None = None  # the logged response times of the -v 6 run, added up
    error: str | None = None

    @property
    def median(self) -> float | None:
        return self.wall.median if self.wall else None


@dataclass
class ScenarioResult:
    name: str
    measures: str
    data: str = ""
    kctl: ToolResult = field(default_factory=ToolResult)
    kubectl: ToolResult = field(default_factory=ToolResult)
    floor: ToolResult | None = None  # the Python floor (bench/floor.py), where measured
    interpreter: ToolResult | None = None  # the interpreter alone (floor.py bare), likewise
    notes: list[str] = field(default_factory=list)
    import_top: list[tuple[str, int, int]] = field(default_factory=list)  # name, self µs, cum µs
    # the command's own import time per package (self µs), where the scenario asks for it
    import_packages: list[tuple[str, int]] = field(default_factory=list)
    output_differs: bool = False  # kctl's output failed the scenario's check: no ratio
    skipped: str = ""  # why the scenario was not run (the scale set without BENCH_SCALE=large)

    @property
    def ratio(self) -> float | None:
        if self.output_differs:
            return None
        return ratio(self.kctl.median, self.kubectl.median)

    @property
    def floor_ratio(self) -> float | None:
        """The Python floor over kubectl: the best ratio a click-based client could reach."""
        return ratio(self.floor.median, self.kubectl.median) if self.floor else None


@dataclass
class Meta:
    date: str
    cores: int
    python: str
    kctl_version: str
    kubectl_version: str
    server_version: str
    quick: bool
    runs: str  # "10", or "1/10" when scenarios differ
    load: str = ""  # 1-minute load average at start and end: other work skews the times
    seeding: str = ""  # how long creating the data took in this session


def _requests(tool: ToolResult) -> str:
    return "n/a" if tool.requests is None else str(tool.requests)


def _median(tool: ToolResult) -> str:
    return "n/a" if tool.error or tool.wall is None else format_seconds(tool.wall.median)


def _spread(tool: ToolResult) -> str:
    if tool.error or tool.wall is None:
        return "n/a"
    w = tool.wall
    return f"{format_seconds(w.minimum)} / {format_seconds(w.median)} / {format_seconds(w.maximum)}"


def _ms(value: int | None) -> str:
    return "n/a" if value is None else f"{value} ms"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(meta: Meta, results: list[ScenarioResult]) -> str:
    """The report: the summary table, min/median/max per tool, then notes and import times."""
    out: list[str] = []
    mode = " (quick mode: one run each, small data)" if meta.quick else ""
    out.append(f"# kctl vs kubectl{mode}\n")
    out.append(
        f"{meta.date} · {meta.cores} cores · Python {meta.python} · kctl {meta.kctl_version} · "
        f"kubectl {meta.kubectl_version} · server {meta.server_version} · "
        f"counted runs per tool: {meta.runs} (after one warm-up; kctl and kubectl alternate)"
        + (f" · load average {meta.load}" if meta.load else "")
        + (f" · seeding {meta.seeding}" if meta.seeding else "")
        + "\n"
    )
    out.append(
        "| scenario | kubectl median | kctl median | kctl/kubectl | kubectl RSS | kctl RSS "
        "| kubectl requests | kctl requests |"
    )
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|")
    for r in results:
        if r.skipped:
            out.append(f"| {_cell(r.name)} | skipped | skipped | n/a | n/a | n/a | n/a | n/a |")
            continue
        out.append(
            "| "
            + " | ".join(
                _cell(c)
                for c in (
                    r.name,
                    _median(r.kubectl),
                    _median(r.kctl) + (" ⚠" if r.output_differs else ""),
                    format_ratio(r.ratio),
                    "n/a" if r.kubectl.error else format_bytes(r.kubectl.max_rss),
                    "n/a" if r.kctl.error else format_bytes(r.kctl.max_rss),
                    _requests(r.kubectl),
                    _requests(r.kctl),
                )
            )
            + " |"
        )
    floors = [r for r in results if r.floor is not None and r.floor.median is not None]
    if floors:
        out.append("")
        out.append(
            "Where the time goes: the interpreter alone (`bench/floor.py bare`: start with site, "
            "exit), the Python floor (`floor.py`: the interpreter and click, plus ssl, json and "
            "the one request for `get`), each run in turn with both tools; the server's share is "
            "the response time each tool logged at `-v 6`. floor/kubectl is what the language "
            "costs, kctl/floor what kctl's own code adds.\n"
        )
        out.append(
            "| scenario | kubectl | interpreter | Python floor | floor/kubectl | kctl "
            "| kctl/floor | server (kubectl / kctl) |"
        )
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|")
        for r in floors:
            assert r.floor is not None
            server = "–"
            if r.kubectl.request_ms is not None or r.kctl.request_ms is not None:
                server = f"{_ms(r.kubectl.request_ms)} / {_ms(r.kctl.request_ms)}"
            out.append(
                f"| {_cell(r.name)} | {_median(r.kubectl)} "
                f"| {_median(r.interpreter) if r.interpreter else 'n/a'} | {_median(r.floor)} "
                f"| {format_ratio(r.floor_ratio)} | {_median(r.kctl)} "
                f"| {format_ratio(ratio(r.kctl.median, r.floor.median))} | {server} |"
            )
    out.append("")
    out.append("Wall time min / median / max, counted runs, and the data each scenario ran on:\n")
    out.append("| scenario | data | runs | kubectl | kctl |")
    out.append("|---|---|--:|--:|--:|")
    for r in results:
        counts = {t.wall.count for t in (r.kubectl, r.kctl) if t.wall is not None and not t.error}
        runs = "/".join(str(c) for c in sorted(counts)) or "-"
        out.append(
            f"| {_cell(r.name)} | {_cell(r.data or '-')} | {runs} | {_cell(_spread(r.kubectl))} "
            f"| {_cell(_spread(r.kctl))} |"
        )
    notes = [
        (r.name, note)
        for r in results
        for note in (
            ([f"not run: {r.skipped}"] if r.skipped else [])
            + ([f"kctl n/a: {r.kctl.error}"] if r.kctl.error else [])
            + ([f"kubectl n/a: {r.kubectl.error}"] if r.kubectl.error else [])
            + r.notes
        )
    ]
    if notes:
        out.append("\nNotes:\n")
        out.extend(f"- {name}: {note}" for name, note in notes)
    for r in results:
        if r.import_top:
            out.append(
                f"\n`{r.name}`: kctl's slowest imports (`python -X importtime -m kctl --help`):\n"
            )
            out.append("| module | self | cumulative |")
            out.append("|---|--:|--:|")
            for name, self_us, cum_us in r.import_top:
                out.append(f"| `{name}` | {self_us / 1000:.1f} ms | {cum_us / 1000:.1f} ms |")
    for r in results:
        if r.import_packages:
            out.append(
                f"\n`{r.name}`: kctl's import time by what it imports, each with all it pulls in "
                "(`python -X importtime`, self times added up; importtime slows each import a "
                "little):\n"
            )
            out.append("| package | import time |")
            out.append("|---|--:|")
            for name, self_us in r.import_packages:
                out.append(f"| `{_cell(name)}` | {self_us / 1000:.1f} ms |")
    out.append(
        "\nMedians of wall time (spawn to exit, stdout to a pipe); RSS is the highest peak over "
        "the counted runs (GNU time's %M: the command's own ru_maxrss); requests come from one "
        "extra run with `-v 6` / `-v=6`."
    )
    return "\n".join(out) + "\n"


def to_json(meta: Meta, results: list[ScenarioResult]) -> dict[str, Any]:
    def tool(t: ToolResult) -> dict[str, Any]:
        d = asdict(t)
        d["median"] = t.median
        return d

    return {
        "meta": asdict(meta),
        "scenarios": [
            {
                "name": r.name,
                "measures": r.measures,
                "data": r.data,
                "ratio": r.ratio,
                "output_differs": r.output_differs,
                "skipped": r.skipped,
                "kctl": tool(r.kctl),
                "kubectl": tool(r.kubectl),
                "floor": tool(r.floor) if r.floor is not None else None,
                "interpreter": tool(r.interpreter) if r.interpreter is not None else None,
                "floor_ratio": r.floor_ratio,
                "notes": r.notes,
                "import_packages": [
                    {"package": name, "self_us": us} for name, us in r.import_packages
                ],
                "import_top": [
                    {"module": m, "self_us": s, "cumulative_us": c} for m, s, c in r.import_top
                ],
            }
            for r in results
        ],
    }


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def write(meta: Meta, results: list[ScenarioResult], stem: Path) -> tuple[Path, Path]:
    """Write ``<stem>.md`` and ``<stem>.json``; returns both paths."""
    return write_pair(stem, render_markdown(meta, results), to_json(meta, results))


def write_pair(stem: Path, markdown: str, payload: Any) -> tuple[Path, Path]:
    """Write a report as ``<stem>.md`` and its data as ``<stem>.json`` (every benchmark's
    results go out this way); returns both paths."""
    md, js = stem.with_suffix(".md"), stem.with_suffix(".json")
    write_atomic(md, markdown)
    write_atomic(js, json.dumps(payload, indent=2) + "\n")
    return md, js


def _importtime_rows(stderr: str) -> list[tuple[int, int, str]]:
    """``python -X importtime`` lines as (self µs, cumulative µs, name as indented), in order."""
    rows: list[tuple[int, int, str]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        try:
            rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
        except ValueError:
            continue  # the header line
    return rows


def parse_importtime(stderr: str, top: int = 10) -> list[tuple[str, int, int]]:
    """The ``top`` entries by cumulative time of ``python -X importtime`` output (a package's
    cumulative time includes the modules nested under it)."""
    rows = [(name.strip(), self_us, cum_us) for self_us, cum_us, name in _importtime_rows(stderr)]
    rows.sort(key=lambda r: r[2], reverse=True)
    return rows[:top]


def importtime_by_package(stderr: str, top: int = 12) -> list[tuple[str, int]]:
    """``python -X importtime`` self times added up per import kctl asked for, largest first:
    ``kctl`` is all of kctl's own modules; a module kctl imports (``click``, ``ssl``, ``json``)
    counts with everything it pulled in (``inspect`` under click, ``socket`` under ssl); what
    the interpreter loads before kctl starts is ``(interpreter start-up)``; past ``top``
    packages the rest is ``(others)``."""
    # depth, module, self µs; in importtime's post-order
    rows = [
        ((len(name) - len(name.lstrip(" "))) // 2, name.strip(), self_us)
        for self_us, _cum, name in _importtime_rows(stderr)
    ]
    # a module is listed after everything it imported: its children are the rows one level
    # deeper since the previous row at its own level or above
    children: list[list[int]] = [[] for _ in rows]
    pending: dict[int, list[int]] = {}
    roots: list[int] = []
    for index, (depth, _name, _us) in enumerate(rows):
        children[index] = pending.pop(depth + 1, [])
        for deeper in [d for d in pending if d > depth]:
            pending.pop(deeper)
        (roots if depth == 0 else pending.setdefault(depth, [])).append(index)
    totals: dict[str, int] = {}

    def add(index: int, group: str | None) -> None:
        _depth, name, self_us = rows[index]
        own = name == "kctl" or name.startswith("kctl.")
        top = name.split(".")[0]
        if top.startswith("_") and not top.startswith("__"):
            top = top[1:]  # a C part (_ssl, _json) counts with its module
        here = "kctl" if own else group or top
        totals[here] = totals.get(here, 0) + self_us
        for child in children[index]:
            add(child, None if own else here)

    started = False
    for root in roots:
        name = rows[root][1]
        started = started or name == "kctl" or name.startswith("kctl.")
        add(root, None if started else "(interpreter start-up)")
    ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    rest = sum(us for _name, us in ranked[top:])
    return ranked[:top] + ([("(others)", rest)] if rest else [])
