"""The parsed-kubeconfig cache (kctl/clientcmd/cache.py): a file needs YAML only when it
changed, the cache never holds a secret, and what comes back is exactly what a parse gives."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from kctl.clientcmd import cache, loader

SECRETS = {
    "token": "tok-3f9a-SECRET",
    "password": "pa55-SECRET",
    "key": "S0VZLVNFQ1JFVA==",  # base64 of KEY-SECRET
    "arg": "--token=arg-SECRET",
    "env": "env-SECRET",
    "idp": "id-token-SECRET",
    "proxy": "http://user:proxy-SECRET@proxy:3128",
}

KUBECONFIG = f"""\
apiVersion: v1
kind: Config
# a comment with ünïcode before the secrets: offsets are in characters
current-context: dev
clusters:
- name: dev
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Q0EtUEVN
    proxy-url: "{SECRETS["proxy"]}"
contexts:
- name: dev
  context:
    cluster: dev
    user: alice
    namespace: team-ä
users:
- name: alice
  user:
    token: {SECRETS["token"]}
    client-certificate-data: Q0VSVA==
    client-key-data: '{SECRETS["key"]}'
- name: bob
  user:
    username: bob
    password: "{SECRETS["password"]}"
- name: carol
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: get-token
      args:
      - {SECRETS["arg"]}
      env:
      - name: MODE
        value: {SECRETS["env"]}
      interactiveMode: Never
- name: dave
  user:
    auth-provider:
      name: oidc
      config:
        id-token: {SECRETS["idp"]}
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _load(path: Path, root: Path) -> dict[str, Any]:
    return loader.load_file(str(path), str(root))


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts YAML parses."""
    seen: list[str] = []
    real = loader._yaml_document

    def counting(text: str) -> Any:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(loader, "_yaml_document", counting)
    return seen


def test_second_load_needs_no_yaml_and_gives_the_same_document(
    tmp_path: Path, parses: list[str]
) -> None:
    path = _write(tmp_path / "config", KUBECONFIG)
    first = _load(path, tmp_path / "cache")
    second = _load(path, tmp_path / "cache")
    assert len(parses) == 1
    assert second == first == loader.parse_kubeconfig(KUBECONFIG)
    users = dict(second["users"])
    assert users["alice"]["token"] == SECRETS["token"]
    assert users["alice"]["client-key-data"] == b"KEY-SECRET"
    assert users["carol"]["exec"]["args"] == [SECRETS["arg"]]
    assert users["dave"]["auth-provider"]["config"]["id-token"] == SECRETS["idp"]


def test_the_cache_file_holds_no_secret_and_is_private(tmp_path: Path) -> None:
    path = _write(tmp_path / "config", KUBECONFIG)
    _load(path, tmp_path / "cache")
    entry = Path(cache.cache_file(str(tmp_path / "cache"), str(path)))
    data = entry.read_bytes()
    for secret in SECRETS.values():
        assert secret.encode() not in data
    assert b"KEY-SECRET" not in data
    assert b"get-token" in data and b"Q0VSVA==" in data  # plain facts are kept
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700


def test_a_changed_file_is_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    path = _write(tmp_path / "config", KUBECONFIG)
    _load(path, tmp_path / "cache")
    before = os.stat(path)
    # Same size, and the old mtime put back: ctime still tells the rewrite apart.
    _write(path, KUBECONFIG.replace("tok-3f9a", "tok-0000").replace("user: alice", "user: bobby"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    users = dict(_load(path, tmp_path / "cache")["users"])
    assert len(parses) == 2
    assert users["alice"]["token"] == "tok-0000-SECRET"


def test_a_secret_is_always_read_from_the_file(tmp_path: Path) -> None:
    """Even an entry whose stamp still matches takes the secret from the file's text."""
    path = _write(tmp_path / "config", KUBECONFIG)
    root = str(tmp_path / "cache")
    _load(path, tmp_path / "cache")
    stamp = cache.stamp_of(os.stat(path))
    text = KUBECONFIG.replace("tok-3f9a", "tok-7777")
    doc = cache.read(root, str(path), stamp, text)
    assert doc["users"][0]["user"]["token"] == "tok-7777-SECRET"


