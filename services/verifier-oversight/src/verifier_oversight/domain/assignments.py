"""Assignment of each covered entity's verification to an agency (M-13 ¶1: 由主管部门委托第三方机构; V), and the
progress of each such engagement as mrv reports it.

Rules that live here:
- the authority assigns entity E's verification for year Y to one agency that may work in Y (filed, selected by
  tender, not blacklisted, not suspended: `agencies.agency_bar`) and is competent in E's sector (a sector of a lot
  it won for Y), free of conflicts of interest (`conflict_bar`): it advised E (a declared advisory relation touching
  Y - cooling-off .. Y + 1), or it verified E in each of the `max_consecutive_years` years before Y;
- a reassignment is the next revision and replaces the earlier one; it is refused once the assigned agency filed
  its verification for Y (the work is done);
- a bulk proposal (`propose`) places every entity without a valid assignment on the competent, conflict-free
  agency with the lowest load relative to its awarded volume (ties: agency id), entities with fewest candidates
  first; an entity no agency may take is listed with each agency's reason. The officer confirms the proposal;
- an engagement is open until its verification is filed (or found missing at the deadline) and every re-check
  opened on it has ended in a determination (`Engagement.open`); the year's evaluation waits for all of them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ets_shared.errors import Conflict

from .policy import OversightPolicy


@dataclass(frozen=True)
class Engagement:
    """The current assignment of one entity-year and how far its verification has come (from mrv's events)."""

    entity_id: str
    year: int
    agency_id: str
    revision: int
    reason: str
    assigned_at: datetime
    proposal_id: str | None = None
    verification_id: str | None = None
    verified_at: datetime | None = None
    missing_at: datetime | None = None
    recheck_opened_at: datetime | None = None
    determined_at: datetime | None = None
    determined_revision: int | None = None

    @property
    def assignment_id(self) -> str:
        return f"ASG-{self.entity_id}-{self.year}-{self.revision}"

    @property
    def open(self) -> bool:
        awaiting_verification = self.verified_at is None and self.missing_at is None
        awaiting_recheck = self.recheck_opened_at is not None and (
            self.determined_at is None or self.determined_at < self.recheck_opened_at)
        return awaiting_verification or awaiting_recheck

    @property
    def stage(self) -> str:
        if self.verified_at is None and self.missing_at is None:
            return "awaiting verification"
        if self.open:
            return "in re-check"
        if self.determined_at is not None:
            return "determined"
        return "verification missing" if self.verified_at is None else "verified"


@dataclass(frozen=True)
class AdvisoryRelation:
    """The agency advised (咨询) the entity in years from_year..to_year (to_year None: ongoing)."""

    agency_id: str
    entity_id: str
    from_year: int
    to_year: int | None
    description: str


@dataclass(frozen=True)
class Proposed:
    entity_id: str
    agency_id: str
    reason: str


@dataclass(frozen=True)
class Unplaced:
    entity_id: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    agency_id: str
    sectors: frozenset[str]
    capacity: Decimal  # the agency's share of the expected volume of the lots it won
    load: int  # entities already assigned to it for the year


def conflict_bar(agency_id: str, entity_id: str, year: int, advisories: Iterable[AdvisoryRelation],
                 verified_years: Iterable[int], policy: OversightPolicy) -> str | None:
    """Why the agency has a conflict of interest with the entity for `year`, or None.

    `verified_years`: the compliance years this agency verified this entity (from mrv's verification events)."""
    earliest = year - policy.advisory_cooling_off_years
    for a in advisories:
        if a.agency_id == agency_id and a.entity_id == entity_id and a.from_year <= year + 1 and (
                a.to_year is None or a.to_year >= earliest):
            until = "ongoing" if a.to_year is None else str(a.to_year)
            return (f"agency {agency_id} advised {entity_id} ({a.from_year}-{until}: {a.description}); "
                    f"conflict of interest for {year}")
    done = set(verified_years)
    run = 0
    while year - run - 1 in done:
        run += 1
    if run >= policy.max_consecutive_years:
        return (f"agency {agency_id} verified {entity_id} for the {run} consecutive years before {year}; at most "
                f"{policy.max_consecutive_years} in a row")
    return None


def sector_bar(agency_id: str, sector: str, sectors: Iterable[str], year: int) -> str | None:
    if sector in set(sectors):
        return None
    return f"agency {agency_id} was not selected for sector {sector} in {year}"


def reassignment_bar(current: Engagement | None, agency_id: str) -> None:
    """Conflict if the entity-year cannot be (re)assigned to `agency_id`."""
    if current is None:
        return
    if current.agency_id == agency_id:
        raise Conflict(f"{current.entity_id} is already assigned to {agency_id} for {current.year}",
                       field="agency_id", article="M-13")
    if current.verified_at is not None:
        raise Conflict(f"{current.entity_id}'s {current.year} verification was already filed by "
                       f"{current.agency_id}: it can no longer be reassigned", field="entity_id", article="M-13")


def next_engagement(current: Engagement | None, entity_id: str, year: int, agency_id: str, reason: str,
                    at: datetime, proposal_id: str | None = None) -> Engagement:
    """The entity-year's next assignment revision (progress starts afresh; reassignment_bar checked first)."""
    reassignment_bar(current, agency_id)
    revision = 1 if current is None else current.revision + 1
    return Engagement(entity_id, year, agency_id, revision, reason, at, proposal_id)


def propose(year: int, entities: Sequence[tuple[str, str]], candidates: Sequence[Candidate],
            bar: Callable[[str, str], str | None]) -> tuple[list[Proposed], list[Unplaced]]:
    """Place each (entity_id, sector) on the least loaded candidate that `bar(agency_id, entity_id)` allows.

    Load is relative: (assigned + 1) / capacity, so agencies fill in proportion to the volume they won."""
    load = {c.agency_id: c.load for c in candidates}
    allowed: dict[str, list[Candidate]] = {}
    refusals: dict[str, list[str]] = {}
    for entity_id, sector in entities:
        ok = []
        for c in candidates:
            why = sector_bar(c.agency_id, sector, c.sectors, year) or bar(c.agency_id, entity_id)
            (refusals.setdefault(entity_id, []).append(why) if why else ok.append(c))
        allowed[entity_id] = ok
    placed, unplaced = [], []
    sector_of = dict(entities)
    for entity_id in sorted(allowed, key=lambda e: (len(allowed[e]), e)):
        options = allowed[entity_id]
        if not options:
            why = "; ".join(refusals.get(entity_id, [])) or f"no agency is selected for {year}"
            unplaced.append(Unplaced(entity_id, f"no agency may take {entity_id} ({sector_of[entity_id]}): {why}"))
            continue
        best = min(options, key=lambda c: ((load[c.agency_id] + 1) / c.capacity, c.agency_id))
        load[best.agency_id] += 1
        placed.append(Proposed(entity_id, best.agency_id,
                               f"least loaded competent agency for {sector_of[entity_id]}: "
                               f"{load[best.agency_id]} of {best.capacity.normalize():f} awarded"))
    return sorted(placed, key=lambda p: p.entity_id), sorted(unplaced, key=lambda u: u.entity_id)


def capacities(awards: Iterable[tuple[str, Decimal, Iterable[str]]]) -> Mapping[str, tuple[Decimal, frozenset[str]]]:
    """agency -> (summed capacity, sectors) from (agency_id, capacity, sectors) of each lot it won."""
    out: dict[str, tuple[Decimal, frozenset[str]]] = {}
    for agency_id, capacity, sectors in awards:
        cap, secs = out.get(agency_id, (Decimal(0), frozenset()))
        out[agency_id] = (cap + capacity, secs | frozenset(sectors))
    return out
