"""The scenarios: what each one runs, on which data, with which cache state.

Every command line lives here, in ``KCTL`` / ``KUBECTL`` pairs, so a change to kctl's flags or to
its completion entry is a one-line edit. ``{ns}`` in an argument is replaced by the scenario's
namespace.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The data plan: namespace -> pods, for the full run and for BENCH_QUICK=1.
SMALL_NS = "bench-small"  # `get pods -n` with 20 pods
NAMES_NS = "bench-names"  # completion of pod names
BULK_NS = "bench-bulk"  # tops the bench pods up to the -A total
FULL_PODS = {SMALL_NS: 20, NAMES_NS: 2000, BULK_NS: 2980}  # 5,000 bench pods in all
QUICK_PODS = {SMALL_NS: 20, NAMES_NS: 20, BULK_NS: 10}  # 50
FULL_CRDS = 50
QUICK_CRDS = 5

# BENCH_SCALE=large: 50,000 pods shaped like real ones in 10 namespaces (one of 20,000 for name
# completion) and 300 CRD groups. Not in CI: seeding takes minutes and kubectl needs gigabytes.
SCALE_NAMES_NS = "bench-scale-00"
SCALE_PODS = {
    SCALE_NAMES_NS: 20_000,
    **{f"bench-scale-{i:02d}": 4_000 for i in range(1, 7)},
    **{f"bench-scale-{i:02d}": 2_000 for i in range(7, 10)},
}
SCALE_CRDS = 300

# kctl's shell-completion entry (kubectl's is `__complete`, cobra's hidden command). The argv after
# the program name; the last word is the one being completed.
KCTL_COMPLETE = ("__complete",)
KUBECTL_COMPLETE = ("__complete",)
# Commands that fill a tool's discovery cache, run once before a warm scenario's warm-up: a
# completion request only reads kctl's cache, it never fills it.
KCTL_PRIME = ("api-resources",)
KUBECTL_PRIME = ("api-resources",)
# kctl remembers a name list for a few seconds (kctl/completion/names.py); removed before every
# run so each TAB measures a fresh list from the server, as kubectl's always is.
KCTL_NAME_CACHE = "completion/names"
KCTL_KUBECONFIG_CACHE = "kubeconfig"  # kctl/clientcmd/cache.py's directory under the cache dir

Check = Callable[[bytes, bytes], str | None]


def _lines(out: bytes) -> list[bytes]:
    return [line for line in out.splitlines() if line.strip()]


def same_line_count(kctl_out: bytes, kubectl_out: bytes) -> str | None:
    """Same number of output lines (a listing that stops early would look fast)."""
    a, b = len(_lines(kctl_out)), len(_lines(kubectl_out))
    return None if a == b else f"kctl printed {a} lines, kubectl {b}"


def same_item_count(kctl_out: bytes, kubectl_out: bytes) -> str | None:
    """Both JSON lists hold the same number of items."""
    try:
        a = len(json.loads(kctl_out).get("items") or [])
        b = len(json.loads(kubectl_out).get("items") or [])
    except (ValueError, AttributeError) as exc:
        return f"output is not a JSON list ({exc.__class__.__name__})"
    return None if a == b else f"kctl listed {a} items, kubectl {b}"


def completion_words(out: bytes) -> set[str]:
    """Candidates of a completion answer: one per line, help after a tab, cobra's ``:N``
    directive line and click's ``plain``/type lines left out."""
    words = set()
    for line in out.decode(errors="replace").splitlines():
        word = line.split("\t", 1)[0].strip()
        if word and not word.startswith(":") and word not in {"plain", "file", "dir"}:
            words.add(word)
    return words


def completes(expected: str) -> Check:
    def check(kctl_out: bytes, kubectl_out: bytes) -> str | None:
        words = completion_words(kctl_out)
        return None if expected in words else f"kctl's candidates lack {expected!r}"

    return check


def same_pod_candidates(kctl_out: bytes, kubectl_out: bytes) -> str | None:
    a = {w for w in completion_words(kctl_out) if w.startswith("bench-pod-")}
    b = {w for w in completion_words(kubectl_out) if w.startswith("bench-pod-")}
    if a == b:
        return None
    if not a and b:
        # kctl's name list has a hard deadline (kctl/completion/names.py): past it, a TAB
        # offers nothing rather than hang.
        return f"kctl offered no pod names (deadline or error), kubectl {len(b)}"
    return f"kctl offered {len(a)} pod names, kubectl {len(b)}"


