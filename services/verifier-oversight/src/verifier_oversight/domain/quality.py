"""Automatic deductions from mrv's events: the quality of each engagement's verification (V, 事后:
结合现场检查和复核审定的结果; M-13, M-15).

Rules that live here (one deduction per engagement and item, id "<ITEM>-<entity>-<year>", so a redelivered or
re-published event, or a later revision of the same determination, never deducts twice):
- LATE_VERIFICATION: the verification report was filed after the deadline (mrv flags it `late`);
- MISSING_VERIFICATION: no verification report by the deadline; charged to the agency mrv names, else to the agency
  the entity was assigned to; a verification that arrives late after all replaces it by LATE_VERIFICATION (the
  event handlers withdraw the one and record the other, whichever order the events come in);
- RECHECK_CORRECTED: a determination after re-check (复查) changed the verified figure; its measure is the
  correction ratio |determined - verified| / verified (a verified 0 counts as 1 t) and the item's bands price it;
- MATERIAL_MISSTATEMENT_MISSED: the re-check found the report materially misstated, |determined - reported| >=
  materiality x determined, and the verified figure still misstated by as much, |determined - verified| >=
  materiality x determined: the verification let a material misstatement through;
- a later revision of the determination restates both (`restate`), and withdraws them when it no longer shows a
  correction (`withdrawal_reason`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .evaluation import Deduction, DeductionSource, make_deduction
from .policy import OversightPolicy
from .scoring import (LATE_VERIFICATION, MATERIAL_MISSTATEMENT_MISSED, MISSING_VERIFICATION, RECHECK_CORRECTED,
                      ScoringTable)


def occurrence_id(code: str, entity_id: str, year: int) -> str:
    return f"{code}-{entity_id}-{year}"


@dataclass(frozen=True)
class DeterminationFacts:
    determination_id: str
    entity_id: str
    year: int
    agency_id: str
    revision: int
    recheck: bool
    reported: int
    verified: int
    determined: int

    @property
    def correction_ratio(self) -> Decimal:
        return Decimal(abs(self.determined - self.verified)) / max(self.verified, 1)

    def material_miss(self, policy: OversightPolicy) -> bool:
        threshold = policy.materiality_ratio * max(self.determined, 1)
        return abs(self.determined - self.reported) >= threshold and abs(self.determined - self.verified) >= threshold


def late_verification(agency_id: str, entity_id: str, year: int, verification_id: str, filed_at: datetime,
                      table: ScoringTable) -> Deduction:
    return make_deduction(occurrence_id(LATE_VERIFICATION, entity_id, year), agency_id, year, LATE_VERIFICATION,
                          f"verification report on {entity_id} for {year} filed late (M-13)", DeductionSource.EVENT,
                          [f"mrv verification {verification_id} filed {filed_at.isoformat()} after the deadline"],
                          filed_at, table, reference=verification_id, entity_id=entity_id)


def missing_verification(agency_id: str, entity_id: str, year: int, due_on: str, report_id: str,
                         found_at: datetime, table: ScoringTable) -> Deduction:
    return make_deduction(occurrence_id(MISSING_VERIFICATION, entity_id, year), agency_id, year,
                          MISSING_VERIFICATION,
                          f"no verification report on {report_id} of {entity_id} for {year} by {due_on} (M-13)",
                          DeductionSource.EVENT, [f"mrv found the verification missing at {found_at.isoformat()}"],
                          found_at, table, reference=report_id, entity_id=entity_id)


def determination_deductions(facts: DeterminationFacts, at: datetime, policy: OversightPolicy,
                             table: ScoringTable) -> dict[str, Deduction | None]:
    """code -> the deduction this determination implies, or None where it implies none (anymore)."""
    corrected = facts.recheck and facts.determined != facts.verified
    evidence = [f"mrv determination {facts.determination_id} revision {facts.revision}: reported {facts.reported} t, "
                f"verified {facts.verified} t, determined {facts.determined} t"]
    out: dict[str, Deduction | None] = {RECHECK_CORRECTED: None, MATERIAL_MISSTATEMENT_MISSED: None}
    if corrected:
        ratio = facts.correction_ratio
        out[RECHECK_CORRECTED] = make_deduction(
            occurrence_id(RECHECK_CORRECTED, facts.entity_id, facts.year), facts.agency_id, facts.year,
            RECHECK_CORRECTED, f"re-check of {facts.entity_id} for {facts.year} determined {facts.determined} t "
            f"against {facts.verified} t verified: corrected by {ratio * 100:.2f}% (M-15)", DeductionSource.EVENT,
            evidence, at, table, reference=facts.determination_id, entity_id=facts.entity_id, measure=ratio)
    if corrected and facts.material_miss(policy):
        out[MATERIAL_MISSTATEMENT_MISSED] = make_deduction(
            occurrence_id(MATERIAL_MISSTATEMENT_MISSED, facts.entity_id, facts.year), facts.agency_id, facts.year,
            MATERIAL_MISSTATEMENT_MISSED, f"the {facts.year} report of {facts.entity_id} was misstated by "
            f"{abs(facts.determined - facts.reported)} t (materiality {policy.materiality_ratio * 100:.2f}%), "
            f"which the verification did not find", DeductionSource.EVENT, evidence, at, table,
            reference=facts.determination_id, entity_id=facts.entity_id)
    return out


def withdrawal_reason(facts: DeterminationFacts) -> str:
    return (f"determination {facts.determination_id} (revision {facts.revision}) no longer shows this: withdrawn "
            f"automatically")
