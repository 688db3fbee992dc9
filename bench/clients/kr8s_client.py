"""kr8s: the synchronous kr8s.get."""

import sys

import kr8s

api = kr8s.api(kubeconfig=sys.argv[1])
for pod in kr8s.get("pods", namespace=sys.argv[2], api=api):
    print(pod.namespace, "==", pod.name)
