"""V (事后) over a real nats-server and database: the versioned scoring table, automatic deductions from mrv's
events, contests and reviews, the year's evaluation finalised only when the work is over and for every agency that
worked, published results and ranking, the blacklist and the suspension practice."""
from __future__ import annotations

import pytest

from ets_shared.contracts.mrv import EmissionsDetermined, RecheckOpened, VerificationFiled, VerificationMissing
from ets_shared.contracts.verifier_oversight import (
    AgencyBlacklisted, AgencyEligibilityChanged, AgencyFilingChanged, EvaluationResultsPublished,
)
from ets_shared.testing.service import eventually, running_service, subject_listener
from verifier_oversight.bootstrap import build_runtime

from .conftest import ok, sh

pytestmark = pytest.mark.asyncio


def late(entity_id: str, agency_id: str = "AG-1", year: int = 2025) -> VerificationFiled:
    return VerificationFiled(verification_id=f"VER-{entity_id}", report_id=f"RPT-{entity_id}", entity_id=entity_id,
                             compliance_year=year, agency_id=agency_id, verifier_id="VF-1", verified_emissions=100_000,
                             late=True, filed_at=sh(year + 1, 5, 3))


def determined(entity_id: str, determined_t: int, revision: int = 2, agency_id: str = "AG-1",
               reported_t: int = 100_000, verified_t: int = 100_000, basis: str = "recheck") -> EmissionsDetermined:
    return EmissionsDetermined(
        determination_id=f"DET-{entity_id}-r{revision}", entity_id=entity_id, compliance_year=2025,
        determined_emissions=determined_t, basis=basis, triggers=["AUTHORITY"] if basis == "recheck" else [],
        revision=revision, reported_emissions=reported_t, verified_emissions=verified_t, agency_id=agency_id,
        determined_at=sh(2026, 5, 10 + revision))


async def working(o, agencies: dict[str, list[str]], year: int = 2025) -> None:
    """File the agencies, select them for `year` in industry, and assign them their entities."""
    for agency_id in agencies:
        await o.file(agency_id)
    for entities in agencies.values():
        for entity_id in entities:
            await o.entity(entity_id)
    await o.select(year, {a: ("industry",) for a in agencies})
    for agency_id, entities in agencies.items():
        for entity_id in entities:
            await o.assign(entity_id, year, agency_id)


def deducted(evaluation: dict) -> dict[str, tuple[int, str]]:
    return {d["deduction_id"]: (d["points"], d["status"]) for d in evaluation["deductions"]}


async def test_v_scoring_table_is_versioned_per_year_and_an_omitted_item_never_dead_letters(settings,
                                                                                            oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        default = ok(await svc.client.get("/scoring-tables/2025"))  # public
        assert default["version"] == 0 and default["automatic_items_omitted"] == []
        await working(o, {"AG-1": ["E-1", "E-2"]})
        await o.send(late("E-1"), "mrv")
        assert deducted(await o.evaluation("AG-1", 2025)) == {"LATE_VERIFICATION-E-1-2025": (5, "ACTIVE")}
        items = [{"code": "INSPECTION_MINOR", "description": "minor problem", "kind": "finding", "points": 3,
                  "cap": 9},
                 {"code": "RECHECK_CORRECTED", "description": "corrected", "kind": "automatic", "points": 12,
                  "bands": [{"from_ratio": "0", "points": 4}, {"from_ratio": "0.1", "points": 12}]}]
        refused = await svc.client.put("/scoring-tables/2025", headers=svc.auth("panel_expert"),
                                       json={"items": items, "reason": "2025 annex"})
        assert refused.status_code == 403
        bad = await svc.client.put("/scoring-tables/2025", headers=o.authority, json={
            "items": [*items, {"code": "LATE_VERIFICATION", "description": "late", "kind": "finding", "points": 5}],
            "reason": "typo"})
        assert bad.status_code == 422 and bad.json()["field"] == "items[2].kind"
        floated = await svc.client.put("/scoring-tables/2025", headers=o.authority, json={"reason": "float", "items": [
            {**items[1], "bands": [{"from_ratio": 0.1, "points": 12}]}]})
        assert floated.status_code == 422
        v1 = ok(await svc.client.put("/scoring-tables/2025", headers=o.authority,
                                     json={"items": items, "reason": "2025 annex"}))
        assert v1["version"] == 1 and set(v1["automatic_items_omitted"]) == {
            "LATE_VERIFICATION", "MISSING_VERIFICATION", "MATERIAL_MISSTATEMENT_MISSED"}
        await o.send(late("E-2"), "mrv")  # the item is not in the table: recorded with 0 points, not dead-lettered
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation) == {"LATE_VERIFICATION-E-1-2025": (0, "ACTIVE"),
                                        "LATE_VERIFICATION-E-2-2025": (0, "ACTIVE")}
        assert "has no item LATE_VERIFICATION" in evaluation["deductions"][1]["unscored"]
        assert evaluation["score"] == 100 and evaluation["table_version"] == 1
        assert ok(await svc.client.get("/dead-letters", headers=o.authority)) == []
        v2 = ok(await svc.client.put("/scoring-tables/2025", headers=o.authority, json={
            "reason": "late again",
            "items": [*items, {"code": "LATE_VERIFICATION", "description": "late", "kind": "automatic", "points": 7}]}))
        assert v2["version"] == 2
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation) == {"LATE_VERIFICATION-E-1-2025": (7, "ACTIVE"),
                                        "LATE_VERIFICATION-E-2-2025": (7, "ACTIVE")}
        assert evaluation["score"] == 86
        versions = ok(await svc.client.get("/scoring-tables/2025/versions"))
        assert [(v["version"], v["reason"]) for v in versions][1:] == [(1, "2025 annex"), (2, "late again")]
        assert ok(await svc.client.get("/scoring-tables/2026"))["version"] == 0  # per year


