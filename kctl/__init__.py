"""kctl: a kubectl-like command-line client for Kubernetes."""

__version__ = "0.1.0"
