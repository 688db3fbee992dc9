"""Shell completion end to end: the committed scripts in real bash, zsh and fish, asking the
real kctl, against the real control plane, with kubectl's own ``__complete`` as the oracle
where kubectl completes the same thing."""

from __future__ import annotations

import os
import re
import secrets
import select
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "completions"
TIMEOUT = 60


# --- the environment the shells run in ----------------------------------------------------


class Shells:
    """Runs completion requests in bash, zsh and fish with one environment."""

    def __init__(self, env: dict[str, str], tmp: Path) -> None:
        self.env = env
        self.tmp = tmp

    def run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, capture_output=True, text=True, env=self.env, cwd=self.tmp, timeout=TIMEOUT
        )

    def kctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(["kctl", *args])

    def bash(self, line: str, bash_completion: bool = False) -> list[str]:
        words = bash_words(line)
        script = "\n".join(
            [
                "source /usr/share/bash-completion/bash_completion" if bash_completion else "",
                f"source {shlex.quote(str(SCRIPTS / 'kctl.bash'))}",
                f"COMP_LINE={shlex.quote(line)}",
                "COMP_POINT=${#COMP_LINE}",
                "COMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")",
                f"COMP_CWORD={len(words) - 1}",
                "COMPREPLY=()",
                "__kctl_complete",
                "printf '%s\\n' \"${COMPREPLY[@]}\"",
            ]
        )
        done = self.run(["bash", "--norc", "--noprofile", "-c", script])
        assert done.returncode == 0, done.stderr
        return [w for w in done.stdout.splitlines() if w]

    def zsh(self, line: str, autoload: bool = False) -> list[str]:
        """zsh with compinit; ``compadd`` is replaced by a function that prints the matches it
        is given. ``autoload``: installed in $fpath as _kctl (else sourced)."""
        words = line.split(" ")
        if autoload:
            (self.tmp / "zfunc").mkdir(exist_ok=True)
            (self.tmp / "zfunc" / "_kctl").write_text((SCRIPTS / "_kctl").read_text())
            load = f"fpath=({shlex.quote(str(self.tmp / 'zfunc'))} $fpath)"
            call = "_kctl"
        else:
            load = ""
            call = "__kctl_zsh_complete"
        script = "\n".join(
            [
                load,
                "autoload -U compinit && compinit -u -D",
                "" if autoload else f"source {shlex.quote(str(SCRIPTS / '_kctl'))}",
                "compadd() {",
                "  local -a arrays; local next=0",
                "  while (( $# )); do",
                "    case $1 in -d|-S|-J|-X|-P|-p) shift;; -a) next=1;; -*) ;;",
                "      *) (( next )) && arrays+=($1);; esac; shift",
                "  done",
                "  local a; for a in $arrays; do print -rl -- ${(@P)a}; done",
                "}",
                "words=(" + " ".join(shlex.quote(w) for w in words) + ")",
                f"CURRENT={len(words)}",
                call,
                "true",
            ]
        )
        done = self.run(["zsh", "-f", "-c", script])
        assert done.returncode == 0, done.stderr
        return [w for w in done.stdout.splitlines() if w]

    def fish(self, line: str) -> list[tuple[str, str]]:
        """``complete -C`` in fish: (candidate, description) pairs."""
        script = (
            f"source {shlex.quote(str(SCRIPTS / 'kctl.fish'))}; complete -C {shlex.quote(line)}"
        )
        done = self.run(["fish", "--no-config", "-c", script])
        assert done.returncode == 0, done.stderr
        return [tuple((x.split("\t", 1) + [""])[:2]) for x in done.stdout.splitlines() if x]

    def interactive(self, shell: str, typed: str) -> str:
        """Type ``typed`` and TAB into an interactive bash or zsh on a pseudo-terminal (the
        script installed the usual way) and return the command line TAB left behind."""
        if shell == "bash":
            argv = ["bash", "--norc", "--noprofile", "-i"]
            setup = f"source {shlex.quote(str(SCRIPTS / 'kctl.bash'))}"
        else:
            (self.tmp / "zfunc").mkdir(exist_ok=True)
            (self.tmp / "zfunc" / "_kctl").write_text((SCRIPTS / "_kctl").read_text())
            argv = ["zsh", "-f", "-i"]
            setup = (
                f"fpath=({shlex.quote(str(self.tmp / 'zfunc'))} $fpath); "
                "autoload -U compinit && compinit -u -D"
            )
        return _on_a_terminal(argv, setup, typed, dict(self.env, PS1="> "))

    def all(self, line: str) -> dict[str, list[str]]:
        """The candidates each shell offers for ``line``."""
        return {
            "bash": self.bash(line),
            "zsh": self.zsh(line),
            "fish": [v for v, _ in self.fish(line)],
        }