def same_table(kctl_out: bytes, kubectl_out: bytes) -> str | None:
    """Byte-identical tables but for the last column (AGE: the two runs are seconds apart, and
    a young object's age shows seconds)."""

    def rows(out: bytes) -> list[bytes]:
        return [line.rsplit(None, 1)[0] if b" " in line.strip() else line for line in _lines(out)]

    a, b = rows(kctl_out), rows(kubectl_out)
    if len(a) != len(b):
        return f"kctl printed {len(a)} lines, kubectl {len(b)}"
    for number, (mine, theirs) in enumerate(zip(a, b, strict=True), 1):
        if mine != theirs:
            return f"line {number} differs: kctl {mine[:80]!r}, kubectl {theirs[:80]!r}"
    return None


@dataclass(frozen=True)
class Scenario:
    """One side-by-side measurement."""

    name: str
    measures: str  # one line for the README / report
    kctl: tuple[str, ...]
    kubectl: tuple[str, ...]
    cache: str = "warm"  # "warm": warm-up fills it; "cold": emptied before every run
    namespace: str | None = None
    pods: tuple[str, ...] = ()  # namespaces of the data plan this scenario needs
    crds: bool = True
    runs: int = 10  # counted runs per tool (full mode)
    check: Check | None = None
    count_requests: bool = True
    # True: kctl's stdout must be byte-identical to kubectl's (compared by digest, so even a
    # 300 MB listing is never held in memory).
    identical: bool = False
    keep_output: bool = True  # keep the warm-up's stdout for ``check`` (False for huge outputs)
    # Which connection both tools use: the admin kubeconfig, a user whose token comes from a
    # 300 ms exec plugin, or the admin user behind a 25 ms delay line (bench/fixtures.py).
    connection: str = "admin"  # "admin" | "exec" | "latency"
    scale: bool = False  # part of BENCH_SCALE=large only (its own data plan)
    # False where kctl's path writes no -v log (the completion fast path uses http.client
    # directly): its request count is reported as unknown rather than as 0.
    kctl_logs_requests: bool = True
    prime: bool = False  # run KCTL_PRIME / KUBECTL_PRIME once before the warm-up
    kctl_fresh: tuple[str, ...] = ()  # paths under kctl's cache dir removed before every run
    # paths under kctl's cache dir a "cold" run keeps: the parsed kubeconfig, which a user has
    # whenever the kubeconfig did not change (kubectl has no such cache; "cold" means discovery)
    kctl_cold_keeps: tuple[str, ...] = ()
    import_time: bool = False  # the slowest imports of `kctl --help`
    import_packages: bool = False  # this command's import time per package
    # The Python floor run beside both tools (bench/floor.py): "start" (interpreter + click) or
    # "get" (that plus ssl, json and the one TLS request to ``floor_path``); "" for none.
    floor: str = ""
    floor_path: str = ""
    # True: kctl runs as a shell's TAB runs it, through the launcher its completion script asks
    # for once (`kctl __completion_launcher`); kubectl's TAB runs `kubectl __complete` itself
    tab: bool = False
    # Where -v goes: after the whole command by default; completion puts it elsewhere.
    kctl_verbose: Callable[[Sequence[str]], list[str]] = field(
        default=lambda args: [*args, "-v", "6"]
    )
    kubectl_verbose: Callable[[Sequence[str]], list[str]] = field(
        default=lambda args: [*args, "-v=6"]
    )

    def argv(self, args: Sequence[str]) -> list[str]:
        return [a.replace("{ns}", self.namespace or "default") for a in args]

    def floor_args(self, credentials: Path) -> list[str]:
        """bench/floor.py's arguments for this scenario ([] without a floor)."""
        if self.floor == "get":
            return ["get", str(credentials), *self.argv([self.floor_path])]
        return [self.floor] if self.floor else []


def _verbose_before_completion(flag: Sequence[str]) -> Callable[[Sequence[str]], list[str]]:
    """Completion's last word is the one being completed, so -v goes right after the entry."""

    def place(args: Sequence[str]) -> list[str]:
        args = list(args)
        return [args[0], *flag, *args[1:]]

    return place


