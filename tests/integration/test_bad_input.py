"""The bad-input table (issue 13): every flag with bad values and every argument form with bad
names, run through kctl and the real kubectl on the same control plane. Exit code and stderr
must match (``kubectl`` read as ``kctl``, cache paths blanked); nothing may come out on stdout,
and no traceback ever.

Where kctl deliberately says something else, the case is in ``DIFFERENT`` with kctl's text and
the reason; those are listed in the issue's closing note too.
"""

from __future__ import annotations

import pytest

NS = "{ns}"

CASES: list[tuple[str, ...]] = [
    # namespaces that are not path segments (class 1: these reached the server before)
    ("get", "pods", "-n", ".."),
    ("get", "pods", "-n", "."),
    ("get", "pods", "-n", "bad/ns"),
    ("get", "pods", "-n", "a%2Fb"),
    ("get", "pods", "-n", "..", "-o", "name"),
    ("get", "pods", "-n", "..", "-o", "json"),
    ("get", "pods", "x", "-n", ".."),
    # names that are not path segments
    ("get", "pods", ".."),
    ("get", "pods", "."),
    ("get", "pods", "a%b"),
    ("get", "pods", "..", "-o", "name"),
    ("get", "pods", "..", "-o", "json"),
    ("get", "pods/.."),
    ("get", "pods/a/b"),
    ("get", "pods/"),
    ("get", "/pods"),
    ("get", "pods", "a/b"),
    ("get", "pods", ""),
    # resource types that do not exist or are malformed
    ("get", "nosuchthing"),
    ("get", ".."),
    ("get", "pods.."),
    ("get", "pods,,ns"),
    ("get", "po.v1.nosuchgroup"),
    # int flags
    ("get", "pods", "-n", NS, "--chunk-size=x"),
    ("get", "pods", "-n", NS, "--chunk-size=1.5"),
    ("get", "pods", "-n", NS, "--chunk-size=99999999999999999999"),
    ("get", "pods", "-n", NS, "--chunk-size="),
    # durations
    ("get", "pods", "-n", NS, "--request-timeout=x"),
    ("get", "pods", "-n", NS, "--request-timeout=-1s"),
    ("get", "pods", "-n", NS, "--request-timeout=1x"),
    # bools
    ("get", "pods", "-n", NS, "--all-namespaces=maybe"),
    ("get", "pods", "-n", NS, "--insecure-skip-tls-verify=maybe"),
    ("get", "pods", "-n", NS, "--no-headers=2"),
    # output formats
    ("get", "pods", "-n", NS, "-o", "bogus"),
    ("get", "pods", "-n", NS, "-o", "jsonpath={"),
    ("get", "pods", "-n", NS, "-o", "jsonpath={.items[}"),
    ("get", "pods", "-n", NS, "-o", "custom-columns="),
    ("get", "pods", "-n", NS, "-o", "custom-columns=A"),
    ("get", "pods", "-n", NS, "-o", "go-template={{"),
    ("get", "pods", "-n", NS, "--sort-by={"),
    ("get", "pods", "-n", NS, "--template={{"),
    # selectors
    ("get", "pods", "-n", NS, "-l", "!!"),
    ("get", "pods", "-n", NS, "-l", "a=b=c"),
    ("get", "pods", "-n", NS, "-l", "a in (b"),
    ("get", "pods", "-n", NS, "--field-selector", "x"),
    ("get", "pods", "-n", NS, "--field-selector", "metadata.nope=x"),
    # kubeconfig selection
    ("get", "pods", "--context", "nope"),
    ("get", "pods", "--cluster", "nope"),
    ("get", "pods", "--user", "nope"),
    ("get", "pods", "--kubeconfig", "/nonexistent/config"),
    ("get", "pods", "--kubeconfig", "/"),
    ("get", "pods", "--certificate-authority", "/nonexistent/ca"),
    ("get", "pods", "--client-certificate", "/nonexistent/crt"),
    ("get", "pods", "--client-key", "/nonexistent/key"),
    ("get", "pods", "--server", "ht!tp://::::"),
    ("get", "pods", "--server", "http://[::1"),
    ("get", "pods", "--as-group", "g"),
    ("get", "pods", "-v=x"),
    # raw paths
    ("get", "--raw", "no-slash"),
    ("get", "--raw", "/api/%zz"),
    # watch flags
    ("get", "pods", "-n", NS, "-w=maybe"),
    ("get", "pods", "-n", NS, "--watch-only=2"),
    ("get", "pods", "-n", NS, "--output-watch-events=x"),
    # api-resources, api-versions, version
    ("api-resources", "--namespaced=maybe"),
    ("api-resources", "--cached=maybe"),
    ("api-resources", "--no-headers=2"),
    ("api-resources", "-o", "bogus"),
    ("api-resources", "--sort-by=x"),
    ("api-resources", "--bogus"),
    ("api-versions", "--bogus"),
    ("api-versions", "-o", "json"),
    ("version", "-o", "bogus"),
    ("version", "--client=maybe"),
    ("version", "--bogus"),
    # config commands
    ("config", "use-context", "nope"),
    ("config", "view", "-o", "bogus"),
    ("config", "get-contexts", "nope"),
    ("config", "view", "--minify", "--context", "nope"),
]

