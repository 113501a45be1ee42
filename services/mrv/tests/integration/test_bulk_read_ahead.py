"""A bulk request's verifications (M-13, V) read what they need ahead, in a few queries: the signatories'
directory once, the entities' assignments as their agencies (no row object each, no query per item). The rules are
those of the single-item endpoint: only the agency assigned to the entity may verify its report. In-process
(migrated database, no NATS): the service layer in a request's shared transaction, as `apply_together` runs it."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import event

from ets_shared.clock import REGULATORY_TZ
from ets_shared.envelope import MessageContext
from ets_shared.errors import Forbidden
from mrv.adapters.orm import CoveredEntityRow, VerificationAssignmentRow
from mrv.service_layer import reports_bulk
from mrv.service_layer.commands_bulk import FileVerifications, SubmitReports


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=REGULATORY_TZ).astimezone(timezone.utc)


def contexts(n: int) -> list[MessageContext]:
    return [MessageContext(correlation_id=f"case-{i}", causation_id="request", actor="test") for i in range(n)]


def test_m13_bulk_verifications_read_the_assignments_ahead_and_refuse_the_unassigned(runtime):
    entities = ["E-1", "E-2", "E-3"]
    with runtime.uow(MessageContext.new("test")) as uow:
        uow.advance_clock(sh(2026, 4, 10))
        for entity_id in entities:
            uow.entities.record(entity_id, entity_id, "steel", True, sh(2025, 1, 5), 2025)
        uow.signatories.record_filing("AG-1", "FILED", 1, sh(2020, 1, 5))
        uow.signatories.record_award("AG-1", 2025, "T-1", 1, sh(2026, 1, 15))
        uow.signatories.record_eligibility("AG-1", 2025, True, "selected", sh(2026, 1, 15))
        uow.signatories.record_certificate("HCZ-1", "V-1", "AG-1", 2025, sh(2026, 1, 20))
        uow.signatories.record_assignment("E-1", 2025, "AG-1", 1, sh(2026, 2, 1))
        uow.signatories.record_assignment("E-2", 2025, "AG-2", 1, sh(2026, 2, 1))  # E-3: assigned to no one
        uow.commit()
    sources = [{"kind": "process", "quantity": "1000", "unit": "tCO2e"}]
    reports = SubmitReports.model_validate({"reports": [
        {"entity_id": e, "compliance_year": 2025, "sources": sources} for e in entities]}).reports
    with runtime.shared_transaction() as transaction:
        reports_bulk.submit_reports(reports, runtime.uow(MessageContext.new("test"), transaction), contexts(3))
        transaction.commit()
    items = FileVerifications.model_validate({"verifications": [
        {"report_id": f"RPT-{e}-2025", "agency_id": "AG-1", "verified_sources": sources} for e in entities]
    }).verifications
    statements: list[str] = []

    def counted(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with runtime.shared_transaction() as transaction:
        reports_bulk.read_ahead_verifications(items, "V-1")(transaction.session)
        assert not [o for o in transaction.session.identity_map.values() if isinstance(o, VerificationAssignmentRow)]
        event.listen(runtime.engine, "before_cursor_execute", counted)
        try:
            outcomes = reports_bulk.file_verifications(items, "V-1", runtime.uow(MessageContext.new("test"),
                                                                                   transaction), contexts(3))
        finally:
            event.remove(runtime.engine, "before_cursor_execute", counted)
        transaction.commit()
    assert not isinstance(outcomes[0], Exception) and outcomes[0][0].state.value == "verified"
    assert isinstance(outcomes[1], Forbidden) and isinstance(outcomes[2], Forbidden)  # not AG-1's to verify
    assert len([s for s in statements if "FROM verification_assignment" in s]) == 1  # the request's, not per item


def test_m12_bulk_reports_read_the_entities_coverage_ahead_and_cover_only_the_covered_years(runtime):
    with runtime.uow(MessageContext.new("test")) as uow:
        uow.advance_clock(sh(2026, 3, 15))
        uow.entities.record("E-1", "E-1", "steel", True, sh(2025, 1, 5), 2025)
        uow.entities.record("E-2", "E-2", "steel", True, sh(2026, 1, 5), 2026)  # covered from 2026 only
        uow.entities.record("E-3", "E-3", "steel", False, sh(2025, 1, 5), 2025)  # reporting-only
        uow.commit()
    reports = SubmitReports.model_validate({"reports": [
        {"entity_id": e, "compliance_year": 2025, "sources": [{"kind": "process", "quantity": "10", "unit": "tCO2e"}]}
        for e in ("E-1", "E-2", "E-3", "E-9")]}).reports
    with runtime.shared_transaction() as transaction:
        reports_bulk.read_ahead_reports(reports)(transaction.session)
        assert not [o for o in transaction.session.identity_map.values() if isinstance(o, CoveredEntityRow)]
        cases = reports_bulk.submit_reports(reports, runtime.uow(MessageContext.new("test"), transaction),
                                            contexts(4))
        transaction.commit()
    assert [c.covered for c in cases] == [True, False, False, False]  # E-9: not registered, reporting-only


def test_a_registration_after_the_coverage_was_read_ahead_is_what_counts(runtime):
    with runtime.uow(MessageContext.new("test")) as uow:
        uow.entities.preload(["E-7"])
        assert not uow.entities.is_covered("E-7", 2025)  # read ahead: not registered
        uow.entities.record("E-7", "E-7", "steel", True, sh(2025, 1, 5), 2025)
        assert uow.entities.is_covered("E-7", 2025)
