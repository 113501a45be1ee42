"""Use cases of the mrv: report (M-12), verification (M-13, V), objection and re-check (M-15 ¶2), the authority's
determination one by one or in bulk (M-15), imports of earlier determinations, and re-scheduling when a year's
policy changes. Monitoring plans (M-11): `monitoring`; the deadlines a tick checks: `deadlines`. Each command handler
owns its transaction (`on_policy_changed` runs in the policy PUT's); the event handlers are in
`mrv.service_layer.handlers`.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from ets_shared.errors import Conflict, DomainError, Forbidden, NotFound, present
from mrv.adapters.determinations import HistoricalDetermination
from mrv.domain.policy import MrvPolicy
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import CaseState, Determination, Objection, Recheck, Verification
from mrv.service_layer import commands
from mrv.adapters.policy_repository import MrvPolicyModel, policy_cache, load_mrv_policy
from mrv.service_layer.publishing import (
    publish_determined, recheck_opened, report_submitted, trigger_codes, verification_filed,
)
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def report_id_for(entity_id: str, year: int) -> str:
    return f"RPT-{entity_id}-{year}"


def _own_case(uow: MrvUnitOfWork, report_id: str, entity_id: str, action: str) -> ReportCase:
    case = uow.reports.get(report_id)
    if not uow.entities.acts_for(entity_id, case.entity_id):
        raise Forbidden(f"only entity {case.entity_id} may {action} report {report_id}", field="report_id")
    return case


def submit_report(entity_id: str, cmd: commands.SubmitReport, uow: MrvUnitOfWork) -> ReportCase:
    """M-12: one report per entity-year; the report id is deterministic, a second submission conflicts. A report
    found missing at the deadline is still accepted (late), into its case and under its correlation id."""
    if cmd.entity_id is not None and cmd.entity_id != entity_id:  # a predecessor's duty, taken over (M-10)
        with uow:
            if not uow.entities.acts_for(entity_id, cmd.entity_id):
                raise Forbidden(f"{entity_id} is not a successor of {cmd.entity_id}", field="entity_id",
                                article="M-10")
        entity_id = cmd.entity_id
    with uow:
        case = file_report(uow, entity_id, cmd, uow.reports.find(report_id_for(entity_id, cmd.compliance_year)),
                           load_mrv_policy(uow.session, cmd.compliance_year))
        try:
            uow.commit()
        except IntegrityError:  # a concurrent first submission won
            raise already_submitted(entity_id, cmd.compliance_year) from None
    return case


def file_report(uow: MrvUnitOfWork, entity_id: str, cmd: commands.SubmitReport, case: ReportCase | None,
                policy: MrvPolicy) -> ReportCase:
    """M-12 on the entity-year's case as found (None: none yet), in `uow`'s transaction: the report filed into it,
    the case added or saved, `EmissionReportSubmitted` published. Refused before anything changes."""
    report_id = report_id_for(entity_id, cmd.compliance_year)
    if case is not None and case.report is not None:
        raise already_submitted(entity_id, cmd.compliance_year)
    new = case is None
    case = case or ReportCase(entity_id, cmd.compliance_year, uow.context.correlation_id)
    case.submit_report(report_id, commands.activity(cmd.sources),
                       covered=uow.entities.is_covered(entity_id, cmd.compliance_year), now=uow.now(), policy=policy)
    if new:
        uow.reports.add(report_id, case)
    else:
        uow.reports.save(case, auto_determine_at=None)
    uow.publish(report_submitted(case))
    return case


def already_submitted(entity_id: str, year: int) -> Conflict:
    report_id = report_id_for(entity_id, year)
    return Conflict(f"{entity_id} already submitted its {year} report {report_id}; amend it with PUT "
                    f"/reports/{report_id}", field="compliance_year", article="M-12")


def amend_report(report_id: str, entity_id: str, cmd: commands.AmendReport, uow: MrvUnitOfWork) -> ReportCase:
    with uow:
        case = _own_case(uow, report_id, entity_id, "amend")
        case.amend_report(commands.activity(cmd.sources), now=uow.now())
        uow.reports.save(case, auto_determine_at=None)
        uow.publish(report_submitted(case))
        uow.commit()
    return case


def file_verification(report_id: str, verifier_id: str, cmd: commands.FileVerification,
                      uow: MrvUnitOfWork) -> tuple[ReportCase, Verification]:
    """M-13 by a certified verifier of an eligible agency (V); M-15 ¶2(1)(2) triggers are checked at once."""
    with uow:
        case = uow.reports.get(report_id)
        verification = verify(uow, report_id, case, verifier_id, cmd, load_mrv_policy(uow.session, case.year))
        uow.commit()
    return case, verification


def verify(uow: MrvUnitOfWork, report_id: str, case: ReportCase, verifier_id: str, cmd: commands.FileVerification,
           policy: MrvPolicy) -> Verification:
    """M-13 on one loaded case, in `uow`'s transaction: the verification filed, the case saved (scheduled for
    auto-determination), `VerificationFiled` (and `RecheckOpened` on a trigger) published. Refused before anything
    changes."""
    verification = case.file_verification(
        f"VER-{case.entity_id}-{case.year}", cmd.agency_id, verifier_id, commands.activity(cmd.verified_sources),
        cmd.findings, now=uow.now(), policy=policy,
        directory=uow.signatories.directory_for(cmd.agency_id, verifier_id, case.year, case.entity_id),
        previous_year_determined=uow.determinations.determined_emissions(case.entity_id, case.year - 1))
    uow.reports.save(case, auto_determine_at=case.auto_determination_at(policy))
    uow.publish(verification_filed(case))
    if case.open_recheck_record is not None:
        uow.publish(recheck_opened(report_id, case, case.open_recheck_record))
    return verification


def file_objection(report_id: str, entity_id: str, cmd: commands.FileObjection,
                   uow: MrvUnitOfWork) -> tuple[ReportCase, Objection]:
    """M-15 ¶2(3): opens a re-check, or joins the open one (RecheckOpened again only if OBJECTION is new to it)."""
    with uow:
        case = _own_case(uow, report_id, entity_id, "object to the verification of")
        before = case.open_recheck_record
        objection = case.object(cmd.evidence, uow.now())
        uow.reports.save(case, auto_determine_at=None)
        uow.audit("mrv.objection.filed", f"report:{report_id}", {"evidence": list(objection.evidence)})
        recheck = present(case.open_recheck_record, "the re-check the objection opened or joined")
        if before is None or trigger_codes(before.triggers) != trigger_codes(recheck.triggers):
            uow.publish(recheck_opened(report_id, case, recheck))
        uow.commit()
    return case, objection


def open_recheck(report_id: str, cmd: commands.OpenRecheck, uow: MrvUnitOfWork) -> tuple[ReportCase, Recheck]:
    """M-15 ¶2(4); after a determination this opens a correction (the next determination is revision + 1)."""
    with uow:
        case = uow.reports.get(report_id)
        recheck = case.open_recheck(cmd.reason, uow.now(), load_mrv_policy(uow.session, case.year))
        uow.reports.save(case, auto_determine_at=None, report_id=report_id)
        uow.publish(recheck_opened(report_id, case, recheck))
        uow.commit()
    return case, recheck


def determine(report_id: str, cmd: commands.Determine, uow: MrvUnitOfWork) -> tuple[ReportCase, Determination]:
    """M-15: the authority's determination of one case (see `ReportCase.determine`)."""
    with uow:
        case = uow.reports.get(report_id)
        policy = load_mrv_policy(uow.session, case.year)
        determination = case.determine(cmd.emissions, cmd.reason, uow.now(), policy)
        uow.reports.save(case, auto_determine_at=None, report_id=report_id)
        publish_determined(uow, report_id, case, determination, policy)
        uow.commit()
    return case, determination


