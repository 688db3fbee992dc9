"""``python -m bench.readme``: write the README's performance table from the last full runs.

Reads ``bench/results/latest.json`` (and ``large.json`` when there is one), marks each ratio
against issue 14's targets, and replaces the text between the README's two markers, so the
table a reader sees is the one the bench measured. Written atomically.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.cluster import REPO_ROOT
from bench.report import write_atomic

START = "<!-- bench table: written by `python -m bench.readme` from bench/results -->"
END = "<!-- end of bench table -->"

Target = tuple[str, Callable[[dict[str, Any]], bool | None]]


def _ratio_at_most(limit: float) -> Callable[[dict[str, Any]], bool | None]:
    def check(s: dict[str, Any]) -> bool | None:
        ratio = s.get("ratio")
        return None if ratio is None else ratio <= limit

    return check


def _scale(limit: float) -> Callable[[dict[str, Any]], bool | None]:
    """A scale ratio and kctl's peak memory flat (at most 100 MiB)."""

    def check(s: dict[str, Any]) -> bool | None:
        ratio, rss = s.get("ratio"), (s.get("kctl") or {}).get("max_rss")
        if ratio is None or rss is None:
            return None
        return ratio <= limit and rss <= 100 * 1024 * 1024

    return check


def _kctl_within(seconds: float) -> Callable[[dict[str, Any]], bool | None]:
    def check(s: dict[str, Any]) -> bool | None:
        median = (s.get("kctl") or {}).get("median")
        return None if median is None else median <= seconds

    return check


# scenario -> (the row's label, the target as written, its check); issue 14's "must" figures,
# and for the commands that already won, the ratio measured when the issue was filed
SCENARIOS: dict[str, tuple[str, Target | None]] = {
    "version-client": ("`version --client`", ("≤ 1.0", _ratio_at_most(1.0))),
    "import-help": ("`--help`", ("≤ 1.0", _ratio_at_most(1.0))),
    "config-current-context": ("`config current-context`", ("≤ 1.0", _ratio_at_most(1.0))),
    "config-get-contexts": ("`config get-contexts`", ("≤ 1.0", _ratio_at_most(1.0))),
    "get-pods-20": ("`get pods -n bench-small` (20 pods, warm)", ("≤ 1.3", _ratio_at_most(1.3))),
    "get-pods-20-exec": ("same, token from a 300 ms exec plugin", ("≤ 0.25", _ratio_at_most(0.25))),
    "get-pods-20-latency": ("same, 25 ms each way (delay proxy)", ("≤ 1.0", _ratio_at_most(1.0))),
    "get-pods-all-5000": ("`get pods -A` (5,000 pods)", ("≤ 0.82", _ratio_at_most(0.82))),
    "get-pods-all-5000-json": ("`get pods -A -o json` (5,000)", ("≤ 0.35", _ratio_at_most(0.35))),
    "api-resources-warm": ("`api-resources --cached`", ("≤ 1.0", _ratio_at_most(1.0))),
    "api-resources-cold": ("`api-resources`, discovery cache cold", ("≤ 1.3", _ratio_at_most(1.3))),
    "api-resources-first-run": ("`api-resources`, every cache cold", None),
    "complete-types": ("completion `get <TAB>`", ("≤ 0.49", _ratio_at_most(0.49))),
    "complete-pod-names-2000": (
        "completion `get pods <TAB>` (2,000 pods)",
        ("≤ 0.18", _ratio_at_most(0.18)),
    ),
    "scale-get-pods-all-50000": (
        "`get pods -A` (50,000 pods)",
        ("≤ 0.15, ≤ 100 MiB", _scale(0.15)),
    ),
    "scale-get-pods-all-50000-json": (
        "`get pods -A -o json` (50,000)",
        ("≤ 0.3, ≤ 100 MiB", _scale(0.3)),
    ),
    "scale-get-pods-all-50000-name": (
        "`get pods -A -o name` (50,000)",
        ("≤ 0.1, ≤ 100 MiB", _scale(0.1)),
    ),
    "scale-complete-pod-names-20000": (
        "completion of pod names, 20,000 in the namespace",
        ("within 2 s", _kctl_within(2.0)),
    ),
    "scale-api-resources-cold-300": ("`api-resources`, 300 groups, cold", None),
}


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _mib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / (1024 * 1024):.0f}"