def test_an_entry_whose_text_moved_is_not_used(tmp_path: Path) -> None:
    path = _write(tmp_path / "config", KUBECONFIG)
    root = str(tmp_path / "cache")
    _load(path, tmp_path / "cache")
    stamp = cache.stamp_of(os.stat(path))
    with pytest.raises(KeyError):  # the key in front of the secret is not where it was
        cache.read(root, str(path), stamp, "x" + KUBECONFIG)


@pytest.mark.parametrize(
    "user",
    [
        "    token: |\n      block-SECRET\n",  # block scalar
        '    token: "esc\\u0041-SECRET"\n',  # an escape: the text is not the value
        "    {token: flow-SECRET}\n",  # flow mapping: the key is not alone on its line
        "    password: 12345\n",  # not a string
    ],
)
def test_secrets_the_offsets_cannot_describe_make_the_file_uncacheable(
    tmp_path: Path, parses: list[str], user: str
) -> None:
    text = "users:\n- name: u\n  user:\n" + user
    if user.lstrip().startswith("{"):
        text = "users:\n- name: u\n  user:\n    " + user.strip() + "\n"
    path = _write(tmp_path / "config", text)
    try:
        first = _load(path, tmp_path / "cache")
    except Exception:  # noqa: BLE001 - a type error is the loader's to report, as before
        first = None
    assert not (tmp_path / "cache" / "kubeconfig").exists()
    try:
        second = _load(path, tmp_path / "cache")
    except Exception:  # noqa: BLE001
        second = None
    assert first == second and len(parses) == 2


def test_a_damaged_cache_file_is_a_miss(tmp_path: Path, parses: list[str]) -> None:
    path = _write(tmp_path / "config", KUBECONFIG)
    first = _load(path, tmp_path / "cache")
    Path(cache.cache_file(str(tmp_path / "cache"), str(path))).write_bytes(b"\x00garbage")
    assert _load(path, tmp_path / "cache") == first and len(parses) == 2


@pytest.mark.parametrize(
    ("path", "secret"),
    [
        (("users", 0, "user", "token"), True),
        (("users", 0, "user", "client-key-data"), True),
        (("users", 0, "user", "exec", "args", 0), True),
        (("users", 0, "user", "exec", "env", 0, "value"), True),
        (("users", 0, "user", "exec", "env", 0, "name"), False),
        (("users", 0, "user", "exec", "command"), False),
        (("users", 0, "user", "auth-provider", "config", "client-secret"), True),
        (("users", 0, "user", "auth-provider", "name"), False),
        (("users", 0, "user", "client-certificate-data"), False),
        (("users", 0, "user", "unknown-field"), True),
        (("users", 0, "name"), False),
        (("clusters", 0, "cluster", "proxy-url"), True),
        (("clusters", 0, "cluster", "server"), False),
    ],
)
def test_what_counts_as_a_secret(path: tuple[Any, ...], secret: bool) -> None:
    assert cache.is_secret(path) is secret


def test_a_json_kubeconfig_is_read_without_yaml_or_a_cache_entry(
    tmp_path: Path, parses: list[str]
) -> None:
    import json

    doc = {
        "apiVersion": "v1",
        "clusters": [{"name": "c", "cluster": {"server": "https://h:6443"}}],
        "users": [{"name": "u", "user": {"token": SECRETS["token"]}}],
        "contexts": [{"name": "x", "context": {"cluster": "c", "user": "u"}}],
        "current-context": "x",
    }
    for name, text in (("pretty", json.dumps(doc, indent=2)), ("flat", json.dumps(doc))):
        path = _write(tmp_path / name, text)
        loaded = _load(path, tmp_path / "cache")
        assert dict(loaded["users"])["u"]["token"] == SECRETS["token"]
        assert not Path(cache.cache_file(str(tmp_path / "cache"), str(path))).exists()
    assert parses == []
    assert loaded == loader.parse_kubeconfig(_yaml_of(doc))  # what the YAML path reads


def _yaml_of(doc: dict[str, Any]) -> str:
    import yaml

    return str(yaml.safe_dump(doc))


def test_text_that_only_looks_like_json_is_read_as_yaml(tmp_path: Path, parses: list[str]) -> None:
    path = _write(tmp_path / "odd", '{"current-context": x, users: []}\n')  # YAML flow, not JSON
    assert _load(path, tmp_path / "cache")["current-context"] == "x"
    assert len(parses) == 1
