"""Who is covered, and the published list (M-5, M-12 ¶2): voluntary applications and the authority's decision, the
emissions the authority knows (declared, reported, determined), and the list of a year — the year's thresholds
applied to those emissions, then published (a public API and `covered-list.published`)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from allocation.adapters.coverage_repository import EmissionsRepository
from allocation.adapters.orm import CoveredListRow
from allocation.adapters.repository import EntityRepository
from allocation.domain import (
    AllocationPolicy, CoverageApplication, CoverageBasis, CoveredEntity, EmissionsSource, KnownEmissions, classify,
    list_digest,
)
from allocation.domain.entities import Coverage
from allocation.service_layer import commands
from allocation.adapters.policy_repository import policy_for
from allocation.service_layer.registration import cover
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import as_utc, regulatory_date
from ets_shared.contracts.allocation import CoverageApplicationDecided, CoveredListPublished
from ets_shared.contracts.mrv import EmissionReportSubmitted
from ets_shared.errors import Conflict, RuleViolation
from ets_shared.messaging.consumers import reads_ahead


def application_id_for(entity_id: str, year: int) -> str:
    return f"APP-{entity_id}-{year}"


def file_application(entity_id: str, cmd: commands.FileCoverageApplication,
                     uow: AllocationUnitOfWork) -> CoverageApplication:
    """M-5 ¶1: an organisation that is not covered applies to be, from a year not yet past; one per year."""
    application_id = application_id_for(entity_id, cmd.compliance_year)
    with uow:
        entity = uow.entities.find(entity_id)
        if entity is not None and entity.is_covered:
            raise Conflict(f"{entity_id} is already covered (since {entity.first_compliance_year})",
                           field="entity_id", article="M-5")
        if uow.applications.find(application_id) is not None:
            raise Conflict(f"{entity_id} has already applied for {cmd.compliance_year} ({application_id})",
                           field="compliance_year", article="M-5")
        now = uow.now()
        if cmd.compliance_year < regulatory_date(now).year:
            raise RuleViolation(f"coverage cannot start in a past year ({cmd.compliance_year})",
                                field="compliance_year", article="M-5")
        application = CoverageApplication(application_id, entity_id, cmd.name, cmd.sector, cmd.compliance_year,
                                          cmd.statement, now, cmd.annual_emissions,
                                          correlation_id=uow.context.correlation_id)
        uow.applications.add(application)
        uow.audit("allocation.coverage-application.filed", f"coverage-application:{application_id}",
                  cmd.model_dump(mode="json"))
        uow.commit()
    return application


def decide_application(application_id: str, cmd: commands.DecideCoverageApplication,
                       uow: AllocationUnitOfWork) -> CoverageApplication:
    """The authority's decision, with reasons; an approval covers the organisation from the application's year
    (registered anew, or a reporting-only emitter covered) with its holding account."""
    with uow:
        application = uow.applications.get(application_id)
        now = uow.now()
        reason = application.decide(cmd.approve, cmd.reason, now, uow.context.actor)
        correlation_id = application.correlation_id
        if application.approved:
            entity = uow.entities.find(application.entity_id)
            if entity is None:
                entity = CoveredEntity(application.entity_id, application.name, application.sector, now,
                                       coverage_basis=CoverageBasis.VOLUNTARY,
                                       first_compliance_year=application.compliance_year)
                uow.entities.add_all([entity])
                if application.annual_emissions is not None:
                    uow.emissions.add_new([KnownEmissions(entity.entity_id, application.compliance_year - 1,
                                                          application.annual_emissions, None,
                                                          EmissionsSource.DECLARED, application.filed_at)])
            else:
                entity.cover(CoverageBasis.VOLUNTARY, application.compliance_year, now)
                uow.entities.save(entity)
            cover(uow, [entity], now, correlation_id=correlation_id)
        uow.applications.save(application)
        uow.publish(CoverageApplicationDecided(
            application_id=application_id, entity_id=application.entity_id, name=application.name,
            sector=application.sector, compliance_year=application.compliance_year, approved=application.approved,
            reason=reason, decided_at=now), correlation_id=correlation_id)
        uow.commit()
    return application


def declare_emissions(entity_id: str, cmd: commands.DeclareEmissions, uow: AllocationUnitOfWork) -> KnownEmissions:
    """The authority records an emitter's annual emissions from its own data (e.g. energy statistics); a reported or
    determined figure of the same year is not overwritten by a declaration."""
    with uow:
        uow.entities.get(entity_id)
        figure = KnownEmissions(entity_id, cmd.year, cmd.tonnes, cmd.energy_tce, EmissionsSource.DECLARED, uow.now())
        if not uow.emissions.record(figure):
            raise Conflict(f"the {cmd.year} emissions of {entity_id} are already known from a report or a "
                           "determination", field="year", article="M-5")
        uow.audit("allocation.emissions.declared", f"entity:{entity_id}", cmd.model_dump(mode="json"))
        uow.commit()
    return figure


@dataclass(frozen=True)
class ListDraft:
    """What publishing a year's list would do: the reporting-only emitters the year's thresholds now cover (with the
    figures that cover them), and the list's size."""

    compliance_year: int
    to_cover: list[tuple[CoveredEntity, KnownEmissions]]
    covered: list[CoveredEntity]  # on the list before the thresholds are applied
    reporting_only_count: int


