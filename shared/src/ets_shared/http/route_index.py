"""Route lookup by the path's first segment and number of segments, for every router a service includes.

FastAPI finds a request's route by trying each included router, and each of its routes, in order — a regular
expression apiece: allocation's `POST /entities/{id}/surrenders` tried 32 before its own (7 % of the service's CPU
per surrender). A route's path template already says which paths it can match: `/entities/{entity_id}/surrenders`
matches only paths whose first segment is `entities` and that have three segments, since a `str`, `int`, `float` or
`uuid` parameter never spans a `/`. `IndexedInclusion`, an included router (`install_route_index` puts one in place
of each the app includes), tries only the routes whose first segment and count could match the request's — in their
order, by FastAPI's own matching (`_IncludedRouter._match` over that subset) — and the others it skips could only
have answered no match. A route it cannot place (a `path` parameter, a parameter in the first segment, a mount, a
nested router, a websocket) is tried for every request. So the route chosen, its path parameters, the 405 of a
path known under another method (a partial match) and the 404 of an unknown path are FastAPI's; the OpenAPI document
is built from the same routes.

The index is rebuilt when a router's routes change (FastAPI's routes version); the request's segment is looked up
only among the templates' own first segments and counts, so unknown paths add nothing to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute, _EffectiveRouteContext, _IncludedRouter
from starlette import routing
from starlette.convertors import FloatConvertor, IntegerConvertor, StringConvertor, UUIDConvertor
from starlette.routing import Match, get_route_path

ONE_SEGMENT = (StringConvertor, IntegerConvertor, FloatConvertor, UUIDConvertor)  # never match a "/"
ANY = None  # a template's first segment or count that any path may have
Key = tuple[str | None, int | None]
_MATCHED = "ets.route_index.matched"  # the scope's last match: (the inclusion, what it was asked, FastAPI's answer)


def _key(candidate: Any) -> Key:
    """The first segment and the number of segments of every path `candidate` may match; ANY where it cannot say."""
    if not isinstance(candidate, _EffectiveRouteContext):
        return ANY, ANY
    if isinstance(candidate.original_route, APIRoute):
        path, convertors = candidate.path, candidate.param_convertors
    elif type(candidate.starlette_route) is routing.Route:
        path, convertors = candidate.starlette_route.path, candidate.starlette_route.param_convertors
    else:
        return ANY, ANY
    first = path.split("/", 2)[1] if path.startswith("/") else ""
    return (ANY if "{" in first or not path.startswith("/") else first,
            path.count("/") if all(type(c) in ONE_SEGMENT for c in convertors.values()) else ANY)


def _request_key(path: str) -> tuple[str, int]:
    return path.split("/", 2)[1] if path.startswith("/") else "", path.count("/")


@dataclass
class _Index:
    version: int
    nested: bool
    keys: list[tuple[Any, Key]]
    firsts: set[str]
    counts: set[int]
    subsets: dict[Key, _IncludedRouter | None] = field(default_factory=dict)


@dataclass
class IndexedInclusion(_IncludedRouter):
    """An included router that tries, in order, only the routes the request's path could match (see the module)."""

    _index: _Index | None = field(default=None, repr=False, compare=False)

    def matches(self, scope: Any) -> Any:
        if scope["type"] == "http" and self._subset_for(scope) is None:
            return Match.NONE, {}  # none of its routes may match: skip FastAPI's look through them
        return super().matches(scope)

    def _match(self, scope: Any) -> Any:
        if scope["type"] != "http":
            return super()._match(scope)
        # FastAPI matches a request twice — while the app looks for its route (`matches`) and again when the
        # inclusion that matched handles it — on the same scope: the second takes the first's answer
        asked = (scope["method"], scope["path"], scope.get("root_path", ""))
        held = scope.get(_MATCHED)
        if held is not None and held[0] is self and held[1] == asked:
            return held[2]
        subset = self._subset_for(scope)
        found = (Match.NONE, {}, None, None) if subset is None else subset._match(scope)
        scope[_MATCHED] = (self, asked, found)
        return found

    def _subset_for(self, scope: Any) -> _IncludedRouter | None:
        index, router = self._index, self.original_router
        # FastAPI's routes version, which adds the included routers' own: without them, the router's alone
        version = router._get_routes_version() if index is None or index.nested else router._routes_version
        if index is None or index.version != version:
            candidates = self.effective_candidates()
            keys = [(candidate, _key(candidate)) for candidate in candidates]
            nested = any(isinstance(candidate, _IncludedRouter) for candidate in candidates)
            index = self._index = _Index(router._get_routes_version() if nested else router._routes_version,
                                         nested, keys, {k[0] for _, k in keys if k[0] is not ANY},
                                         {k[1] for _, k in keys if k[1] is not ANY})
        first, count = _request_key(get_route_path(scope))
        key = (first if first in index.firsts else ANY, count if count in index.counts else ANY)
        if key not in index.subsets:
            index.subsets[key] = self._subset(index, key)
        return index.subsets[key]

    def _subset(self, index: _Index, key: Key) -> _IncludedRouter | None:
        """FastAPI's included router over the candidates a path of `key` may match, in order; None: none may."""
        chosen = [candidate for candidate, (first, count) in index.keys
                  if first in (ANY, key[0]) and count in (ANY, key[1])]
        if not chosen:
            return None
        return _Subset(original_router=self.original_router, include_context=self.include_context, chosen=chosen)


@dataclass
class _Subset(_IncludedRouter):
    """FastAPI's included router over some of its candidates (`IndexedInclusion` replaces it when routes change)."""

    chosen: list[Any] = field(default_factory=list, repr=False, compare=False)

    def effective_candidates(self) -> list[Any]:
        return self.chosen


def install_route_index(app: FastAPI) -> None:
    """Put an `IndexedInclusion` in place of each router `app` includes (call after the last `include_router`)."""
    routes = app.router.routes
    for position, route in enumerate(routes):
        if type(route) is _IncludedRouter:
            routes[position] = IndexedInclusion(original_router=route.original_router,
                                                include_context=route.include_context)
