"""Entry point for the `kctl` console script and `python -m kctl`.

Imports nothing but the standard library until it knows what to run: shell completion
requests (``kctl __complete ...``) take a fast path that never loads click (see
kctl.completion), because every TAB pays for this process's start-up.
"""

import sys

# The command the completion scripts run instead of ``kctl`` once they know it: the same
# interpreter with ``-S`` (no site: the console-script wrapper and site-packages .pth hooks cost
# 10-15 ms, as much as the whole answer), with this package's directory put first on sys.path.
_LAUNCH_CODE = "import sys;sys.path.insert(0,sys.argv.pop(1));from kctl.__main__ import main;main()"


def launcher() -> list[str]:
    """The argv prefix for a fast completion request (printed one element per line)."""
    import os

    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return [sys.executable, "-S", "-c", _LAUNCH_CODE, package_parent]


def main() -> None:
    """Run kctl with sys.argv and exit with its status."""
    # Importing allocates tens of thousands of long-lived objects (modules, classes, functions),
    # and the default threshold (700) runs the cyclic collector dozens of times over them for
    # nothing: about 5 % of a short command. A higher first-generation threshold keeps it
    # collecting in long runs (watches) while start-up runs it only a few times.
    import gc

    gc.set_threshold(20_000)
    argv = sys.argv[1:]
    if argv and argv[0] in ("__complete", "__completeNoDesc"):
        from kctl.completion.engine import run as complete

        sys.exit(complete(argv[1:], descriptions=argv[0] == "__complete"))
    if argv == ["__completion_launcher"]:
        sys.stdout.write("".join(f"{part}\n" for part in launcher()))
        sys.exit(0)
    from kctl.cli.main import run

    sys.exit(run(argv))


if __name__ == "__main__":
    main()
