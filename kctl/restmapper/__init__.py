"""Typed names to resources: ``rules`` (the resolution rules over plain discovery data, light
enough for shell completion) and ``mapper`` (the RESTMapper the commands use).

The mapper's names are importable from here too, loaded on first use so that importing
``kctl.restmapper.rules`` stays free.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kctl.restmapper.mapper import NoKindMatch, RESTMapper, RESTMapping

__all__ = ["NoKindMatch", "RESTMapper", "RESTMapping"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from kctl.restmapper import mapper

        return getattr(mapper, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
