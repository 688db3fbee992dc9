"""The seed's RESTClient program: list the pods of a namespace through the request builder.

Usage: python examples/rest.py KUBECONFIG [NAMESPACE]   (go twin: examples/go/rest)
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import kctl

if TYPE_CHECKING:
    from kctl.models.core_v1 import PodList


def main() -> None:
    config = kctl.load_config(sys.argv[1])
    namespace = sys.argv[2] if len(sys.argv) > 2 else "default"

    # config.APIPath = "api"; config.GroupVersion = &corev1.SchemeGroupVersion
    rest_client = kctl.RESTClient(config, group_version="v1")

    result: PodList = rest_client.get().namespace(namespace).resource("pods").do().json()

    for item in result["items"]:
        print(item["metadata"]["namespace"], "=====", item["metadata"]["name"])


if __name__ == "__main__":
    main()
