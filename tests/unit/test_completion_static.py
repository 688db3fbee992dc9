"""The pieces that must stay in sync or stay light: the command table, the committed scripts,
the `completion` command, and what a TAB imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kctl.cli import completion as generate
from kctl.completion.scripts import SCRIPTS
from kctl.discovery import cache as discovery_cache
from tests.unit.cli import kctl_process

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = {"bash": "kctl.bash", "zsh": "_kctl", "fish": "kctl.fish"}


def test_command_table_matches_the_click_tree():
    committed = generate.TABLE_PATH.read_text(encoding="utf-8")
    fresh = generate.render_table(generate.build_table())
    assert committed == fresh, (
        "kctl/completion/commands_table.py is out of date with the click commands: "
        "run `.venv/bin/python -m kctl.cli.completion`"
    )


def test_table_lists_every_registered_command_with_its_flags():
    from kctl.cli.main import COMMANDS
    from kctl.completion.commands import load_root

    root = load_root()
    assert list(root.commands) == list(COMMANDS)
    get = root.commands["get"]
    assert get.flag("-o") is not None and get.flag("-o").takes_value
    assert get.flag("-A") is not None and not get.flag("-A").takes_value
    assert get.flag("--namespace") is not None  # the global flags are on every command


def test_table_has_the_short_help_flag_whatever_ran_before():
    """kctl accepts ``-h`` (context_settings); the table must say so whether or not the click
    tree was invoked earlier in the process (click caches each command's help option)."""
    from kctl.completion.commands import load_root

    fresh = subprocess.run(
        [sys.executable, "-c", "from kctl.cli import completion as g; "
         "print(g.render_table(g.build_table()), end='')"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    assert fresh.stdout == generate.TABLE_PATH.read_text(encoding="utf-8")
    root = load_root()
    assert root.flag("-h") is not None
    assert root.commands["get"].flag("-h") is not None
    assert root.commands["config"].commands["view"].flag("-h") is not None


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_committed_scripts_equal_the_command_output(shell):
    done = kctl_process(
        "completion", shell, environ={"KUBECONFIG": "/nonexistent", "PATH": "/usr/bin"}
    )
    assert done.streams == (SCRIPTS[shell], "")
    committed = (ROOT / "completions" / COMMITTED[shell]).read_text(encoding="utf-8")
    assert committed == done.stdout, (
        f"completions/{COMMITTED[shell]} is out of date: "
        f"run `kctl completion {shell} > completions/{COMMITTED[shell]}`"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "error: Shell not specified."),
        (("tcsh",), 'error: Unsupported shell type "tcsh".'),
        (("bash", "zsh"), "error: Too many arguments. Expected only the shell type."),
    ],
)
def test_completion_command_errors_like_kubectl(args, message):
    done = kctl_process("completion", *args, expect=1)
    assert done.stdout == ""
    assert done.stderr == f"{message}\nSee 'kctl completion -h' for help and examples\n"


def _warm_world(tmp_path: Path) -> dict[str, str]:
    server = "https://127.0.0.1:6443"
    (tmp_path / "kubeconfig").write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        f"clusters: [{{name: k, cluster: {{server: '{server}'}}}}]\n"
        "users: [{name: u, user: {token: t}}]\n"
    )
    discovery_cache.write(
        tmp_path / "cache",
        server,
        {
            "fetchedAt": 1.0,
            "etags": {},
            "failed": {},
            "groups": [{"name": "", "versions": ["v1"]}],
            "resources": [
                {"group": "", "version": "v1", "name": "pods", "singularName": "pod",
                 "namespaced": True, "kind": "Pod", "verbs": ["get", "list"],
                 "shortNames": ["po"], "categories": []},
            ],
        },
    )  # fmt: skip
    return {
        "KUBECONFIG": str(tmp_path / "kubeconfig"),
        "KUBECACHEDIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }


PROBE = """
import sys, runpy
sys.argv = ["kctl", *sys.argv[1:]]
try:
    runpy.run_module("kctl", run_name="__main__")
except SystemExit:
    pass
print("MODULES=" + ",".join(sorted(sys.modules)), file=sys.stderr)
"""

FORBIDDEN = {
    "click",
    "requests",
    "rich",
    "yaml",
    "urllib3",
    "ssl",
    "http.client",
    # not forbidden by the issue, but each costs several ms of a ~10 ms TAB
    "json",
    "typing",
    "dataclasses",
    "kctl.env",
    "kctl.cli",
}


@pytest.mark.parametrize("site", [True, False], ids=["console", "launcher"])
def test_type_completion_imports_only_the_completion_modules(tmp_path, site):
    env = _warm_world(tmp_path)
    flags = [] if site else ["-S"]
    cmd = [sys.executable, *flags, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{PROBE}"]
    first = subprocess.run(
        [*cmd, "__complete", "get", "p"], capture_output=True, text=True, env=env
    )
    assert first.stdout == "pods\tPod (po)\n:4\n", first.stderr  # cold: builds the index
    warm = subprocess.run([*cmd, "__complete", "get", "p"], capture_output=True, text=True, env=env)
    assert warm.stdout == "pods\tPod (po)\n:4\n"
    modules = set(warm.stderr.split("MODULES=")[1].strip().split(","))
    assert not modules & FORBIDDEN, sorted(modules & FORBIDDEN)
    assert {m for m in modules if m.startswith("kctl")} == {
        "kctl",
        "kctl.clientcmd",
        "kctl.clientcmd.paths",  # the one kubeconfig file-list rule, shared with the commands
        "kctl.completion",
        "kctl.completion.cmdline",
        "kctl.completion.commands",
        "kctl.completion.commands_table",
        "kctl.completion.engine",
        "kctl.globalflags",  # the global-flag table, shared with the commands
        "kctl.pflag",  # the flag syntax, shared with the commands
        "kctl.completion.index",
        "kctl.completion.protocol",
        "kctl.completion.resources",
    }
    if not site:
        # without site, the interpreter loads nothing the answer does not need
        assert "re" not in modules and "pathlib" not in modules


def test_the_launcher_runs_the_same_engine(tmp_path):
    env = _warm_world(tmp_path)
    done = kctl_process("__completion_launcher", environ=env)
    launcher = done.stdout.splitlines()
    assert launcher[0] == sys.executable and launcher[1] == "-S"
    assert Path(launcher[-1], "kctl", "__main__.py").is_file()
    fast = subprocess.run(
        [*launcher, "__complete", "get", ""], capture_output=True, text=True, env=env
    )
    slow = kctl_process("__complete", "get", "", environ=env)
    assert fast.stdout == slow.stdout == "pods\tPod (po)\n:4\n"
    assert fast.stderr == slow.stderr == ""
    nodesc = subprocess.run(
        [*launcher, "__completeNoDesc", "get", ""], capture_output=True, text=True, env=env
    )
    assert nodesc.stdout == "pods\n:4\n"


def test_completion_does_not_disturb_normal_commands(tmp_path):
    env = _warm_world(tmp_path)
    done = kctl_process("completion", "--help", environ=env)
    assert "bash" in done.stdout
    assert json.loads(json.dumps(done.stdout))  # plain text, no traceback
