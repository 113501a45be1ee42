"""Verifier oversight's "before" steps for a year, as the authority's officer runs them through the public API:
agencies filed (M-14), the year's tender (one lot per agency: published, bid, scored, awarded), their verifiers
trained, examined and certified, and — once allocation's covered list has reached verifier oversight — every
entity's verification assigned by a bulk proposal the officer confirms (M-13 ¶1). Used by `ets demo`, `ets bench`
and the end-to-end tests, through the services' typed clients."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ets_cli.client import PlatformClient, until
from ets_client_mrv.api.signatories import check
from ets_client_verifier_oversight.api.assignment import confirm, propose
from ets_client_verifier_oversight.api.directory import file_agency, register_verifier
from ets_client_verifier_oversight.api.tender import award, bid, publish, score
from ets_client_verifier_oversight.api.tender import record as tender_record
from ets_client_verifier_oversight.api.training_and_certificates import (
    attendance, certify_session, exam_results, schedule,
)
from ets_client_verifier_oversight.models import (
    AwardLot, ConfirmProposal, ExamResult, FileAgency, LotIn, ProposalConfirmed, ProposeAssignments, PublishTender,
    RecordAttendance, RecordExamResults, RegisterVerifier, ScheduleTraining, ScoreBid, SubmitBid, Winner as AwardWinner,
)


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    credit_code: str
    sectors: tuple[str, ...]
    verifiers: tuple[str, ...]
    expected_volume: int = 1000


async def file_agencies(c: PlatformClient, agencies: list[Agency]) -> None:
    for a in agencies:
        await c.call(file_agency.asyncio_detailed, body=FileAgency(
            agency_id=a.agency_id, name=a.name, credit_code=a.credit_code, fields=list(a.sectors)), role="authority")


async def open_tender(c: PlatformClient, year: int, tender_id: str, agencies: list[Agency],
                      bid_deadline: date | None = None) -> None:
    """Publish the year's tender, one lot per (filed) agency, and let each bid for its lot; bids close on
    `bid_deadline` (default 10 January of `year`, which must not have passed on the platform's clock)."""
    await c.call(publish.asyncio_detailed, body=PublishTender(
        tender_id=tender_id, compliance_year=year, title=f"Carbon emission verification services {year}",
        conditions=["accredited for greenhouse-gas verification", "at least one certified verifier per lot"],
        bid_deadline=bid_deadline or date(year, 1, 10),
        lots=[LotIn(lot_no=n, title=f"{', '.join(a.sectors)} ({a.agency_id})", sectors=list(a.sectors),
                    expected_volume=a.expected_volume) for n, a in enumerate(agencies, start=1)]),
        role="authority")
    for n, a in enumerate(agencies, start=1):
        await c.call(bid.asyncio_detailed, tender_id, body=SubmitBid(
            agency_id=a.agency_id, lot_no=n, statement="accredited team, on-site verification"),
            role="agency", party=a.agency_id)


async def award_and_certify(c: PlatformClient, year: int, tender_id: str, agencies: list[Agency],
                            register_verifiers: bool = True) -> None:
    """After the bid deadline: score and award each lot, train and examine the winners' verifiers (registered with
    their agency first, unless they already are), certify those who passed."""
    record = await c.call(tender_record.asyncio_detailed, tender_id, role="authority")
    bids = {b.lot_no: b.bid_id for b in record.bids}
    for n, a in enumerate(agencies, start=1):
        await c.call(score.asyncio_detailed, tender_id, bids[n], body=ScoreBid(
            score="86.00", reason="meets every condition; technical plan complete"), role="authority")
        await c.call(award.asyncio_detailed, tender_id, n, body=AwardLot(
            winners=[AwardWinner(agency_id=a.agency_id, reason="highest-scored bid of the lot")]), role="authority")
        for verifier_id in a.verifiers if register_verifiers else ():
            await c.call(register_verifier.asyncio_detailed, a.agency_id, body=RegisterVerifier(
                verifier_id=verifier_id, name=f"Verifier {verifier_id}"), role="agency", party=a.agency_id)
    training_id = f"TR-{tender_id}"
    verifiers = [v for a in agencies for v in a.verifiers]
    await c.call(schedule.asyncio_detailed, body=ScheduleTraining(
        training_id=training_id, compliance_year=year, title="Verification of the year's reports",
        held_on=date(year, 1, 12)), role="authority")
    await c.call(attendance.asyncio_detailed, training_id, body=RecordAttendance(verifier_ids=verifiers),
                 role="authority")
    await c.call(exam_results.asyncio_detailed, training_id, body=RecordExamResults(
        results=[ExamResult(verifier_id=v, score=86) for v in verifiers]), role="authority")
    await c.call(certify_session.asyncio_detailed, training_id, role="authority")


async def assign_all(c: PlatformClient, year: int, entity_ids: list[str]) -> ProposalConfirmed:
    """Once every consumer has caught up (verifier oversight knows allocation's covered entities), propose the
    assignment of every entity without one and confirm it; every entity in `entity_ids` must be placed."""
    await c.drained()
    proposal = await c.call(propose.asyncio_detailed, year, body=ProposeAssignments(), role="authority")
    placed = {e.entity_id for e in proposal.entries}
    missing = sorted(set(entity_ids) - placed)
    if missing:
        why = {u.entity_id: u.reason for u in proposal.unplaced}
        raise RuntimeError(f"{len(missing)} entities could not be assigned, e.g. {missing[0]}: "
                           f"{why.get(missing[0], 'unknown to verifier oversight')}")
    return await c.call(confirm.asyncio_detailed, proposal.proposal_id, body=ConfirmProposal(),
                        role="authority")


async def until_may_sign(c: PlatformClient, year: int, entity_id: str, agency_id: str, verifier_id: str) -> None:
    """Wait until mrv has every fact the verification depends on: its answer only turns true then."""

    async def may_sign() -> bool:
        answer = await c.call(check.asyncio_detailed, year, entity_id=entity_id, agency_id=agency_id,
                              verifier_id=verifier_id, role="authority")
        return answer.may_sign

    await until(may_sign, what=f"mrv accepting {verifier_id} of {agency_id} for {entity_id}")
