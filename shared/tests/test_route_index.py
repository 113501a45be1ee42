"""The route index (`ets_shared.http.route_index`) over a small app: the routes FastAPI would choose, with their
path parameters, a 405 for a known path under another method, a 404 for an unknown one, routes it cannot place
(a `path` parameter, a parameter as the first segment) still found, and a route added after the first request."""
from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from ets_shared.http.route_index import IndexedInclusion, install_route_index


def app_with_index() -> tuple[FastAPI, APIRouter]:
    first, second = APIRouter(), APIRouter(prefix="/files")

    @first.get("/entities/{entity_id}")
    def entity(entity_id: str) -> dict:
        return {"entity": entity_id}

    @first.post("/entities/{entity_id}/surrenders")
    def surrender(entity_id: str) -> dict:
        return {"surrendered": entity_id}

    @first.get("/{anything}/echo")
    def echo(anything: str) -> dict:
        return {"echo": anything}

    @second.get("/{rest:path}")
    def file(rest: str) -> dict:
        return {"file": rest}

    app = FastAPI()
    app.include_router(first)
    app.include_router(second)
    install_route_index(app)
    return app, first


def test_requests_reach_the_routes_fastapi_chooses_with_their_parameters():
    app, _ = app_with_index()
    assert sum(isinstance(route, IndexedInclusion) for route in app.router.routes) == 2
    client = TestClient(app)
    assert client.post("/entities/E-1/surrenders").json() == {"surrendered": "E-1"}
    assert client.get("/entities/E-2").json() == {"entity": "E-2"}
    assert client.get("/entities/echo").json() == {"entity": "echo"}
    assert client.get("/whatever/echo").json() == {"echo": "whatever"}
    assert client.get("/files/a/b/c.txt").json() == {"file": "a/b/c.txt"}


def test_another_method_is_405_and_an_unknown_path_404():
    client = TestClient(app_with_index()[0])
    refused = client.get("/entities/E-1/surrenders")
    assert refused.status_code == 405 and refused.headers["allow"] == "POST"
    assert client.get("/nowhere/at/all").status_code == 404
    assert client.post("/entities/E-1/surrenders/more").status_code == 404


def test_a_route_added_after_the_first_request_is_found():
    app, first = app_with_index()
    client = TestClient(app)
    assert client.get("/late/route/here").status_code == 404

    @first.get("/late/route/here")
    def late() -> dict:
        return {"late": True}

    assert client.get("/late/route/here").json() == {"late": True}
