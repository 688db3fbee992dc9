"""Entry point for the `kctl` console script and `python -m kctl`.

Imports nothing but the standard library until it knows what to run: shell completion
requests take a fast path that never loads click (see kctl.completion).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run kctl with sys.argv and exit with its status."""
    from kctl.cli.main import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
