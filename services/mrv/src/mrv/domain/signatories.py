"""Who may sign a verification report (M-13 ¶1, M-14; V, docs/rules.md §9 "before").

Only a verifier holding a verification work certificate (核查工作证) for compliance year Y, issued under agency A, may
sign A's verification of entity E's year-Y report, and only while A is filed in the directory (M-14), selected by
tender for Y (it won a lot), not blacklisted for Y, not declared ineligible for Y by verifier oversight, and E's
verification for Y is assigned to A (M-13 ¶1: the authority commissions the agency).

The mrv service learns each of these facts from its own verifier-oversight event; `VerifierDirectory` is the
in-memory view of them, plain rows an adapter loads from tables. The answer is a conjunction: it turns true only
once every fact it depends on has arrived, whatever order the events come in (a revocation may even arrive before
the certificate it revokes). Verifier oversight's own verdict (`AgencyEligibilityChanged`) can only bar: a "not
eligible" (suspended, deregistered, blacklisted, de-selected) with its reason bars the agency for that year.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ets_shared.errors import Forbidden

FILED = "FILED"


@dataclass(frozen=True)
class AgencySelection:
    """The agency won a lot of the public tender for compliance year `year`."""

    agency_id: str
    year: int


@dataclass(frozen=True)
class AgencyBlacklisting:
    """The agency may take no verification work for compliance years first_year..last_year (inclusive)."""

    agency_id: str
    first_year: int
    last_year: int


@dataclass(frozen=True)
class VerifierCertificate:
    """A verification work certificate for compliance year `year`, issued to a verifier of `agency_id`."""

    certificate_no: str
    verifier_id: str
    agency_id: str
    year: int


@dataclass
class VerifierDirectory:
    filings: dict[str, str] = field(default_factory=dict)  # agency_id -> its directory status (FILED, ...)
    selections: set[AgencySelection] = field(default_factory=set)
    blacklistings: list[AgencyBlacklisting] = field(default_factory=list)
    certificates: dict[str, VerifierCertificate] = field(default_factory=dict)  # by certificate_no
    revoked: set[str] = field(default_factory=set)  # certificate numbers
    exclusions: dict[tuple[str, int], str] = field(default_factory=dict)  # (agency_id, year) -> why not eligible
    assignments: dict[tuple[str, int], str] = field(default_factory=dict)  # (entity_id, year) -> agency_id

    # -- facts ---------------------------------------------------------------------------------------------------
    def record_filing(self, agency_id: str, status: str) -> None:
        self.filings[agency_id] = status

    def record_selection(self, agency_id: str, year: int) -> None:
        self.selections.add(AgencySelection(agency_id, year))

    def record_blacklisting(self, agency_id: str, first_year: int, last_year: int) -> None:
        self.blacklistings.append(AgencyBlacklisting(agency_id, first_year, last_year))

    def record_certificate(self, certificate_no: str, verifier_id: str, agency_id: str, year: int) -> None:
        self.certificates[certificate_no] = VerifierCertificate(certificate_no, verifier_id, agency_id, year)

    def record_revocation(self, certificate_no: str) -> None:
        self.revoked.add(certificate_no)

    def record_exclusion(self, agency_id: str, year: int, reason: str) -> None:
        """The agency may not take verification work for `year` (blacklisted, de-selected, ...), for `reason`."""
        self.exclusions[(agency_id, year)] = reason

    def record_assignment(self, entity_id: str, year: int, agency_id: str) -> None:
        self.assignments[(entity_id, year)] = agency_id

    # -- questions -----------------------------------------------------------------------------------------------
    def blacklisting(self, agency_id: str, year: int) -> AgencyBlacklisting | None:
        for entry in self.blacklistings:
            if entry.agency_id == agency_id and entry.first_year <= year <= entry.last_year:
                return entry
        return None

    def agency_bars(self, agency_id: str, year: int) -> list[str]:
        """Every reason the agency may not sign for `year` (empty: it may, for the entities assigned to it)."""
        bars = []
        status = self.filings.get(agency_id)
        if status is None:
            bars.append(f"agency {agency_id} is not known to be filed in the directory (M-14)")
        elif status != FILED:
            bars.append(f"agency {agency_id} is {status} in the directory")
        excluded = self.exclusions.get((agency_id, year))
        if excluded is not None:
            bars.append(f"agency {agency_id} is not eligible for {year}: {excluded}")
        if AgencySelection(agency_id, year) not in self.selections:
            bars.append(f"agency {agency_id} was not selected by tender for {year}")
        barred = self.blacklisting(agency_id, year)
        if barred is not None:
            bars.append(f"agency {agency_id} is blacklisted for {barred.first_year}-{barred.last_year}")
        return bars

    def certificate_bar(self, agency_id: str, verifier_id: str, year: int) -> tuple[VerifierCertificate | None,
                                                                                     str | None]:
        """(the valid certificate under which the verifier signs for the agency, None) or (None, why not)."""
        held = [c for c in self.certificates.values() if c.verifier_id == verifier_id and c.year == year]
        if not held:
            return None, f"verifier {verifier_id} holds no verification work certificate for {year}"
        own = [c for c in held if c.agency_id == agency_id]
        if not own:
            others = ", ".join(sorted(f"{c.certificate_no} (agency {c.agency_id})" for c in held))
            return None, f"verifier {verifier_id}'s certificate for {year} belongs to another agency: {others}"
        valid = [c for c in own if c.certificate_no not in self.revoked]
        if not valid:
            numbers = ", ".join(sorted(c.certificate_no for c in own))
            return None, f"verifier {verifier_id}'s certificate {numbers} for {year} has been revoked"
        return min(valid, key=lambda c: c.certificate_no), None

    def assignment_bar(self, agency_id: str, entity_id: str, year: int) -> str | None:
        assigned = self.assignments.get((entity_id, year))
        if assigned == agency_id:
            return None
        to = f"to agency {assigned}" if assigned else "to no agency yet"
        return f"the {year} verification of {entity_id} is assigned {to}, not to {agency_id} (M-13)"

    def check_signatory(self, agency_id: str, verifier_id: str, year: int,
                        entity_id: str | None = None) -> VerifierCertificate:
        """The certificate under which `verifier_id` signs for `agency_id` in `year` (for `entity_id`); Forbidden
        naming the first reason why not."""
        return check_signatory(self, agency_id, verifier_id, year, entity_id)


def _refuse(detail: str, field: str, article: str = "V") -> Forbidden:
    return Forbidden(detail, field=field, article=article)


def check_signatory(directory: VerifierDirectory, agency_id: str, verifier_id: str, year: int,
                    entity_id: str | None = None) -> VerifierCertificate:
    """Checks, in order: the agency's facts (filed, not excluded, selected, not blacklisted); the verifier's
    certificate for Y under this agency, not revoked; the entity's assignment to the agency. Raises Forbidden at the
    first that fails."""
    bars = directory.agency_bars(agency_id, year)
    if bars:
        raise _refuse(bars[0], "agency_id")
    certificate, why = directory.certificate_bar(agency_id, verifier_id, year)
    if certificate is None:
        raise _refuse(why or "", "verifier_id")
    if entity_id is not None:
        unassigned = directory.assignment_bar(agency_id, entity_id, year)
        if unassigned is not None:
            raise _refuse(unassigned, "agency_id", "M-13")
    return certificate
