"""Who may do verification work for a compliance year (V, "before"; the answer the mrv service asks for).

Rules that live here:
- V: only agencies selected by tender for year Y, filed in the M-14 directory, not suspended and not blacklisted
  for Y may do verification work for Y;
- V: only verifiers holding a valid (unrevoked) work certificate for Y, issued for that same agency, may sign it;
- M-13 ¶1: and only for an entity whose verification for Y the authority assigned to that agency (`assignments`).

Blacklist coverage (the texts say only "五年内不再安排核查任务"; this is our reading): the evaluation of year Y's
work (finalised in Y+1) bars the agency from the verification work of the next `blacklist_years` compliance years,
Y+1..Y+5 by default, both ends included. Y itself is already done when it is evaluated, so it is not covered. If
the agency was already selected for Y+1 when the FAIL lands, it loses that work too: eligibility is checked every
time, not only at award time.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from .agencies import Agency, BlacklistEntry, TenderAward, agency_bar
from .certificates import Certificate, Verifier
from .policy import OversightPolicy

ELIGIBLE = "eligible"


def blacklist_years_covered(evaluated_year: int, policy: OversightPolicy) -> tuple[int, int]:
    """(from_year, to_year) barred by a FAIL in the evaluation of `evaluated_year`."""
    return evaluated_year + 1, evaluated_year + policy.blacklist_years


def agency_eligible(agency: Agency, year: int, awards: Iterable[TenderAward],
                    blacklist: Iterable[BlacklistEntry]) -> tuple[bool, str]:
    """(True, "eligible") or (False, why) for verification work on compliance year `year`."""
    bar = agency_bar(agency, year, awards, blacklist)
    return (bar is None, bar or ELIGIBLE)


def verifier_may_sign(verifier: Verifier, agency: Agency, year: int, certificates: Iterable[Certificate],
                      awards: Iterable[TenderAward], blacklist: Iterable[BlacklistEntry],
                      at: datetime | None = None, entity_id: str | None = None,
                      assigned_agency_id: str | None = None) -> tuple[bool, str]:
    """(True, "eligible") or (False, why): may `verifier` sign verification work for `year` (at instant `at`)?

    With `at` None the certificate must not be revoked at all; with `at` it must not have been revoked before `at`
    (so work signed before a revocation stays attributable to a then-valid certificate). With `entity_id`, the
    entity's verification for `year` must be assigned to the verifier's agency (`assigned_agency_id`).
    """
    if verifier.agency_id != agency.agency_id:
        return False, f"verifier {verifier.verifier_id} does not belong to agency {agency.agency_id}"
    ok, reason = agency_eligible(agency, year, awards, blacklist)
    if not ok:
        return False, reason
    held = [c for c in certificates
            if c.verifier_id == verifier.verifier_id and c.year == year and c.agency_id == agency.agency_id]
    if not held:
        return False, f"verifier {verifier.verifier_id} holds no work certificate for {year}"
    if not any(c.valid_at(at) for c in held):
        return False, f"verifier {verifier.verifier_id}'s work certificate for {year} is revoked"
    if entity_id is not None and assigned_agency_id != agency.agency_id:
        assigned = f"to agency {assigned_agency_id}" if assigned_agency_id else "to no agency yet"
        return False, f"the {year} verification of {entity_id} is assigned {assigned}, not to {agency.agency_id}"
    return True, ELIGIBLE

