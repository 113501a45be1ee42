"""One compliance year driven through the public HTTP APIs and calendar ticks: what `ets demo` runs and what the
end-to-end test proves. Every call about an entity carries the correlation id `<run>:<entity>:<year>`, so the
events of its whole case — report to credit record — share one id across the five services."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Callable

from ets_cli import oversight
from ets_cli.client import ApiError, PlatformClient, until
from ets_cli.sample_year import SAMPLE_ENTITIES, SampleEntity
from ets_shared.clock import REGULATORY_TZ

Log = Callable[[str], None]


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

    @property
    def agency(self) -> str:
        return f"AG-{self.run}"

    @property
    def verifier(self) -> str:
        return f"VF-{self.run}"

    async def refused(self, what: str, status: int, call) -> None:  # noqa: ANN001
        try:
            await call
        except ApiError as exc:
            if exc.status != status:
                raise
            self.refusals.append(f"{what}: {exc.status} {exc.problem.get('detail')}")
            self.log(f"    refused as the rules require — {what}: {exc.problem.get('detail')}")
            return
        raise AssertionError(f"{what} was accepted but must be refused")

    # stages ----------------------------------------------------------------------------------------------
    async def run_all(self) -> dict[str, dict[str, Any]]:
        Y = self.year
        await self.client.tick_and_wait(at(date(Y, 1, 10)))
        await self.setup_oversight()
        await self.setup_allocation()
        await self.client.tick_and_wait(at(date(Y, 1, 11)))
        await self.select_and_assign()
        await self.client.tick_and_wait(at(date(Y + 1, 3, 15)))
        await self.report()
        await self.client.tick_and_wait(at(date(Y + 1, 4, 15)))
        await self.verify()
        await self.client.tick_and_wait(at(date(Y + 1, 4, 23)))
        await self.determine()
        await self.client.tick_and_wait(at(date(Y + 1, 6, 10)))
        await self.surrender()
        await self.client.tick_and_wait(at(date(Y + 1, 7, 1), hour=0))
        await self.enforce()
        await self.client.tick_and_wait(at(date(Y + 1, 7, 20)))
        await self.make_good()
        return await self.outcomes()

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
        confirmed = await oversight.assign_all(self.client, Y, [self.eid(e) for e in self.entities])
        self.log(f"    {confirmed['assigned']} entities' verification assigned to {self.agency}")

    async def setup_allocation(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y}-01] allocation: {len(self.entities)} covered entities, plan approved, allowances issued")
        await c.post("allocation", "/entities/batch", {"entities": [
            {"entity_id": self.eid(e), "name": e.name, "sector": e.sector} for e in self.entities]}, role="authority")
        await c.post("allocation", "/plans", {"compliance_year": Y, "cap": 1_000_000}, role="authority")
        entries = [{"entity_id": self.eid(e), "method": "historical",
                    "base_years": {str(Y - 3 + i): v for i, v in enumerate(e.base_years)}} for e in self.entities]
        await c.post("allocation", f"/plans/{Y}/entries", {"entries": entries}, role="authority")
        await c.post("allocation", f"/plans/{Y}/approval", role="authority")
        plan = await c.post("allocation", f"/plans/{Y}/issuance", role="authority")
        self.log(f"    cap {plan['cap']:,} t, allocated {plan['allocated']:,} t, remaining {plan['remaining']:,} t")
        for e in self.entities:
            await c.post("mrv", "/determinations/historical", {"entity_id": self.eid(e), "compliance_year": Y - 1,
                                                                "emissions": e.previous_year}, role="authority")

    async def report(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-03-15] entities report their {Y} emissions (M-12)")
        for e in self.entities:
            r = await c.post("mrv", "/reports", {"compliance_year": Y, "sources": e.sources(e.reported)},
                             role="entity", party=self.eid(e), correlation=self.corr(e))
            self.log(f"    {e.name}: {r['reported_emissions']:,} tCO2e ({r['factor_set_id']})")

    async def verify(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-04-15] the assigned agency's certified verifier files verification reports (M-13)")
        for e in self.entities:
            await oversight.until_may_sign(c, Y, self.eid(e), self.agency, self.verifier)
            report = f"RPT-{self.eid(e)}-{Y}"
            body = {"agency_id": self.agency, "verified_sources": e.sources(e.verified), "findings": "verified"}
            if e.tries_unqualified_verifier:
                await self.refused(f"{e.name}: verification signed by an uncertified verifier", 403,
                                   c.post("mrv", f"/reports/{report}/verification", body, role="verifier",
                                          party=f"VF-{self.run}-UNCERTIFIED", correlation=self.corr(e)))
            v = await c.post("mrv", f"/reports/{report}/verification", body, role="verifier", party=self.verifier,
                             correlation=self.corr(e))
            self.log(f"    {e.name}: verified {v['verified_emissions']:,} t; re-check triggers: {v['triggers'] or '-'}")
            if e.objects:
                await c.post("mrv", f"/reports/{report}/objection",
                             {"evidence": ["metering records show the verifier double-counted kiln fuel"]},
                             role="entity", party=self.eid(e), correlation=self.corr(e))
                self.log(f"    {e.name}: objects with evidence → re-check (M-15 ¶2 (3))")

    async def determine(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-04-23] determinations: automatic after the objection period; re-checks by the authority")
        for e in self.entities:
            if e.recheck_determination is not None:
                await c.post("mrv", f"/reports/RPT-{self.eid(e)}-{Y}/determination",
                             {"emissions": e.recheck_determination, "reason": "re-check completed on site"},
                             role="authority", correlation=self.corr(e))
        for e in self.entities:
            obligation = await until(lambda e=e: self._obligation_if_determined(e), what="obligations recorded")
            self.log(f"    {e.name}: obligation {obligation['determined_emissions']:,} t")

    async def _obligation_if_determined(self, e: SampleEntity) -> dict | None:
        try:
            ob = await self.client.get("allocation", f"/entities/{self.eid(e)}/obligations/{self.year}",
                                       role="authority")
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return ob if ob["determination_revision"] >= 1 else None

    async def surrender(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-06-10] surrender window open (M-16)")
        first = self.entities[0]
        await self.refused(f"{first.name}: surrender of vintage {Y + 1} for {Y}", 422,
                           c.post("allocation", f"/entities/{self.eid(first)}/surrenders",
                                  {"compliance_year": Y, "lines": [{"unit_type": "SHEA", "vintage": Y + 1,
                                                                    "quantity": 1}]},
                                  role="entity", party=self.eid(first), correlation=self.corr(first)))
        for e in self.entities:
            ob = await c.get("allocation", f"/entities/{self.eid(e)}/obligations/{Y}", role="entity",
                             party=self.eid(e))
            quantity = ob["remaining"] if e.surrender_in_window == "all" else int(e.surrender_in_window)
            s = await c.post("allocation", f"/entities/{self.eid(e)}/surrenders",
                             {"compliance_year": Y, "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": quantity}]},
                             role="entity", party=self.eid(e), correlation=self.corr(e))
            self.log(f"    {e.name}: surrendered {quantity:,}; remaining {s['remaining']:,}; {s['status']}")

    def _late(self) -> list[SampleEntity]:
        return [e for e in self.entities if e.surrender_in_window != "all"]

    async def enforce(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-07-01] window closed: shortfalls go to enforcement (M-39, M-40)")
        for e in self._late():
            case = await until(lambda e=e: self._case(e), what="M-39 case opened")
            self.log(f"    {e.name}: case {case['case_id']} opened, order to surrender by {case.get('order_deadline')}")
            await self.refused(f"{e.name}: fine of 120,000 (M-39 allows 50,000–100,000)", 422,
                               c.post("enforcement", f"/cases/{case['case_id']}/penalty",
                                      {"amount": "120000.00", "reasons": "shortfall"}, role="enforcement_officer",
                                      correlation=self.corr(e)))
            await c.post("enforcement", f"/cases/{case['case_id']}/penalty",
                         {"amount": "80000.00", "reasons": "surrender obligation not fulfilled by 30 June"},
                         role="enforcement_officer", correlation=self.corr(e))
            await c.post("enforcement", f"/cases/{case['case_id']}/measures",
                         {"measures": ["credit_record", "special_fund_ineligible", "award_ineligible",
                                       "project_assessment_refused"], "published": True},
                         role="enforcement_officer", correlation=self.corr(e))
            self.log(f"    {e.name}: fine 80,000.00 decided; credit record entered, departments notified")

    async def _case(self, e: SampleEntity) -> dict | None:
        cases = await self.client.get("enforcement", "/cases", params={"party_id": self.eid(e)},
                                      role="enforcement_officer")
        return next((x for x in cases if x["article"] == "M-39" and x.get("compliance_year") == self.year), None)

    async def make_good(self) -> None:
        c, Y = self.client, self.year
        self.log(f"[{Y + 1}-07-20] late surrender makes good the shortfall; the fine is paid; the case closes")
        for e in self._late():
            ob = await c.get("allocation", f"/entities/{self.eid(e)}/obligations/{Y}", role="entity",
                             party=self.eid(e))
            await c.post("allocation", f"/entities/{self.eid(e)}/surrenders",
                         {"compliance_year": Y, "lines": [{"unit_type": "SHEA", "vintage": Y,
                                                           "quantity": ob["remaining"]}]},
                         role="entity", party=self.eid(e), correlation=self.corr(e))
            case = await self._case(e)
            await c.post("enforcement", f"/cases/{case['case_id']}/payment", {"amount": "80000.00"},
                         role="enforcement_officer", correlation=self.corr(e))
            await until(lambda e=e: self._case_closed(e), what="case closed")

    async def _case_closed(self, e: SampleEntity) -> bool:
        case = await self._case(e)
        return bool(case) and str(case["status"]).lower() == "closed"

    async def outcomes(self) -> dict[str, dict[str, Any]]:
        c, Y = self.client, self.year
        out = {}
        for e in self.entities:
            det = await c.get("mrv", f"/entities/{self.eid(e)}/determinations/{Y}", role="authority")
            ob = await c.get("allocation", f"/entities/{self.eid(e)}/obligations/{Y}", role="authority")
            case = await self._case(e)
            out[self.eid(e)] = {
                "name": e.name, "story": e.story, "reported": e.reported, "verified": e.verified,
                "determined": det["emissions"], "basis": det["basis"], "triggers": det["triggers"],
                "obligation": ob["determined_emissions"], "surrendered": ob["surrendered"], "status": ob["status"],
                "case": case and {"case_id": case["case_id"], "status": case["status"],
                                  "fine": case.get("fine_amount")},
            }
        return out
