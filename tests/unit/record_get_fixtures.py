"""Record the fixtures of tests/unit/test_printers_*.py from a real API server and kubectl.

    KUBECONFIG=.devcluster/kubeconfig .venv/bin/python -m tests.unit.record_get_fixtures KUBECTL

Each case stores the server's answer (a Table, or an object) together with what kubectl printed
for that same answer: kubectl runs between two identical fetches, so nothing changed in between.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from kctl.clientcmd.clientconfig import load_rest_config
from kctl.clientcmd.overrides import Overrides
from kctl.dynamic import TABLE_ACCEPT
from kctl.env import Environment
from kctl.rest.client import RESTClient

OUT = Path(__file__).parent / "fixtures" / "get"
NS = "kctl-get-fixtures"

LONG = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua"
)
MANIFEST = """
apiVersion: v1
kind: Namespace
metadata: {name: kctl-get-fixtures}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  namespace: kctl-get-fixtures
  labels: {app.kubernetes.io/name: tricky, z: last, a10: ten, a9: nine, A: upper,
    u_u: under, u-u: dash, u.u: dot}
  annotations: {html: "<a href='x'>&amp;</a>"}
data:
  plain: value
  boolish: "on"
  Y: "y"
  number: "012"
  hex: "0x1F"
  float: "1e3"
  dotfloat: ".5"
  sexagesimal: "1:20"
  stamp: "2024-05-01"
  stamptime: "2024-05-01T10:00:00Z"
  empty: ""
  tilde: "~"
  colon: "a: b"
  hash: "a #b"
  leading: " lead"
  trailing: "trail "
  dash: "-"
  multi: "first\\nsecond\\n"
  multinoeol: "first\\nsecond"
  unicode: "ünïcödé ✓ 日本"
  quote: "it's \\"quoted\\""
  long: "@LONG@"
  longword: "@LONGWORD@"
  tab: "a\\tb"
  ctrl: "bell\\u0007"
  html: "<b>&</b>"
  key-2: two
  key-10: ten
  key-1: one
""".replace("@LONG@", LONG).replace("@LONGWORD@", "a" * 104 + " bbb")


def main() -> None:
    kubectl = sys.argv[1]
    env = Environment.for_test(environ=dict(os.environ))
    rest = RESTClient(load_rest_config(Overrides(), os.environ), env=env)
    subprocess.run([kubectl, "apply", "-f", "-"], input=MANIFEST, text=True, check=True)
    time.sleep(1)
    cases = {
        "configmap": (
            "/api/v1/namespaces/kctl-get-fixtures/configmaps/tricky",
            ["get", "cm", "tricky", "-n", NS],
        ),
    }
    for name, (path, args) in cases.items():
        obj = rest.get_json(path)
        out = {"object": obj}
        for fmt in ("json", "yaml"):
            done = subprocess.run(
                [kubectl, *args, "-o", fmt, "--show-managed-fields"],
                capture_output=True,
                text=True,
                check=True,
            )
            out[fmt] = done.stdout
        (OUT / f"{name}.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    tables = {
        "pods-wide": (
            "/api/v1/namespaces/default/pods",
            7,
            ["get", "pods", "-n", "default", "--chunk-size", "7", "-o", "wide", "--show-labels"],
        ),
        "namespaces": (
            "/api/v1/namespaces",
            500,
            ["get", "namespaces", "--show-kind", "-L", "kubernetes.io/metadata.name"],
        ),
    }
    accept = {"Accept": TABLE_ACCEPT}
    for name, (path, chunk, args) in tables.items():
        for _ in range(20):
            first = list(rest.list_pages(path, {}, accept, chunk))
            done = subprocess.run([kubectl, *args], capture_output=True, text=True, check=True)
            second = list(rest.list_pages(path, {}, accept, chunk))
            if [p["rows"] for p in first] == [p["rows"] for p in second]:
                break
        (OUT / f"table-{name}.json").write_text(
            json.dumps({"args": args, "pages": first, "kubectl": done.stdout}, indent=1) + "\n"
        )


if __name__ == "__main__":
    main()
