"""kctl's library: the typed Clientset."""

import sys

import kctl

pods = kctl.Clientset(kctl.load_config(sys.argv[1])).core_v1.pods(sys.argv[2]).list()
for pod in pods["items"]:
    print(pod["metadata"]["namespace"], "==", pod["metadata"]["name"])
