"""The seed's DynamicClient program: list pods as plain dicts, then view them as a typed PodList.

Usage: python examples/dynamic.py KUBECONFIG [NAMESPACE]   (go twin: examples/go/dynamic)
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

import kctl

if TYPE_CHECKING:
    from kctl.models.core_v1 import PodList


def main() -> None:
    config = kctl.load_config(sys.argv[1])
    namespace = sys.argv[2] if len(sys.argv) > 2 else "default"

    dynamic_client = kctl.DynamicClient(config)

    gvr = kctl.GVR(group="", version="v1", resource="pods")

    unstructured = dynamic_client.resource(gvr).namespace(namespace).list()

    # runtime.DefaultUnstructuredConverter.FromUnstructured: the dict already is the object,
    # so "converting" is telling the type checker what it holds.
    pod_list = cast("PodList", unstructured)

    for item in pod_list["items"]:
        print(item["metadata"]["namespace"], "==", item["metadata"]["name"])


if __name__ == "__main__":
    main()
