"""Agencies: filing into the public directory with their fields of competence and every change kept, selection for
a year, blacklist entries ("before" rules of V, M-14).

Rules that live here:
- M-14: an agency is filed (备案) into the public directory of third-party agencies; one filing per agency and per
  unified social credit code; it names the sectors it is competent to verify. Every change (name, fields, status)
  is a new version of the entry, with its reason; the history is public. A deregistered agency leaves the directory.
- V (事前监管): an agency is selected for a year when it wins a lot of that year's tender (`tenders`); a blacklisted,
  unfiled or suspended agency may not work (`agency_bar`).
- V: a blacklist entry bars an agency for a range of compliance years (which range: see evaluation).

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
_SECTOR = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class AgencyStatus(StrEnum):
    FILED = "FILED"  # in the public directory
    SUSPENDED = "SUSPENDED"  # filed, but suspended (the authority, or consecutive failed evaluations)
    DEREGISTERED = "DEREGISTERED"  # removed from the directory


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    credit_code: str
    filed_at: datetime
    fields: tuple[str, ...] = ()  # sectors it is competent to verify
    status: AgencyStatus = AgencyStatus.FILED
    version: int = 1


@dataclass(frozen=True)
class AgencyVersion:
    """One version of a directory entry: what it said from `changed_at`, and why it changed."""

    agency_id: str
    version: int
    name: str
    status: AgencyStatus
    fields: tuple[str, ...]
    reason: str
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class TenderAward:
    """The agency won at least one lot of the year's tender: it is selected for `year` (see tenders.LotAward)."""

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


def blacklist_bar(agency_id: str, year: int, blacklist: Iterable[BlacklistEntry]) -> str | None:
    entry = blacklisted_for(agency_id, year, blacklist)
    if entry is None:
        return None
    return (f"agency {agency_id} is blacklisted for {entry.from_year}-{entry.to_year} "
            f"after the evaluation of {entry.evaluated_year}")


def standing_bar(agency: Agency, year: int, blacklist: Iterable[BlacklistEntry]) -> str | None:
    """Why `agency` may not take part in `year` at all (status, blacklist), or None."""
    if agency.status is not AgencyStatus.FILED:
        return f"agency {agency.agency_id} is {agency.status.value}"
    return blacklist_bar(agency.agency_id, year, blacklist)


def agency_bar(agency: Agency, year: int, awards: Iterable[TenderAward],
               blacklist: Iterable[BlacklistEntry]) -> str | None:
    """Why `agency` may not do verification work for `year`, or None: filed, selected by tender, not blacklisted."""
    bar = standing_bar(agency, year, blacklist)
    if bar is not None:
        return bar
    if not any(a.agency_id == agency.agency_id and a.year == year for a in awards):
        return f"agency {agency.agency_id} was not selected by tender for {year}"
    return None


def check_fields(fields: Iterable[str]) -> tuple[str, ...]:
    """Sectors of competence: lower-case codes like `industry`, `data_centre`; at least one; sorted, distinct."""
    found = tuple(sorted({f.strip() for f in fields}))
    if not found:
        raise RuleViolation("an agency names at least one field of competence", field="fields", article="M-14")
    for f in found:
        if not _SECTOR.match(f):
            raise RuleViolation(f"field {f!r} is not a sector code (lower-case letters, digits, _ or -)",
                                field="fields", article="M-14")
    return found


def file_agency(agency_id: str, name: str, credit_code: str, fields: Iterable[str], filed_at: datetime,
                directory: Iterable[Agency]) -> Agency:
    """M-14 filing. Conflict if the id or the credit code is already filed."""
    if not name.strip():
        raise RuleViolation("agency name is required", field="name", article="M-14")
    if not _CREDIT_CODE.match(credit_code):
        raise RuleViolation("credit code must be 18 digits or capital letters", field="credit_code", article="M-14")
    competence = check_fields(fields)
    for other in directory:
        if other.agency_id == agency_id:
            raise Conflict(f"agency {agency_id} is already filed", field="agency_id", article="M-14")
        if other.credit_code == credit_code and other.status is not AgencyStatus.DEREGISTERED:
            raise Conflict(f"credit code already filed as {other.agency_id}", field="credit_code", article="M-14")
    return Agency(agency_id, name.strip(), credit_code, filed_at, competence)


def version_of(agency: Agency, reason: str, at: datetime, by: str) -> AgencyVersion:
    return AgencyVersion(agency.agency_id, agency.version, agency.name, agency.status, agency.fields, reason, at, by)


def change_filing(agency: Agency, name: str | None, fields: Iterable[str] | None) -> Agency:
    """M-14: a change of the entry's name or fields of competence (the next version)."""
    if agency.status is AgencyStatus.DEREGISTERED:
        raise Conflict(f"agency {agency.agency_id} is deregistered", article="M-14")
    new_name = agency.name if name is None else name.strip()
    if not new_name:
        raise RuleViolation("agency name is required", field="name", article="M-14")
    new_fields = agency.fields if fields is None else check_fields(fields)
    if (new_name, new_fields) == (agency.name, agency.fields):
        raise Conflict("nothing changes", field="fields", article="M-14")
    return replace(agency, name=new_name, fields=new_fields, version=agency.version + 1)


def _status(agency: Agency, allowed_from: AgencyStatus | None, to: AgencyStatus) -> Agency:
    if allowed_from is None and agency.status is AgencyStatus.DEREGISTERED:
        raise Conflict(f"agency {agency.agency_id} is already deregistered", article="M-14")
    if allowed_from is not None and agency.status is not allowed_from:
        raise Conflict(f"agency {agency.agency_id} is {agency.status.value}, not {allowed_from.value}", article="V")
    return replace(agency, status=to, version=agency.version + 1)


def deregister_agency(agency: Agency) -> Agency:
    return _status(agency, None, AgencyStatus.DEREGISTERED)


def suspend_agency(agency: Agency) -> Agency:
    return _status(agency, AgencyStatus.FILED, AgencyStatus.SUSPENDED)


def lift_suspension(agency: Agency) -> Agency:
    return _status(agency, AgencyStatus.SUSPENDED, AgencyStatus.FILED)
