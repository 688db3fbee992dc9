"""Colour and cache-location rules of the injected Environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from kctl.env import Environment, default_cache_root


@pytest.mark.parametrize(
    ("environ", "tty", "colour"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour(environ: dict[str, str], tty: bool, colour: bool) -> None:
    assert Environment.for_test(environ=environ, tty=tty).colour is colour


def test_cache_root_precedence(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert default_cache_root(env) == tmp_path / "xdg" / "kctl"
    assert default_cache_root({"HOME": str(tmp_path)}) == tmp_path / ".cache" / "kctl"
    assert default_cache_root({**env, "KUBECACHEDIR": "/k"}) == Path("/k")
    assert default_cache_root({**env, "KUBECACHEDIR": "/k"}, flag="/flag") == Path("/flag")


def test_warn_is_plain_when_not_a_terminal() -> None:
    env = Environment.for_test()
    env.warn("metrics.k8s.io/v1beta1 is unavailable")
    assert env.stderr.getvalue() == "Warning: metrics.k8s.io/v1beta1 is unavailable\n"  # type: ignore[attr-defined]


def test_warn_is_yellow_on_a_terminal_unless_no_color() -> None:
    env = Environment.for_test(tty=True)
    env.warn("x")
    assert env.stderr.getvalue() == "\x1b[33;1mWarning: x\x1b[0m\n"  # type: ignore[attr-defined]
    env = Environment.for_test(tty=True, environ={"NO_COLOR": "1"})
    env.warn("x")
    assert env.stderr.getvalue() == "Warning: x\n"  # type: ignore[attr-defined]


def test_process_streams_write_invalid_utf8_back_as_bytes_not_a_traceback() -> None:
    import subprocess
    import sys

    code = (
        "from kctl.env import Environment\n"
        "env = Environment.from_process()\n"
        "env.stdout.write('a\\udcff b\\ud800 c\\n')\n"
        "env.stderr.write('e\\udcfe\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env={"PYTHONIOENCODING": "utf-8"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"a\xff b\xef\xbf\xbd c\n"
    assert done.stderr == b"e\xfe\n"


def test_the_environment_cannot_be_changed_after_creation() -> None:
    env = Environment.for_test()
    with pytest.raises(AttributeError, match="immutable"):
        env.cache_dir_flag = "/elsewhere"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del env.stdout
    assert env.cache_dir_flag is None


def test_replace_gives_a_changed_copy_and_refuses_unknown_fields() -> None:
    env = Environment.for_test(environ={"A": "1"})
    wide = env.replace(terminal_width=120)
    assert (wide.terminal_width, env.terminal_width) == (120, None)
    assert wide.stdout is env.stdout and wide.environ is env.environ
    with pytest.raises(TypeError, match="no field"):
        env.replace(colour=True)


def test_the_environment_repr_never_shows_its_variables() -> None:
    env = Environment.for_test(environ={"KUBE_TOKEN": "s3cret-value"})
    text = repr(env)
    assert "s3cret-value" not in text and "KUBE_TOKEN" not in text
    assert "environ=<1 variables>" in text


def test_cache_dir_flag_gives_a_new_environment(tmp_path: Path) -> None:
    env = Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path / "env")})
    flagged = env.with_cache_dir(str(tmp_path / "flag"))
    assert flagged.cache_root == tmp_path / "flag"
    assert env.cache_root == tmp_path / "env"  # the original is untouched
    assert flagged.stdout is env.stdout and flagged.stderr is env.stderr
    assert env.with_cache_dir(None) is env


def test_the_factory_does_not_change_the_injected_environment(tmp_path: Path) -> None:
    from kctl.cli.factory import Factory
    from kctl.clientcmd.overrides import Overrides

    env = Environment.for_test(environ={"KUBECACHEDIR": str(tmp_path / "env")})
    factory = Factory(env, Overrides(cache_dir=str(tmp_path / "flag")))
    assert factory.env.cache_root == tmp_path / "flag"
    assert env.cache_dir_flag is None and env.cache_root == tmp_path / "env"
