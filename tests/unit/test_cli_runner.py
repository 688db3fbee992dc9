"""The shared CLI test runner (tests/unit/cli.py) fails loudly and readably."""

from __future__ import annotations

import pytest

from tests.unit.cli import CLIResult, UnexpectedExit, kctl


def test_an_unexpected_exit_code_fails_with_everything_printed() -> None:
    with pytest.raises(UnexpectedExit) as info:
        kctl("--no-such-flag")  # expects 0 by default
    text = str(info.value)
    assert text.startswith("expected exit code 0, got:\n<kctl --no-such-flag: exit 1>\n")
    assert "--- stderr ---\nerror: unknown flag: --no-such-flag\n" in text


def test_the_expected_failure_returns_the_result() -> None:
    result = kctl("--no-such-flag", expect=1)
    assert result.exit_code == 1
    assert result.streams == (
        "",
        "error: unknown flag: --no-such-flag\nSee 'kctl --help' for usage.\n",
    )


def test_expect_none_accepts_any_exit_code() -> None:
    assert kctl("bogus", expect=None).exit_code == 1


def test_the_repr_names_the_command_and_shows_both_streams() -> None:
    result = CLIResult(("get", "pods", "-o", "a b"), 1, "out", "err\n")
    assert repr(result) == (
        "<kctl get pods -o 'a b': exit 1>\n--- stdout ---\nout\n--- stderr ---\nerr\n--- end ---"
    )


def test_completion_requests_run_like_the_entry_point(tmp_path) -> None:
    result = kctl("__complete", "completion", "", environ={"HOME": str(tmp_path)})
    assert result.stdout.splitlines()[:3] == ["bash", "zsh", "fish"]
    assert result.stderr == ""
