"""Issue 9, findings 3 and 4, each example as the issue gives it: out-of-range numbers, lax decimals, dates and
text, and unreadable bodies are a 4xx problem+json naming what is wrong — never a 5xx, never stored."""
from __future__ import annotations

import importlib

import httpx
import pytest
from sqlalchemy import func, select

from ets_shared.auth import issue_token
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import migrated_runtime

pytestmark = pytest.mark.asyncio
PACKAGES = {"allocation": "allocation", "mrv": "mrv", "verifier-oversight": "verifier_oversight"}
SECRET = "bad-input-secret-for-the-issue-9-examples-0123456789"


@pytest.fixture
def service(tmp_path):
    runtimes = []

    def start(name: str):
        bootstrap = importlib.import_module(f"{PACKAGES[name]}.bootstrap")
        settings = ServiceSettings.for_service(name, database_url=f"sqlite:///{tmp_path}/{name}.sqlite",
                                               jwt_secret=SECRET)
        runtime = migrated_runtime(bootstrap.build_runtime, settings)
        runtimes.append(runtime)
        return Api(runtime)

    yield start
    for runtime in runtimes:
        runtime.engine.dispose()


class Api:
    def __init__(self, runtime) -> None:
        self.runtime = runtime
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=runtime.http), base_url="http://service")

    def auth(self, role: str = "authority", party_id: str | None = None) -> dict[str, str]:
        token = issue_token(self.runtime.settings, subject=f"{role}-user", role=role, party_id=party_id)
        return {"Authorization": f"Bearer {token}"}

    def rows(self, table) -> int:
        with self.runtime.session_factory() as session:
            return session.execute(select(func.count()).select_from(table)).scalar_one()


def refused(response: httpx.Response, status: int, field: str, says: str = "") -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    named = {p["name"] for p in body.get("invalid_params", [])} | {body.get("field")}
    assert any(n and n.endswith(field) for n in named), body
    assert says in response.text, body
    return body


def source(quantity) -> dict:
    return {"kind": "process", "quantity": quantity, "unit": "t"}


async def test_huge_offset_is_422_naming_it(service):
    api = service("allocation")
    response = await api.client.get("/entities?offset=64197828950042869760", headers=api.auth())
    refused(response, 422, "offset")


async def test_plan_cap_of_2_pow_63_is_422_and_nothing_stored(service):
    from allocation.adapters.orm import PlanRow

    api = service("allocation")
    response = await api.client.post("/plans", json={"compliance_year": 2025, "cap": 2**63}, headers=api.auth())
    refused(response, 422, "cap")
    assert api.rows(PlanRow) == 0


async def test_ccer_reduction_date_0001_01_01_is_422(service):
    api = service("allocation")
    response = await api.client.post("/entities/E-1/ccer-deposits", headers=api.auth(), json={
        "project_id": "P-1", "reduction_date": "0001-01-01", "quantity": 5})
    refused(response, 422, "reduction_date", "2000-01-01")


async def test_nul_byte_in_a_name_is_422_and_nothing_stored(service):
    from allocation.adapters.orm import CoveredEntityRow

    api = service("allocation")
    response = await api.client.post("/entities", headers=api.auth(), json={
        "entity_id": "E-1", "name": "Steel\u0000Works", "sector": "steel", "annual_emissions": 30_000})
    refused(response, 422, "name", "control characters")
    assert api.rows(CoveredEntityRow) == 0


@pytest.mark.parametrize("quantity, says", [("1e28", "digits"), (0.1, "string"), ("1." + "1" * 5000, "64"),
                                            ("NaN", "finite")])
async def test_mrv_report_quantity_must_be_an_exact_bounded_decimal_string(service, quantity, says):
    api = service("mrv")
    response = await api.client.post("/reports", headers=api.auth("entity", "E-1"),
                                     json={"compliance_year": 2025, "sources": [source(quantity)]})
    refused(response, 422, "sources[0].quantity", says)


async def test_mrv_policy_of_year_1_is_422_without_a_token(service):
    api = service("mrv")
    refused(await api.client.get("/policy/1"), 422, "compliance_year")


async def test_huge_negative_year_in_a_path_is_422(service):
    api = service("verifier-oversight")
    # the issue's path (the route has since become /evaluation-years/{year}/finalisation): no such route, a 404
    response = await api.client.post("/evaluations/AG-AAA/-225946521579600805888/finalisation", headers=api.auth())
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    response = await api.client.post("/evaluation-years/-225946521579600805888/finalisation", headers=api.auth())
    refused(response, 422, "compliance_year")


async def test_non_utf8_body_is_400_saying_so(service):
    api = service("allocation")
    response = await api.client.post("/entities", content=b'{"name": "\xff\xfe"}',
                                     headers={**api.auth(), "Content-Type": "application/json"})
    refused(response, 400, "body", "not UTF-8")


async def test_100000_deep_json_is_400_saying_so(service):
    api = service("allocation")
    response = await api.client.post("/entities", content=b"[" * 100_000 + b"]" * 100_000,
                                     headers={**api.auth(), "Content-Type": "application/json"})
    refused(response, 400, "body", "deeper than")


async def test_shape_checks_apply_to_every_route_even_without_declared_bounds(service):
    api = service("mrv")
    response = await api.client.get("/audit", params={"subject_ref": "a\u0000b"}, headers=api.auth())
    refused(response, 422, "subject_ref", "control characters")
