"""M-42, the exchange's own duties: a case an officer opens by hand (order and fine 10,000–50,000 together), and the
mechanism the exchange's events will use — a finder naming the violation is all a new event needs; the same
breach never opens two cases."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ets_shared.envelope import MessageContext
from ets_shared.persistence.migrations import upgrade
from ets_shared.testing.service import running_service
from enforcement.bootstrap import build_runtime
from enforcement.domain import ExchangeDuty, exchange_violation
from enforcement.service_layer.violations import opens_case

@pytest.mark.asyncio
async def test_m42_officer_opens_an_exchange_case_fined_at_once(settings, office):
    async with running_service(build_runtime, settings) as svc:
        staff = office(svc)
        body = {"article": "M-42", "party_kind": "exchange", "party_id": "SEEE",
                "violation_key": "unlawful_fees-2026-07-03", "allegation": "fees above the filed schedule"}
        for role in ("exchange_operator", "authority"):
            assert (await svc.client.post("/cases", json=body, headers=svc.auth(role))).status_code == 403
        opened = await svc.client.post("/cases", json=body, headers=staff.li)
        assert opened.status_code == 201
        assert (opened.json()["case_id"], opened.json()["status"]) == ("CASE-M42-unlawful_fees-2026-07-03",
                                                                       "order_issued")
        assert (await svc.client.post("/cases", json=body, headers=staff.li)).status_code == 409
        for amount in ("9999.99", "50000.01"):
            refused = await svc.client.post("/cases/CASE-M42-unlawful_fees-2026-07-03/penalty", headers=staff.li,
                                            json={"amount": amount, "reasons": "fees"})
            assert refused.status_code == 422 and refused.json()["article"] == "M-42"
        fined = await staff.fine("CASE-M42-unlawful_fees-2026-07-03", "50000.00", "fees above the schedule")
        assert fined["fine_amount"] == "50000.00"
        operator = await svc.client.get("/cases", headers=svc.auth("exchange_operator"))
        assert [c["case_id"] for c in operator.json()] == ["CASE-M42-unlawful_fees-2026-07-03"]


def test_m42_an_exchange_event_opens_its_case_through_one_finder(settings):
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    at = datetime(2026, 7, 3, 16, 0, tzinfo=timezone.utc)

    def market_data_missing(event: dict, _uow) -> object:  # what issue 6's entry will look like
        return exchange_violation("SEEE", ExchangeDuty.TRADING_INFORMATION_NOT_PUBLISHED, event["day"],
                                  "no closing price published", at)

    handler = opens_case(market_data_missing)
    for n in range(2):  # the same day's breach reported twice
        with runtime.uow(MessageContext.new("event:exchange.market-data.missing")) as uow:
            handler({"day": "2026-07-03"}, uow)
            uow.commit()
    with runtime.uow(MessageContext.new("test")) as uow:
        case = uow.cases.get("CASE-M42-trading_information_not_published-2026-07-03")
        assert (case.article.value, case.party_id, case.order is not None) == ("M-42", "SEEE", True)
        assert len(uow.cases.list(party_id="SEEE")) == 1
    runtime.engine.dispose()
