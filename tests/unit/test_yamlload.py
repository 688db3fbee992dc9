"""kctl.yamlload: go-yaml's alias-expansion bound on PyYAML's node graph."""

from __future__ import annotations

import pytest

from kctl import yamlload


def laughs(levels: int, width: int = 9) -> str:
    lines = ['l0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [4, 6, 10, 30])
def test_billion_laughs_is_refused_like_go_yaml(levels: int) -> None:
    with pytest.raises(yamlload.AliasError) as info:
        yamlload.load(laughs(levels))
    assert str(info.value) == "yaml: document contains excessive aliasing"


def test_ordinary_anchors_are_fine() -> None:
    text = """
defaults: &d {server: https://a, insecure-skip-tls-verify: true}
clusters:
- {name: one, cluster: *d}
- {name: two, cluster: *d}
"""
    doc = yamlload.load(text)
    assert doc["clusters"][1]["cluster"] == {
        "server": "https://a",
        "insecure-skip-tls-verify": True,
    }


def test_a_small_expansion_under_go_yamls_floor_is_accepted() -> None:
    # 3 levels of 9: 819 decodes, under go-yaml's 1000-decode floor.
    assert len(yamlload.load(laughs(3))["l2"]) == 9


def test_an_anchor_that_contains_itself_is_refused() -> None:
    with pytest.raises(yamlload.AliasError) as info:
        yamlload.load("a: &x [1, *x]\n")
    assert str(info.value) == "yaml: anchor value contains itself"


@pytest.mark.parametrize(
    ("decodes", "ratio"), [(1000, 0.99), (400_000, 0.99), (2_200_000, 0.545), (4_000_000, 0.1)]
)
def test_allowed_ratio_follows_go_yaml(decodes: int, ratio: float) -> None:
    assert yamlload.allowed_alias_ratio(decodes) == pytest.approx(ratio)


def test_empty_and_scalar_documents() -> None:
    assert yamlload.load("") is None
    assert yamlload.load("5") == 5