async def test_v_automatic_deductions_from_mrv_events_once_each_and_following_revisions(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await working(o, {"AG-1": ["E-1", "E-2", "E-3", "E-4", "E-5", "E-6"]})
        await o.send(late("E-1"), "mrv", copies=2)
        await o.send(late("E-1"), "mrv")  # re-published under a new event id
        # mrv names no agency: the one E-2 was assigned to answers for it
        await o.send(VerificationMissing(report_id="RPT-E-2", entity_id="E-2", compliance_year=2025,
                                         due_on="2026-04-30", found_at=sh(2026, 5, 1)), "mrv")
        await o.send(determined("E-3", 104_000), "mrv")  # corrected by 4%: 2 points, not material
        await o.send(determined("E-4", 94_000, reported_t=94_000, verified_t=94_000, revision=1,
                                basis="verification"), "mrv")
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation) == {
            "LATE_VERIFICATION-E-1-2025": (5, "ACTIVE"), "MISSING_VERIFICATION-E-2-2025": (10, "ACTIVE"),
            "RECHECK_CORRECTED-E-3-2025": (2, "ACTIVE")}
        assert evaluation["score"] == 83
        await o.send(determined("E-3", 121_000, revision=3, reported_t=100_000), "mrv")  # a larger correction
        await o.send(determined("E-3", 110_000, revision=2), "mrv")  # an older revision arriving late
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation)["RECHECK_CORRECTED-E-3-2025"] == (20, "ACTIVE")
        assert deducted(evaluation)["MATERIAL_MISSTATEMENT_MISSED-E-3-2025"] == (15, "ACTIVE")
        await o.send(determined("E-3", 100_000, revision=4), "mrv")  # the correction is undone
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation)["RECHECK_CORRECTED-E-3-2025"] == (20, "WITHDRAWN")
        assert deducted(evaluation)["MATERIAL_MISSTATEMENT_MISSED-E-3-2025"] == (15, "WITHDRAWN")
        assert evaluation["score"] == 85
        engagement = ok(await svc.client.get("/assignments/2025/E-2", headers=o.authority))
        assert (engagement["stage"], engagement["open"]) == ("verification missing", False)
        for entity_id in ("E-5", "E-6"):  # missing at the deadline, then filed late — in either order
            missing = VerificationMissing(report_id=f"RPT-{entity_id}", entity_id=entity_id, compliance_year=2025,
                                          due_on="2026-04-30", found_at=sh(2026, 5, 1))
            for event in ((missing, late(entity_id)) if entity_id == "E-5" else (late(entity_id), missing)):
                await o.send(event, "mrv")
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation)["MISSING_VERIFICATION-E-5-2025"] == (10, "WITHDRAWN")
        assert "MISSING_VERIFICATION-E-6-2025" not in deducted(evaluation)
        assert deducted(evaluation)["LATE_VERIFICATION-E-5-2025"] == deducted(evaluation)[
            "LATE_VERIFICATION-E-6-2025"] == (5, "ACTIVE")
        assert evaluation["score"] == 75  # late capped at 20 (E-1, E-5, E-6: 15), missing E-2: 10
        await o.send(late("E-9", agency_id="AG-9"), "mrv")  # an agency not in the directory: audited, ignored
        assert await o.evaluation("AG-9", 2025) is None
        assert ok(await svc.client.get("/dead-letters", headers=o.authority)) == []