def _on_a_terminal(argv: list[str], setup: str, typed: str, env: dict[str, str]) -> str:
    """Run an interactive shell on a pty: ``setup``, then ``typed`` + TAB, then Ctrl-A and an
    ``echo`` that prints the completed line behind a marker the echoed keystrokes lack."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    try:
        os.write(master, f"{setup}\n{typed}\t".encode())
        os.write(master, b"\x01echo RESULT$((6*7)):\n")
        seen = b""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            found = re.search(rb"RESULT42:([^\r\n]*)\r?\n", seen)
            if found:
                return found.group(1).decode().strip()
        raise AssertionError(f"{argv[0]} never printed the line; output: {seen[-2000:]!r}")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def bash_words(line: str) -> list[str]:
    """COMP_WORDS as bash builds them: blanks separate words, and "=" and ":" (in
    COMP_WORDBREAKS) are words of their own."""
    words: list[str] = []
    for token in line.split():
        words.extend(p for p in re.split(r"([=:]+)", token) if p)
    if not line or line[-1].isspace():
        words.append("")
    return words


def _kctl_bin(tmp: Path) -> Path:
    """A directory with ``kctl`` in it: the installed console script when there is one (the
    editable install in .venv), else a small wrapper around ``python -m kctl``."""
    installed = Path(sys.executable).parent / "kctl"
    if installed.is_file():
        return installed.parent
    bindir = tmp / "bin"
    bindir.mkdir()
    wrapper = bindir / "kctl"
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m kctl "$@"\n')
    wrapper.chmod(0o755)
    return bindir


def _kubeconfig_with_two_contexts(cluster, path: Path) -> None:
    """The admin kubeconfig plus a context for the limited user (token auth) whose namespace
    is the limited namespace."""
    config = yaml.safe_load(cluster.admin_kubeconfig.read_text())
    limited = yaml.safe_load(cluster.limited_kubeconfig.read_text())
    config["users"].append(limited["users"][0])
    config["contexts"].append(
        {
            "name": "jane@limited",
            "context": {
                "cluster": config["clusters"][0]["name"],
                "user": limited["users"][0]["name"],
                "namespace": cluster.limited_namespace,
            },
        }
    )
    path.write_text(yaml.safe_dump(config))
    path.chmod(0o600)


@pytest.fixture
def shells(cluster, tmp_path) -> Shells:
    """bash/zsh/fish with kctl on PATH, a private HOME and cache, the two-context kubeconfig,
    and a discovery cache warmed the way a user warms it: by running a kctl command."""
    home = tmp_path / "home"
    home.mkdir()
    kubeconfig = tmp_path / "kubeconfig"
    _kubeconfig_with_two_contexts(cluster, kubeconfig)
    env = {
        "HOME": str(home),
        "PATH": f"{_kctl_bin(tmp_path)}:/usr/local/bin:/usr/bin:/bin",
        "KUBECONFIG": str(kubeconfig),
        "KUBECACHEDIR": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
    }
    box = Shells(env, tmp_path)
    warm = box.kctl("api-resources", "-o", "name")
    assert warm.returncode == 0, warm.stderr
    return box


def kubectl_complete(cluster, shells: Shells, *words: str) -> list[str]:
    """kubectl's own ``__complete`` answer (candidates only), same kubeconfig."""
    done = shells.run(
        [
            str(cluster.kubectl),
            "__complete",
            "--cache-dir",
            str(shells.tmp / "kubectl-cache"),
            *words,
        ]
    )
    lines = done.stdout.splitlines()
    assert lines and lines[-1].startswith(":"), done
    return [line.split("\t")[0] for line in lines[:-1]]


