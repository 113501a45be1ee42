"""Every service's route index (`ets_shared.http.route_index`) chooses what FastAPI's own lookup over all of an
included router's routes chooses — the same route, path parameters and match (full, partial for another method,
none) — for each route's path, under each method, and for paths a little off (a trailing slash, one segment more,
an unknown first segment)."""
from __future__ import annotations

import importlib
import re

import pytest
from fastapi.routing import _IncludedRouter

from ets_shared.http.route_index import IndexedInclusion
from ets_shared.settings import ServiceSettings

SERVICES = {"allocation": "allocation", "enforcement": "enforcement", "exchange": "exchange", "mrv": "mrv",
            "verifier-oversight": "verifier_oversight"}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def app_of(service: str, tmp_path):
    bootstrap = importlib.import_module(f"{SERVICES[service]}.bootstrap")
    settings = ServiceSettings.for_service(service, database_url=f"sqlite:///{tmp_path}/{service}.db")
    return bootstrap.build_runtime(settings).http


def probes(app) -> list[str]:
    paths = {"/", "/nope", "/nope/x"}
    for inclusion in app.router.routes:
        if isinstance(inclusion, _IncludedRouter):
            for context in inclusion.effective_route_contexts():
                path = re.sub(r"\{[^}:]+:uuid\}", "0b2a6a4e-1d7e-4c1e-9a57-4a7e1d2f3b4c",
                              re.sub(r"\{[^}:]+:(int|float)\}", "7", re.sub(r"\{[^}:]+(:str)?\}", "x-1",
                                                                           context.path)))
                paths |= {path, path + "/", path + "/more", "/nope" + path}
    return sorted(paths)


def chosen(inclusion, path: str, method: str):
    scope = {"type": "http", "path": path, "root_path": "", "method": method, "headers": []}
    match, child_scope, route, context = inclusion._match(scope)
    return match, child_scope, route, getattr(context, "path_format", None)


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_route_index_chooses_what_fastapi_chooses(service, tmp_path):
    app = app_of(service, tmp_path)
    indexed = [route for route in app.router.routes if isinstance(route, _IncludedRouter)]
    assert indexed and all(type(route) is IndexedInclusion for route in indexed)
    paths = probes(app)
    for inclusion in indexed:
        plain = _IncludedRouter(original_router=inclusion.original_router, include_context=inclusion.include_context)
        for path in paths:
            for method in METHODS:
                assert chosen(inclusion, path, method) == chosen(plain, path, method), (service, method, path)
