"""The completion protocol shared with the shell scripts (cobra's ``__complete`` shape).

The scripts run ``kctl __complete <words...> <partial>``; the answer is one candidate per line,
optionally ``candidate<TAB>description``, and a last line ``:<directive>``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import IO

    Candidate = tuple[str, str]  # (value, description; "" when none)

# Directive bits, the same numbers cobra uses so the meaning is familiar.
ERROR = 1  # something went wrong: offer nothing
NO_SPACE = 2  # do not add a space after the completion (e.g. "pods/" or "-o=jsonpath=")
NO_FILE_COMP = 4  # no candidates means no candidates, not "fall back to file names"
FILTER_FILE_EXT = 8  # the candidates are file extensions to filter on
FILTER_DIRS = 16  # complete directory names only
KEEP_ORDER = 32  # keep the order given instead of sorting


def render(candidates: Iterable[Candidate], directive: int, descriptions: bool = True) -> str:
    """The text written on stdout for one completion request."""
    lines = []
    for value, desc in candidates:
        # A newline or tab inside a value would break the line protocol; such values cannot
        # be typed on a command line anyway.
        if "\n" in value or "\t" in value:
            continue
        desc = " ".join(desc.split()) if descriptions else ""
        lines.append(f"{value}\t{desc}" if desc else value)
    lines.append(f":{directive}")
    return "\n".join(lines) + "\n"


def write(
    out: IO[str], candidates: Iterable[Candidate], directive: int, descriptions: bool
) -> None:
    out.write(render(candidates, directive, descriptions))
