"""Agencies: filing and public directory, yearly tender awards, blacklist entries ("before" rules of V, M-14).

Rules that live here:
- M-14: an agency is filed (备案) into the public directory of third-party agencies; one filing per agency and per
  unified social credit code; a deregistered agency leaves the directory.
- V (事前监管): agencies are selected each year by public tender (TenderAward); a blacklisted, unfiled or suspended
  agency cannot be awarded.
- V: a blacklist entry bars an agency for a range of compliance years (which range: see eligibility).
Verifiers and their work certificates are in `certificates`.

"year" everywhere is the compliance year whose emission reports are verified (the work happens in year+1).
Times are aware UTC datetimes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from ets_shared.errors import Conflict, RuleViolation

_CREDIT_CODE = re.compile(r"^[0-9A-Z]{18}$")  # 统一社会信用代码: 18 digits/capital letters


class AgencyStatus(StrEnum):
    FILED = "FILED"  # in the public directory
    SUSPENDED = "SUSPENDED"  # filed, but the authority suspended it (other pilots' practice, see evaluation)
    DEREGISTERED = "DEREGISTERED"  # removed from the directory


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    credit_code: str
    filed_at: datetime
    status: AgencyStatus = AgencyStatus.FILED


@dataclass(frozen=True)
class TenderAward:
    agency_id: str
    year: int


@dataclass(frozen=True)
class BlacklistEntry:
    """The agency gets no verification work for compliance years from_year..to_year (both included)."""

    agency_id: str
    evaluated_year: int
    from_year: int
    to_year: int
    reason: str

    def covers(self, year: int) -> bool:
        return self.from_year <= year <= self.to_year


def blacklisted_for(agency_id: str, year: int, blacklist: Iterable[BlacklistEntry]) -> BlacklistEntry | None:
    return next((e for e in blacklist if e.agency_id == agency_id and e.covers(year)), None)


def agency_bar(agency: Agency, year: int, awards: Iterable[TenderAward],
               blacklist: Iterable[BlacklistEntry]) -> str | None:
    """Why `agency` may not do verification work for `year`, or None. See eligibility.agency_eligible."""
    if agency.status is not AgencyStatus.FILED:
        return f"agency {agency.agency_id} is {agency.status.value}"
    entry = blacklisted_for(agency.agency_id, year, blacklist)
    if entry is not None:
        return (f"agency {agency.agency_id} is blacklisted for {entry.from_year}-{entry.to_year} "
                f"after the evaluation of {entry.evaluated_year}")
    if not any(a.agency_id == agency.agency_id and a.year == year for a in awards):
        return f"agency {agency.agency_id} was not selected by tender for {year}"
    return None


def file_agency(agency_id: str, name: str, credit_code: str, filed_at: datetime,
                directory: Iterable[Agency]) -> Agency:
    """M-14 filing. Conflict if the id or the credit code is already filed."""
    if not name.strip():
        raise RuleViolation("agency name is required", field="name", article="M-14")
    if not _CREDIT_CODE.match(credit_code):
        raise RuleViolation("credit code must be 18 digits or capital letters", field="credit_code", article="M-14")
    for other in directory:
        if other.agency_id == agency_id:
            raise Conflict(f"agency {agency_id} is already filed", field="agency_id", article="M-14")
        if other.credit_code == credit_code and other.status is not AgencyStatus.DEREGISTERED:
            raise Conflict(f"credit code already filed as {other.agency_id}", field="credit_code", article="M-14")
    return Agency(agency_id, name.strip(), credit_code, filed_at)


def public_directory(agencies: Iterable[Agency]) -> list[Agency]:
    """M-14 public directory: every agency not deregistered, by name."""
    listed = (a for a in agencies if a.status is not AgencyStatus.DEREGISTERED)
    return sorted(listed, key=lambda a: (a.name, a.agency_id))


def deregister_agency(agency: Agency) -> Agency:
    if agency.status is AgencyStatus.DEREGISTERED:
        raise Conflict(f"agency {agency.agency_id} is already deregistered", article="M-14")
    return replace(agency, status=AgencyStatus.DEREGISTERED)


def suspend_agency(agency: Agency) -> Agency:
    if agency.status is not AgencyStatus.FILED:
        raise Conflict(f"agency {agency.agency_id} is {agency.status}, not FILED", article="V")
    return replace(agency, status=AgencyStatus.SUSPENDED)


def lift_suspension(agency: Agency) -> Agency:
    if agency.status is not AgencyStatus.SUSPENDED:
        raise Conflict(f"agency {agency.agency_id} is not suspended", article="V")
    return replace(agency, status=AgencyStatus.FILED)


def award_tender(agency: Agency, year: int, awards: Iterable[TenderAward],
                 blacklist: Iterable[BlacklistEntry]) -> TenderAward:
    """V: record the agency as selected by public tender for `year`."""
    if agency.status is not AgencyStatus.FILED:
        raise RuleViolation(f"agency {agency.agency_id} is {agency.status}: only filed agencies can be selected",
                            field="agency_id", article="M-14")
    entry = blacklisted_for(agency.agency_id, year, blacklist)
    if entry is not None:
        raise RuleViolation(f"agency {agency.agency_id} is blacklisted for {entry.from_year}-{entry.to_year}",
                            field="agency_id", article="V")
    if any(a.agency_id == agency.agency_id and a.year == year for a in awards):
        raise Conflict(f"agency {agency.agency_id} already selected for {year}", field="agency_id", article="V")
    return TenderAward(agency.agency_id, year)
