"""mrv's facts about engagements, consumed in batches, set-based: the verification records a batch adds are written
together at its commit, and the engagements' progress (verified, determined) is set on their rows as stored values
and written in one UPDATE per set of columns at the commit — nothing is left to the ORM's per-row flush. The batch
must still do what the events one by one would: a later event of the batch sees what an earlier one recorded, a
redelivered event changes nothing, and a transaction that does not commit leaves no trace, in the database or in
the rows its session holds."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import event, select

from ets_shared.contracts.base import EventData
from ets_shared.contracts.mrv import EmissionsDetermined, VerificationFiled, VerificationMissing
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, apply_batch, routes_by_producer
from ets_shared.persistence.bulk import insert_rows
from ets_shared.testing.service import running_service
from verifier_oversight.adapters.orm import EngagementRow, VerificationRecordRow
from verifier_oversight.bootstrap import build_runtime
from verifier_oversight.service_layer.handlers import EVENT_HANDLERS, on_emissions_determined, on_verification_filed

from .conftest import sh

pytestmark = pytest.mark.asyncio
ROUTES = routes_by_producer(EVENT_HANDLERS)["mrv"]


def filed(entity_id: str) -> VerificationFiled:
    return VerificationFiled(verification_id=f"VER-{entity_id}", report_id=f"RPT-{entity_id}", entity_id=entity_id,
                             compliance_year=2025, agency_id="AG-1", verifier_id="VF-1", verified_emissions=10_000,
                             late=False, filed_at=sh(2026, 4, 10))


def determined(entity_id: str, revision: int = 1) -> EmissionsDetermined:
    return EmissionsDetermined(determination_id=f"DET-{entity_id}-{revision}", entity_id=entity_id,
                               compliance_year=2025, determined_emissions=10_000, basis="verification", triggers=[],
                               revision=revision, reported_emissions=10_000, verified_emissions=10_000,
                               agency_id="AG-1", determined_at=sh(2026, 5, 10))


def delivery(data: EventData) -> Delivery:
    envelope = wrap(data, producer="mrv", context=MessageContext.new("test"))
    return Delivery.decode(type(data).contract.subject, envelope.model_dump_json().encode(), ROUTES)


def engaged(svc, *entity_ids: str) -> None:
    with svc.runtime.session_factory() as session:
        insert_rows(session, EngagementRow, [dict(
            entity_id=e, year=2025, agency_id="AG-1", revision=1, reason="assigned",
            assigned_at=datetime(2025, 3, 1, tzinfo=timezone.utc), proposal_id=None, verification_id=None,
            verified_at=None, missing_at=None, recheck_opened_at=None, determined_at=None, determined_revision=None)
            for e in entity_ids])
        session.commit()


def progress(svc) -> dict[str, tuple]:
    with svc.runtime.session_factory() as session:
        return {r.entity_id: (r.verification_id, r.verified_at, r.missing_at, r.determined_revision)
                for r in session.execute(select(EngagementRow).order_by(EngagementRow.entity_id)).scalars()}


def records(svc) -> list[tuple[str, str]]:
    with svc.runtime.session_factory() as session:
        return [tuple(r) for r in session.execute(select(VerificationRecordRow.entity_id,
                                                         VerificationRecordRow.verification_id)
                                                  .order_by(VerificationRecordRow.entity_id)).all()]


async def test_m13_m15_a_batch_of_verifications_and_determinations_writes_each_once(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        await oversight_of(svc).file("AG-1")
        engaged(svc, "E-1", "E-2", "E-3")
        missing = VerificationMissing(report_id="RPT-E-1", entity_id="E-1", compliance_year=2025, agency_id="AG-1",
                                      due_on=date(2026, 4, 30), found_at=sh(2026, 5, 1))
        first = [delivery(filed("E-1")), delivery(filed("E-2")), delivery(determined("E-2"))]
        batch = [*first, first[0], delivery(missing), delivery(determined("E-2", 2))]
        assert len(await asyncio.to_thread(apply_batch, batch, svc.runtime.uow, "verifier-oversight")) == 5
        assert len(await asyncio.to_thread(apply_batch, first, svc.runtime.uow, "verifier-oversight")) == 0
        assert records(svc) == [("E-1", "VER-E-1"), ("E-2", "VER-E-2")]
        at = sh(2026, 4, 10)
        # the missing verification found after E-1's own in the batch: ignored (it saw the record not yet written)
        assert progress(svc) == {"E-1": ("VER-E-1", at, None, None), "E-2": ("VER-E-2", at, None, 2),
                                 "E-3": (None, None, None, None)}
        audit = (await svc.client.get("/audit", params={"subject_ref": "entity:E-1"},
                                      headers=svc.auth("authority"))).json()
        assert [a["action"] for a in audit] == ["verifier-oversight.evaluation.fact-ignored"]


async def test_m13_progress_is_left_to_the_commit_not_to_the_orm_and_undone_without_it(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        await oversight_of(svc).file("AG-1")
        engaged(svc, "E-1", "E-2")
        with svc.runtime.uow(MessageContext.new("test")) as uow:
            flushed: list[object] = []  # what the ORM's flushes would write of these tables
            event.listen(uow.session, "before_flush", lambda session, _context, _instances: flushed.extend(
                o for o in [*session.new, *session.dirty] if isinstance(o, (EngagementRow, VerificationRecordRow))))
            on_verification_filed(filed("E-1"), uow)
            on_emissions_determined(determined("E-1"), uow)
            uow.session.flush()
            assert flushed == []  # nothing for the ORM's flush
            assert uow.assignments.verification_filed("E-1", 2025)  # a later event sees it before it is written
            row = uow.session.get(EngagementRow, ("E-1", 2025))
            assert (row.verification_id, row.determined_revision) == ("VER-E-1", 1)
            uow.rollback()
            assert not uow.assignments.verification_filed("E-1", 2025)
            assert uow.session.get(EngagementRow, ("E-1", 2025)).verified_at is None  # read afresh
        assert records(svc) == [] and progress(svc)["E-1"] == (None, None, None, None)
        with svc.runtime.uow(MessageContext.new("test")) as uow:
            event.listen(uow.session, "before_flush", lambda session, _context, _instances: flushed.extend(
                o for o in [*session.new, *session.dirty] if isinstance(o, (EngagementRow, VerificationRecordRow))))
            on_verification_filed(filed("E-2"), uow)
            uow.commit()
        assert flushed == []
        assert records(svc) == [("E-2", "VER-E-2")] and progress(svc)["E-2"][0] == "VER-E-2"
