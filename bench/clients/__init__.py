"""The same small program, "list the pods of a namespace", written with each Python client the
library benchmark compares (bench/library.py). Each prints ``NAMESPACE == NAME`` per pod, as the
Go clientset program (examples/go/clientset) does, so their outputs can be checked against it.

Usage: python bench/clients/<client>.py KUBECONFIG NAMESPACE
"""
