"""The one YAML reader for everything kctl reads (kubeconfigs and what is written back to them).

PyYAML shares an aliased node instead of copying it, so a "billion laughs" document loads in
microseconds, and then whatever walks the result (``config view``, a merge, a dump) spins for
ever. go-yaml refuses such a document while decoding (``yaml: document contains excessive
aliasing``); this module applies go-yaml's rule to the composed node graph before anything is
built from it: the decoded size counts every alias expansion, and the share of expanded nodes
may not exceed go-yaml's allowed ratio. Documents are parsed once (C loader when available).
"""

from __future__ import annotations

from typing import Any

# go-yaml (yaml.v2/v3 decode.go): at most 99% aliased decodes up to 400k nodes, falling to 10%
# at 4M; checked only past 100 aliases and 1000 decodes.
_RATIO_LOW, _RATIO_HIGH = 400_000, 4_000_000


class AliasError(ValueError):
    """A document refused for its aliases (``problem`` is go-yaml's text, without ``yaml:``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"yaml: {problem}")
        self.problem = problem


def allowed_alias_ratio(decodes: int) -> float:
    if decodes <= _RATIO_LOW:
        return 0.99
    if decodes >= _RATIO_HIGH:
        return 0.10
    return 0.99 - 0.89 * (decodes - _RATIO_LOW) / (_RATIO_HIGH - _RATIO_LOW)


def _children(node: Any) -> list[Any]:
    value = node.value
    if not isinstance(value, list):
        return []  # a scalar
    out: list[Any] = []
    for item in value:
        if isinstance(item, tuple):  # a mapping's (key, value)
            out += item
        else:
            out.append(item)
    return out


def check_aliasing(root: Any) -> None:
    """Raise ``AliasError`` when decoding ``root`` would expand aliases the way go-yaml
    refuses. The decoded size of a node is 1 + the sizes of its children, an alias counting
    its target's whole size again; nodes reached more than once are aliases."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    distinct = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in on_path:
            raise AliasError("anchor value contains itself")
        on_path.add(key)
        distinct += 1
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_children(node)) if id(c) not in size)
    decodes = size[id(root)]
    aliased = decodes - distinct
    if aliased > 100 and decodes > 1000 and aliased / decodes > allowed_alias_ratio(decodes):
        raise AliasError("document contains excessive aliasing")


def load(text: str) -> Any:
    """One YAML document as Python data (safe types only), alias expansion bounded like
    go-yaml's. Parse errors are PyYAML's ``YAMLError``s; aliasing errors are ``AliasError``."""
    return load_with_nodes(text)[0]


def load_with_nodes(text: str) -> tuple[Any, Any]:
    """``load``'s document and the node tree it was built from (where each value is in the
    text: the parsed-kubeconfig cache keeps secrets as their place in the file)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_aliasing(node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()
