"""Generate docs/library-api.md, the API reference of ``import kctl``, from the docstrings.

Usage: ``.venv/bin/python -m tools.gen_api_docs`` (``--check``: exit 1 if the file is stale;
tests/unit/test_library_docs.py runs that). Every name in ``kctl.__all__``: its signature and
docstring, and for a class the public methods and properties it defines itself.
"""

from __future__ import annotations

import enum
import inspect
import sys
from pathlib import Path
from typing import Any

import kctl

OUT = Path(__file__).resolve().parents[1] / "docs" / "library-api.md"


def _signature(obj: Any, name: str) -> str:
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        return name
    return f"{name}{sig}"


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "").strip()


def _members(cls: type) -> list[tuple[str, Any]]:
    out = []
    for name, value in cls.__dict__.items():
        if name.startswith("_") and name != "__init__":
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            out.append((name, value))
    return out


def _entry(public: str, obj: Any) -> list[str]:
    module = getattr(obj, "__module__", "")
    lines = [f"## `kctl.{public}`", ""]
    if inspect.isclass(obj):
        kind = "exception" if issubclass(obj, BaseException) else "class"
        init = obj.__dict__.get("__init__")
        head = (
            _signature(init, public).replace("(self, ", "(").replace("(self)", "()")
            if (init and inspect.isfunction(init))
            else public
        )
        lines += [f"{kind} `{head}` (in `{module}`)", "", _doc(obj), ""]
        if issubclass(obj, enum.Enum):
            lines += [f"- `{m.name}` = `{m.value!r}`" for m in obj] + [""]
        for name, member in _members(obj):
            if name == "__init__":
                continue
            if isinstance(member, property):
                lines += [f"### `.{name}` (property)", "", _doc(member.fget), ""]
            else:
                sig = _signature(member, name).replace("(self, ", "(").replace("(self)", "()")
                lines += [f"### `.{sig}`", "", _doc(member), ""]
    elif callable(obj):
        lines += [f"function `{_signature(obj, public)}` (in `{module}`)", "", _doc(obj), ""]
    return lines


def render() -> str:
    lines = [
        "# `import kctl`: API reference",
        "",
        "Generated from the docstrings by `tools/gen_api_docs.py`; do not edit. The guide is",
        "[library.md](library.md).",
        "",
    ]
    for public in kctl.__all__:
        if public == "__version__":
            continue
        lines += _entry(public, getattr(kctl, public))
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT} is out of date: run python -m tools.gen_api_docs", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