# --- types --------------------------------------------------------------------------------


def test_types_match_kubectl_in_every_shell(cluster, shells):
    expected = sorted(kubectl_complete(cluster, shells, "get", ""))
    assert "pods" in expected and "deployments.apps" in expected and "bindings" not in expected
    for shell, got in shells.all("kctl get ").items():
        assert sorted(got) == expected, shell


def test_comma_keeps_the_prefix_like_kubectl(cluster, shells):
    expected = sorted(kubectl_complete(cluster, shells, "get", "po,se"))
    assert "po,services" in expected
    for shell, got in shells.all("kctl get po,se").items():
        assert sorted(got) == expected, shell


def test_short_names_complete_and_descriptions_show_the_kind(shells):
    for shell, got in shells.all("kctl get svc").items():
        assert got == ["services"], shell
    described = dict(shells.fish("kctl get po"))
    assert described["pods"] == "Pod (po)"
    assert set(shells.zsh("kctl get deploy")) == {"deployments.apps"}


def test_bash_with_and_without_bash_completion_package(shells):
    plain = shells.bash("kctl get deploy")
    loaded = shells.bash("kctl get deploy", bash_completion=True)
    assert plain == loaded == ["deployments.apps"]
    registered = shells.run(
        ["bash", "--norc", "-c", f"source {SCRIPTS / 'kctl.bash'}; complete -p kctl"]
    )
    assert registered.stdout == "complete -F __kctl_complete kctl\n"


def test_a_stale_fast_launcher_falls_back_to_kctl(shells):
    """A shell that learned the fast command line before kctl moved still completes (through
    ``kctl __complete``) and learns the new one."""
    script = "\n".join(
        [
            f"source {shlex.quote(str(SCRIPTS / 'kctl.bash'))}",
            "__kctl_launcher_for=kctl",
            "__kctl_launcher=(/nonexistent/python -S -c pass /nowhere)",
            "COMP_LINE='kctl get statefulsets'; COMP_POINT=${#COMP_LINE}",
            "COMP_WORDS=(kctl get statefulsets); COMP_CWORD=2",
            "__kctl_complete",
            'printf \'%s\\n\' "${COMPREPLY[@]}" "launcher=${#__kctl_launcher[@]}"',
        ]
    )
    done = shells.run(["bash", "--norc", "--noprofile", "-c", script])
    assert done.stdout == "statefulsets.apps\nlauncher=0\n", done.stderr
    # the next TAB asks kctl again for its fast command line
    assert shells.bash("kctl get statefulsets") == ["statefulsets.apps"]


def test_zsh_installed_in_fpath(shells):
    assert shells.zsh("kctl get statefulsets", autoload=True) == ["statefulsets.apps"]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_tab_in_an_interactive_shell(shells, namespace, apply, shell):
    _configmaps(apply, namespace, ["only-one-like-this"])
    assert shells.interactive(shell, "kctl get sv") == "kctl get services"
    assert shells.interactive(shell, "kctl get deployments.ap") == "kctl get deployments.apps"
    assert (
        shells.interactive(shell, f"kctl get configmaps -n {namespace} only")
        == f"kctl get configmaps -n {namespace} only-one-like-this"
    )
    assert (
        shells.interactive(shell, f"kctl get --namespace={namespace[:-1]}")
        == f"kctl get --namespace={namespace}"
    )
    assert shells.interactive(shell, f"kctl get -n={namespace[:-1]}") == f"kctl get -n={namespace}"


# --- names --------------------------------------------------------------------------------


def _configmaps(apply, namespace: str, names: list[str]) -> None:
    apply(
        "\n---\n".join(
            f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {n}, namespace: {namespace}}}"
            for n in names
        )
    )


