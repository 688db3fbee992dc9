"""The official client (kubernetes): CoreV1Api.list_namespaced_pod."""

import sys

from kubernetes import client, config

config.load_kube_config(config_file=sys.argv[1])
for pod in client.CoreV1Api().list_namespaced_pod(sys.argv[2]).items:
    print(pod.metadata.namespace, "==", pod.metadata.name)
