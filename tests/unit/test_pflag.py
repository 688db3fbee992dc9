"""kubectl's flag syntax: the pflag rules (kctl.pflag) and the click commands that use them.

Expected values are kubectl 1.36.3's observed behaviour (reference/flags-and-parsing.md §3);
tests/integration/test_flags.py runs the same forms against the real kubectl.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
import pytest

from kctl import pflag
from kctl.cli import main as cli_main
from kctl.cli.options import global_options, overrides_of, verbosity_of
from kctl.cli.parsing import STRING_SLICE, PflagCommand
from tests.unit.cli import CLIResult, kctl

# a get-like flag set: -A bool, -w bool, -o value, -n value, -f slice, --chunk-size int
FLAGS = pflag.FlagSet(
    [
        pflag.Flag("all-namespaces", "A", "true", pflag.parse_bool),
        pflag.Flag("watch", "w", "true", pflag.parse_bool),
        pflag.Flag("output", "o"),
        pflag.Flag("namespace", "n"),
        pflag.Flag("filename", "f", None, pflag.read_csv),
        pflag.Flag("chunk-size", "", None, pflag.parse_int),
        pflag.Flag("help", "h", "true", pflag.parse_bool),
    ]
)


def values(args: list[str]) -> tuple[list[tuple[str, Any]], list[str]]:
    parsed = pflag.parse(FLAGS, args)
    return [(f.long, v) for f, v in parsed.values], parsed.args


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-n=ns"], [("namespace", "ns")]),
        (["-nns"], [("namespace", "ns")]),
        (["-n", "ns"], [("namespace", "ns")]),
        (["--namespace=ns"], [("namespace", "ns")]),
        (["--namespace", "ns"], [("namespace", "ns")]),
        (["-n="], [("namespace", "=")]),
        (["--namespace="], [("namespace", "")]),
        (["-namespace=ns"], [("namespace", "amespace=ns")]),
        (["-n", "-o"], [("namespace", "-o")]),
        (["-oname"], [("output", "name")]),
        (["-o=name"], [("output", "name")]),
        (["-o="], [("output", "=")]),
        (["-oAname"], [("output", "Aname")]),
        (["-A"], [("all-namespaces", True)]),
        (["-A=true"], [("all-namespaces", True)]),
        (["--all-namespaces=T"], [("all-namespaces", True)]),
        (["-A=false"], [("all-namespaces", False)]),
        (["--all-namespaces=0"], [("all-namespaces", False)]),
        (["--all_namespaces"], [("all-namespaces", True)]),
        (["-Aoname"], [("all-namespaces", True), ("output", "name")]),
        (["-Ao", "name"], [("all-namespaces", True), ("output", "name")]),
        (["-Aw=false"], [("all-namespaces", True), ("watch", False)]),
        (["-Afalse"], [("all-namespaces", True), ("filename", ["alse"])]),
        (["-f", 'x,"l,m"'], [("filename", ["x", "l,m"])]),
        (["-f", ""], [("filename", [])]),
        (["--chunk-size=010"], [("chunk-size", 8)]),
        (["--chunk-size=0x10"], [("chunk-size", 16)]),
        (["--chunk-size=0b11"], [("chunk-size", 3)]),
        (["--chunk-size=1_0"], [("chunk-size", 10)]),
        (["--chunk-size=+5"], [("chunk-size", 5)]),
        (["--chunk-size", "-1"], [("chunk-size", -1)]),
        (["-h=false"], [("help", False)]),
    ],
)
def test_accepted_forms(args: list[str], expected: list[tuple[str, Any]]) -> None:
    assert values(args) == (expected, [])


def test_positionals_interleave_and_dashdash_ends_flags() -> None:
    assert values(["cm", "-n", "ns", "a", "-A", "b"]) == (
        [("namespace", "ns"), ("all-namespaces", True)],
        ["cm", "a", "b"],
    )
    assert values(["-A", "false"]) == ([("all-namespaces", True)], ["false"])
    assert values(["-n", "ns", "--", "cm", "-oname"]) == ([("namespace", "ns")], ["cm", "-oname"])
    assert values(["-", ""]) == ([], ["-", ""])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "name", "-n"], "flag needs an argument: 'n' in -n"),
        (["--namespace"], "flag needs an argument: --namespace"),
        (["-o"], "flag needs an argument: 'o' in -o"),
        (
            ["-A=maybe"],
            'invalid argument "maybe" for "-A, --all-namespaces" flag: '
            'strconv.ParseBool: parsing "maybe": invalid syntax',
        ),
        (
            ["--all-namespaces="],
            'invalid argument "" for "-A, --all-namespaces" flag: '
            'strconv.ParseBool: parsing "": invalid syntax',
        ),
        (
            ["--all-namespaces=yes"],
            'invalid argument "yes" for "-A, --all-namespaces" flag: '
            'strconv.ParseBool: parsing "yes": invalid syntax',
        ),
        (["-A="], "unknown shorthand flag: '=' in -="),
        (["-Az"], "unknown shorthand flag: 'z' in -z"),
        (["-Z"], "unknown shorthand flag: 'Z' in -Z"),
        (["-1"], "unknown shorthand flag: '1' in -1"),
        (["-help"], "unknown shorthand flag: 'e' in -elp"),
        (["-chunk-size=1"], "unknown shorthand flag: 'c' in -chunk-size=1"),
        (["--foo"], "unknown flag: --foo"),
        (["--foo=bar"], "unknown flag: --foo"),
        (["--names=x"], "unknown flag: --names"),
        (["--Namespace=x"], "unknown flag: --Namespace"),
        (["--A"], "unknown flag: --A"),
        (["---foo"], "bad flag syntax: ---foo"),
        (["--="], "bad flag syntax: --="),
        (
            ["--chunk-size=x"],
            'invalid argument "x" for "--chunk-size" flag: '
            'strconv.ParseInt: parsing "x": invalid syntax',
        ),
        (
            ["--chunk-size=1.5"],
            'invalid argument "1.5" for "--chunk-size" flag: '
            'strconv.ParseInt: parsing "1.5": invalid syntax',
        ),
        (
            ["--chunk-size= 5"],
            'invalid argument " 5" for "--chunk-size" flag: '
            'strconv.ParseInt: parsing " 5": invalid syntax',
        ),
        (
            ["--chunk-size=99999999999999999999"],
            'invalid argument "99999999999999999999" for '
            '"--chunk-size" flag: strconv.ParseInt: parsing "99999999999999999999": value out of '
            "range",
        ),
        (
            ["-f", 'x,"l'],
            'invalid argument "x,\\"l" for "-f, --filename" flag: parse error on '
            'line 1, column 5: extraneous or missing " in quoted-field',
        ),
        (
            ["-f", 'a"b'],
            'invalid argument "a\\"b" for "-f, --filename" flag: parse error on '
            'line 1, column 2: bare " in non-quoted-field',
        ),
        (
            ["-f", '"a"b'],
            'invalid argument "\\"a\\"b" for "-f, --filename" flag: parse error on '
            'line 1, column 3: extraneous or missing " in quoted-field',
        ),
    ],
)
def test_rejected_forms_use_pflag_words(args: list[str], message: str) -> None:
    with pytest.raises(pflag.FlagError) as info:
        pflag.parse(FLAGS, args)
    assert str(info.value) == message


def test_the_first_error_in_argv_order_wins() -> None:
    with pytest.raises(pflag.FlagError, match="chunk-size"):
        pflag.parse(FLAGS, ["--chunk-size=x", "--foo"])


def test_lenient_parse_skips_unknown_flags_and_leaves_the_pending_flag() -> None:
    parsed = pflag.parse(FLAGS, ["--foo", "get", "-Z", "-n"], strict=False)
    assert parsed.args == ["get"]
    assert parsed.pending is FLAGS.by_long["namespace"]


def test_int_parsing_is_gos() -> None:
    assert pflag.parse_int("-0x10") == -16
    assert pflag.parse_int("0") == 0
    assert pflag.parse_level("010") == 10
    assert pflag.parse_level("-1") == -1
    for bad in ("", "٣", "1__0", "_1", "0x", "1 ", "1e3"):
        with pytest.raises(ValueError, match="invalid syntax"):
            pflag.parse_int(bad)
    with pytest.raises(ValueError, match="invalid syntax"):
        pflag.parse_level("1_0")
    with pytest.raises(ValueError, match="out of range"):
        pflag.parse_level("2147483648")
    assert pflag.parse_int("9223372036854775807") == 2**63 - 1
    with pytest.raises(ValueError, match="out of range"):
        pflag.parse_int("9223372036854775808")


def test_cobra_finder_skips_flags_and_the_values_it_assumes() -> None:
    assert pflag.strip_flags(FLAGS, ["-n", "ns", "get", "cm"]) == ["get", "cm"]
    assert pflag.strip_flags(FLAGS, ["-oname", "get", "cm"]) == ["get", "cm"]
    assert pflag.strip_flags(FLAGS, ["-A=true", "get", "cm"]) == ["get", "cm"]
    assert pflag.strip_flags(FLAGS, ["-x", "get", "cm"]) == ["cm"]  # -x might take "get"
    assert pflag.strip_flags(FLAGS, ["-A", "get", "cm"]) == ["get", "cm"]  # -A is a bool here
    assert pflag.strip_flags(FLAGS, ["-n", "get"]) == []
    assert pflag.strip_flags(FLAGS, ["--", "get"]) == []
    assert pflag.without_word(FLAGS, ["-n", "get", "get", "x"], "get") == ["-n", "get", "x"]


# --------------------------------------------------------------------- through the commands

_SEEN: dict[str, Any] = {}


@click.command("probe", cls=PflagCommand)
@click.argument("args", nargs=-1)
@click.option("-A", "--all-namespaces", is_flag=True)
@click.option("-o", "--output", default="")
@click.option("--chunk-size", type=int, default=500)
@click.option("-L", "--label-columns", type=STRING_SLICE, multiple=True)
@global_options
@click.pass_context
def probe(ctx: click.Context, **params: Any) -> None:
    ov = overrides_of(ctx)
    _SEEN.clear()
    _SEEN.update(params, namespace=ov.namespace, v=verbosity_of(ctx), groups=ov.as_groups)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CLIResult]:
    """The shared runner with the probe command registered and its record cleared."""
    monkeypatch.setitem(cli_main.COMMANDS, "probe", (__name__, "probe", "A test command"))

    def _run(*argv: str, expect: int | None = 0) -> CLIResult:
        _SEEN.clear()
        return kctl(*argv, expect=expect)

    return _run


def test_the_issue_forms_reach_the_command(run: Any) -> None:
    assert run("probe", "cm", "-n=shop").stderr == ""
    assert (_SEEN["namespace"], _SEEN["args"]) == ("shop", ("cm",))
    assert run("-v=6", "probe", "-o=name", "--all-namespaces=true").stderr == ""
    assert (_SEEN["v"], _SEEN["output"], _SEEN["all_namespaces"]) == (6, "name", True)
    assert run("-v6", "-Aoname", "probe", "-A=false").stderr == ""
    assert (_SEEN["v"], _SEEN["output"], _SEEN["all_namespaces"]) == (6, "name", False)
    assert run("probe", "-L", 'x,"l,m"', "-L=y", "--chunk-size=0x10").stderr == ""
    assert (_SEEN["label_columns"], _SEEN["chunk_size"]) == (("x", "l,m", "y"), 16)
    assert run("probe", "--as-group=a,b", "--as-group", "c").stderr == ""
    assert _SEEN["groups"] == ("a,b", "c")  # stringArray: never split


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ["probe", "-Az"],
            "error: unknown shorthand flag: 'z' in -z\nSee 'kctl probe --help' for usage.\n",
        ),
        (["--foo=1", "probe"], "error: unknown flag: --foo\nSee 'kctl probe --help' for usage.\n"),
        (
            ["probe", "-v"],
            "error: flag needs an argument: 'v' in -v\nSee 'kctl probe --help' for usage.\n",
        ),
        (
            ["probe", "--chunk-size=x"],
            'error: invalid argument "x" for "--chunk-size" flag: '
            "strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kctl probe --help' for usage.\n",
        ),
        (
            ["-o", "name"],
            "error: unknown shorthand flag: 'o' in -o\nSee 'kctl --help' for usage.\n",
        ),
        (["-A", "probe", "x"], "Error: flags cannot be placed before plugin name: -A\n"),
        (["-n", "ns", "prob"], "Error: flags cannot be placed before plugin name: -n\n"),
        (["prob"], 'error: unknown command "prob" for "kctl"\n\nDid you mean this?\n\tprobe\n'),
        (["zzzzzzzz"], 'error: unknown command "zzzzzzzz" for "kctl"\n'),
    ],
)
def test_errors_are_kubectls_with_exit_1(run: Any, argv: list[str], stderr: str) -> None:
    assert run(*argv, expect=1).stderr == stderr
    assert _SEEN == {}  # nothing ran


def test_real_commands_take_the_forms(run: Any) -> None:
    err = run(
        "get", "--chunk-size=-1", "--raw=/x", "--allow-missing-template-keys=false", expect=None
    ).stderr
    assert "flag" not in err  # parsed; the failure (no cluster) comes later
    err = run("api-resources", "--namespaced=maybe", expect=1).stderr
    assert err.splitlines()[0] == (
        'error: invalid argument "maybe" for "--namespaced" flag: '
        'strconv.ParseBool: parsing "maybe": invalid syntax'
    )


def test_without_a_subcommand_the_root_prints_help_and_a_group_fails(run: Any, capsys) -> None:
    """kubectl: the root's help on stdout (exit 0), ``kubectl config`` its help on stderr
    (exit 1); a word that is no subcommand is ``unknown command``."""
    for argv in ([], ["-n", "x"], ["--", "get"]):
        assert run(*argv).stderr == "", argv
        assert "Commands:" in capsys.readouterr().out
    assert run("config", expect=1).stderr.startswith("Usage: kctl config")
    assert run("config", "foo", "bar", expect=1).stderr == (
        "error: unknown command \"foo bar\"\nSee 'kctl config -h' for help and examples\n"
    )


def test_every_kctl_command_parses_with_pflag_rules() -> None:
    """No command falls back to click's parser (which reads ``-n=x`` as ``=x``)."""
    from kctl.cli.parsing import PflagGroup

    root = cli_main.cli
    stack: list[tuple[click.Command, click.Context]] = [(root, click.Context(root))]
    seen = 0
    while stack:
        command, ctx = stack.pop()
        assert isinstance(command, PflagCommand), ctx.command_path
        seen += 1
        if isinstance(command, click.Group):
            assert isinstance(command, PflagGroup), ctx.command_path
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                stack.append((sub, click.Context(sub, parent=ctx, info_name=name)))
    assert seen >= len(cli_main.COMMANDS) + 1