def test_names_match_kubectl_in_every_shell(cluster, shells, namespace, apply):
    _configmaps(apply, namespace, ["app-config", "app-env", "db-config"])
    expected = kubectl_complete(cluster, shells, "-n", namespace, "get", "configmaps", "")
    assert sorted(expected) == ["app-config", "app-env", "db-config"]
    for shell, got in shells.all(f"kctl -n {namespace} get configmaps ").items():
        assert sorted(got) == sorted(expected), shell
    for shell, got in shells.all(f"kctl get cm -n {namespace} app").items():
        assert sorted(got) == ["app-config", "app-env"], shell


def test_names_in_the_type_slash_form_and_without_repeats(cluster, shells, namespace, apply):
    _configmaps(apply, namespace, ["one", "two"])
    expected = kubectl_complete(cluster, shells, "-n", namespace, "get", "configmaps/")
    assert sorted(expected) == ["configmaps/one", "configmaps/two"]
    for shell, got in shells.all(f"kctl -n {namespace} get configmaps/").items():
        assert sorted(got) == sorted(expected), shell
    already = kubectl_complete(cluster, shells, "-n", namespace, "get", "configmaps", "one", "")
    assert already == ["two"]
    for shell, got in shells.all(f"kctl -n {namespace} get configmaps one ").items():
        assert got == already, shell


def test_names_for_every_type_form_the_commands_resolve(cluster, shells, namespace, apply):
    # completion resolves type names with the RESTMapper's own rules: group prefixes
    # (ingresses.networking), versions, kinds and short names name the same type as in `get`
    apply(
        "\n---\n".join(
            f"apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
            f"metadata: {{name: {n}, namespace: {namespace}}}\n"
            "spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}"
            for n in ("front", "back")
        )
    )
    forms = (
        "ingresses.networking",
        "ingress.networking.k8s.io",
        "ingresses.v1.networking.k8s.io",
        "ing",
        "Ingress",
    )
    for typed in forms:
        expected = kubectl_complete(cluster, shells, "-n", namespace, "get", typed, "")
        assert sorted(expected) == ["back", "front"], typed
        done = shells.kctl("__complete", "-n", namespace, "get", typed, "")
        assert sorted(done.stdout.splitlines()[:-1]) == ["back", "front"], (typed, done)
        slash = shells.kctl("__complete", "-n", namespace, "get", f"{typed}/f")
        assert slash.stdout.splitlines()[:-1] == [f"{typed}/front"], (typed, slash)


def test_names_use_the_context_namespace_and_token_auth(cluster, shells, apply):
    pod = f"completion-{secrets.token_hex(3)}"
    ns = cluster.limited_namespace
    apply(
        f"apiVersion: v1\nkind: Pod\nmetadata: {{name: {pod}, namespace: {ns}}}\n"
        "spec:\n  containers: [{name: c, image: registry.k8s.io/pause:3.10}]\n"
    )
    try:
        expected = kubectl_complete(cluster, shells, "--context", "jane@limited", "get", "pods", "")
        assert pod in expected
        for shell, got in shells.all("kctl --context jane@limited get pods ").items():
            assert sorted(got) == sorted(expected), shell
        # jane may not list configmaps: no names, no noise
        assert shells.bash("kctl --context jane@limited get configmaps ") == []
    finally:
        shells.run([str(cluster.kubectl), "delete", "pod", pod, "-n", ns, "--wait=false"])


def test_namespaces_match_kubectl(cluster, shells, namespace):
    expected = sorted(kubectl_complete(cluster, shells, "get", "-n", ""))
    assert namespace in expected and "kube-system" in expected
    for shell, got in shells.all("kctl get -n ").items():
        assert sorted(got) == expected, shell
    prefix = namespace[:-2]
    assert shells.bash(f"kctl get --namespace={prefix}") == [namespace]  # bash's "=" word
    assert shells.zsh(f"kctl get --namespace={prefix}") == [f"--namespace={namespace}"]
    # pflag's "-n=value" too, as kubectl's cobra completion does (the letter before the "=")
    assert kubectl_complete(cluster, shells, "get", f"-n={prefix}") == [namespace]
    assert shells.bash(f"kctl get -n={prefix}") == [namespace]
    assert shells.zsh(f"kctl get -n={prefix}") == [f"-n={namespace}"]
    assert [v for v, _ in shells.fish(f"kctl get -n={prefix}")] == [f"-n={namespace}"]
    assert shells.zsh(f"kctl -n={namespace} get configmaps -o=nam") == ["-o=name"]


