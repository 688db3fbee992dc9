"""The seed's DiscoveryClient program: every resource of every group-version the server serves.

Usage: python examples/discovery.py KUBECONFIG   (go twin: examples/go/discovery)
"""

from __future__ import annotations

import sys

import kctl


def main() -> None:
    config = kctl.load_config(sys.argv[1])

    discovery_client = kctl.DiscoveryClient(config)

    _, api_resources = discovery_client.server_groups_and_resources()

    for resource_list in api_resources:
        gv = kctl.GroupVersion.parse(resource_list.group_version)

        for resource in resource_list.resources:
            print(resource.name, gv.group, gv.version)


if __name__ == "__main__":
    main()