def draft_list(entities: EntityRepository, emissions: EmissionsRepository, year: int,
               policy: AllocationPolicy) -> ListDraft:
    """M-5: the year's inclusion thresholds applied to the latest emissions known before the year of every active
    reporting-only emitter (covered entities stay covered until they exit, M-18)."""
    reporting_only = [e for e in entities.all_of(Coverage.REPORTING_ONLY) if e.is_active]
    known = emissions.latest_before([e.entity_id for e in reporting_only], year)
    to_cover = [(e, known[e.entity_id]) for e in reporting_only if e.entity_id in known and classify(
        policy, e.sector, known[e.entity_id].tonnes, known[e.entity_id].energy_tce) is CoverageBasis.THRESHOLD]
    covered = [e for e in entities.all_of(Coverage.COVERED) if e.covered_in(year)]
    return ListDraft(year, to_cover, covered, len(reporting_only) - len(to_cover))


def preview_list(year: int, session: Session) -> ListDraft:
    """What publishing would do now (read only)."""
    return draft_list(EntityRepository(session), EmissionsRepository(session), year, policy_for(session, year))


def publish_list(year: int, uow: AllocationUnitOfWork) -> tuple[CoveredListRow, ListDraft]:
    """M-5 ¶2: apply the thresholds (covering, from `year`, the reporting-only emitters that now reach them), then
    publish the year's list as a new version; refused when it would equal the latest version."""
    with uow:
        policy = policy_for(uow.session, year)
        now = uow.now()
        draft = draft_list(uow.entities, uow.emissions, year, policy)
        for entity, _ in draft.to_cover:
            entity.cover(CoverageBasis.THRESHOLD, year, now)
            uow.entities.save(entity)
        cover(uow, [e for e, _ in draft.to_cover], now)
        listed = sorted(draft.covered + [e for e, _ in draft.to_cover], key=lambda e: e.entity_id)
        ids = {e.entity_id for e in listed}
        previous = uow.lists.latest(year)
        before = uow.lists.entity_ids(year, previous.version) if previous else set()
        digest = list_digest(ids)
        if previous is not None and previous.digest == digest:
            raise Conflict(f"the {year} list is unchanged since version {previous.version}", field="compliance_year",
                           article="M-5")
        header = CoveredListRow(compliance_year=year, version=(previous.version + 1) if previous else 1,
                                published_at=now, published_by=uow.context.actor, covered_count=len(listed),
                                reporting_only_count=draft.reporting_only_count, digest=digest)
        uow.lists.add(header, listed)
        uow.publish(CoveredListPublished(
            compliance_year=year, version=header.version, covered_count=header.covered_count,
            reporting_only_count=header.reporting_only_count, added=len(ids - before), removed=len(before - ids),
            digest=digest, path=f"/public/covered-lists/{year}", published_at=now))
        uow.commit()
    return header, draft


def read_reports_ahead(events: Sequence[EmissionReportSubmitted], uow: AllocationUnitOfWork) -> None:
    """A batch of reports: its entities and the figures held for them in one query each (per 500)."""
    uow.entities.read_ahead([e.entity_id for e in events])
    uow.emissions.read_ahead([(e.entity_id, e.compliance_year) for e in events])


@reads_ahead(read_reports_ahead)
def on_report_submitted(event: EmissionReportSubmitted, uow: AllocationUnitOfWork) -> None:
    """M-12: an emitter's reported emissions are emissions the authority knows (M-5: the base of a later year's
    list); a determination of the same year, once known, prevails. Emitters this registry does not know: ignored."""
    if not uow.entities.exists(event.entity_id):
        return
    if uow.emissions.record_later(KnownEmissions(event.entity_id, event.compliance_year, event.reported_emissions,
                                                 None, EmissionsSource.REPORTED, as_utc(event.submitted_at))):
        uow.defer(_write_figures, None)  # with the batch's others, at its commit


def _write_figures(_: list[None], uow: AllocationUnitOfWork) -> None:
    uow.emissions.write_pending()