# --- contexts, flags, raw paths -----------------------------------------------------------


def test_contexts_clusters_and_users_from_the_kubeconfig(cluster, shells):
    listed = shells.run([str(cluster.kubectl), "config", "get-contexts", "-o", "name"])
    expected = sorted(listed.stdout.split())
    assert expected == ["envtest", "jane@limited"]
    for shell, got in shells.all("kctl --context ").items():
        assert sorted(got) == expected, shell
    for shell, got in shells.all("kctl config use-context j").items():
        assert got == ["jane@limited"], shell
    users = yaml.safe_load(Path(shells.env["KUBECONFIG"]).read_text())["users"]
    assert sorted(shells.bash("kctl get --user ")) == sorted(u["name"] for u in users)
    assert shells.bash("kctl --cluster ") == ["envtest"]


def test_flags_and_output_formats(shells):
    for shell, got in shells.all("kctl get --all-n").items():
        assert got == ["--all-namespaces"], shell
    for shell, got in shells.all("kctl get -o ya").items():
        assert got == ["yaml"], shell
    for shell, got in shells.all("kctl comp").items():
        assert got == ["completion"], shell
    described = dict(shells.fish("kctl get --all-n"))
    assert described["--all-namespaces"] == "List across all namespaces."


def test_raw_api_paths_from_discovery(shells):
    for shell, got in shells.all("kctl raw GET /apis/ap").items():
        assert sorted(got) == [
            "/apis/apiextensions.k8s.io/",
            "/apis/apiregistration.k8s.io/",
            "/apis/apps/",
        ], shell
    assert "/api/v1/pods" in shells.bash("kctl raw GET /api/v1/")


# --- failure modes ------------------------------------------------------------------------


def test_unreachable_server_returns_nothing_quickly_and_quietly(cluster, shells, tmp_path):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = yaml.safe_load(Path(shells.env["KUBECONFIG"]).read_text())
    for c in config["clusters"]:
        c["cluster"]["server"] = f"https://127.0.0.1:{port}"
    dead = tmp_path / "dead.kubeconfig"
    dead.write_text(yaml.safe_dump(config))
    started = time.monotonic()
    done = shells.run(["kctl", "__complete", "--kubeconfig", str(dead), "get", "pods", ""])
    assert (done.returncode, done.stdout, done.stderr) == (0, ":4\n", "")
    assert shells.bash(f"kctl --kubeconfig {dead} get pods ") == []
    assert time.monotonic() - started < 5


def test_completion_script_needs_no_server_or_kubeconfig(shells, tmp_path):
    env = dict(shells.env, KUBECONFIG=str(tmp_path / "missing"), HTTPS_PROXY="http://127.0.0.1:9")
    started = time.monotonic()
    done = subprocess.run(["kctl", "completion", "zsh"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == (SCRIPTS / "_kctl").read_text()
    assert time.monotonic() - started < 5
    assert not os.path.exists(tmp_path / "missing")


def test_no_kctl_on_path_means_no_candidates_and_no_noise(tmp_path):
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    bash = (
        f"source {SCRIPTS / 'kctl.bash'}; COMP_LINE='kctl get '; COMP_POINT=9; "
        'COMP_WORDS=(kctl get ""); COMP_CWORD=2; __kctl_complete; echo "n=${#COMPREPLY[@]}"'
    )
    zsh = (
        f"autoload -U compinit && compinit -u -D; source {SCRIPTS / '_kctl'}; "
        'compadd() { echo "compadd $*"; }; words=(kctl get ""); CURRENT=3; '
        "__kctl_zsh_complete; echo n=0"
    )
    fish = f"source {SCRIPTS / 'kctl.fish'}; complete -C 'kctl get '; echo n=0"
    for argv in (
        ["bash", "--norc", "--noprofile", "-c", bash],
        ["zsh", "-f", "-c", zsh],
        ["fish", "--no-config", "-c", fish],
    ):
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=TIMEOUT)
        assert (done.stdout, done.stderr) == ("n=0\n", ""), argv[0]
