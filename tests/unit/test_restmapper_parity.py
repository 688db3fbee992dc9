"""One set of resolution rules: the same discovery document resolves the same names through
the commands' RESTMapper and through shell completion (which reads it from the disk cache
through its own index), for every form kubectl accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kctl.completion import engine
from kctl.completion.cmdline import parse
from kctl.completion.commands import load_root
from kctl.completion.resources import resolve
from kctl.env import Environment
from kctl.errors import ResourceTypeNotFound
from kctl.restmapper import rules
from kctl.restmapper.mapper import RESTMapper
from tests.unit.test_discovery import SERVER, Clock, FakeServer, make_client
from tests.unit.test_restmapper import BETTER, KUBECTL

# Every form: short names, plurals, singulars, kinds, group-qualified (also by a group prefix),
# version-qualified, unknown names; categories are compared separately.
TYPED = sorted(
    {t for t, _ in KUBECTL + BETTER}
    | {"ingresses.networking", "ing", "deploy", "deployments.v1.apps", "Ingress", "svc"}
    | {"wd.v1beta1.alpha.example.com", "widgets.v1beta1.alpha", "cronjob.batch", "nope.apps"}
)


@pytest.fixture
def both(tmp_path: Path) -> tuple[RESTMapper, engine.Request]:
    """The RESTMapper over a discovery client, and a completion request whose kubeconfig
    points at the same server, reading the cache file the client wrote."""
    environ = {"KUBECACHEDIR": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    env = Environment.for_test(environ=environ, clock=Clock())
    client = make_client(env, FakeServer())
    client.resources()  # fetched and written to the disk cache
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "contexts: [{name: c, context: {cluster: k, user: u}}]\n"
        f"clusters: [{{name: k, cluster: {{server: '{SERVER}'}}}}]\n"
        "users: [{name: u, user: {token: t}}]\n"
    )
    environ["KUBECONFIG"] = str(kubeconfig)
    request = engine.Request(parse(load_root(), ["get", "x", ""]), environ)
    return RESTMapper(client, env), request


def _mapper_answer(mapper: RESTMapper, typed: str) -> tuple[str, str, str] | None:
    try:
        gvr = mapper.mapping_for(typed).gvr
    except ResourceTypeNotFound:
        return None
    return (gvr.group, gvr.version, gvr.resource)


def _completion_answer(request: engine.Request, typed: str) -> tuple[str, str, str] | None:
    found: dict[str, Any] | None = resolve(request.mapper_index(), typed)
    return None if found is None else (found["group"], found["version"], found["name"])


@pytest.mark.parametrize("typed", TYPED)
def test_completion_resolves_what_the_restmapper_resolves(
    both: tuple[RESTMapper, engine.Request], typed: str
) -> None:
    mapper, request = both
    assert _completion_answer(request, typed) == _mapper_answer(mapper, typed)


def test_the_parity_covers_every_kind_of_name(both: tuple[RESTMapper, engine.Request]) -> None:
    # not a vacuous comparison: these resolve, and the group-prefix one that used to be unknown
    # to completion among them
    _mapper, request = both
    assert _completion_answer(request, "ingresses.networking") == (
        "networking.k8s.io",
        "v1",
        "ingresses",
    )
    assert _completion_answer(request, "widgets.v1beta1.alpha.example.com") == (
        "alpha.example.com",
        "v1beta1",
        "widgets",
    )
    resolved = [t for t in TYPED if _completion_answer(request, t) is not None]
    assert len(resolved) > 40


@pytest.mark.parametrize("category", ["all", "gadgets", "api-extensions", "nope"])
def test_categories_expand_alike(both: tuple[RESTMapper, engine.Request], category: str) -> None:
    mapper, request = both
    members, _ = rules.types_for(request.mapper_index(), category)
    expected = [m.gvr for m in mapper.mappings_for_category(category)]
    assert [(e["group"], e["version"], e["name"]) for e in members] == [
        (g.group, g.version, g.resource) for g in expected
    ]
    # a category names several types: completion offers no names for it
    if len(expected) > 1:
        assert resolve(request.mapper_index(), category) is None
