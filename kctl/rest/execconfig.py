"""A kubeconfig ``exec`` stanza as ``RestConfig.exec_config`` holds it (client-go's
``ExecConfig``). Its own module so that only a user with an exec plugin has the dataclass built;
``kctl.rest.config.ExecConfig`` still finds it."""

from __future__ import annotations

from dataclasses import dataclass, field


# repr=False: the record defines its own __repr__ (which hides secrets), so the generated one
# would never be used.
@dataclass(repr=False)
class ExecConfig:
    """A kubeconfig ``users[].user.exec`` stanza, paths already resolved."""

    command: str
    args: list[str] = field(default_factory=list)
    env: list[dict[str, str]] = field(default_factory=list)
    api_version: str = "client.authentication.k8s.io/v1"
    install_hint: str = ""
    provide_cluster_info: bool = False
    interactive_mode: str = "IfAvailable"  # Never | IfAvailable | Always

    def __repr__(self) -> str:
        # env values are often credentials (client-go's ExecConfig.String redacts them too)
        env = [{**v, "value": "--- REDACTED ---"} if v.get("value") else v for v in self.env]
        return (
            f"ExecConfig(command={self.command!r}, args={self.args!r}, env={env!r}, "
            f"api_version={self.api_version!r}, install_hint={self.install_hint!r}, "
            f"provide_cluster_info={self.provide_cluster_info!r}, "
            f"interactive_mode={self.interactive_mode!r})"
        )
