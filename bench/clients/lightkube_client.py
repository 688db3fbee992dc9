"""lightkube: Client.list over the generated Pod resource."""

import sys

from lightkube import Client, KubeConfig
from lightkube.resources.core_v1 import Pod

client = Client(KubeConfig.from_file(sys.argv[1]))
for pod in client.list(Pod, namespace=sys.argv[2]):
    print(pod.metadata.namespace, "==", pod.metadata.name)
