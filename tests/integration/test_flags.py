"""kubectl's flag syntax, table-driven: every form runs through kctl and the real kubectl on the
same control plane; stdout, stderr (``kubectl`` read as ``kctl``) and the exit code must match.

The forms are reference/flags-and-parsing.md §3 (kubectl 1.36.3's observed behaviour), less the
ones that need a flag or command kctl does not have (``-f``, ``-R``, ``explain``) and
``get TYPE NAME`` in a namespace that does not exist (kubectl then reports the namespace as not
found; that is get's business, not the parser's). Tables are compared with the ages blanked: the
two runs are a moment apart.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess

import pytest

NS = "{ns}"  # the test's namespace
SEL = "{sel}"  # a label selector matching only this test's configmaps

CASES: list[tuple[str, ...]] = [
    # -n, every spelling
    ("get", "cm", "-n=" + NS),
    ("get", "cm", "-n" + NS),
    ("get", "cm", "-n", NS),
    ("get", "cm", "--namespace=" + NS),
    ("get", "cm", "--namespace", NS),
    ("get", "cm", "-n="),
    ("get", "cm", "--namespace=", "-o", "name", "-l", SEL),
    ("get", "cm", "--namespace", NS, "--namespace=", "-o", "name", "-l", SEL),
    ("get", "cm", "-namespace=" + NS),
    ("get", "cm", "-n", "-o"),
    ("get", "cm", "-o", "name", "-n"),
    ("get", "cm", "-o", "name", "--namespace"),
    # -o, every spelling
    ("get", "cm", "-n", NS, "-oname"),
    ("get", "cm", "-n", NS, "-o=name"),
    ("get", "cm", "-n", NS, "-o", "name"),
    ("get", "cm", "-n", NS, "--output=name"),
    ("get", "cm", "-n", NS, "--output", "name"),
    ("get", "cm", "-n", NS, "-o="),
    ("get", "cm", "-n", NS, "-oAname"),
    ("get", "cm", "-n", NS, "-o"),
    # -v
    ("get", "cm", "-n", NS, "-v=0"),
    ("get", "cm", "-n", NS, "-v0"),
    ("get", "cm", "-n", NS, "-v", "0"),
    ("get", "cm", "-n", NS, "--v=0"),
    ("-v=0", "get", "cm", "-n", NS),
    ("get", "cm", "-v=x"),
    ("get", "cm", "-v"),
    # bools
    ("get", "cm", "-A", "-o", "name", "-l", SEL),
    ("get", "cm", "-A=true", "-o", "name", "-l", SEL),
    ("get", "cm", "--all-namespaces=T", "-o", "name", "-l", SEL),
    ("get", "cm", "--all-namespaces=True", "-o", "name", "-l", SEL),
    ("get", "cm", "--all-namespaces=1", "-o", "name", "-l", SEL),
    ("get", "cm", "-A=false", "-n", NS, "-o", "name"),
    ("get", "cm", "--all-namespaces=false", "-n", NS, "-o", "name"),
    ("get", "cm", "--all-namespaces=FALSE", "-n", NS, "-o", "name"),
    ("get", "cm", "--all-namespaces=0", "-n", NS, "-o", "name"),
    ("get", "cm", "--all-namespaces=f", "-n", NS, "-o", "name"),
    ("get", "cm", "-A=maybe"),
    ("get", "cm", "--all-namespaces=maybe"),
    ("get", "cm", "--all-namespaces=yes"),
    ("get", "cm", "--all-namespaces=tRuE"),
    ("get", "cm", "--all-namespaces= true"),
    ("get", "cm", "--all-namespaces="),
    ("get", "cm", "-A="),
    ("get", "cm", "-A", "false"),
    ("get", "cm", "--all-namespaces", "false"),
    ("get", "cm", "-n", NS, "--show-labels=true"),
    ("get", "cm", "-n", NS, "--show-labels=false"),
    ("get", "cm", "-n", NS, "--show_labels"),
    ("get", "cm", "--all_namespaces", "-o", "name", "-l", SEL),
    # shorthand groups
    ("get", "cm", "-Aoname", "-l", SEL),
    ("get", "cm", "-Ao", "name", "-l", SEL),
    ("get", "cm", "-An", NS, "-o", "name", "-l", SEL),
    ("get", "cm", "-Aw=false", "-o", "name", "-l", SEL),
    ("get", "cm", "-wA=false", "-n", NS, "-o", "name", "--watch=false"),
    ("get", "cm", "-Az"),
    ("get", "cm", "-Z"),
    # unknown and malformed flags
    ("get", "cm", "--foo"),
    ("get", "cm", "--foo=bar"),
    ("get", "cm", "--foo", "bar"),
    ("get", "cm", "---foo"),
    ("get", "cm", "--="),
    ("get", "cm", "-chunk-size=1"),
    ("get", "cm", "--A"),
    ("get", "cm", "--Namespace=x"),
    ("get", "cm", "--names=x"),
    ("get", "cm", "-help"),
    ("get", "cm", "-1"),
    # ints
    ("get", "cm", "--chunk-size=x"),
    ("get", "cm", "--chunk-size=1.5"),
    ("get", "cm", "--chunk-size="),
    ("get", "cm", "--chunk-size= 5"),
    ("get", "cm", "--chunk-size=99999999999999999999"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=010"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=0x10"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=0b11"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=1_0"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=+5"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=-1"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size", "-1"),
    ("get", "cm", "-n", NS, "-o", "name", "--chunk-size=1"),
    # --request-timeout
    ("get", "cm", "--request-timeout=x"),
    ("get", "cm", "--request-timeout=1.5"),
    ("get", "cm", "-n", NS, "-o", "name", "--request-timeout=5"),
    ("get", "cm", "-n", NS, "-o", "name", "--request-timeout=5s"),
    ("get", "cm", "-n", NS, "-o", "name", "--request-timeout="),
    # global flags that only some runs use
    ("get", "cm", "-n", NS, "-o", "name", "--as=jane", "--as-uid=u-1"),
    ("get", "cm", "-n", NS, "-o", "name", "--username=u", "--password=p"),
    ("get", "cm", "-n", NS, "-o", "name", "--disable-compression"),
    ("get", "cm", "-n", NS, "-o", "name", "--disable-compression=false"),
    ("get", "cm", "-n", NS, "-o", "name", "--insecure-skip-tls-verify=false"),
    # repeats and slices
    ("get", "cm", "-n", NS, "-o", "name", "-l", "x=1", "-l", "x=2"),
    ("get", "cm", "-n", "nope", "-n", NS, "-o", "json", "-o", "name"),
    ("get", "cm", "-n", NS, "-L", "x", "-L", "l"),
    ("get", "cm", "-n", NS, "-L", "x,l"),
    ("get", "cm", "-n", NS, "-L=x"),
    ("get", "cm", "-n", NS, "-L", 'x,"l,m"'),
    ("get", "cm", "-n", NS, "-L", 'x,"l'),
    # -- and odd words
    ("get", "-n", NS, "--", "cm"),
    ("get", "-n", NS, "--", "cm", "-oname"),
    ("get", "cm", "-n", NS, "-"),
    # flags before the subcommand
    ("-n", NS, "get", "cm"),
    ("--namespace", NS, "get", "cm"),
    ("-v=0", "-n=" + NS, "get", "cm"),
    ("--request-timeout", "1", "get", "cm", "-n", NS),
    ("-o", "name", "get", "cm", "-n", NS),
    ("-oname", "get", "cm", "-n", NS),
    ("-A=true", "get", "cm", "-o", "name", "-l", SEL),
    ("--show-labels=true", "get", "cm", "-n", NS),
    ("-A", "get", "cm"),
    ("--all-namespaces", "get", "cm"),
    ("--show-labels", "get", "cm"),
    ("-w", "get", "cm"),
    ("--foo", "get", "cm"),
    ("--foo=1", "get", "cm"),
    ("-o", "name"),
    ("-n",),
    ("api-resourcs",),
    # other commands
    ("api-resources", "--namespaced=false", "-o=name"),
    ("api-resources", "--namespaced=true", "--verbs=list,watch", "--verbs", "get", "-oname"),
    ("api-resources", "--namespaced=maybe"),
    ("api-resources", "--api-group=", "--namespaced=false", "--no-headers=true"),
    ("config", "view", "-o=jsonpath={.kind}"),
    ("config", "view", "--minify=true", "-ojsonpath={.current-context}"),
    ("config", "get-contexts", "-o=name"),
    ("-n=" + NS, "config", "current-context"),
    ("config", "foo", "bar"),
]

_AGE = re.compile(r"(?<=\s)\d+[smhdy](?:\d+[smh])?(?=\s|$)", re.MULTILINE)


@pytest.fixture(scope="module")
def objects(cluster, tmp_path_factory) -> tuple[str, str]:
    """A namespace with configmaps ``a`` and ``zz-named`` (labels ``x`` and ``l``), and a
    selector matching only them; made once for the whole table."""
    cache = tmp_path_factory.mktemp("flags-setup-cache")

    def kubectl_ok(*args: str) -> None:
        command = [str(cluster.kubectl), f"--kubeconfig={cluster.admin_kubeconfig}", *args]
        done = subprocess.run(
            [*command, f"--cache-dir={cache}"], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, f"{command}: {done.stderr}"

    tag = secrets.token_hex(4)
    ns = f"t-flags-{tag}"
    kubectl_ok("create", "namespace", ns)
    for name, x in (("a", "1"), ("zz-named", "2")):
        kubectl_ok("create", "configmap", name, "-n", ns, "--from-literal=k=v")
        kubectl_ok("label", "configmap", name, "-n", ns, f"x={x}", "l=m", f"flags-test={tag}")
    return ns, f"flags-test={tag}"


def _normal(text: str, caches: dict[str, str]) -> str:
    for path, name in caches.items():
        text = text.replace(path, name)
    return _AGE.sub("<age>", text.replace("kubectl", "kctl"))


@pytest.mark.parametrize("form", CASES, ids=[" ".join(c) for c in CASES])
def test_flag_form_matches_kubectl(kctl, kubectl, objects, tmp_path, form):
    ns, sel = objects
    args = [word.replace(NS, ns).replace(SEL, sel) for word in form]
    ours_cache, theirs_cache = tmp_path / "kctl-cache", tmp_path / "kubectl-cache"
    # the kubectl runner puts --cache-dir=... first; kctl gets the same so that the plugin
    # error ("flags cannot be placed before plugin name: <first word>") names the same word
    ours = kctl(f"--cache-dir={ours_cache}", *args, cache_dir=ours_cache)
    theirs = kubectl(*args, cache_dir=theirs_cache)
    caches = {str(ours_cache): "CACHE", str(theirs_cache): "CACHE"}
    got = (ours.code, _normal(ours.stdout, caches), _normal(ours.stderr, caches))
    want = (theirs.code, _normal(theirs.stdout, caches), _normal(theirs.stderr, caches))
    assert got == want, f"kctl {' '.join(args)}"


def test_impersonation_flags_reach_the_server(kctl, kubectl):
    """--as, --as-uid and --as-group: the server sees the same user for kctl and kubectl."""
    flags = ("--as=jane", "--as-uid=u-123", "--as-group=g1", "--as-group=g2")
    review = '{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}'
    path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
    ours = kctl("raw", "POST", path, "-f", "-", *flags, input=review)
    theirs = kubectl("auth", "whoami", "-o", "json", *flags)
    assert (ours.code, theirs.code) == (0, 0), (ours, theirs)
    seen = json.loads(ours.stdout)["status"]["userInfo"]
    assert seen == json.loads(theirs.stdout)["status"]["userInfo"]
    assert (seen["username"], seen["uid"]) == ("jane", "u-123")
