"""Use cases of the directory (M-14) and of tender selection (V, "before"): filing, awards, suspension,
deregistration. Every change of who may do verification work for a year is published as
`AgencyEligibilityChanged`, which the mrv service follows."""
from __future__ import annotations

from datetime import datetime

from ets_shared.contracts.verifier_oversight import AgencyEligibilityChanged, AgencyFiled
from verifier_oversight.domain import agencies as rules
from verifier_oversight.domain.agencies import Agency, TenderAward
from verifier_oversight.domain.eligibility import agency_eligible
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork

SELECTED = "selected by tender"


def eligibility_changed(uow: OversightUnitOfWork, agency_id: str, year: int, eligible: bool, reason: str,
                        at: datetime) -> None:
    uow.publish(AgencyEligibilityChanged(agency_id=agency_id, compliance_year=year, eligible=eligible,
                                         reason=reason, changed_at=at))


def file_agency(cmd: commands.FileAgency, uow: OversightUnitOfWork) -> Agency:
    with uow:
        agency = rules.file_agency(cmd.agency_id, cmd.name, cmd.credit_code, uow.now(),
                                   uow.agencies.clashing(cmd.agency_id, cmd.credit_code))
        uow.agencies.save(agency)
        uow.publish(AgencyFiled(agency_id=agency.agency_id, name=agency.name, credit_code=agency.credit_code,
                                filed_at=agency.filed_at))
        uow.commit()
    return agency


def award_tender(agency_id: str, cmd: commands.AwardTender, uow: OversightUnitOfWork) -> TenderAward:
    with uow:
        year, now = cmd.compliance_year, uow.now()
        agency = uow.agencies.get(agency_id, for_update=True)
        award = rules.award_tender(agency, year, uow.agencies.awards([agency_id], year),
                                   uow.agencies.blacklist_of(agency_id, year))
        uow.agencies.add_award(award, now)
        eligibility_changed(uow, agency_id, year, True, SELECTED, now)
        uow.commit()
    return award


def change_status(agency_id: str, cmd: commands.ChangeAgencyStatus, action: str,
                  uow: OversightUnitOfWork) -> Agency:
    """Suspend, lift a suspension or deregister; each awarded year whose eligibility flips is published."""
    change = {"suspended": rules.suspend_agency, "reinstated": rules.lift_suspension,
              "deregistered": rules.deregister_agency}[action]
    with uow:
        now = uow.now()
        before = uow.agencies.get(agency_id, for_update=True)
        after = change(before)
        uow.agencies.save(after)
        uow.audit(f"verifier-oversight.agency.{action}", f"agency:{agency_id}", {"reason": cmd.reason})
        awards = uow.agencies.awards([agency_id])
        blacklist = uow.agencies.blacklist_of(agency_id)
        for award in awards:
            was, _ = agency_eligible(before, award.year, awards, blacklist)
            now_ok, why = agency_eligible(after, award.year, awards, blacklist)
            if was != now_ok:
                eligibility_changed(uow, agency_id, award.year, now_ok,
                                    SELECTED if now_ok else f"{why}: {cmd.reason}", now)
        uow.commit()
    return after
