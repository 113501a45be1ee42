"""M-43 accountability: inaction flags and the decision log beyond the cases' own steps.

- A case that waited too long for an official (`PenaltyCase.tick` records `inaction_flagged`) gets an
  `InactionFlag`; the next act of a person on the case resolves it (`track_case`).
- Other services' deadlines the authority owns: a missed one reported by its service opens a flag, the act that
  comes at last resolves it. Each is one entry of `DEADLINES_MISSED` / `DEADLINES_MET`: today mrv's
  `determination.overdue` (M-15: 30 days from the verification report) and `determination.made` v2.
Every flag raised or resolved is an event and a decision-log entry.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.contracts.mrv import DeterminationOverdue, EmissionsDeterminedV2
from ets_shared.messaging.consumers import reads_ahead
from enforcement.domain import CaseStep, InactionFlag, PenaltyCase, StepKind, person_of
from enforcement.service_layer.publishing import publish_flag
from enforcement.service_layer.unit_of_work import EnforcementUnitOfWork

OFFICE = "enforcement office"


def track_case(uow: EnforcementUnitOfWork, case: PenaltyCase, steps: list[CaseStep]) -> None:
    for step in steps:
        if step.kind is StepKind.INACTION_FLAGGED:
            flag = InactionFlag(f"{case.case_id}@{step.at:%Y%m%dT%H%M%S}", OFFICE, "enforcement",
                                f"case:{case.case_id}", f"{case.article} case {case.case_id}: {step.detail}", None,
                                step.at, case.party_id, case.case_id)
            uow.flags.save(flag)
            publish_flag(uow, flag, case.correlation_id)
        elif person_of(step.actor) is not None:
            for flag in uow.flags.open_about(case_id=case.case_id):
                _resolve(uow, flag, step.at, f"{step.kind} by {step.actor}", case.correlation_id)


def _raise(uow: EnforcementUnitOfWork, flag: InactionFlag) -> None:
    if uow.flags.find(flag.flag_id) is not None:
        return  # the same missed deadline reported again
    uow.flags.save(flag)
    uow.log.append(at=flag.found_at, subject_ref=f"inaction:{flag.flag_id}", kind="inaction_flagged",
                   actor=uow.context.actor, detail=f"{flag.responsible} did not {flag.duty} by {flag.due_on} (M-43)",
                   correlation_id=uow.context.correlation_id)
    publish_flag(uow, flag, uow.context.correlation_id)


def _resolve(uow: EnforcementUnitOfWork, flag: InactionFlag, at, how: str, correlation_id: str) -> None:
    resolved_at = flag.resolve(at, how)
    if resolved_at is not None:
        uow.flags.save(flag)
        uow.log.append(at=resolved_at, subject_ref=f"inaction:{flag.flag_id}", kind="inaction_resolved",
                       actor=uow.context.actor, detail=how, correlation_id=correlation_id, case_id=flag.case_id)
        publish_flag(uow, flag, correlation_id)


# -- other services' deadlines the authority owns ------------------------------------------------------------------
def determination_overdue(event: DeterminationOverdue) -> InactionFlag:
    return InactionFlag(
        f"mrv-determination-{event.report_id}-{event.due_by}", "authority", "mrv", f"report:{event.report_id}",
        f"determine the {event.compliance_year} emissions of {event.entity_id} ({event.state}; M-15)", event.due_by,
        as_utc(event.found_at), event.entity_id)


def determination_made(event: EmissionsDeterminedV2) -> tuple[str, Any, str]:
    day = regulatory_date(event.determined_at)
    return f"report:{event.report_id}", event.determined_at, f"determined on {day} ({event.basis})"


DEADLINES_MISSED: dict[type, Callable[[Any], InactionFlag]] = {DeterminationOverdue: determination_overdue}
DEADLINES_MET: dict[type, Callable[[Any], tuple[str, Any, str]]] = {EmissionsDeterminedV2: determination_made}


def flags_missed(build: Callable[[Any], InactionFlag]) -> Callable[[Any, EnforcementUnitOfWork], None]:
    def on_deadline_missed(event: Any, uow: EnforcementUnitOfWork) -> None:
        _raise(uow, build(event))

    on_deadline_missed.__doc__ = f"M-43: {build.__name__.replace('_', ' ')} — an official's missed deadline is flagged."
    return on_deadline_missed


def resolves_flags(build: Callable[[Any], tuple[str, Any, str]]) -> Callable[[Any, EnforcementUnitOfWork], None]:
    def read_flags_ahead(events: Sequence[Any], uow: EnforcementUnitOfWork) -> None:
        uow.flags.read_open_ahead([build(e)[0] for e in events])

    @reads_ahead(read_flags_ahead)
    def on_deadline_met(event: Any, uow: EnforcementUnitOfWork) -> None:
        subject_ref, at, how = build(event)
        for flag in uow.flags.open_about(subject_ref=subject_ref):
            late = f", {(regulatory_date(at) - flag.due_on).days} days after {flag.due_on}" if flag.due_on else ""
            _resolve(uow, flag, as_utc(at), how + late, uow.context.correlation_id)

    on_deadline_met.__doc__ = (f"M-43: {build.__name__.replace('_', ' ')} — the act a flagged deadline waited for "
                               "resolves the flag.")
    return on_deadline_met
