"""docs/library-api.md is generated from the docstrings (tools/gen_api_docs.py) and must be
current; every public name is in it."""

from __future__ import annotations

import re
import sys

import kctl
from tools import gen_api_docs


def test_every_public_name_has_a_section() -> None:
    text = gen_api_docs.OUT.read_text()
    headings = re.findall(r"^## `kctl\.(\w+)`$", text, re.M)
    assert headings == [n for n in kctl.__all__ if n != "__version__"]


def test_api_reference_is_current() -> None:
    if sys.version_info[:2] != (3, 11):
        # signatures print differently on other Pythons; the generated file is 3.11's
        return test_every_public_name_has_a_section()
    assert gen_api_docs.OUT.read_text() == gen_api_docs.render(), (
        "docs/library-api.md is out of date: run .venv/bin/python -m tools.gen_api_docs"
    )
