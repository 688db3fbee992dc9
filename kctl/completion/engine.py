"""Answer one ``kctl __complete <words...>`` request.

What completes:
- subcommands and flags (from the generated command table), flag choices and ``-o`` formats;
- ``get <TAB>``: resource types from the discovery disk cache (never the network);
- ``get TYPE <TAB>`` / ``get TYPE/<TAB>`` / ``-n <TAB>``: names from a time-limited live list;
- ``--context`` / ``--cluster`` / ``--user``: names from the kubeconfig (via the index);
- ``raw VERB /<TAB>``: API paths from the discovery cache.
"""

from __future__ import annotations

import os
import sys

from kctl.clientcmd.paths import cache_root
from kctl.completion import protocol
from kctl.completion.protocol import NO_FILE_COMP, NO_SPACE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from kctl.completion.cmdline import Parsed
    from kctl.completion.commands import Command, Flag
    from kctl.completion.index import Index
    from kctl.completion.protocol import Candidate
    from kctl.restmapper import rules

    Result = tuple[list[Candidate], int]

RAW_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SHELLS = ("bash", "zsh", "fish")
# (command path) -> what its positional arguments name (kubeconfig entries)
CONTEXT_ARGS: dict[tuple[str, ...], str] = {
    ("config", "use-context"): "contexts",
    ("config", "get-contexts"): "contexts",
}


