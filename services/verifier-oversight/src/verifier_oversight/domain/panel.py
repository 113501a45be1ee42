"""The evaluation panel of a year (考评小组: 由市生态环境局和相关专家组成, seed 000) and who may inspect what.

Rules that live here:
- the panel of compliance year Y consists of authority staff and experts, each appointed with an affiliation and the
  conflicts of interest they declare (an agency they work for or with, an entity they advise); conflicts can be
  declared later too, never removed;
- an inspection team is made of members of the year's panel, none conflicted with the inspected agency or entity,
  with at least the year's number of experts (`experts_per_inspection_min`, default 2).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from ets_shared.errors import Conflict, RuleViolation

from .policy import OversightPolicy


class MemberKind(StrEnum):
    STAFF = "authority_staff"
    EXPERT = "expert"


@dataclass(frozen=True)
class DeclaredConflict:
    agency_id: str | None
    entity_id: str | None
    description: str

    def touches(self, agency_id: str, entity_id: str) -> bool:
        return self.agency_id == agency_id or self.entity_id == entity_id


@dataclass(frozen=True)
class PanelMember:
    year: int
    member_id: str
    name: str
    kind: MemberKind
    affiliation: str
    conflicts: tuple[DeclaredConflict, ...] = ()


def appoint(year: int, member_id: str, name: str, kind: str, affiliation: str,
            conflicts: Sequence[DeclaredConflict], panel: Mapping[str, PanelMember]) -> PanelMember:
    if member_id in panel:
        raise Conflict(f"{member_id} is already on the {year} panel", field="member_id", article="V")
    if not name.strip():
        raise RuleViolation("a member needs a name", field="name", article="V")
    try:
        member_kind = MemberKind(kind)
    except ValueError:
        raise RuleViolation(f"kind must be one of {[k.value for k in MemberKind]}", field="kind",
                            article="V") from None
    if not affiliation.strip():
        raise RuleViolation("a member states its affiliation", field="affiliation", article="V")
    member = PanelMember(year, member_id, name.strip(), member_kind, affiliation.strip())
    return declare(member, conflicts)


def declare(member: PanelMember, conflicts: Sequence[DeclaredConflict]) -> PanelMember:
    for i, c in enumerate(conflicts):
        if not (c.agency_id or c.entity_id):
            raise RuleViolation("a conflict names an agency or an entity", field=f"conflicts[{i}]", article="V")
        if not c.description.strip():
            raise RuleViolation("a conflict is described", field=f"conflicts[{i}].description", article="V")
    return replace(member, conflicts=member.conflicts + tuple(
        DeclaredConflict(c.agency_id, c.entity_id, c.description.strip()) for c in conflicts))


def inspection_team(member_ids: Sequence[str], panel: Mapping[str, PanelMember], agency_id: str, entity_id: str,
                    policy: OversightPolicy) -> tuple[str, ...]:
    """The validated team (distinct, in the given order), or RuleViolation naming `team[i]` / `team`."""
    team = tuple(dict.fromkeys(m.strip() for m in member_ids))
    for i, member_id in enumerate(team):
        member = panel.get(member_id)
        if member is None:
            raise RuleViolation(f"{member_id} is not on the {policy.year} evaluation panel", field=f"team[{i}]",
                                article="V")
        clash = next((c for c in member.conflicts if c.touches(agency_id, entity_id)), None)
        if clash is not None:
            raise RuleViolation(f"{member_id} declared a conflict of interest ({clash.description}) and may not "
                                f"inspect {agency_id} at {entity_id}", field=f"team[{i}]", article="V")
    experts = sum(1 for m in team if panel[m].kind is MemberKind.EXPERT)
    if experts < policy.experts_per_inspection_min:
        raise RuleViolation(f"an inspection needs at least {policy.experts_per_inspection_min} experts of the panel, "
                            f"got {experts}", field="team", article="V")
    return team