# case -> (kctl's stderr, why it differs from kubectl's)
DIFFERENT: dict[tuple[str, ...], tuple[str, str]] = {
    ("get", "po.v1.nosuchgroup"): (
        'error: the server doesn\'t have a resource type "po"\nDid you mean "pods"?\n',
        "kctl suggests the closest type (README: typo suggestions); kubectl says nothing more",
    ),
    ("get", "pods", "-n", NS, "-o", "go-template={{"): (
        "error: go-template output is not supported by kctl; use -o jsonpath=... or -o "
        "custom-columns=...\nSee 'kctl get -h' for help and examples\n",
        "kctl has no Go templates (README); it says so instead of a template parse error",
    ),
    ("get", "pods", "-n", NS, "--template={{"): (
        "error: go-template output is not supported by kctl; use -o jsonpath=... or -o "
        "custom-columns=...\nSee 'kctl get -h' for help and examples\n",
        "kctl has no Go templates (README); it says so instead of a template parse error",
    ),
}

# kubectl prints an empty List on stdout before the error; kctl prints no output that is not the
# answer (a script reading stdout would take the empty List for "no pods").
EMPTY_LIST_ON_ERROR = {("get", "pods", "-n", "..", "-o", "json")}


def _normal(text: str, tmp: str) -> str:
    return text.replace(tmp, "TMP").replace("kubectl", "kctl")


def _kctl_args(args: list[str]) -> list[str]:
    """kubectl's ``get --raw PATH`` is kctl's ``raw GET PATH``."""
    if args[:2] == ["get", "--raw"]:
        return ["raw", "GET", *args[2:]]
    return args


@pytest.mark.parametrize("form", CASES, ids=[" ".join(c) or "''" for c in CASES])
def test_bad_input_matches_kubectl(kctl, kubectl, namespace, tmp_path, form):
    args = [word.replace(NS, namespace) for word in form]
    ours = kctl(*_kctl_args(args), cache_dir=tmp_path / "a")
    theirs = kubectl(*args, cache_dir=tmp_path / "b")
    assert "Traceback" not in ours.stderr, ours
    assert ours.code != 0 or theirs.code == 0, ours
    key = tuple(form)
    ours_err = _normal(ours.stderr, str(tmp_path))
    if key in DIFFERENT:
        text, _why = DIFFERENT[key]
        assert (ours.code, ours_err) == (1, text), ours
        assert theirs.code != 0 or theirs.stdout, theirs
        return
    theirs_err = _normal(theirs.stderr, str(tmp_path))
    assert (ours.code, ours_err) == (theirs.code, theirs_err), f"kctl {' '.join(args)}"
    if key in EMPTY_LIST_ON_ERROR:
        assert (ours.stdout, theirs.stdout.startswith('{\n    "apiVersion": "v1",')) == ("", True)
    elif ours.code != 0:
        assert ours.stdout == theirs.stdout


_LAUGHS = "\n".join(
    ['l0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"l{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


def _hostile_kubeconfig(kind: str, tmp_path) -> str:
    path = tmp_path / "hostile"
    if kind == "alias-bomb":
        path.write_text(f"apiVersion: v1\nkind: Config\n{_LAUGHS}\n")
    elif kind == "alias-bomb-in-a-cluster":
        path.write_text(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            "    server: https://127.0.0.1:1\n    extensions:\n    - name: x\n      extension:\n"
            + "\n".join("        " + line for line in _LAUGHS.splitlines())
            + "\n"
        )
    elif kind == "deep":
        path.write_text("apiVersion: v1\nkind: Config\nextensions: " + "[" * 20000 + "]" * 20000)
    elif kind == "symlink-loop":
        path.symlink_to(path)
    return str(path)


@pytest.mark.parametrize("kind", ["alias-bomb", "alias-bomb-in-a-cluster", "deep", "symlink-loop"])
@pytest.mark.parametrize("command", [("config", "view"), ("get", "pods")])
def test_hostile_kubeconfig_matches_kubectl(kctl, kubectl, tmp_path, kind, command):
    """Before: config view spun for ever on an alias bomb and get accepted it; a symlink loop
    was reported as a missing file."""
    path = _hostile_kubeconfig(kind, tmp_path)
    ours = kctl(*command, kubeconfig=path, timeout=30)
    theirs = kubectl(*command, kubeconfig=path, timeout=30)
    assert "Traceback" not in ours.stderr
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.code, theirs.stdout, theirs.stderr)
    assert ours.code == 1
