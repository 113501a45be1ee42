"""Who may sign a verification report (M-14; V, regulation.md §9 "Before").

Only a verifier holding a verification work certificate (核查工作证) for compliance year Y, issued under agency A, may
sign A's verification of a year-Y report, and only while A is selected by tender for Y and not blacklisted for Y.
The mrv service learns these facts from verifier-oversight events; `VerifierDirectory` is the in-memory view of them,
plain rows an adapter can load from tables. Facts are order-independent: a revocation may arrive before the
certificate it revokes. An exclusion (verifier-oversight's "not eligible for Y", e.g. blacklisted or de-selected,
with its reason) bars the agency for that year whatever else is known.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ets_shared.errors import Forbidden


@dataclass(frozen=True)
class AgencySelection:
    """The agency was selected by public tender to verify compliance year `year`."""

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
    selections: set[AgencySelection] = field(default_factory=set)
    blacklistings: list[AgencyBlacklisting] = field(default_factory=list)
    certificates: dict[str, VerifierCertificate] = field(default_factory=dict)  # by certificate_no
    revoked: set[str] = field(default_factory=set)  # certificate numbers
    exclusions: dict[tuple[str, int], str] = field(default_factory=dict)  # (agency_id, year) -> why not eligible

    # -- facts ---------------------------------------------------------------------------------------------------
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

    # -- questions -----------------------------------------------------------------------------------------------
    def blacklisting(self, agency_id: str, year: int) -> AgencyBlacklisting | None:
        for entry in self.blacklistings:
            if entry.agency_id == agency_id and entry.first_year <= year <= entry.last_year:
                return entry
        return None

    def agency_eligible(self, agency_id: str, year: int) -> bool:
        return ((agency_id, year) not in self.exclusions and AgencySelection(agency_id, year) in self.selections
                and self.blacklisting(agency_id, year) is None)

    def check_signatory(self, agency_id: str, verifier_id: str, year: int) -> VerifierCertificate:
        """The certificate under which `verifier_id` signs for `agency_id` in `year`; Forbidden naming why not."""
        return check_signatory(self, agency_id, verifier_id, year)


def _refuse(detail: str, field: str) -> Forbidden:
    return Forbidden(detail, field=field, article="V")


def check_signatory(directory: VerifierDirectory, agency_id: str, verifier_id: str, year: int) -> VerifierCertificate:
    """Checks, in order: agency not excluded for Y; agency selected for Y; agency not blacklisted for Y; verifier
    certified for Y; the certificate is under this agency; it is not revoked. Raises Forbidden(article="V") at the
    first that fails."""
    excluded = directory.exclusions.get((agency_id, year))
    if excluded is not None:
        raise _refuse(f"agency {agency_id} is not eligible for {year}: {excluded}", "agency_id")
    if AgencySelection(agency_id, year) not in directory.selections:
        raise _refuse(f"agency {agency_id} is not eligible for {year}: it was not selected by tender for {year}",
                      "agency_id")
    barred = directory.blacklisting(agency_id, year)
    if barred is not None:
        raise _refuse(f"agency {agency_id} is not eligible for {year}: blacklisted for "
                      f"{barred.first_year}-{barred.last_year}", "agency_id")
    held = [c for c in directory.certificates.values() if c.verifier_id == verifier_id and c.year == year]
    if not held:
        raise _refuse(f"verifier {verifier_id} holds no verification work certificate for {year}", "verifier_id")
    own = [c for c in held if c.agency_id == agency_id]
    if not own:
        others = ", ".join(sorted(f"{c.certificate_no} (agency {c.agency_id})" for c in held))
        raise _refuse(f"verifier {verifier_id}'s certificate for {year} belongs to another agency: {others}",
                      "verifier_id")
    valid = [c for c in own if c.certificate_no not in directory.revoked]
    if not valid:
        numbers = ", ".join(sorted(c.certificate_no for c in own))
        raise _refuse(f"verifier {verifier_id}'s certificate {numbers} for {year} has been revoked", "verifier_id")
    return min(valid, key=lambda c: c.certificate_no)
