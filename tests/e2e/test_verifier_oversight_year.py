"""A whole year of verifier oversight across the five processes over a real nats-server: 10 agencies selected by
tender and certified, 200 entities assigned by a confirmed proposal, their reports verified (some late, some
corrected in re-check, one attempt by an unassigned agency refused), on-site inspections drawn from real
engagements, the evaluation of every agency that worked, published results received by a plain subscriber, one
agency failed and blacklisted — next year's assignment moves its entities away and mrv refuses its verification."""
from __future__ import annotations

import asyncio
import json
from datetime import date

import nats
import pytest

from ets_cli import oversight
from ets_cli.client import ApiError, PlatformClient, until
from ets_cli.scenario import at
from ets_client_allocation.api.entities_and_registry import register_batch
from ets_client_allocation.models import RegisterEntities, RegisterEntity
from ets_client_mrv import models as m
from ets_client_mrv.api.reports import determine, file_verification, open_recheck, submit_report
from ets_client_mrv.api.signatories import signatories
from ets_client_verifier_oversight import models as vo
from ets_client_verifier_oversight.api.assignment import assign, list_assignments
from ets_client_verifier_oversight.api.evaluation import finalise, readiness
from ets_client_verifier_oversight.api.panel_and_inspections import appoint, draw, record_inspection, sign

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio]

Y = 2025
AGENCIES = [oversight.Agency(f"AG-{n:02d}", f"Verifier Agency {n:02d}", f"91310000MA1E2{n:04d}X",
                             ("industry", "aviation") if n >= 5 else ("industry",), (f"VF-{n:02d}",),
                             expected_volume=20)
            for n in range(10)]
ENTITIES = [(f"E-{n:03d}", "aviation" if n % 4 == 0 else "industry") for n in range(200)]
FAILING = "AG-09"


def process(tonnes: int) -> list[m.Source]:
    return [m.Source.from_dict({"kind": "process", "quantity": str(tonnes), "unit": "tCO2e", "description": "kiln"})]


async def gather(limit: int, calls) -> list:
    gate = asyncio.Semaphore(limit)

    async def one(call):
        async with gate:
            return await call

    return await asyncio.gather(*(one(c) for c in calls))


async def assignments(c: PlatformClient, year: int) -> dict[str, str]:
    found, offset = {}, 0
    while page := await c.call(list_assignments.asyncio_detailed, year, offset=offset, limit=1000, role="authority"):
        found.update({e.entity_id: e.agency_id for e in page})
        offset += len(page)
    return found


async def verify(c: PlatformClient, entity_id: str, agency_id: str, verified: int,
                 year: int = Y) -> m.VerificationFiledPublic:
    return await c.call(file_verification.asyncio_detailed, f"RPT-{entity_id}-{year}", body=m.FileVerification(
        agency_id=agency_id, verified_sources=process(verified), findings=["checked on site"]),
        role="verifier", party=f"VF-{agency_id[3:]}")


async def all_signatories_ready(c: PlatformClient, year: int, agencies: set[str]) -> bool:
    standing = await c.call(signatories.asyncio_detailed, compliance_year=year, role="authority")
    ready = {a.agency_id for a in standing.agencies if a.may_sign}
    return agencies <= ready


