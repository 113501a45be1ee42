"""One compliance year driven through the public HTTP APIs and calendar ticks: what `ets demo` runs and what the
end-to-end test proves. Every call about an entity carries the correlation id `<run>:<entity>:<year>`, so the
events of its whole case — report to credit record — share one id across the five services; a case the platform
opened by itself (a report found missing) keeps the id it was given then. What happened is read back from the APIs
(`ets_cli.outcomes`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Callable

from ets_cli import office, oversight
from ets_cli.client import ApiError, PlatformClient, until
from ets_cli.sample_year import SAMPLE_ENTITIES, SampleEntity
from ets_client_allocation import Client as AllocationPublic
from ets_client_allocation import models as a
from ets_client_allocation.api.allocation_plans import add_entries, approve, create, issue
from ets_client_allocation.api.coverage_m_5 import covered_list, decide_application, file_application, publish
from ets_client_allocation.api.entities_and_registry import register_batch
from ets_client_allocation.api.obligations_and_surrender import obligation, surrender
from ets_client_enforcement import models as e_
from ets_client_enforcement.api.cases import list_cases
from ets_client_mrv import models as m
from ets_client_mrv.api.determinations import bulk, import_historical
from ets_client_mrv.api.determinations import queue as determination_queue
from ets_client_mrv.api.reports import determine
from ets_client_verifier_oversight.api.evaluation import record_deduction
from ets_client_verifier_oversight.models import RecordDeduction
from ets_client_mrv.api.monitoring_plans import file_plan, not_filed
from ets_client_mrv.api.reports import file_objection, file_verification, submit_report
from ets_shared.clock import REGULATORY_TZ

Log = Callable[[str], None]
PLAN = {"boundary": "the plant and its on-site facilities, as registered",
        "sources": [{"name": "purchased electricity", "kind": "electricity", "method": "grid meter reading",
                     "instruments": "utility meter", "frequency": "monthly"},
                    {"name": "process emissions", "kind": "process", "method": "mass balance",
                     "instruments": "weighbridge, calibrated yearly", "frequency": "per batch"}],
        "responsible_staff": [{"name": "Energy manager", "role": "monitoring lead"}]}


def shea(compliance_year: int, vintage: int, quantity: int) -> a.Surrender:
    """A surrender of `quantity` SHEA of one vintage for a compliance year."""
    return a.Surrender(compliance_year=compliance_year, lines=[a.SurrenderLine(
        unit_type=a.SurrenderLineUnitType.SHEA, vintage=vintage, quantity=quantity)])


def at(day: date, hour: int = 9) -> datetime:
    """An instant on a Shanghai calendar day."""
    return datetime.combine(day, time(hour), tzinfo=REGULATORY_TZ)


@dataclass
class YearRun:
    client: PlatformClient
    year: int
    run: str
    log: Log = print
    entities: tuple[SampleEntity, ...] = SAMPLE_ENTITIES
    refusals: list[str] = field(default_factory=list)

    # ids -------------------------------------------------------------------------------------------------
    def eid(self, e: SampleEntity) -> str:
        return f"E-{self.run}-{e.suffix}"

    def corr(self, e: SampleEntity) -> str:
        return f"{self.run}:{self.eid(e)}:{self.year}"

    def report_id(self, e: SampleEntity) -> str:
        return f"RPT-{self.eid(e)}-{self.year}"

    @property
    def agency(self) -> str:
        return f"AG-{self.run}"

    @property
    def verifier(self) -> str:
        return f"VF-{self.run}"

    @property
    def covered(self) -> list[SampleEntity]:
        return [e for e in self.entities if e.covered]

    async def refused(self, what: str, status: int, call) -> None:
        try:
            await call
        except ApiError as exc:
            if exc.status != status:
                raise
            self.refusals.append(f"{what}: {exc.status} {exc.problem.get('detail')}")
            self.log(f"    refused as the rules require — {what}: {exc.problem.get('detail')}")
            return
        raise AssertionError(f"{what} was accepted but must be refused")

    async def tick(self, day: date, hour: int = 9) -> None:
        await self.client.tick_and_wait(at(day, hour))

    # stages ----------------------------------------------------------------------------------------------
    async def run_all(self) -> dict[str, dict[str, Any]]:
        from ets_cli.outcomes import outcomes

        Y = self.year
        await self.tick(date(Y, 1, 10))
        await self.setup_oversight()
        await self.setup_allocation()
        await self.tick(date(Y, 1, 11))
        await self.select_and_assign()
        await self.tick(date(Y, 12, 20))
        await self.monitoring_plans()
        await self.tick(date(Y + 1, 1, 1), hour=0)
        await self.cases_opened("monitoring-plan", Y + 1, f"[{Y + 1}-01-01] M-11: no {Y + 1} monitoring plan by 31 "
                                                          "December")
        await self.tick(date(Y + 1, 3, 15))
        await self.report()
        await self.tick(date(Y + 1, 4, 1), hour=0)
        await self.cases_opened("report", Y, f"[{Y + 1}-04-01] M-12: no {Y} report by 31 March")
        await self.tick(date(Y + 1, 4, 15))
        await self.verify()
        await self.tick(date(Y + 1, 4, 23))
        await self.determine()
        await self.tick(date(Y + 1, 5, 1), hour=0)
        await self.determine_missing()
        await self.tick(date(Y + 1, 5, 16))
        await self.overdue()
        await self.tick(date(Y + 1, 5, 20))
        await self.agency_false_report()
        await self.tick(date(Y + 1, 6, 10))
        await self.surrender()
        await self.tick(date(Y + 1, 7, 1), hour=0)
        await self.enforce()
        await self.tick(date(Y + 1, 7, 5))
        await self.determine_late()
        await self.tick(date(Y + 1, 7, 20))
        await self.make_good()
        await self.tick(date(Y + 1, 8, 4), hour=0)
        return await outcomes(self)

    async def through_determination(self) -> None:
        """The year's first stages, its entities' emissions reported, verified and determined by 23 April (Y+1);
        the monitoring plans and every missed deadline left out (a test of what follows the determination)."""
        Y = self.year
        await self.tick(date(Y, 1, 10))
        await self.setup_oversight()
        await self.setup_allocation()
        await self.tick(date(Y, 1, 11))
        await self.select_and_assign()
        await self.tick(date(Y + 1, 3, 15))
        await self.report()
        await self.tick(date(Y + 1, 4, 15))
        await self.verify()
        await self.tick(date(Y + 1, 4, 23))
        await self.determine()

    @property
    def tender(self) -> str:
        return f"T-{self.run}-{self.year}"

    def agencies(self) -> list[oversight.Agency]:
        code = ("91310000" + self.run.upper().replace("-", "") + "0000000000")[:18]
        sectors = tuple(sorted({e.sector for e in self.entities}))
        return [oversight.Agency(self.agency, f"Agency {self.run}", code, sectors, (self.verifier,),
                                 expected_volume=len(self.entities))]

    async def setup_oversight(self) -> None:
        self.log(f"[{self.year}-01-10] verifier oversight: agency filed (M-14), the year's tender published, bid")
        await oversight.file_agencies(self.client, self.agencies())
        await oversight.open_tender(self.client, self.year, self.tender, self.agencies())

    async def select_and_assign(self) -> None:
        Y = self.year
        self.log(f"[{Y}-01-11] tender awarded; verifier trained, examined and certified; entities assigned (M-13)")
        await oversight.award_and_certify(self.client, Y, self.tender, self.agencies())
        confirmed = await oversight.assign_all(self.client, Y, [self.eid(e) for e in self.covered])
        self.log(f"    {confirmed.assigned} entities' verification assigned to {self.agency}")

    async def setup_allocation(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y}-01-10] allocation: the {Y} thresholds applied to {len(self.entities)} emitters' known "
                 "emissions (M-5, M-12 ¶2)")
        made = await c.call(register_batch.asyncio_detailed, body=a.RegisterEntities(entities=[
            a.RegisterEntity(entity_id=self.eid(e), name=e.name, sector=e.sector, annual_emissions=e.annual_emissions)
            for e in self.entities]), role="authority")
        for entity, e in zip(made, self.entities, strict=True):
            self.log(f"    {e.name}: {e.annual_emissions:,} t ({e.sector}) → {entity.coverage}")
        for e in (e for e in self.entities if e.voluntary):
            application = await c.call(file_application.asyncio_detailed, body=a.FileCoverageApplication(
                name=e.name, sector=e.sector, compliance_year=Y,
                statement="we want our reductions to count and to trade", annual_emissions=e.annual_emissions),
                role="entity", party=self.eid(e), correlation=self.corr(e))
            decided = await c.call(decide_application.asyncio_detailed,
                                   application.application_id, body=a.DecideCoverageApplication(
                                       approve=True, reason="metering in place; supports the port's plan"),
                                   role="authority", correlation=self.corr(e))
            self.log(f"    {e.name}: applies to be covered voluntarily (M-5 ¶1) → {decided.status}")
        listed = await c.call(publish.asyncio_detailed, Y, role="authority")
        async with AllocationPublic(base_url=c.urls["allocation"]) as anyone:  # no token
            public = await covered_list.asyncio(Y, client=anyone)
        if not isinstance(public, a.CoveredListPublic):
            raise ApiError(404, public, "GET", f"/public/covered-lists/{Y}")
        self.log(f"    the {Y} list published (version {listed.version}): {public.covered_count} covered, "
                 f"{public.reporting_only_count} reporting-only; readable without a token")
        await c.call(create.asyncio_detailed, body=a.CreatePlan(compliance_year=Y, cap=1_000_000),
                     role="authority")
        entries: list[a.BenchmarkEntry | a.HistoricalEntry] = [
            a.HistoricalEntry(entity_id=self.eid(e), method="historical",
                              base_years=a.HistoricalEntryBaseYears.from_dict(
                {str(Y - 3 + i): v for i, v in enumerate(e.base_years)}))
            for e in self.covered]
        await c.call(add_entries.asyncio_detailed, Y, body=a.AddEntries(entries=entries), role="authority")
        await c.call(approve.asyncio_detailed, Y, role="authority")
        plan = await c.call(issue.asyncio_detailed, Y, role="authority")
        self.log(f"    cap {plan.cap:,} t, allocated {plan.allocated:,} t, remaining {plan.remaining:,} t")
        for e in self.covered:
            await c.call(import_historical.asyncio_detailed, body=m.ImportHistoricalDetermination(
                entity_id=self.eid(e), compliance_year=Y - 1, emissions=e.previous_year), role="authority")

    async def monitoring_plans(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y}-12-20] covered entities file their {Y + 1} monitoring plans (M-11), due 31 December")
        await until(lambda: self._mrv_knows_covered(), what="mrv learning who is covered")
        for e in self.covered:
            if e.files_plan:
                await c.call(file_plan.asyncio_detailed,
                             body=m.FileMonitoringPlan.from_dict({**PLAN, "compliance_year": Y + 1}), role="entity",
                             party=self.eid(e))
        missing = await c.call(not_filed.asyncio_detailed, compliance_year=Y + 1, role="authority")
        ours = [p.entity_id for p in missing if p.entity_id.startswith(f"E-{self.run}-")]
        self.log(f"    the authority sees who has not filed: {', '.join(ours) or 'nobody'}")

    async def _mrv_knows_covered(self) -> bool:
        missing = await self.client.call(not_filed.asyncio_detailed, compliance_year=self.year + 1,
                                         role="authority")
        return len([p for p in missing if p.entity_id.startswith(f"E-{self.run}-")]) == len(self.covered)

    async def cases_opened(self, duty: str, year: int, what: str) -> None:
        self.log(f"{what}: enforcement opens an M-37 case with an order to correct")
        for e in self.entities:
            if (duty == "report" and e.reported is None) or (duty == "monitoring-plan" and e.covered
                                                             and not e.files_plan):
                case = await until(lambda e=e: self.case(e, "M-37", year, duty), what=f"M-37 {duty} case")
                self.log(f"    {e.name}: {case.case_id}, order to correct by {case.order_deadline}")

    async def report(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-03-15] emitters report their {Y} emissions (M-12)")
        for e in self.entities:
            if e.reported is None:
                continue
            r = await c.call(submit_report.asyncio_detailed, body=m.SubmitReport(
                compliance_year=Y, sources=[m.Source.from_dict(x) for x in e.sources(e.reported)]),
                role="entity", party=self.eid(e), correlation=self.corr(e))
            self.log(f"    {e.name}: {r.reported_emissions:,} tCO2e ({r.factor_set_id})"
                     + ("" if r.covered else ", reporting-only"))

    async def verify(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-04-15] the assigned agency's certified verifier files verification reports (M-13)")
        for e in self.covered:
            if e.verified is None:
                continue
            await oversight.until_may_sign(c, Y, self.eid(e), self.agency, self.verifier)
            body = m.FileVerification(agency_id=self.agency, findings=["verified"],
                                      verified_sources=[m.Source.from_dict(x) for x in e.sources(e.verified)])
            if e.tries_unqualified_verifier:
                await self.refused(f"{e.name}: verification signed by an uncertified verifier", 403,
                                   c.call(file_verification.asyncio_detailed, self.report_id(e), body=body,
                                          role="verifier", party=f"VF-{self.run}-UNCERTIFIED",
                                          correlation=self.corr(e)))
            v = await c.call(file_verification.asyncio_detailed, self.report_id(e), body=body,
                             role="verifier", party=self.verifier, correlation=self.corr(e))
            self.log(f"    {e.name}: verified {v.verified_emissions:,} t; re-check triggers: {v.triggers or '-'}")
            if e.objects:
                await c.call(file_objection.asyncio_detailed, self.report_id(e), body=m.FileObjection(
                    evidence=["metering records show the verifier double-counted kiln fuel"]),
                    role="entity", party=self.eid(e), correlation=self.corr(e))
                self.log(f"    {e.name}: objects with evidence → re-check (M-15 ¶2 (3))")

    async def determine(self) -> None:
        c, Y = self.client, self.year
        queue = await c.call(determination_queue.asyncio_detailed, compliance_year=Y, limit=10_000,
                             role="authority")
        ours = {i.report_id: i for i in queue if i.entity_id.startswith(f"E-{self.run}-")}
        due = sorted(i.due_by for i in ours.values() if i.due_by)
        self.log(f"[{Y + 1}-04-23] the authority's queue holds {len(ours)} cases (the first due by {due[0]}); it "
                 "determines the verified figures and finished re-checks in bulk (M-15)")
        items = []
        for e in self.covered:
            item = ours.get(self.report_id(e))
            if item is None or e.determined_after_june or item.awaiting not in ("verified", "recheck"):
                continue
            if item.awaiting == "verified":
                items.append(m.BulkItem(report_id=self.report_id(e)))
            else:
                items.append(m.BulkItem(report_id=self.report_id(e), emissions=e.recheck_determination,
                                        reason="re-check completed on site"))
        results = await c.call(bulk.asyncio_detailed, body=m.BulkDetermine(items=items), role="authority")
        refused = [r.to_dict() for r in results if r.status != "determined"]
        assert not refused, f"bulk determination refused {refused}"
        await self.obligations([e for e in self.covered if any(i.report_id == self.report_id(e) for i in items)])

    async def obligations(self, entities: list[SampleEntity]) -> None:
        for e in entities:
            obligation = await until(lambda e=e: self.obligation(e), what="obligations recorded")
            self.log(f"    {e.name}: obligation {obligation.determined_emissions:,} t, surrender by "
                     f"{obligation.surrender_until}")

    async def obligation(self, e: SampleEntity, revision: int = 1) -> a.ObligationPublic | None:
        try:
            ob = await self.client.call(obligation.asyncio_detailed, self.eid(e), self.year, role="authority")
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return ob if ob.determination_revision >= revision else None

    async def determine_missing(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-05-01] verification deadline passed (M-13); the authority determines the covered "
                 "entities without a report or verification from its own figure and stated basis (M-15)")
        targets = [e for e in self.covered if e.authority_figure is not None]
        for e in targets:
            basis = ("no report: last year's determined figure updated with the entity's "
                     f"{Y} energy statistics" if e.reported is None
                     else "no verification report arrived: the reported activity data, checked against "
                          "metering records")
            await until(lambda e=e: self._queued(e), what="missing report or verification found")
            d = await c.call(determine.asyncio_detailed, self.report_id(e), body=m.Determine(
                emissions=e.authority_figure, reason=basis), role="authority", correlation=self.corr(e))
            self.log(f"    {e.name}: {d.emissions:,} t ({d.basis}: {basis})")
        await self.obligations(targets)

    async def _queued(self, e: SampleEntity) -> bool:
        queue = await self.client.call(determination_queue.asyncio_detailed, compliance_year=self.year, awaiting=[
            m.QueueAwaitingType0Item.NO_REPORT, m.QueueAwaitingType0Item.NO_VERIFICATION], role="authority")
        return any(i.report_id == self.report_id(e) for i in queue)

    async def overdue(self) -> None:
        late = await self.client.call(determination_queue.asyncio_detailed, compliance_year=self.year, overdue=True,
                                      role="authority")
        for item in (i for i in late if i.entity_id.startswith(f"E-{self.run}-")):
            self.log(f"[{self.year + 1}-05-16] {item.report_id}: determination due by {item.due_by} not made "
                     f"— flagged (M-43), {-(item.days_left or 0)} day(s) overdue")

    async def agency_false_report(self) -> None:
        """A panel expert finds that the agency's verification of Pudong Chemicals was a false report: the deduction
        reports the M-41 violation, enforcement opens the case with its order, and the fine comes with it."""
        c, Y = self.client, self.year
        target = next(e for e in self.covered if e.recheck_determination and not e.objects)
        await c.call(record_deduction.asyncio_detailed, self.agency, Y, body=RecordDeduction(
            deduction_id=f"FR-{self.run}", code="FALSE_REPORT", entity_id=self.eid(target),
            reason="verified figure copied from the entity's report, no site data behind it",
            evidence=["re-check file", "verifier's working papers"]), role="authority",
            correlation=self.corr(target))
        case = await until(lambda: self.agency_case(), what="M-41 case opened")
        self.log(f"[{Y + 1}-05-20] verifier oversight finds {self.agency}'s report on {target.name} false: "
                 f"{case.case_id} opened against the agency with an order to correct by {case.order_deadline}")
        await office.decide(c, case.case_id, "penalty", office.fine("60000.00", "false verification report (M-41)"))
        self.log("    M-41 fine 60,000.00 decided with the order (range 30,000–100,000); no M-40 measures: they "
                 "follow entities' violations only")

    async def agency_case(self) -> e_.CasePublic | None:
        cases = await self.client.call(list_cases.asyncio_detailed, party_id=self.agency,
                                       article=e_.ListCasesArticleType0.M_41, role="enforcement_officer")
        return cases[0] if cases else None

    async def surrender(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-06-10] surrender window (M-16)")
        first = self.entities[0]
        await self.refused(f"{first.name}: surrender of vintage {Y + 1} for {Y}", 422,
                           c.call(surrender.asyncio_detailed, self.eid(first), body=shea(Y, Y + 1, 1),
                                  role="entity", party=self.eid(first), correlation=self.corr(first)))
        for e in self.covered:
            if e.surrender_in_window == "none" or e.determined_after_june:
                continue
            await self.surrender_of(e, None if e.surrender_in_window == "all" else int(e.surrender_in_window))

    async def surrender_of(self, e: SampleEntity, quantity: int | None) -> a.SurrenderPublic:
        c, Y = self.client, self.year
        ob = await c.call(obligation.asyncio_detailed, self.eid(e), Y, role="entity", party=self.eid(e))
        quantity = ob.remaining if quantity is None else quantity
        s = await c.call(surrender.asyncio_detailed, self.eid(e), body=shea(Y, Y, quantity), role="entity",
                         party=self.eid(e), correlation=self.corr(e))
        self.log(f"    {e.name}: surrendered {quantity:,}; remaining {s.remaining:,}; {s.status}")
        return s

    def _short(self) -> list[SampleEntity]:
        return [e for e in self.covered if e.surrender_in_window != "all"]

    async def enforce(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-07-01] the window has closed: shortfalls go to enforcement (M-39, M-40)")
        for e in self._short():
            case = await until(lambda e=e: self.case(e, "M-39", Y), what="M-39 case opened")
            self.log(f"    {e.name}: case {case.case_id} opened, order to surrender "
                     f"{case.outstanding_tonnes:,} t by {case.order_deadline}")
            if e.surrender_in_window == "none":
                continue
            await self.fine(e, case, "120,000", "50,000–100,000", "80,000",
                            "surrender obligation not fulfilled by 30 June")
            await office.decide(c, case.case_id, "measures", office.measures(
                ["credit_record", "special_fund_ineligible", "award_ineligible", "project_assessment_refused"],
                "surrender obligation not fulfilled (M-16)"), correlation=self.corr(e))
            self.log(f"    {e.name}: fine 80,000.00 decided and M-40 measures applied — each proposed by officer "
                     f"{office.OFFICER}, approved by Director {office.LEADER} (four eyes): credit record entered and "
                     "published, market regulation, tax and finance notified")
            answers = await office.department_answers(c, self.eid(e), Y + 1, date(Y + 1, 7, 1))
            self.log("    the departments ask: " + "; ".join(answers))

    async def fine(self, e: SampleEntity, case: e_.CasePublic, refused: str, allowed: str, amount: str,
                   reasons: str) -> None:
        """The officer first proposes a fine outside the article's range (refused), then one inside it, which the
        leadership approves (four eyes)."""
        await self.refused(f"{e.name}: {case.article} fine of {refused} ({case.article} allows {allowed})", 422,
                           office.propose(self.client, case.case_id, "penalty",
                                          office.fine(refused.replace(",", "") + ".00", reasons), self.corr(e)))
        await office.decide(self.client, case.case_id, "penalty",
                            office.fine(amount.replace(",", "") + ".00", reasons), self.corr(e))

    async def case(self, e: SampleEntity, article: str, year: int, duty: str | None = None) -> e_.CasePublic | None:
        cases = await self.client.call(list_cases.asyncio_detailed, party_id=self.eid(e), role="enforcement_officer")
        return next((x for x in cases if x.article == article and x.compliance_year == year
                     and (duty is None or x.case_id.endswith(f"-{duty}"))), None)

    async def determine_late(self) -> None:
        c, Y = self.client, self.year
        for e in (e for e in self.covered if e.determined_after_june):
            d = await c.call(determine.asyncio_detailed, self.report_id(e), body=m.Determine(
                emissions=e.recheck_determination, reason="re-check completed after a second site visit"),
                role="authority", correlation=self.corr(e))
            self.log(f"[{Y + 1}-07-05] {e.name}: re-check determined {d.emissions:,} t after the window "
                     f"(late: {d.late})")
            await self.obligations([e])

    async def make_good(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-07-20] late surrenders: a shortfall made good, a late determination surrendered within "
                 "its period (M-16); fines")
        for e in self.covered:
            if e.determined_after_june:
                await self.surrender_of(e, None)
        for e in (e for e in self._short() if e.surrender_in_window != "none"):
            await self.surrender_of(e, None)
            case = await until(lambda e=e: self.case(e, "M-39", Y), what="M-39 case")
            await office.serve_and_pay(c, case.case_id, date(Y + 1, 7, 20), self.corr(e))
            await until(lambda e=e: self._closed(e), what="case closed")
            self.log(f"    {e.name}: the decision served, the fine paid; the case closes")
        for e in (e for e in self.covered if e.reported is None):
            case = await until(lambda e=e: self.case(e, "M-37", Y, "report"), what="M-37 report case")
            await self.fine(e, case, "35,000", "10,000–30,000", "20,000", "no report by the order's deadline (M-37)")
            await office.decide(c, case.case_id, "measures", office.measures(
                ["credit_record"], "refused to report (M-12)"), correlation=self.corr(e))
            self.log(f"    {e.name}: M-37 fine 20,000.00 decided (the order to correct passed uncorrected); its "
                     "credit record entered and published (M-40(1))")

    async def _closed(self, e: SampleEntity) -> bool:
        case = await self.case(e, "M-39", self.year)
        return case is not None and str(case.status).lower() == "closed"
