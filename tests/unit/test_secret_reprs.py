"""Nothing that holds a secret prints it in a repr: every object on the way from a kubeconfig to
a request (issue 13, class 11: the loaded kubeconfig's repr showed tokens and passwords)."""

from __future__ import annotations

import base64
from pathlib import Path

from kctl.clientcmd.clientconfig import build_rest_config, resolve_entries
from kctl.clientcmd.loader import LoadingRules
from kctl.clientcmd.overrides import Overrides

SECRETS = ["tok-SECRET-1", "pw-SECRET-2", "key-SECRET-3", "proxy-SECRET-4", "flag-SECRET-5"]

KUBECONFIG = f"""
apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: https://k8s.example:6443
    proxy-url: http://user:{SECRETS[3]}@proxy:3128
contexts:
- name: c
  context: {{cluster: k, user: u}}
- name: basic
  context: {{cluster: k, user: b}}
users:
- name: b
  user: {{username: admin, password: {SECRETS[1]}}}
- name: u
  user:
    token: {SECRETS[0]}
    client-key-data: {base64.b64encode(SECRETS[2].encode()).decode()}
"""


def test_reprs_along_the_loading_path_show_no_secret(tmp_path: Path) -> None:
    path = tmp_path / "config"
    path.write_text(KUBECONFIG)
    overrides = Overrides(kubeconfig=str(path))
    config = LoadingRules.from_environ(overrides, {}).load()
    entries = resolve_entries(config, overrides, {})
    rest = build_rest_config(entries, overrides, {})
    flagged = Overrides(kubeconfig=str(path), token=SECRETS[4])
    for obj in (config, entries, rest, flagged):
        text = repr(obj)
        for secret in SECRETS:
            assert secret not in text, (type(obj).__name__, text)
    # the reprs still say what they are about
    assert "'u'" in repr(config) and "'k'" in repr(config)
    assert "user_name='u'" in repr(entries)
