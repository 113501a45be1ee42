"""M-13 ¶1 (the authority commissions the agency) over a real nats-server and database: covered entities from
allocation's events, assignment to an eligible, competent agency free of conflicts of interest, the bulk proposal
the officer confirms, reassignment, each published as VerificationAssigned."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import VerificationFiled
from ets_shared.contracts.verifier_oversight import VerificationAssigned
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

from .conftest import ok, sh

pytestmark = pytest.mark.asyncio


def filed(entity_id: str, agency_id: str, year: int) -> VerificationFiled:
    return VerificationFiled(verification_id=f"VER-{entity_id}-{year}", report_id=f"RPT-{entity_id}-{year}",
                             entity_id=entity_id, compliance_year=year, agency_id=agency_id, verifier_id="VF-1",
                             verified_emissions=10_000, late=False, filed_at=sh(year + 1, 4, 10))


async def test_m13_assignment_to_a_competent_eligible_agency_without_conflicts(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerificationAssigned.contract.subject) as assigned:
        o = oversight_of(svc)
        for agency_id in ("AG-1", "AG-2", "AG-3"):
            await o.file(agency_id)
        for entity_id, sector in (("E-1", "industry"), ("E-2", "power"), ("E-3", "industry"), ("E-4", "industry")):
            await o.entity(entity_id, sector)
        for year in (2022, 2023, 2024):  # AG-2 verified E-3 three years in a row
            await o.send(filed("E-3", "AG-2", year), "mrv")
        ok(await svc.client.post("/agencies/AG-1/advisory-relations", headers=svc.auth("agency", "AG-1"), json={
            "entity_id": "E-4", "from_year": 2023, "description": "energy audit"}), 201)
        await o.select(2025, {"AG-1": ("industry",), "AG-2": ("industry", "power")})

        assert (await o.assign("E-1", 2025, "AG-1"))["assignment_id"] == "ASG-E-1-2025-1"
        for entity_id, agency_id, why in [("E-2", "AG-1", "not selected for sector power"),
                                          ("E-1", "AG-3", "not selected by tender for 2025"),
                                          ("E-3", "AG-2", "3 consecutive years before 2025"),
                                          ("E-4", "AG-1", "advised E-4")]:
            refused = await svc.client.put(f"/assignments/2025/{entity_id}", headers=o.authority,
                                           json={"agency_id": agency_id, "reason": "try"})
            assert refused.status_code == 422 and why in refused.json()["detail"], refused.text
            assert refused.json()["field"] == "agency_id"
        unknown = await svc.client.put("/assignments/2025/E-9", headers=o.authority,
                                       json={"agency_id": "AG-1", "reason": "x"})
        assert unknown.status_code == 404 and unknown.json()["field"] == "entity_id"
        by_agency = await svc.client.put("/assignments/2025/E-3", headers=svc.auth("agency", "AG-1"),
                                         json={"agency_id": "AG-1", "reason": "mine"})
        assert by_agency.status_code == 403
        moved = await o.assign("E-1", 2025, "AG-2")  # reassignment before the verification
        assert (moved["revision"], moved["agency_id"]) == (2, "AG-2")
        history = ok(await svc.client.get("/assignments/2025/E-1/history", headers=o.authority))
        assert [(h["revision"], h["agency_id"]) for h in history] == [(1, "AG-1"), (2, "AG-2")]
        await o.send(filed("E-1", "AG-2", 2025), "mrv")
        late = await svc.client.put("/assignments/2025/E-1", headers=o.authority,
                                    json={"agency_id": "AG-1", "reason": "too late"})
        assert late.status_code == 409
        mine = ok(await svc.client.get("/assignments/2025/E-1", headers=svc.auth("entity", "E-1")))
        assert (mine["agency_id"], mine["stage"], mine["open"]) == ("AG-2", "verified", False)
        assert (await svc.client.get("/assignments/2025/E-1", headers=svc.auth("agency", "AG-1"))).status_code == 403
        await eventually(lambda: len(assigned) == 2)
        assert [(a["data"]["entity_id"], a["data"]["agency_id"], a["data"]["revision"]) for a in assigned] == [
            ("E-1", "AG-1", 1), ("E-1", "AG-2", 2)]


async def test_m13_bulk_proposal_balances_load_and_the_officer_confirms_it(settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, VerificationAssigned.contract.subject) as assigned:
        o = oversight_of(svc)
        await o.file("AG-1")
        await o.file("AG-2")
        for n in range(1, 13):
            await o.entity(f"E-{n:02d}", "industry")
        await o.entity("E-PW", "power")
        await o.entity("E-CM", "cement")
        await o.select(2025, {"AG-1": ("industry", "power"), "AG-2": ("industry",)}, volume=10)
        await o.assign("E-01", 2025, "AG-1")
        proposal = ok(await svc.client.post("/assignments/2025/proposals", headers=o.authority, json={}), 201)
        placed = {e["entity_id"]: e["agency_id"] for e in proposal["entries"]}
        assert "E-01" not in placed and placed["E-PW"] == "AG-1"
        # equal capacities (10 each): AG-1 already holds E-01 and is the only one for power, so it ends 7 to 6
        assert list(placed.values()).count("AG-1") == 6 and list(placed.values()).count("AG-2") == 6
        assert [(u["entity_id"], "not selected for sector cement" in u["reason"]) for u in proposal["unplaced"]] == [
            ("E-CM", True)]
        assert (await svc.client.get("/assignments/2025", headers=o.authority)).json()[0]["entity_id"] == "E-01"
        superseding = ok(await svc.client.post("/assignments/2025/proposals", headers=o.authority,
                                               json={"proposal_id": "PRP-2"}), 201)
        stale = await svc.client.post(f"/assignment-proposals/{proposal['proposal_id']}/confirmation",
                                      headers=o.authority, json={})
        assert stale.status_code == 409  # superseded by PRP-2
        done = ok(await svc.client.post("/assignment-proposals/PRP-2/confirmation", headers=o.authority,
                                        json={"exclude": ["E-12"]}))
        assert (done["status"], done["assigned"]) == ("CONFIRMED", len(superseding["entries"]) - 1)
        listed = ok(await svc.client.get("/assignments/2025", params={"limit": 100}, headers=o.authority))
        assert len(listed) == 12 and "E-12" not in {e["entity_id"] for e in listed}
        # a confirmed entry's first engagement keeps its history (written with the others in one INSERT per table)
        second = {e["entity_id"]: e["agency_id"] for e in superseding["entries"]}
        history = ok(await svc.client.get("/assignments/2025/E-02/history", headers=o.authority))
        assert [(h["revision"], h["agency_id"], h["proposal_id"]) for h in history] == [(1, second["E-02"], "PRP-2")]
        assert history[0]["assigned_by"] and history[0]["reason"].startswith("proposal PRP-2: ")
        assert {e["revision"] for e in listed} == {1}
        own = ok(await svc.client.get("/assignments/2025", params={"agency_id": "AG-2"},
                                      headers=svc.auth("agency", "AG-2")))
        assert {e["agency_id"] for e in own} == {"AG-2"}
        assert (await svc.client.get("/assignments/2025", params={"agency_id": "AG-1"},
                                     headers=svc.auth("agency", "AG-2"))).status_code == 403
        await eventually(lambda: len(assigned) == 12)
        assert {a["data"]["reason"].split(":")[0] for a in assigned[1:]} == {"proposal PRP-2"}


async def test_m13_a_consumed_batch_of_registrations_records_each_entity_once(settings):
    """The entities a pulled batch of registrations records are written together at its commit: a newer
    registration of the same entity in the batch updates it (an older one changes nothing), a repeated event is
    applied once, and a later batch updates the entity written before."""
    import asyncio

    from sqlalchemy import select

    from ets_shared.contracts.allocation import EntityRegistered
    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
    from verifier_oversight.adapters.orm import CoveredEntityRow
    from verifier_oversight.service_layer.handlers import EVENT_HANDLERS

    routes = routes_by_producer(EVENT_HANDLERS)["allocation"]

    def registered(entity_id: str, sector: str, day: int, covered: bool = True) -> Delivery:
        envelope = wrap(EntityRegistered(entity_id=entity_id, name=f"Entity {entity_id}", sector=sector,
                                         covered=covered, registered_at=sh(2025, 1, day)),
                        producer="allocation", context=MessageContext.new("test"))
        return Delivery.decode(EntityRegistered.contract.subject, envelope.model_dump_json().encode(), routes)

    async with running_service(build_runtime, settings) as svc:
        first = [registered("E-1", "industry", 5), registered("E-2", "power", 5, covered=False),
                 registered("E-1", "power", 7), registered("E-1", "steel", 6)]
        assert len(await asyncio.to_thread(apply_batch, [*first, first[0]], svc.runtime.uow,
                                           "verifier-oversight")) == 4
        assert len(await asyncio.to_thread(apply_batch, first, svc.runtime.uow, "verifier-oversight")) == 0
        assert len(await asyncio.to_thread(apply_batch, [registered("E-2", "power", 9)], svc.runtime.uow,
                                           "verifier-oversight")) == 1
        with svc.runtime.session_factory() as session:
            rows = session.execute(select(CoveredEntityRow.entity_id, CoveredEntityRow.sector,
                                          CoveredEntityRow.covered).order_by(CoveredEntityRow.entity_id)).all()
        assert [tuple(r) for r in rows] == [("E-1", "power", True), ("E-2", "power", True)]
        audit = (await svc.client.get("/audit", params={"subject_ref": "entity:E-1"},
                                      headers=svc.auth("authority"))).json()
        assert len(audit) == 2  # the first registration and the newer one, not the older