def _row(s: dict[str, Any]) -> str | None:
    entry = SCENARIOS.get(s["name"])
    if entry is None or s.get("skipped"):
        return None
    label, target = entry
    kubectl, kctl = s.get("kubectl") or {}, s.get("kctl") or {}
    ratio = s.get("ratio")
    ratio_text = "differs ⚠" if s.get("output_differs") else (f"{ratio:.2f}×" if ratio else "n/a")
    verdict = "–"
    if target is not None:
        met = target[1](s)
        verdict = f"{target[0]} " + {True: "✓", False: "✗", None: "?"}[met]
    floor = s.get("floor") or {}
    floor_text = _ms(floor.get("median")) if floor else "–"
    floor_ratio = s.get("floor_ratio")
    floor_ratio_text = f"{floor_ratio:.2f}×" if floor_ratio else "–"
    cells = [
        label,
        _ms(kubectl.get("median")),
        _ms(kctl.get("median")),
        f"**{ratio_text}**",
        verdict,
        floor_text,
        floor_ratio_text,
        f"{_mib(kubectl.get('max_rss'))} / {_mib(kctl.get('max_rss'))} MiB",
    ]
    return "| " + " | ".join(cells) + " |"


def render(latest: dict[str, Any], large: dict[str, Any] | None) -> str:
    """The block between the markers: what was run, then one table per run."""
    out = [START]
    for doc, title in ((latest, "`make bench`"), (large, "`BENCH_SCALE=large make bench`")):
        if doc is None:
            continue
        meta = doc["meta"]
        rows = [row for s in doc["scenarios"] if (row := _row(s))]
        if not rows:
            continue
        out.append("")
        out.append(
            f"{title}, {meta['date']}, {meta['cores']} cores, Python {meta['python']}, kctl "
            f"{meta['kctl_version']}, kubectl {meta['kubectl_version']}, server "
            f"{meta['server_version']}; medians, counted runs per tool: {meta['runs']} (after a "
            f"warm-up, the tools in turn); load average {meta.get('load') or 'n/a'}"
            + (f"; seeding {meta['seeding']}" if meta.get("seeding") else "")
            + ". ✓ met, ✗ not met; the Python floor is `bench/floor.py` (above)."
        )
        out.append("")
        out.append(
            "| scenario | kubectl | kctl | kctl/kubectl | target | Python floor "
            "| floor/kubectl | RSS kubectl / kctl |"
        )
        out.append("|---|--:|--:|--:|---|--:|--:|--:|")
        out.extend(rows)
    out.append("")
    out.append(END)
    return "\n".join(out)


def replace_block(readme: str, block: str) -> str:
    """``readme`` with the text from START to END (both kept) replaced by ``block``."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise ValueError("the README has no bench table markers")
    return readme[:start] + block + readme[end + len(END) :]


def main(argv: list[str] | None = None) -> int:
    import os

    if os.environ.get("BENCH_QUICK", "") not in ("", "0"):
        # a quick run writes quick.json, never latest.json: the table would not change
        print("[bench] README table left as it is (quick mode)", file=sys.stderr)
        return 0
    results = REPO_ROOT / "bench" / "results"
    try:
        latest = json.loads((results / "latest.json").read_text())
        large_path = results / "large.json"
        large = json.loads(large_path.read_text()) if large_path.is_file() else None
        readme_path = REPO_ROOT / "README.md"
        text = replace_block(readme_path.read_text(), render(latest, large))
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_atomic(Path(readme_path), text)
    print(f"[bench] README table written from {results / 'latest.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