class Request:
    """One completion request: the parsed line plus the lazily read completion index."""

    def __init__(self, parsed: Parsed, environ: Mapping[str, str]) -> None:
        self.parsed = parsed
        self.environ = environ
        self.cache_root = cache_root(environ, parsed.value("--cache-dir"))
        self._index: Index | None = None
        self._kubeconfig: dict[str, Any] | None = None

    def index(self) -> Index:
        if self._index is None:
            from kctl.completion.index import Index

            self._index = Index(self.cache_root)
        return self._index

    def kubeconfig(self) -> dict[str, Any]:
        """The kubeconfig facts (contexts, clusters, users, servers); YAML is parsed only
        when a kubeconfig file changed since the last TAB (the files are checked once per
        request)."""
        if self._kubeconfig is None:
            from kctl.clientcmd.paths import kubeconfig_files

            paths = kubeconfig_files(self.parsed.value("--kubeconfig"), self.environ)
            self._kubeconfig = self.index().kubeconfig(paths)
        return self._kubeconfig

    def context(self) -> tuple[str, dict[str, str]]:
        """The context the finished command would use: its name and its kubeconfig entry."""
        kubeconfig = self.kubeconfig()
        name = self.parsed.value("--context") or kubeconfig.get("current", "")
        return name, kubeconfig.get("contexts", {}).get(name) or {}

    def server(self) -> str:
        """The API server URL the finished command would talk to."""
        explicit: str | None = self.parsed.value("--server")
        if explicit:
            if "://" in explicit:
                return explicit
            from kctl.rest.config import normalise_host  # rare: only for a scheme-less --server

            return normalise_host(explicit)
        cluster = self.parsed.value("--cluster") or self.context()[1].get("cluster", "")
        server: str = self.kubeconfig().get("clusters", {}).get(cluster, "")
        return server

    def resources(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The cached resource types (every version) and group-version paths (empty when
        never discovered)."""
        entry = self._discovery()
        if not entry:
            return [], []
        return entry["resources"], entry["versions"]

    def mapper_index(self) -> rules.Index:
        """The cached discovery arranged for the RESTMapper's rules (the commands' own)."""
        from kctl.restmapper import rules

        entry = self._discovery() or {}
        return rules.Index(entry.get("groups") or [], entry.get("resources") or [])

    def _discovery(self) -> dict[str, Any] | None:
        server = self.server()
        return self.index().discovery(server) if server else None

    def finish(self) -> None:
        if self._index is not None:
            self._index.save()

    def overrides(self) -> Any:
        """The global flags on the line as ``Overrides``, built as the finished command will
        build them (``kctl.globalflags``)."""
        from kctl.globalflags import overrides_from

        return overrides_from(self.parsed.values)

    def scope(self) -> tuple[str, str, str, str]:
        """(server, context, user, namespace) as the kubeconfig index predicts them: the name
        cache key, known without loading the kubeconfig."""
        v = self.parsed.value
        context, ctx = self.context()
        user = v("--user") or ctx.get("user", "")
        namespace = v("--namespace") or ctx.get("namespace") or "default"
        return self.server(), context, user, namespace

    def names(self, res: dict[str, Any]) -> list[str]:
        from kctl.completion import names

        resource = (
            str(res.get("group") or ""),
            str(res.get("version") or ""),
            str(res["name"]),
            bool(res.get("namespaced")),
        )
        from kctl.globalflags import verbosity_from

        try:
            return names.list_names(
                self.overrides,
                self.environ,
                self.cache_root,
                self.scope(),
                resource,
                verbosity=verbosity_from(self.parsed.values),
            )
        except names.Unavailable:
            return []


def complete(root: Command, words: list[str], environ: Mapping[str, str]) -> Result:
    """The candidates and directive for ``words`` (the last one is the word being typed)."""
    from kctl.completion.cmdline import parse

    req = Request(parse(root, words), environ)
    try:
        return _complete(req)
    finally:
        req.finish()


def _complete(req: Request) -> Result:
    parsed = req.parsed
    word = parsed.to_complete
    if parsed.pending is not None:
        return _flag_value(req, parsed.pending, word, "")
    if word.startswith("-") and not parsed.dashdash:
        eq = word.find("=")
        if eq != -1:
            # cobra's rule: --name=<value>, or -xyz=<value> for the letter before the "="
            # (-Ao=<TAB> completes -o); the candidates keep the text up to the "="
            name = word[:eq] if word.startswith("--") else "-" + word[eq - 1 : eq]
            flag = _lookup(parsed.command, name)
            if flag is None or not flag.takes_value:
                return [], NO_FILE_COMP
            return _flag_value(req, flag, word[eq + 1 :], word[: eq + 1])
        return _flags(parsed.command, word), NO_FILE_COMP
    if parsed.command.commands and not parsed.args:
        subs = [
            (name, cmd.help)
            for name, cmd in parsed.command.commands.items()
            if name.startswith(word)
        ]
        return subs, NO_FILE_COMP
    return _arguments(req, word)


def _lookup(command: Command, name: str) -> Flag | None:
    """The flag spelled ``name`` (``--all_namespaces`` is ``--all-namespaces``, as in pflag)."""
    from kctl.pflag import normalize

    return command.flag(normalize(name) if name.startswith("--") else name)


def _flags(command: Command, word: str) -> list[Candidate]:
    out: list[Candidate] = []
    for flag in command.flags:
        names = (
            [n for n in flag.names if n.startswith("--")]
            if word.startswith("--")
            else list(flag.names)
        )
        for name in names:
            if name.startswith(word):
                out.append((name, flag.help))
    return out


def _flag_value(req: Request, flag: Flag, word: str, prefix: str) -> Result:
    """Values for ``flag``; ``prefix`` is ``--flag=`` when the value is glued to it."""
    long = flag.long_name
    values: list[Candidate]
    directive = NO_FILE_COMP
    if long == "--namespace":
        res = {"group": "", "version": "v1", "name": "namespaces", "namespaced": False}
        values = [(n, "") for n in req.names(res) if n.startswith(word)]
    elif long in ("--context", "--cluster", "--user"):
        key = {"--context": "contexts", "--cluster": "clusters", "--user": "users"}[long]
        values = [(n, "") for n in req.kubeconfig().get(key) or () if n.startswith(word)]
    elif flag.choices:
        values = [(c, "") for c in flag.choices if c.startswith(word)]
    elif long == "--raw":  # get --raw PATH: the same paths as `raw GET`
        from kctl.completion.resources import api_path_candidates

        resources, versions = req.resources()
        values = api_path_candidates(resources, versions, word)
        directive |= NO_SPACE
    elif long == "--api-group":
        _, versions = req.resources()
        groups = dict.fromkeys(v.split("/")[2] for v in versions if v.startswith("/apis/"))
        values = [(g, "") for g in groups if g.startswith(word)]
    elif long == "--output":
        from kctl.printers import registry

        values = [
            (f, "") for f in registry.completions(req.parsed.command.path) if f.startswith(word)
        ]
        if any(v.endswith("=") for v, _ in values):
            directive |= NO_SPACE
    elif flag.path == "dir" or long == "--cache-dir":
        return [], protocol.FILTER_DIRS
    elif flag.path == "file" or long in _FILE_FLAGS:
        return [], 0  # the shell's own file name completion
    else:
        values = []
    return [(prefix + v, d) for v, d in values], directive


_FILE_FLAGS = (
    "--kubeconfig",
    "--certificate-authority",
    "--client-certificate",
    "--client-key",
    "--filename",
)


def _arguments(req: Request, word: str) -> Result:
    path = req.parsed.command.path
    args = req.parsed.args
    if path == ("get",):
        return _get_arguments(req, args, word)
    if path == ("raw",):
        if not args:
            return [(v, "") for v in RAW_VERBS if v.startswith(word.upper())], NO_FILE_COMP
        if len(args) == 1:
            from kctl.completion.resources import api_path_candidates

            resources, versions = req.resources()
            return api_path_candidates(resources, versions, word), NO_FILE_COMP | NO_SPACE
        return [], NO_FILE_COMP
    if path == ("completion",):
        return ([(s, "") for s in SHELLS if s.startswith(word)] if not args else []), NO_FILE_COMP
    kind = CONTEXT_ARGS.get(path)
    if kind is not None and not args:
        names = req.kubeconfig().get(kind) or ()
        return [(n, "") for n in names if n.startswith(word)], NO_FILE_COMP
    return [], NO_FILE_COMP


def _get_arguments(req: Request, args: list[str], word: str) -> Result:
    """kubectl's rules: the first argument is TYPE (or TYPE/NAME), the rest are names of that
    TYPE (or more TYPE/NAME); names already on the line are not offered again."""
    from kctl.completion.resources import resolve, type_candidates

    if args and "/" not in args[0]:
        res = resolve(req.mapper_index(), args[0])
        if res is None:
            return [], NO_FILE_COMP
        taken = set(args[1:])
        return [
            (n, "") for n in req.names(res) if n.startswith(word) and n not in taken
        ], NO_FILE_COMP
    slash = word.find("/")
    if slash == -1:
        resources, _ = req.resources()
        if not args:
            return type_candidates(resources, word), NO_FILE_COMP
        # the line already uses TYPE/NAME: offer "TYPE/" and wait for the name
        return type_candidates(resources, word, "/"), NO_FILE_COMP | NO_SPACE
    typed, prefix = word[:slash], word[slash + 1 :]
    res = resolve(req.mapper_index(), typed)
    if res is None:
        return [], NO_FILE_COMP
    taken = set(args)
    out = [
        (f"{typed}/{n}", "")
        for n in req.names(res)
        if n.startswith(prefix) and f"{typed}/{n}" not in taken
    ]
    return out, NO_FILE_COMP


def run(
    words: list[str], descriptions: bool = True, environ: Mapping[str, str] | None = None
) -> int:
    """Entry point for ``kctl __complete``/``__completeNoDesc``: print the answer, exit 0.

    Nothing goes to stderr: the shell would show it in the middle of the command line. Set
    ``KCTL_COMPLETION_DEBUG=1`` to see a failure's traceback.
    """
    environ = os.environ if environ is None else environ
    if environ.get("KCTL_COMPLETION_DESCRIPTIONS", "").lower() in ("false", "0", "no"):
        descriptions = False
    try:
        from kctl.completion.commands import load_root

        candidates, directive = complete(load_root(), words, environ)
    except Exception:
        if environ.get("KCTL_COMPLETION_DEBUG"):
            import traceback

            sys.stderr.write(traceback.format_exc())  # only when the user asked for it
        candidates, directive = [], protocol.ERROR
    try:
        protocol.write(sys.stdout, candidates, directive, descriptions)
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        pass
    return 0