async def test_a_year_of_verifier_oversight_ends_with_a_blacklisted_agency_refused_next_year(platform, client):
    c = client
    # a plain subscriber, no platform code
    government = await nats.connect(platform.effective_nats_url, **platform.nats_options("observer"))
    published: list[dict] = []

    async def on_results(msg) -> None:
        published.append(json.loads(msg.data))

    await government.subscribe("ets.verifier-oversight.evaluation.results-published.v1", cb=on_results)

    # -- before (事前): tender, covered list, training, certificates, assignment ----------------------------------
    await c.tick_and_wait(at(date(Y, 1, 10)))
    await oversight.file_agencies(c, AGENCIES)
    await oversight.open_tender(c, Y, f"T-{Y}", AGENCIES)
    await c.call(register_batch.asyncio_detailed, body=RegisterEntities(entities=[
        RegisterEntity(entity_id=e, name=f"Entity {e}", sector=sector, annual_emissions=50_000)
        for e, sector in ENTITIES]), role="authority")
    await c.tick_and_wait(at(date(Y, 1, 11)))
    await oversight.award_and_certify(c, Y, f"T-{Y}", AGENCIES)
    confirmed = await oversight.assign_all(c, Y, [e for e, _ in ENTITIES])
    assert confirmed.assigned == 200
    assigned = await assignments(c, Y)
    loads = {a.agency_id: list(assigned.values()).count(a.agency_id) for a in AGENCIES}
    assert set(loads.values()) == {20}  # equal volumes won, equal shares
    assert all(assigned[e] >= "AG-05" for e, sector in ENTITIES if sector == "aviation")  # competence
    failing_entities = sorted(e for e, a in assigned.items() if a == FAILING)

    # next year's tender and assignment happen before this year's evaluation, as in practice
    await c.tick_and_wait(at(date(Y + 1, 1, 10)))
    await oversight.open_tender(c, Y + 1, f"T-{Y + 1}", AGENCIES)
    await c.tick_and_wait(at(date(Y + 1, 1, 11)))
    await oversight.award_and_certify(c, Y + 1, f"T-{Y + 1}", AGENCIES, register_verifiers=False)
    await oversight.assign_all(c, Y + 1, [e for e, _ in ENTITIES])
    next_year = await assignments(c, Y + 1)
    moved = sorted(e for e, a in next_year.items() if a == FAILING)
    assert len(moved) == 20

    # -- during (事中): reports, verifications, re-checks, inspections -------------------------------------------
    reported = {e: 100_000 + n * 10 for n, (e, _) in enumerate(ENTITIES)}
    corrected = failing_entities[:2]  # AG-09 verified them 12% above the report; the re-check corrects by 25%
    late = failing_entities[2:6]  # AG-09 files these after 30 April
    minor = sorted(e for e, a in assigned.items() if a == "AG-00")[0]  # AG-00: one correction of 4%
    await c.tick_and_wait(at(date(Y + 1, 3, 15)))
    await gather(16, [c.call(submit_report.asyncio_detailed, body=m.SubmitReport(
        compliance_year=Y, sources=process(reported[e])), role="entity", party=e) for e, _ in ENTITIES])
    await c.tick_and_wait(at(date(Y + 1, 4, 15)))
    await until(lambda: all_signatories_ready(c, Y, {a.agency_id for a in AGENCIES}), what="mrv signatories")
    intruder = sorted(e for e, a in assigned.items() if a == "AG-01")[0]
    with pytest.raises(ApiError) as refused:
        await verify(c, intruder, "AG-02", reported[intruder])
    assert refused.value.status == 403 and refused.value.problem["article"] == "M-13"
    on_time = [e for e, _ in ENTITIES if e not in late]
    await gather(16, [verify(c, e, assigned[e], int(reported[e] * 1.12) if e in corrected else reported[e])
                      for e in on_time])

    panel = [("X1", "expert"), ("X2", "expert"), ("S1", "authority_staff")]
    for member_id, kind in panel:
        await c.call(appoint.asyncio_detailed, Y, body=vo.AppointMember(
            member_id=member_id, name=member_id, kind=vo.AppointMemberKind(kind), affiliation="SEEE expert pool"),
            role="authority")
    draws = {}
    for a in AGENCIES:
        targeted = [vo.TargetIn(entity_id=corrected[0], reason="verified figure 12% off the report")] \
            if a.agency_id == FAILING else []
        draws[a.agency_id] = await c.call(draw.asyncio_detailed, body=vo.DrawInspectionSample(
            draw_id=f"D-{a.agency_id}", agency_id=a.agency_id, compliance_year=Y, seed=2025, targeted=targeted),
            role="authority")
    assert all(d.population_size == 20 and len(d.random) == 2 for d in draws.values())  # ceil(10% of 20)
    assert len(draws[FAILING].selected) == 3
    await c.call(record_inspection.asyncio_detailed, body=vo.RecordInspection(
        inspection_id="INSP-AG-09", kind=vo.RecordInspectionKind.ON_SITE, agency_id=FAILING, entity_id=corrected[0],
        compliance_year=Y, inspected_on=date(Y + 1, 4, 20), team=["X1", "X2", "S1"],
        draw_id="D-AG-09", record="metering room and fuel store inspected",
        checklist=[vo.ChecklistIn(item="activity data traced to invoices", result=vo.ChecklistInResult.NON_COMPLIANT)],
        findings=[vo.FindingIn(code="INSPECTION_MAJOR", description="fuel invoices never sampled",
                               evidence=["invoice register", "interview notes"])]),
        role="panel_expert", party="X1")
    for member_id, role in (("X1", "panel_expert"), ("X2", "panel_expert"), ("S1", "authority")):
        await c.call(sign.asyncio_detailed, "INSP-AG-09", role=role, party=member_id)

    await c.tick_and_wait(at(date(Y + 1, 5, 2)))
    await gather(4, [verify(c, e, FAILING, reported[e]) for e in late])
    await c.call(open_recheck.asyncio_detailed, f"RPT-{minor}-{Y}",
                 body=m.OpenRecheck(reason="spot check found a metering error"), role="authority")
    for e in corrected:
        await c.call(determine.asyncio_detailed, f"RPT-{e}-{Y}", body=m.Determine(
            emissions=int(reported[e] * 1.12) * 5 // 4, reason="re-check on site"), role="authority")
    await c.call(determine.asyncio_detailed, f"RPT-{minor}-{Y}", body=m.Determine(
        emissions=int(reported[minor] * 1.04), reason="meter recalibrated"), role="authority")
    await c.tick_and_wait(at(date(Y + 1, 5, 20)))
    await c.drained()

    # -- after (事后): the evaluation of every agency that worked --------------------------------------------------
    await c.tick_and_wait(at(date(Y + 1, 6, 1)))
    ready = await c.call(readiness.asyncio_detailed, Y, role="authority")
    assert ready.ready, ready.bars
    assert ready.agencies == [a.agency_id for a in AGENCIES]
    results = await c.call(finalise.asyncio_detailed, Y, role="authority")
    by_agency = {r.agency_id: r for r in results.results}
    failing = by_agency[FAILING]
    # 4 late (5 each, capped at 20) + 2 corrections of 25% (20 each) + 2 material misstatements missed (15 each)
    # + 1 major inspection finding (10): 100 - 100 = 0
    assert (failing.score, failing.grade, failing.rank) == (0, "FAIL", 10)
    assert (by_agency["AG-00"].score, by_agency["AG-00"].grade) == (98, "EXCELLENT")  # a 4% correction: 2
    assert [r.grade for r in results.results].count("EXCELLENT") == 9
    assert vo.ResultsPublic.from_dict(await c.public_get("verifier-oversight", f"/results/{Y}")) == results
    blacklist = await c.public_get("verifier-oversight", f"/blacklist?compliance_year={Y + 1}")
    assert [(b["agency_id"], b["from_year"], b["to_year"]) for b in blacklist] == [(FAILING, Y + 1, Y + 5)]
    await until(lambda: received(published), what="results received by the subscriber")
    assert [r["agency_id"] for r in published[0]["data"]["results"]][-1] == FAILING
    await government.drain()

    # -- next year: the failed agency's entities move away, and mrv refuses it -----------------------------------
    await c.tick_and_wait(at(date(Y + 1, 6, 2)))
    reassigned = await oversight.assign_all(c, Y + 1, moved)
    assert reassigned.assigned == 20 and FAILING not in {e.agency_id for e in reassigned.entries}
    next_year = await assignments(c, Y + 1)
    assert FAILING not in next_year.values() and len(next_year) == 200
    with pytest.raises(ApiError) as barred:
        await c.call(assign.asyncio_detailed, Y + 1, moved[0], body=vo.Assign(agency_id=FAILING, reason="try"),
                     role="authority")
    assert barred.value.status == 422 and "blacklisted" in barred.value.problem["detail"]
    target = next(e for e in moved if e not in corrected)  # its 2026 report stays within 20% of 2025
    await c.tick_and_wait(at(date(Y + 2, 3, 15)))
    await c.call(submit_report.asyncio_detailed, body=m.SubmitReport(
        compliance_year=Y + 1, sources=process(reported[target])), role="entity", party=target)
    await c.tick_and_wait(at(date(Y + 2, 4, 15)))
    await until(lambda: blacklisted_in_mrv(c, Y + 1), what="mrv learning the blacklist")
    with pytest.raises(ApiError) as refused:
        await verify(c, target, FAILING, reported[target], year=Y + 1)
    assert refused.value.status == 403 and "blacklisted for 2026-2030" in refused.value.problem["detail"]
    new_agency = next_year[target]
    await oversight.until_may_sign(c, Y + 1, target, new_agency, f"VF-{new_agency[3:]}")
    accepted = await verify(c, target, new_agency, reported[target], year=Y + 1)
    assert accepted.state == "verified"


async def blacklisted_in_mrv(c: PlatformClient, year: int) -> bool:
    standing = await c.call(signatories.asyncio_detailed, compliance_year=year, role="authority")
    return any(a.agency_id == FAILING and a.blacklisted for a in standing.agencies)


async def received(messages: list[dict]) -> bool:
    return bool(messages)