ALL_NAMESPACES = (SMALL_NS, NAMES_NS, BULK_NS)

SCALE_NAMESPACES = tuple(SCALE_PODS)
_COMPLETION = {
    "tab": True,
    "prime": True,
    "kctl_fresh": (KCTL_NAME_CACHE,),
    "kctl_verbose": _verbose_before_completion(("-v", "6")),
    "kubectl_verbose": _verbose_before_completion(("-v=6",)),
}

SCENARIOS: list[Scenario] = [
    Scenario(
        name="version-client",
        measures="process floor: start, print the client version, exit (no server contact)",
        kctl=("version", "--client"),
        kubectl=("version", "--client"),
        cache="none",
        crds=False,
        count_requests=False,
        floor="start",
    ),
    Scenario(
        name="config-current-context",
        measures="`config current-context`: read the kubeconfig, print one name",
        kctl=("config", "current-context"),
        kubectl=("config", "current-context"),
        cache="none",
        crds=False,
        count_requests=False,
        identical=True,
        floor="start",
    ),
    Scenario(
        name="config-get-contexts",
        measures="`config get-contexts`: read the kubeconfig, print a table",
        kctl=("config", "get-contexts"),
        kubectl=("config", "get-contexts"),
        cache="none",
        crds=False,
        count_requests=False,
        identical=True,
        floor="start",
    ),
    Scenario(
        name="get-pods-20",
        measures="`get pods -n bench-small`, 20 pods, warm discovery cache",
        kctl=("get", "pods", "-n", "{ns}"),
        kubectl=("get", "pods", "-n", "{ns}"),
        namespace=SMALL_NS,
        pods=(SMALL_NS,),
        check=same_table,
        floor="get",
        floor_path="/api/v1/namespaces/{ns}/pods?limit=500",
        import_packages=True,
    ),
    Scenario(
        name="get-pods-20-exec",
        measures="`get pods -n bench-small` as a user whose token comes from a 300 ms exec "
        "plugin (valid 1 h), warm caches",
        kctl=("get", "pods", "-n", "{ns}"),
        kubectl=("get", "pods", "-n", "{ns}"),
        namespace=SMALL_NS,
        pods=(SMALL_NS,),
        check=same_table,
        connection="exec",
        floor="get",
        floor_path="/api/v1/namespaces/{ns}/pods?limit=500",
    ),
    Scenario(
        name="get-pods-20-latency",
        measures="`get pods -n bench-small` through a delay proxy (25 ms each way, TLS passed "
        "through), warm discovery cache",
        kctl=("get", "pods", "-n", "{ns}"),
        kubectl=("get", "pods", "-n", "{ns}"),
        namespace=SMALL_NS,
        pods=(SMALL_NS,),
        check=same_table,
        connection="latency",
        floor="get",
        floor_path="/api/v1/namespaces/{ns}/pods?limit=500",
    ),
    Scenario(
        name="get-pods-all-5000",
        measures="`get pods -A`, 5,000 pods (paged by 500), table output",
        kctl=("get", "pods", "-A"),
        kubectl=("get", "pods", "-A"),
        pods=ALL_NAMESPACES,
        check=same_table,
    ),
    Scenario(
        name="get-pods-all-5000-json",
        measures="`get pods -A -o json`, 5,000 pods",
        kctl=("get", "pods", "-A", "-o", "json"),
        kubectl=("get", "pods", "-A", "-o", "json"),
        pods=ALL_NAMESPACES,
        check=same_item_count,
        identical=True,
    ),
    Scenario(
        name="api-resources-warm",
        measures="`api-resources --cached` with 50 CRD groups, warm discovery cache",
        kctl=("api-resources", "--cached"),
        kubectl=("api-resources", "--cached"),
        check=same_line_count,
        identical=True,
        floor="start",
    ),
    Scenario(
        name="api-resources-cold",
        measures="`api-resources` with 50 CRD groups, discovery cache emptied before every run "
        "(kctl's parsed kubeconfig kept: the kubeconfig did not change)",
        kctl=("api-resources",),
        kubectl=("api-resources",),
        cache="cold",
        check=same_line_count,
        identical=True,
        kctl_cold_keeps=(KCTL_KUBECONFIG_CACHE,),
    ),
    Scenario(
        name="api-resources-first-run",
        measures="`api-resources` with 50 CRD groups, whole cache dir emptied before every run "
        "(kctl parses the kubeconfig's YAML too)",
        kctl=("api-resources",),
        kubectl=("api-resources",),
        cache="cold",
        check=same_line_count,
        identical=True,
    ),
    Scenario(
        name="complete-types",
        measures='completion of `get <TAB>` (kubectl: `__complete get ""`), warm cache',
        kctl=(*KCTL_COMPLETE, "get", ""),
        kubectl=(*KUBECTL_COMPLETE, "get", ""),
        check=completes("pods"),
        tab=True,
        prime=True,
        kctl_verbose=_verbose_before_completion(("-v", "6")),
        kubectl_verbose=_verbose_before_completion(("-v=6",)),
    ),
    Scenario(
        name="complete-pod-names-2000",
        measures="completion of `get pods <TAB>` in a namespace with 2,000 pods, warm discovery "
        "cache, no remembered name list",
        kctl=(*KCTL_COMPLETE, "get", "pods", "-n", "{ns}", ""),
        kubectl=(*KUBECTL_COMPLETE, "get", "pods", "-n", "{ns}", ""),
        namespace=NAMES_NS,
        pods=(NAMES_NS,),
        check=same_pod_candidates,
        **_COMPLETION,  # type: ignore[arg-type]
    ),
    Scenario(
        name="import-help",
        measures="`--help` wall time; kctl's `python -X importtime` top entries",
        kctl=("--help",),
        kubectl=("--help",),
        cache="none",
        crds=False,
        count_requests=False,
        import_time=True,
        floor="start",
    ),
    # BENCH_SCALE=large
    Scenario(
        name="scale-get-pods-all-50000",
        measures="`get pods -A`, 50,000 realistic pods in 10 namespaces, table output",
        kctl=("get", "pods", "-A"),
        kubectl=("get", "pods", "-A"),
        pods=SCALE_NAMESPACES,
        check=same_table,
        runs=3,
        scale=True,
    ),
    Scenario(
        name="scale-get-pods-all-50000-json",
        measures="`get pods -A -o json`, 50,000 realistic pods",
        kctl=("get", "pods", "-A", "-o", "json"),
        kubectl=("get", "pods", "-A", "-o", "json"),
        pods=SCALE_NAMESPACES,
        identical=True,
        keep_output=False,
        runs=3,
        scale=True,
    ),
    Scenario(
        name="scale-get-pods-all-50000-name",
        measures="`get pods -A -o name`, 50,000 realistic pods",
        kctl=("get", "pods", "-A", "-o", "name"),
        kubectl=("get", "pods", "-A", "-o", "name"),
        pods=SCALE_NAMESPACES,
        identical=True,
        keep_output=False,
        runs=3,
        scale=True,
    ),
    Scenario(
        name="scale-complete-pod-names-20000",
        measures="completion of `get pods <TAB>` in a namespace with 20,000 realistic pods "
        "(kctl: 2 s deadline)",
        kctl=(*KCTL_COMPLETE, "get", "pods", "-n", "{ns}", ""),
        kubectl=(*KUBECTL_COMPLETE, "get", "pods", "-n", "{ns}", ""),
        namespace=SCALE_NAMES_NS,
        pods=(SCALE_NAMES_NS,),
        check=same_pod_candidates,
        runs=3,
        scale=True,
        **_COMPLETION,  # type: ignore[arg-type]
    ),
    Scenario(
        name="scale-api-resources-cold-300",
        measures="`api-resources` with 300 CRD groups, discovery cache emptied before every run",
        kctl=("api-resources",),
        kubectl=("api-resources",),
        cache="cold",
        kctl_cold_keeps=(KCTL_KUBECONFIG_CACHE,),
        check=same_line_count,
        identical=True,
        runs=5,
        scale=True,
    ),
]

BY_NAME: Mapping[str, Scenario] = {s.name: s for s in SCENARIOS}


def pods_plan(quick: bool) -> dict[str, int]:
    """namespace -> pods for the ordinary scenarios (the scale ones use ``SCALE_PODS``)."""
    return dict(QUICK_PODS if quick else FULL_PODS)


def crd_count(quick: bool, scale: bool = False) -> int:
    if scale:
        return SCALE_CRDS
    return QUICK_CRDS if quick else FULL_CRDS