async def test_v_agency_contests_a_deduction_and_the_authority_reviews_it(settings, oversight_of):
    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await working(o, {"AG-1": ["E-1"], "AG-2": ["E-2"]})
        body = {"deduction_id": "D-1", "code": "NONSTANDARD_REPORT", "reason": "report template not followed",
                "evidence": ["report p.2"], "entity_id": "E-1"}
        automatic = await svc.client.post("/evaluations/AG-1/2025/deductions", headers=o.authority,
                                          json={**body, "code": "LATE_VERIFICATION"})
        assert automatic.status_code == 422 and "automatically" in automatic.json()["detail"]
        no_evidence = await svc.client.post("/evaluations/AG-1/2025/deductions", headers=o.authority,
                                            json={**body, "evidence": []})
        assert no_evidence.status_code == 422
        assert (await svc.client.post("/evaluations/AG-1/2025/deductions", headers=svc.auth("agency", "AG-1"),
                                      json=body)).status_code == 403
        ok(await svc.client.post("/evaluations/AG-1/2025/deductions", headers=svc.auth("panel_expert"), json=body),
           201)
        assert (await svc.client.post("/evaluations/AG-2/2025/deductions", headers=o.authority,
                                      json=body)).status_code == 409  # deduction ids are unique
        not_worked = await svc.client.post("/evaluations/AG-1/2026/deductions", headers=o.authority,
                                           json={**body, "deduction_id": "D-9"})
        assert not_worked.status_code == 422 and not_worked.json()["field"] == "agency_id"
        url = "/evaluations/AG-1/2025/deductions/D-1"
        grounds = {"grounds": "the client's template was approved by the authority"}
        assert (await svc.client.post(f"{url}/contest", headers=svc.auth("agency", "AG-2"), json=grounds)
                ).status_code == 403
        assert (await svc.client.post(f"{url}/contest", headers=o.authority, json=grounds)).status_code == 403
        contested = ok(await svc.client.post(f"{url}/contest", headers=svc.auth("agency", "AG-1"), json=grounds))
        assert deducted(contested) == {"D-1": (2, "CONTESTED")} and contested["score"] == 98
        assert (await svc.client.post(f"{url}/review", headers=svc.auth("agency", "AG-1"),
                                      json={"outcome": "withdrawn", "reason": "mine"})).status_code == 403
        reviewed = ok(await svc.client.post(f"{url}/review", headers=o.authority,
                                            json={"outcome": "withdrawn", "reason": "template was approved"}))
        assert deducted(reviewed) == {"D-1": (2, "WITHDRAWN")} and reviewed["score"] == 100
        assert reviewed["deductions"][0]["review_reason"] == "template was approved"
        assert (await svc.client.get("/evaluations/AG-1/2025", headers=svc.auth("agency", "AG-2"))).status_code == 403


