"""The seed's ClientSet program: list the pods of a namespace through the typed clients.

Usage: python examples/clientset.py KUBECONFIG [NAMESPACE]   (go twin: examples/go/clientset)
"""

from __future__ import annotations

import sys

import kctl


def main() -> None:
    config = kctl.load_config(sys.argv[1])
    namespace = sys.argv[2] if len(sys.argv) > 2 else "default"

    clientset = kctl.Clientset(config)

    pods = clientset.core_v1.pods(namespace).list()

    for item in pods["items"]:
        print(item["metadata"]["namespace"], "==", item["metadata"]["name"])


if __name__ == "__main__":
    main()