@dataclass(frozen=True)
class BulkOutcome:
    report_id: str
    result: Determination | DomainError  # the determination made, or the item's refusal


def determine_bulk(cmd: commands.BulkDetermine, uow: MrvUnitOfWork) -> list[BulkOutcome]:
    """M-15 in bulk, from the queue: every item is the authority's determination of one case, decided on its own —
    a refused item (its problem named `items[i].<field>`) leaves the others; the determinations made commit
    together."""
    outcomes: list[BulkOutcome] = []
    with uow:
        cases = uow.reports.find_many([item.report_id for item in cmd.items])
        policies, now = policy_cache(uow.session), uow.now()
        for i, item in enumerate(cmd.items):
            try:
                case = cases.get(item.report_id)
                if case is None:
                    raise NotFound(f"no emission report {item.report_id}", field="report_id")
                policy = policies(case.year)
                determination = case.determine(item.emissions, item.reason, now, policy)
            except DomainError as exc:
                exc.field = f"items[{i}].{exc.field or 'report_id'}"
                outcomes.append(BulkOutcome(item.report_id, exc))
                continue
            uow.reports.save(case, auto_determine_at=None, report_id=item.report_id)
            publish_determined(uow, item.report_id, case, determination, policy)
            outcomes.append(BulkOutcome(item.report_id, determination))
        uow.audit("mrv.determinations.bulk", "determination:bulk",
                  {"items": len(cmd.items), "determined": sum(isinstance(o.result, Determination) for o in outcomes)})
        uow.commit()
    return outcomes


def import_historical(cmd: commands.ImportHistoricalDetermination, uow: MrvUnitOfWork) -> HistoricalDetermination:
    """Audited, publishes nothing: the figure was determined (and announced) by the legacy system. Refused for a
    year this service has determined itself, whose own determination prevails."""
    with uow:
        if uow.determinations.latest(cmd.entity_id, cmd.compliance_year) is not None:
            raise Conflict(f"{cmd.compliance_year} of {cmd.entity_id} was determined by this service; correct it "
                           f"by a re-check instead", field="compliance_year", article="M-15")
        record = HistoricalDetermination(cmd.entity_id, cmd.compliance_year, cmd.emissions, uow.now(),
                                         uow.context.actor)
        replaced = uow.determinations.import_historical(record)
        uow.audit("mrv.determination.imported", f"determination:{cmd.entity_id}-{cmd.compliance_year}",
                  {"emissions": cmd.emissions, "replaced": replaced.emissions if replaced else None})
        uow.commit()
    return record


def on_policy_changed(uow: MrvUnitOfWork, year: int, document: MrvPolicyModel) -> None:
    """PUT /policy/{year}, in its transaction: the year's verified cases are re-scheduled for auto-determination
    under the new objection period (a shorter one can make them due at the next tick)."""
    policy = document.to_domain(year)
    for case in uow.reports.list(year, CaseState.VERIFIED.value, 0, None):
        uow.reports.save(case, auto_determine_at=case.auto_determination_at(policy))
