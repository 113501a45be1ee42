"""`DirectRoute` answers exactly as FastAPI does: the same routes served once by FastAPI's handler and once by the
direct one, asked the same requests — valid, refused by a dependency, a body that does not validate or is not JSON,
another content type, no body, an answer the response model refuses — give the same status, headers and body; the
direct path is taken only for the plain shape and only while no override is installed."""
from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from ets_shared.auth import Principal, Role
from ets_shared.errors import Forbidden
from ets_shared.http import direct_route
from ets_shared.http.direct_route import DirectRoute
from ets_shared.http.input_guard import guard_inputs
from ets_shared.http.problems import install_problem_handlers


class Line(BaseModel):
    unit_type: str = Field(pattern="^(SHEA|CCER)$")
    quantity: int = Field(gt=0, le=10**9)


class Order(BaseModel):
    year: int = Field(ge=2013, le=2100)
    lines: list[Line] = Field(min_length=1)


class Answer(BaseModel):
    entity_id: str
    total: int


async def caller(request: Request) -> Principal:
    token = request.headers.get("authorization", "")
    if not token.startswith("Bearer "):
        raise Forbidden("no token")
    return Principal(subject=token[7:], role=Role.ENTITY, party_id=token[7:])


Caller = Annotated[Principal, Depends(caller)]


def app_with(route_class: type[APIRoute]) -> FastAPI:
    router = APIRouter(route_class=route_class)

    @router.post("/entities/{entity_id}/orders", response_model=Answer, status_code=201)
    async def order(entity_id: str, cmd: Order, who: Caller, request: Request) -> Answer:
        if not who.owns(entity_id):
            raise Forbidden("only the entity itself", field="entity_id")
        total = sum(line.quantity for line in cmd.lines)
        if total == 13:  # an answer its response model refuses: FastAPI's 500
            return {"entity_id": entity_id}  # type: ignore[return-value]
        return Answer(entity_id=entity_id, total=total)

    @router.post("/entities/{entity_id}/pings", status_code=202)
    async def ping(entity_id: str, who: Caller) -> dict:  # no body
        return {"pong": entity_id}

    app = FastAPI(dependencies=[Depends(guard_inputs)])
    install_problem_handlers(app)
    app.include_router(router)
    return app


BODY = '{"year": 2025, "lines": [{"unit_type": "SHEA", "quantity": 5}]}'
REQUESTS = [
    ("/entities/E-1/orders", BODY, {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E-1/orders", BODY, {"authorization": "Bearer E-2", "content-type": "application/json"}),
    ("/entities/E-1/orders", BODY, {"content-type": "application/json"}),
    ("/entities/E-1/orders", '{"year": 2025, "lines": []}', {"authorization": "Bearer E-1",
                                                             "content-type": "application/json"}),
    ("/entities/E-1/orders", '{"year": 2025, "lines": []}', {"content-type": "application/json"}),
    ("/entities/E-1/orders", '{"year": 2025, "lines": [', {"authorization": "Bearer E-1",
                                                           "content-type": "application/json"}),
    ("/entities/E-1/orders", '{"year": 99999999999999999999, "lines": []}',
     {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E-1/orders", "null", {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E-1/orders", "", {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E-1/orders", BODY, {"authorization": "Bearer E-1", "content-type": "text/plain"}),
    ("/entities/E-1/orders", BODY, {"authorization": "Bearer E-1", "content-type": "application/merge-patch+json"}),
    ("/entities/E-1/orders", BODY, {"authorization": "Bearer E-1"}),
    ("/entities/E-1/orders", BODY.replace('"quantity": 5', '"quantity": "5"'),
     {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E%001/orders", BODY, {"authorization": "Bearer E-1", "content-type": "application/json"}),
    ("/entities/E-1/pings", "", {"authorization": "Bearer E-1"}),
    ("/entities/E-1/pings", "", {}),
]


@pytest.mark.parametrize(("path", "body", "headers"), REQUESTS)
def test_the_direct_route_answers_as_fastapi_does(path, body, headers):
    answers = []
    for route_class in (APIRoute, DirectRoute):
        with TestClient(app_with(route_class), raise_server_exceptions=False) as client:
            r = client.post(path, content=body.encode(), headers=headers)
            answers.append((r.status_code, sorted(r.headers.items()), r.content))
    assert answers[0] == answers[1]


def test_an_answer_its_model_refuses_is_fastapis_500():
    body = '{"year": 2025, "lines": [{"unit_type": "SHEA", "quantity": 13}]}'
    headers = {"authorization": "Bearer E-1", "content-type": "application/json"}
    for route_class in (APIRoute, DirectRoute):
        with TestClient(app_with(route_class), raise_server_exceptions=False) as client:
            assert client.post("/entities/E-1/orders", content=body, headers=headers).status_code == 500


def test_the_plain_shape_goes_direct_and_overrides_go_to_fastapi(monkeypatch):
    direct = []
    real = direct_route.get_telemetry_data

    def seen() -> None:
        direct.append(1)
        return real()

    monkeypatch.setattr(direct_route, "get_telemetry_data", seen)
    app = app_with(DirectRoute)
    headers = {"authorization": "Bearer E-1", "content-type": "application/json"}
    with TestClient(app) as client:
        assert client.post("/entities/E-1/orders", content=BODY, headers=headers).json() == {"entity_id": "E-1",
                                                                                             "total": 5}
        assert len(direct) == 1

        async def anyone() -> Principal:
            return Principal(subject="x", role=Role.ENTITY, party_id="E-1")

        app.dependency_overrides[caller] = anyone
        assert client.post("/entities/E-1/orders", content=BODY, headers={"content-type": "application/json"}
                           ).status_code == 201  # the override decided, by FastAPI's handler
