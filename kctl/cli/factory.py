"""kubectl's ``cmdutil.Factory``: builds the layers for one invocation, lazily.

Nothing is loaded or connected until a command asks for it, so ``kctl completion bash`` never
reads a kubeconfig and ``kctl version --client`` never opens a socket.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import click

from kctl.cli.options import overrides_of, verbosity_of
from kctl.clientcmd.overrides import Overrides
from kctl.env import Environment
from kctl.rest.config import RestConfig

if TYPE_CHECKING:
    from kctl.discovery.client import DiscoveryClient
    from kctl.dynamic import DynamicClient
    from kctl.rest.client import RESTClient
    from kctl.restmapper import RESTMapper


class Factory:
    """Lazily wired kubeconfig → RestConfig → RESTClient → discovery → mapper → dynamic."""

    def __init__(self, env: Environment, overrides: Overrides, verbosity: int = 0) -> None:
        self.env = env
        self.overrides = overrides
        self.verbosity = verbosity
        if overrides.cache_dir:
            env.cache_dir_flag = overrides.cache_dir

    @classmethod
    def from_context(cls, ctx: click.Context) -> Factory:
        env: Environment = ctx.find_root().obj
        return cls(env, overrides_of(ctx), verbosity_of(ctx))

    @cached_property
    def rest_config(self) -> RestConfig:
        from kctl.clientcmd.clientconfig import load_rest_config

        return load_rest_config(self.overrides, self.env.environ)

    @property
    def namespace(self) -> str:
        return self.rest_config.namespace

    @cached_property
    def rest_client(self) -> RESTClient:
        from kctl.rest.client import RESTClient

        return RESTClient(self.rest_config, env=self.env, verbosity=self.verbosity)

    @cached_property
    def discovery(self) -> DiscoveryClient:
        from kctl.discovery.client import DiscoveryClient

        # The REST client (and with it `requests`) is only built if discovery must ask the
        # server: a warm cache needs nothing but the server URL.
        return DiscoveryClient(
            self.rest_config.host,
            self.env,
            lambda: self.rest_client,
            timeout=self.rest_config.timeout,
        )

    @cached_property
    def mapper(self) -> RESTMapper:
        from kctl.restmapper import RESTMapper

        return RESTMapper(self.discovery, env=self.env)

    @cached_property
    def dynamic(self) -> DynamicClient:
        from kctl.dynamic import DynamicClient

        return DynamicClient(self.rest_client)
