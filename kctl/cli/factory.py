"""kubectl's ``cmdutil.Factory``: the public clients of ``import kctl`` for one invocation,
built lazily from the global flags.

The CLI is the library's first user: ``kctl.load_config`` (clientcmd), ``kctl.RESTClient``,
``kctl.DiscoveryClient`` with a ``kctl.DiskCache``, ``kctl.RESTMapper`` and
``kctl.DynamicClient``. What it adds is only the invocation's ``Environment`` (the terminal's
``Warning:`` lines, ``-v`` logging) and laziness: nothing is loaded or connected until a command
asks, so ``kctl completion bash`` never reads a kubeconfig and ``kctl version --client`` never
opens a socket.
"""

from __future__ import annotations

from functools import cached_property

import click

import kctl
from kctl.cli.options import overrides_of, verbosity_of
from kctl.clientcmd.overrides import Overrides
from kctl.env import Environment


class Factory:
    """Lazily built kubeconfig → RestConfig → RESTClient → discovery → mapper → dynamic."""

    # The CLI's commands are short lives whose cost is start-up: HTTP/1.1 on the standard
    # library's sockets (kctl.rest.stdlib) instead of requests, unless a command asks otherwise.
    transport = "stdlib"

    def __init__(self, env: Environment, overrides: Overrides, verbosity: int = 0) -> None:
        # --cache-dir is part of this invocation's environment: a new one, the caller's is
        # never changed (Environment is frozen).
        self.env = env.with_cache_dir(overrides.cache_dir)
        self.overrides = overrides
        self.verbosity = verbosity

    @classmethod
    def from_context(cls, ctx: click.Context) -> Factory:
        env: Environment = ctx.find_root().obj
        return cls(env, overrides_of(ctx), verbosity_of(ctx))

    @cached_property
    def rest_config(self) -> kctl.RestConfig:
        return kctl.load_config(overrides=self.overrides, environ=self.env.environ)

    @property
    def namespace(self) -> str:
        return self.rest_config.namespace

    @cached_property
    def rest_client(self) -> kctl.RESTClient:
        return kctl.RESTClient(
            self.rest_config, env=self.env, verbosity=self.verbosity, transport=self.transport
        )

    def preconnect(self) -> None:
        """Open the server connection while the command goes on resolving types and loading
        printers (a command that is about to send a request: ``get``)."""
        self.rest_client.preconnect()

    @cached_property
    def discovery(self) -> kctl.DiscoveryClient:
        # The REST client (and the HTTP and TLS modules) is only built if discovery must ask
        # the server: a warm cache needs nothing but the server URL.
        return kctl.DiscoveryClient(
            self.rest_config,
            kctl.DiskCache(self.env.cache_dir),  # as text: no pathlib on the way
            rest=lambda: self.rest_client,
            env=self.env,
        )

    @cached_property
    def mapper(self) -> kctl.RESTMapper:
        return kctl.RESTMapper(self.discovery, env=self.env)

    @cached_property
    def dynamic(self) -> kctl.DynamicClient:
        return kctl.DynamicClient(self.rest_client)
