"""kctl: a kubectl-like command-line client for Kubernetes, and client-go's clients in Python.

    import kctl

    config = kctl.load_config()                      # clientcmd: kubeconfig, context, in-cluster
    cs = kctl.Clientset(config)                      # typed accessors (TypedDict models)
    for pod in cs.core_v1.pods("default").list()["items"]:
        print(pod["metadata"]["name"])

    dyn = kctl.DynamicClient(config)                 # any resource, objects as dicts
    deploy = dyn.resource(kctl.GVR("apps", "v1", "deployments")).namespace("default")

Every name is loaded on first use (module ``__getattr__``): ``import kctl`` imports no HTTP
library, YAML parser or terminal toolkit, so a program pays only for the clients it uses.
See docs/library.md for the guide (client-go side by side) and the API reference.
"""

from __future__ import annotations

# Not ``from typing import TYPE_CHECKING``: shell completion imports this package on every TAB
# and must not pay for ``typing`` (type checkers treat any ``TYPE_CHECKING`` name as True).
TYPE_CHECKING = False

__version__ = "0.1.0"

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    # clientcmd
    "load_config": ("kctl.clientcmd.clientconfig", "load_config"),
    "in_cluster_config": ("kctl.clientcmd.incluster", "in_cluster"),
    "RestConfig": ("kctl.rest.config", "RestConfig"),
    # clients
    "RESTClient": ("kctl.rest.client", "RESTClient"),
    "Request": ("kctl.rest.client", "Request"),
    "Result": ("kctl.rest.client", "Result"),
    "DynamicClient": ("kctl.dynamic", "DynamicClient"),
    "ResourceClient": ("kctl.dynamic", "ResourceClient"),
    "PatchType": ("kctl.rest.patch", "PatchType"),
    "WatchEvent": ("kctl.dynamic", "Event"),
    "Clientset": ("kctl.clientset", "Clientset"),
    "DiscoveryClient": ("kctl.discovery.client", "DiscoveryClient"),
    "DiskCache": ("kctl.discovery.cache", "DiskCache"),
    "APIGroup": ("kctl.discovery.records", "APIGroup"),
    "APIResource": ("kctl.discovery.records", "APIResource"),
    "APIResourceList": ("kctl.discovery.records", "APIResourceList"),
    "GroupDiscoveryFailed": ("kctl.discovery.records", "GroupDiscoveryFailed"),
    "RESTMapper": ("kctl.restmapper", "RESTMapper"),
    "RESTMapping": ("kctl.restmapper", "RESTMapping"),
    "NoKindMatch": ("kctl.restmapper", "NoKindMatch"),
    "ResourceTypeNotFound": ("kctl.errors", "ResourceTypeNotFound"),
    # schema
    "GVR": ("kctl.schema", "GroupVersionResource"),
    "GVK": ("kctl.schema", "GroupVersionKind"),
    "GroupVersion": ("kctl.schema", "GroupVersion"),
    # Unstructured helpers
    "nested": ("kctl.unstructured", "nested"),
    "set_nested": ("kctl.unstructured", "set_nested"),
    "remove_nested": ("kctl.unstructured", "remove_nested"),
    # warnings
    "ServerWarning": ("kctl.libenv", "ServerWarning"),
    # errors
    "KctlError": ("kctl.errors", "KctlError"),
    "ConfigError": ("kctl.errors", "ConfigError"),
    "ConnectionFailed": ("kctl.errors", "ConnectionFailed"),
    "APIError": ("kctl.errors", "APIError"),
    "Status": ("kctl.status", "Status"),
    "StatusCause": ("kctl.status", "StatusCause"),
    "NotFound": ("kctl.errors", "NotFound"),
    "Unauthorized": ("kctl.errors", "Unauthorized"),
    "Forbidden": ("kctl.errors", "Forbidden"),
    "AlreadyExists": ("kctl.errors", "AlreadyExists"),
    "Conflict": ("kctl.errors", "Conflict"),
    "Expired": ("kctl.errors", "Expired"),
}

# Spelled out (not built from _EXPORTS) so type checkers see what the package exports.
__all__ = [
    "__version__",
    "load_config",
    "in_cluster_config",
    "RestConfig",
    "RESTClient",
    "Request",
    "Result",
    "DynamicClient",
    "ResourceClient",
    "PatchType",
    "WatchEvent",
    "Clientset",
    "DiscoveryClient",
    "DiskCache",
    "APIGroup",
    "APIResource",
    "APIResourceList",
    "GroupDiscoveryFailed",
    "RESTMapper",
    "RESTMapping",
    "NoKindMatch",
    "ResourceTypeNotFound",
    "GVR",
    "GVK",
    "GroupVersion",
    "nested",
    "set_nested",
    "remove_nested",
    "ServerWarning",
    "KctlError",
    "ConfigError",
    "ConnectionFailed",
    "APIError",
    "Status",
    "StatusCause",
    "NotFound",
    "Unauthorized",
    "Forbidden",
    "AlreadyExists",
    "Conflict",
    "Expired",
]

if TYPE_CHECKING:
    from kctl.clientcmd.clientconfig import load_config
    from kctl.clientcmd.incluster import in_cluster as in_cluster_config
    from kctl.clientset import Clientset
    from kctl.discovery.cache import DiskCache
    from kctl.discovery.client import DiscoveryClient
    from kctl.discovery.records import (
        APIGroup,
        APIResource,
        APIResourceList,
        GroupDiscoveryFailed,
    )
    from kctl.dynamic import DynamicClient, ResourceClient
    from kctl.dynamic import Event as WatchEvent
    from kctl.errors import (
        AlreadyExists,
        APIError,
        ConfigError,
        Conflict,
        ConnectionFailed,
        Expired,
        Forbidden,
        KctlError,
        NotFound,
        ResourceTypeNotFound,
        Unauthorized,
    )
    from kctl.libenv import ServerWarning
    from kctl.rest.client import Request, RESTClient, Result
    from kctl.rest.config import RestConfig
    from kctl.rest.patch import PatchType
    from kctl.restmapper import NoKindMatch, RESTMapper, RESTMapping
    from kctl.schema import GroupVersion
    from kctl.schema import GroupVersionKind as GVK
    from kctl.schema import GroupVersionResource as GVR
    from kctl.status import Status, StatusCause
    from kctl.unstructured import nested, remove_nested, set_nested


def __getattr__(name: str) -> object:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'kctl' has no attribute {name!r}") from None
    import importlib

    value: object = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
