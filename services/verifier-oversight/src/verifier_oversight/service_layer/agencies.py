"""Use cases of the directory (M-14): filing, changes of the entry (each a version, published), suspension,
reinstatement and deregistration, and the agencies' declared advisory relations (conflicts of interest).

Every change of who may do verification work for a year is also published as `AgencyEligibilityChanged`, the
verifier-oversight's own verdict per agency and year, which mrv combines with the facts it depends on."""
from __future__ import annotations

from datetime import datetime

from ets_shared.contracts.verifier_oversight import AgencyEligibilityChanged, AgencyFiled, AgencyFilingChanged
from ets_shared.errors import RuleViolation
from verifier_oversight.domain import agencies as rules
from verifier_oversight.domain.agencies import Agency, version_of
from verifier_oversight.domain.assignments import AdvisoryRelation
from verifier_oversight.domain.eligibility import agency_eligible
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

SELECTED = "selected by tender"


def eligibility_changed(uow: OversightUnitOfWork, agency_id: str, year: int, eligible: bool, reason: str,
                        at: datetime) -> None:
    uow.publish(AgencyEligibilityChanged(agency_id=agency_id, compliance_year=year, eligible=eligible,
                                         reason=reason, changed_at=at))


def save_version(uow: OversightUnitOfWork, agency: Agency, reason: str, at: datetime) -> None:
    """Store the entry as its next version and publish it (the filing itself is `AgencyFiled`)."""
    uow.agencies.save(agency, version_of(agency, reason, at, uow.context.actor))
    if agency.version > 1:
        uow.publish(AgencyFilingChanged(agency_id=agency.agency_id, version=agency.version, name=agency.name,
                                        status=agency.status.value, fields=list(agency.fields), reason=reason,
                                        changed_at=at))


def file_agency(cmd: commands.FileAgency, uow: OversightUnitOfWork) -> Agency:
    with uow:
        agency = rules.file_agency(cmd.agency_id, cmd.name, cmd.credit_code, cmd.fields, uow.now(),
                                   uow.agencies.clashing(cmd.agency_id, cmd.credit_code))
        save_version(uow, agency, "filed (备案)", agency.filed_at)
        uow.publish(AgencyFiled(agency_id=agency.agency_id, name=agency.name, credit_code=agency.credit_code,
                                filed_at=agency.filed_at, fields=list(agency.fields)))
        uow.commit()
    return agency


def change_filing(agency_id: str, cmd: commands.ChangeFiling, uow: OversightUnitOfWork) -> Agency:
    with uow:
        agency = rules.change_filing(uow.agencies.get(agency_id, for_update=True), cmd.name, cmd.fields)
        save_version(uow, agency, cmd.reason, uow.now())
        uow.commit()
    return agency


def apply_status(uow: OversightUnitOfWork, before: Agency, after: Agency, reason: str, at: datetime) -> None:
    """Store a status change; each awarded year whose eligibility flips is published."""
    save_version(uow, after, reason, at)
    awards = uow.agencies.awards([before.agency_id])
    blacklist = uow.agencies.blacklist_of(before.agency_id)
    for award in awards:
        was, _ = agency_eligible(before, award.year, awards, blacklist)
        now_ok, why = agency_eligible(after, award.year, awards, blacklist)
        if was != now_ok:
            eligibility_changed(uow, before.agency_id, award.year, now_ok, SELECTED if now_ok else f"{why}: {reason}",
                                at)


def change_status(agency_id: str, cmd: commands.ChangeAgencyStatus, action: str,
                  uow: OversightUnitOfWork) -> Agency:
    """Suspend, lift a suspension or deregister."""
    change = {"suspended": rules.suspend_agency, "reinstated": rules.lift_suspension,
              "deregistered": rules.deregister_agency}[action]
    with uow:
        before = uow.agencies.get(agency_id, for_update=True)
        after = change(before)
        apply_status(uow, before, after, cmd.reason, uow.now())
        uow.commit()
    return after


def declare_advisory(agency_id: str, cmd: commands.DeclareAdvisory, uow: OversightUnitOfWork) -> AdvisoryRelation:
    """The agency (or the authority) records that the agency advised the entity: it may not verify it then."""
    if cmd.to_year is not None and cmd.to_year < cmd.from_year:
        raise RuleViolation("the relation ends before it begins", field="to_year", article="M-13")
    with uow:
        uow.agencies.get(agency_id, for_update=True)
        relation = AdvisoryRelation(agency_id, cmd.entity_id, cmd.from_year, cmd.to_year, cmd.description.strip())
        uow.assignments.add_advisory(relation, uow.now(), uow.context.actor)
        uow.audit("verifier-oversight.advisory.declared", f"agency:{agency_id}", vars(relation))
        uow.commit()
    return relation
