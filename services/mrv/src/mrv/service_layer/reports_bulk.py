"""The integrators' bulk filings, set-based (`ets_shared.http.bulk.apply_together`): a reporting platform's emission
reports (M-12) and an agency's verification reports (M-13), up to 1,000 in one request.

The request's cases, entities, signatories' directories and previous years' figures are read in a few queries;
each item is then judged by the same rules as its single-item use case (`reports.file_report`, `reports.verify`),
on the case as the items before it in the request left it, and acts under its own context (its correlation id, the
request's as cause). The accepted items' rows are collected and written together at the commit
(`adapters.collected_writes`), their events and audit records with them. A refused item is refused before its case
changes, so nothing of it is written and the others stand; its outcome is its `DomainError`. Any other exception
fails the set-based attempt as a whole: `apply_together` then applies the items one by one, each in a savepoint.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ets_shared.envelope import MessageContext
from ets_shared.errors import DomainError, NotFound
from mrv.adapters.determinations import DeterminationRecords
from mrv.adapters.policy_repository import policy_cache
from mrv.adapters.repository import ReportCaseRepository
from mrv.adapters.signatories import CoveredEntityRepository, SignatoryRepository
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import Verification
from mrv.service_layer import reports
from mrv.service_layer.commands_bulk import ReportFiled, VerificationOfReport
from mrv.service_layer.unit_of_work import MrvUnitOfWork

Outcome = Any  # the item's result, or the DomainError refusing it
Item = TypeVar("Item")


def submit_reports(items: Sequence[ReportFiled], uow: MrvUnitOfWork,
                   contexts: list[MessageContext]) -> list[ReportCase | DomainError]:
    """M-12 for each item, as `reports.submit_report` would for its entity (the reporting platform files each
    entity's own report: no succession to check)."""
    with uow:
        read_ahead_reports(items)(uow.session)
        uow.reports.collect_writes()
        cases = _Cases(uow)
        policy_of = policy_cache(uow.session)

        def file(item: ReportFiled) -> ReportCase:
            report_id = reports.report_id_for(item.entity_id, item.compliance_year)
            case = reports.file_report(uow, item.entity_id, item, cases.find(report_id),
                                       policy_of(item.compliance_year))
            cases.keep(report_id, case)  # a new case: the next item on it finds it filed
            return case

        outcomes = [_each(uow, context, file, item) for item, context in zip(items, contexts, strict=True)]
        uow.commit()
    return outcomes


def file_verifications(items: Sequence[VerificationOfReport], verifier_id: str, uow: MrvUnitOfWork,
                       contexts: list[MessageContext]) -> list[tuple[ReportCase, Verification] | DomainError]:
    """M-13 for each item, signed by `verifier_id`, as `reports.file_verification` would."""
    with uow:
        read_ahead_verifications(items, verifier_id)(uow.session)
        uow.reports.collect_writes()
        cases = _Cases(uow)
        policy_of = policy_cache(uow.session)

        def verify(item: VerificationOfReport) -> tuple[ReportCase, Verification]:
            case = cases.get(item.report_id)
            return case, reports.verify(uow, item.report_id, case, verifier_id, item, policy_of(case.year))

        outcomes = [_each(uow, context, verify, item) for item, context in zip(items, contexts, strict=True)]
        uow.commit()
    return outcomes


def _each(uow: MrvUnitOfWork, context: MessageContext, apply: Callable[[Item], Outcome], item: Item) -> Outcome:
    uow.context = context  # the item's events and audit records: its case, the request as cause
    try:
        return apply(item)
    except DomainError as exc:  # raised by the rules before the case changes: the item's refusal, the others stand
        return exc


class _Cases:
    """The request's cases, each loaded once (read ahead) and then carried from item to item, so a second item on
    one case sees what the first did to it."""

    def __init__(self, uow: MrvUnitOfWork) -> None:
        self.uow = uow
        self._cases: dict[str, ReportCase | None] = {}

    def find(self, report_id: str) -> ReportCase | None:
        if report_id not in self._cases:
            self._cases[report_id] = self.uow.reports.find(report_id)
        return self._cases[report_id]

    def get(self, report_id: str) -> ReportCase:
        case = self.find(report_id)
        if case is None:
            raise NotFound(f"no emission report {report_id}", field="report_id")
        return case

    def keep(self, report_id: str, case: ReportCase) -> None:
        self._cases[report_id] = case


def read_ahead_reports(items: Sequence[ReportFiled]) -> Callable[[Session], None]:
    """The request's cases and entities, read in a few queries before its items are judged."""
    def prepare(session: Session) -> None:
        ReportCaseRepository(session, lock=True).preload(
            [reports.report_id_for(r.entity_id, r.compliance_year) for r in items])
        CoveredEntityRepository(session).preload(r.entity_id for r in items)
    return prepare


def read_ahead_verifications(items: Sequence[VerificationOfReport],
                             verifier_id: str | None) -> Callable[[Session], None]:
    """The request's cases, the signatories' directories (once per agency and year), the entities' assignments and
    previous years' figures, read in a few queries before its items are judged."""
    def prepare(session: Session) -> None:
        rows = {r.report_id: r for r in ReportCaseRepository(session, lock=True).preload(
            [v.report_id for v in items])}
        cases = [(v.agency_id, rows[v.report_id]) for v in items if v.report_id in rows]
        if verifier_id is not None:
            SignatoryRepository(session).preload({(agency, verifier_id, r.compliance_year) for agency, r in cases},
                                                 [(r.entity_id, r.compliance_year) for _, r in cases])
        DeterminationRecords(session).preload_determined((r.entity_id, r.compliance_year - 1) for _, r in cases)
    return prepare
