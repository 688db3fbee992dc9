"""The root command, the lazy command registry and the one error funnel.

The registry names every command with its one-line help, so ``kctl --help`` lists them without
importing any command module (pip's ``commands_dict`` idea). A command's module is imported only
when that command runs or its own ``--help`` is asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from kctl.cli.options import global_options
from kctl.cli.parsing import FlagUsageError, PflagGroup
from kctl.env import Environment
from kctl.errors import KctlError

# name -> (module, attribute, one-line help); kept in kubectl's help order
COMMANDS: dict[str, tuple[str, str, str]] = {
    "get": ("kctl.cli.get", "get", "Display one or many resources"),
    "api-resources": (
        "kctl.cli.api_resources",
        "api_resources",
        "Print the supported API resources on the server",
    ),
    "api-versions": (
        "kctl.cli.api_resources",
        "api_versions",
        'Print the supported API versions on the server, in the form of "group/version"',
    ),
    "raw": ("kctl.cli.raw", "raw", "Send a raw HTTP request to the API server"),
    "config": ("kctl.cli.config", "config", "Inspect and switch kubeconfig contexts"),
    "version": ("kctl.cli.version", "version", "Print the client and server version information"),
    "completion": ("kctl.cli.completion", "completion", "Output shell completion code"),
}


class LazyGroup(PflagGroup):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_m, _a, help_text) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@global_options
def cli() -> None:
    """kctl controls the Kubernetes cluster manager, like kubectl."""


def run(argv: Sequence[str], env: Environment | None = None) -> int:
    """Run one kctl invocation and return its exit code; never lets a traceback out for user
    errors (the error funnel)."""
    if env is None:
        # Failing standard streams become kubectl's `error: write /dev/stdout: ...` (streams.py).
        from kctl.cli.streams import guard

        env = Environment.from_process().replace(
            stdout=guard(sys.stdout, "/dev/stdout"),
            stderr=guard(sys.stderr, "/dev/stderr"),
            stdin=guard(sys.stdin, "/dev/stdin"),
        )
    try:
        cli.main(args=list(argv), prog_name="kctl", standalone_mode=False, obj=env)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        _print_usage_error(env, exc)
        return 1
    except click.exceptions.Abort:
        env.stderr.write("\n")
        return 130
    except KctlError as exc:
        _flush(env)
        _say(env, f"{exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kctl get pods | head`: the reader went away; nothing left to say.
        _silence_stdout()
        return 0
    failed = _flush(env)
    if failed is not None:  # the last buffered output could not be written
        _say(env, f"{failed}\n")
        return failed.exit_code
    return 0


def _print_usage_error(env: Environment, exc: click.UsageError) -> None:
    """kubectl's (cobra's) shape: ``error: <what>`` then ``See 'kubectl get --help' for usage.``"""
    cmd = exc.ctx.command_path if exc.ctx is not None else "kctl"
    env.stderr.write(f"error: {_usage_message(exc)}\nSee '{cmd} --help' for usage.\n")


def _usage_message(exc: click.UsageError) -> str:
    """The text after ``error: ``: the parser's errors are pflag's words already; the rest
    (a missing argument, a value outside a click.Choice) are click's."""
    if isinstance(exc, FlagUsageError):
        return exc.message
    return exc.format_message()


def _flush(env: Environment) -> KctlError | None:
    """Flush stdout; a failure is returned (a closed pipe is not one: kubectl is quiet too)."""
    try:
        env.stdout.flush()
    except (BrokenPipeError, ValueError):
        _silence_stdout()
    except KctlError as exc:  # StreamError: a full disk, a closed descriptor
        _silence_stdout()
        return exc
    return None


def _say(env: Environment, text: str) -> None:
    """The funnel's last words; a stderr that cannot take them leaves only the exit code."""
    try:
        env.stderr.write(text)
        env.stderr.flush()
    except (KctlError, OSError, ValueError):
        pass


def _silence_stdout() -> None:
    # Point stdout at devnull so the interpreter's final flush does not raise again.
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # AttributeError: started without a stdout
        pass