async def test_v_year_final_only_after_the_work_for_every_agency_published_and_failed_one_blacklisted(
        settings, nats_url, oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, EvaluationResultsPublished.contract.subject) as published, \
            subject_listener(nats_url, AgencyBlacklisted.contract.subject) as blacklisted, \
            subject_listener(nats_url, AgencyEligibilityChanged.contract.subject) as eligibility:
        o = oversight_of(svc)
        await working(o, {"AG-A": ["E-1"], "AG-B": ["E-2"], "AG-C": ["E-3"], "AG-D": ["E-4"]})
        scores = {"AG-A": 10, "AG-B": 11, "AG-C": 40, "AG-D": 41}  # 90, 89, 60, 59
        for agency_id, points in scores.items():
            for _ in range(points // 2):
                ok(await svc.client.post(f"/evaluations/{agency_id}/2025/deductions", headers=o.authority, json={
                    "code": "INSPECTION_MINOR", "reason": "minor", "evidence": ["photo"]}), 201)
            for _ in range(points % 2):
                ok(await svc.client.put("/scoring-tables/2025", headers=o.authority, json={"reason": "odd", "items": [
                    {"code": "INSPECTION_MINOR", "description": "minor", "kind": "finding", "points": 2},
                    {"code": "ONE_POINT", "description": "one", "kind": "finding", "points": 1}]}))
                ok(await svc.client.post(f"/evaluations/{agency_id}/2025/deductions", headers=o.authority, json={
                    "code": "ONE_POINT", "reason": "one", "evidence": ["photo"]}), 201)
        assert (await svc.client.get("/results/2025")).status_code == 404
        await o.tick(sh(2026, 5, 31, 23, 59))
        readiness = ok(await svc.client.get("/evaluation-years/2025", headers=o.authority))
        assert readiness["ready"] is False and readiness["agencies"] == ["AG-A", "AG-B", "AG-C", "AG-D"]
        assert any("opens on 2026-06-01" in b for b in readiness["bars"])
        assert any("4 engagements of 2025 are still open" in b for b in readiness["bars"])
        refused = await svc.client.post("/evaluation-years/2025/finalisation", headers=o.authority)
        assert refused.status_code == 409
        await o.tick(sh(2026, 6, 1, 9))
        for n, agency_id in enumerate(scores, start=1):
            await o.send(VerificationFiled(verification_id=f"VER-{n}", report_id=f"RPT-{n}", entity_id=f"E-{n}",
                                           compliance_year=2025, agency_id=agency_id, verifier_id="VF-1",
                                           verified_emissions=1, late=False, filed_at=sh(2026, 4, 10)), "mrv")
        await o.send(RecheckOpened(entity_id="E-1", compliance_year=2025, report_id="RPT-1", triggers=["OBJECTION"],
                                   opened_at=sh(2026, 4, 20)), "mrv")
        [bar] = ok(await svc.client.get("/evaluation-years/2025", headers=o.authority))["bars"]
        assert "1 engagements of 2025 are still open" in bar and "E-1" in bar
        await o.send(determined("E-1", 1, agency_id="AG-A", reported_t=1, verified_t=1), "mrv")
        assert (await svc.client.post("/evaluation-years/2025/finalisation", headers=svc.auth("panel_expert"))
                ).status_code == 403
        results = ok(await svc.client.post("/evaluation-years/2025/finalisation", headers=o.authority))
        assert [(r["rank"], r["agency_id"], r["score"], r["grade"]) for r in results["results"]] == [
            (1, "AG-A", 90, "EXCELLENT"), (2, "AG-B", 89, "PASS"), (3, "AG-C", 60, "PASS"), (4, "AG-D", 59, "FAIL")]
        assert ok(await svc.client.get("/results/2025")) == results  # public, no token
        await eventually(lambda: published and blacklisted and len(eligibility) >= 9)
        assert [r["agency_id"] for r in published[0]["data"]["results"]] == ["AG-A", "AG-B", "AG-C", "AG-D"]
        assert (blacklisted[0]["data"]["agency_id"], blacklisted[0]["data"]["from_year"],
                blacklisted[0]["data"]["to_year"]) == ("AG-D", 2026, 2030)
        barred = [(e["data"]["compliance_year"], e["data"]["eligible"]) for e in eligibility
                  if e["data"]["agency_id"] == "AG-D" and not e["data"]["eligible"]]
        assert barred == [(year, False) for year in range(2026, 2031)]
        listed = ok(await svc.client.get("/blacklist", params={"compliance_year": 2030}))
        assert [(e["agency_id"], e["evaluated_year"]) for e in listed] == [("AG-D", 2025)]
        assert ok(await svc.client.get("/blacklist", params={"compliance_year": 2031})) == []
        for again in (await svc.client.post("/evaluation-years/2025/finalisation", headers=o.authority),
                      await svc.client.post("/evaluations/AG-A/2025/deductions", headers=o.authority,
                                            json={"code": "INSPECTION_MINOR", "reason": "x", "evidence": ["y"]}),
                      await svc.client.put("/scoring-tables/2025", headers=o.authority, json={
                          "reason": "late", "items": [{"code": "X_Y", "description": "x", "kind": "finding",
                                                       "points": 1}]})):
            assert again.status_code == 409
        await o.tick(sh(2026, 12, 1, 9))
        assert (await svc.client.post("/tenders", headers=o.authority, json={
            "tender_id": "T-2026", "compliance_year": 2026, "title": "2026", "conditions": ["x"],
            "bid_deadline": "2026-12-20", "lots": [{"lot_no": 1, "title": "l", "sectors": ["industry"],
                                                   "expected_volume": 5}]})).status_code == 201
        blocked = await svc.client.post("/tenders/T-2026/bids", headers=svc.auth("agency", "AG-D"),
                                        json={"agency_id": "AG-D", "lot_no": 1, "statement": "we are back"})
        assert blocked.status_code == 422 and "blacklisted for 2026-2030" in blocked.json()["detail"]


async def test_v_two_consecutive_failures_suspend_when_the_policy_runs_without_blacklist(settings, nats_url,
                                                                                      oversight_of):
    async with running_service(build_runtime, settings) as svc, \
            subject_listener(nats_url, AgencyFilingChanged.contract.subject) as changed:
        o = oversight_of(svc)
        for year in (2024, 2025):
            ok(await svc.client.put(f"/policy/{year}", params={"reason": "Guangdong regime"}, headers=o.authority,
                                    json={"blacklist_years": 0, "evaluation_opens_on": f"{year + 1}-01-05"}))
        await working(o, {"AG-1": ["E-1"]}, year=2024)
        await o.select(2025, {"AG-1": ("industry",)})
        await o.assign("E-1", 2025, "AG-1")
        for year in (2024, 2025):
            ok(await svc.client.post(f"/evaluations/AG-1/{year}/deductions", headers=o.authority, json={
                "code": "FALSE_REPORT", "reason": "copied figures", "evidence": ["site log"]}), 201)
            await o.send(VerificationMissing(report_id=f"RPT-E-1-{year}", entity_id="E-1", compliance_year=year,
                                             due_on=f"{year + 1}-04-30", agency_id="AG-1",
                                             found_at=sh(year + 1, 5, 1)), "mrv")
        await o.tick(sh(2026, 1, 6, 9))
        first = ok(await svc.client.post("/evaluation-years/2024/finalisation", headers=o.authority))
        assert first["results"][0]["grade"] == "FAIL"
        assert ok(await svc.client.get("/blacklist")) == []  # no blacklist in this regime
        assert ok(await svc.client.get("/agencies/AG-1", headers=o.authority))["status"] == "FILED"
        ok(await svc.client.post("/evaluation-years/2025/finalisation", headers=o.authority))
        assert ok(await svc.client.get("/agencies/AG-1", headers=o.authority))["status"] == "SUSPENDED"
        await eventually(lambda: changed)
        assert changed[-1]["data"]["status"] == "SUSPENDED" and "2 consecutive" in changed[-1]["data"]["reason"]


async def test_v_a_batch_of_determinations_records_each_engagements_latest_revision_once(settings, oversight_of):
    """Determinations consumed together (one transaction): each engagement keeps its highest revision — an older one
    later in the batch changes nothing, the same event twice deducts once — an entity assigned to no agency is
    ignored, and an undecodable event is dead-lettered without taking the batch apart."""
    from sqlalchemy import select

    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, routes_by_producer
    from ets_shared.persistence.tables import DeadLetter
    from ets_shared.testing.service import counted_transactions
    from verifier_oversight.adapters.orm import EngagementRow

    async with running_service(build_runtime, settings) as svc:
        o = oversight_of(svc)
        await working(o, {"AG-1": ["E-1", "E-2", "E-3"]})
        routes = routes_by_producer(svc.runtime.definition.handlers)["mrv"]

        def delivery(event) -> Delivery:
            payload = wrap(event, producer="mrv", context=MessageContext.new("test")).model_dump_json().encode()
            return Delivery.decode(EmissionsDetermined.contract.subject, payload, routes)

        twice = delivery(determined("E-2", 104_000))
        batch = [delivery(determined("E-1", 90_000, revision=1, reported_t=90_000, verified_t=90_000,
                                     basis="verification")), twice,
                 Delivery.decode(EmissionsDetermined.contract.subject, b"{}", routes), twice,
                 delivery(determined("NOBODY", 50_000)), delivery(determined("E-3", 121_000, revision=3)),
                 delivery(determined("E-3", 100_000, revision=2))]
        opened = counted_transactions(svc.runtime)
        await svc.runtime.applier.apply(batch)
        assert len(opened) == 1, "one transaction: the batch did not fall back to one event at a time"
        with svc.runtime.session_factory() as session:
            revisions = {r.entity_id: r.determined_revision for r in session.execute(
                select(EngagementRow.entity_id, EngagementRow.determined_revision))}
            dead = list(session.execute(select(DeadLetter.subject)).scalars())
        assert revisions == {"E-1": 1, "E-2": 2, "E-3": 3}
        assert dead == [EmissionsDetermined.contract.subject]
        evaluation = await o.evaluation("AG-1", 2025)
        assert deducted(evaluation) == {"RECHECK_CORRECTED-E-2-2025": (2, "ACTIVE"),
                                        "RECHECK_CORRECTED-E-3-2025": (20, "ACTIVE"),
                                        "MATERIAL_MISSTATEMENT_MISSED-E-3-2025": (15, "ACTIVE")}
