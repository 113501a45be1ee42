"""M-13 ¶2 / M-38: the assigned agency records that the entity impeded its verification — a certified verifier of
the agency assigned to the entity-year (M-13 ¶1, V), or the agency itself. The record is published
(`verification.impeded`) under the report's correlation id; enforcement opens the M-38 case."""
from __future__ import annotations

from ets_shared.auth import Principal, Role
from ets_shared.contracts.mrv import VerificationImpeded
from ets_shared.errors import Forbidden, RuleViolation
from mrv.domain.impediments import VerificationImpediment, record_impediment
from mrv.service_layer import commands
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def record(report_id: str, caller: Principal, cmd: commands.RecordImpediment,
           uow: MrvUnitOfWork) -> VerificationImpediment:
    with uow:
        case = uow.reports.get(report_id)
        agency_id = _agency(caller, cmd)
        if caller.has(Role.VERIFIER):  # a certified verifier of the assigned agency
            uow.signatories.directory_for(agency_id, caller.party, case.year, case.entity_id).check_signatory(
                agency_id, caller.party, case.year, case.entity_id)
        else:
            bar = uow.signatories.directory_for(agency_id, "", case.year, case.entity_id).assignment_bar(
                agency_id, case.entity_id, case.year)
            if bar is not None:
                raise Forbidden(bar, field="report_id", article="M-13")
        impediment = record_impediment(case, f"VI-{report_id}-{uow.impediments.count(report_id) + 1}", agency_id,
                                       uow.context.actor, cmd.kind, cmd.description, cmd.evidence, cmd.occurred_on,
                                       uow.now())
        uow.impediments.add(impediment)
        uow.publish(VerificationImpeded(
            impediment_id=impediment.impediment_id, report_id=report_id, entity_id=impediment.entity_id,
            compliance_year=impediment.year, agency_id=agency_id, recorded_by=impediment.recorded_by,
            kind=impediment.kind.value, article=impediment.article, description=impediment.description,
            evidence=list(impediment.evidence), occurred_on=impediment.occurred_on,
            recorded_at=impediment.recorded_at, correlation_id=case.correlation_id))
        uow.commit()
    return impediment


def _agency(caller: Principal, cmd: commands.RecordImpediment) -> str:
    if caller.has(Role.AGENCY):
        if cmd.agency_id not in (None, caller.party_id):
            raise Forbidden("an agency records only its own engagements", field="agency_id", article="M-13")
        return caller.party
    if cmd.agency_id is None:
        raise RuleViolation("a verifier names the agency it verifies for", field="agency_id", article="M-13")
    return cmd.agency_id
