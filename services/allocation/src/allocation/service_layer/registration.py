"""Emitters and what enters their registry accounts from outside: registration by the thresholds (M-5, M-12 ¶2)
with a holding account for each covered entity (M-32), and CCERs deposited from the national registry (M-44(6),
M-17). Voluntary applications and the published list: `coverage`."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from allocation.adapters.orm import ISSUANCE_ACCOUNT
from allocation.domain import (
    Account, AccountKind, CcerOrigin, Coverage, CoverageBasis, CoveredEntity, EmissionsSource, KnownEmissions,
    RegistryTransaction, UnitLine, UnitType, classify,
)
from allocation.service_layer import commands
from allocation.adapters.policy_repository import policy_cache
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import regulatory_date
from ets_shared.contracts.allocation import EntityRegistered
from ets_shared.errors import Conflict, RuleViolation
from ets_shared.ids import ordered_id


def account_id(entity_id: str) -> str:
    """An entity's holding account in the registry."""
    return f"ACC-{entity_id}"


def new_transaction_id(kind: str) -> str:
    return ordered_id(kind)


def cover(uow: AllocationUnitOfWork, entities: Sequence[CoveredEntity], now: datetime, *,
          correlation_id: str | None = None) -> None:
    """Entities just put on the covered list: each gets its holding account (M-32) and EntityRegistered."""
    uow.registry.open_accounts([Account(account_id(e.entity_id), AccountKind.ENTITY_HOLDING, e.entity_id, now)
                                for e in entities])
    for entity in entities:
        publish_registered(uow, entity, correlation_id)


def publish_registered(uow: AllocationUnitOfWork, entity: CoveredEntity, correlation_id: str | None = None) -> None:
    uow.publish(EntityRegistered(entity_id=entity.entity_id, name=entity.name, sector=entity.sector,
                                 covered=entity.is_covered, registered_at=entity.registered_at,
                                 first_compliance_year=entity.first_compliance_year,
                                 coverage_basis=entity.coverage_basis.value if entity.coverage_basis else None),
                correlation_id=correlation_id)


def register_entities(cmds: Sequence[commands.RegisterEntity], uow: AllocationUnitOfWork,
                      prefix: str = "entities[{i}].") -> list[CoveredEntity]:
    """M-5 / M-12 ¶2: the year's thresholds applied to each emitter's known emissions put it on the covered list
    (with its holding account) or the reporting-only list; an emitter below both is refused (it may apply). All or
    none, one transaction."""
    with uow:
        existing = uow.entities.existing_ids([c.entity_id for c in cmds])
        seen: set[str] = set()
        for i, cmd in enumerate(cmds):
            if cmd.entity_id in existing or cmd.entity_id in seen:
                raise Conflict(f"entity {cmd.entity_id} is already registered",
                               field=prefix.format(i=i) + "entity_id", article="M-5")
            seen.add(cmd.entity_id)
        now = uow.now()
        policies = policy_cache(uow.session)
        registered, figures = [], []
        for i, cmd in enumerate(cmds):
            year = cmd.compliance_year or regulatory_date(now).year
            basis = classify(policies(year), cmd.sector, cmd.annual_emissions, cmd.energy_tce)
            if basis is None:
                policy = policies(year)
                raise RuleViolation(
                    f"{cmd.entity_id}: {cmd.annual_emissions} t is below the {year} inclusion threshold of sector "
                    f"'{cmd.sector}' and the reporting threshold of {policy.reporting_threshold_t} t; it may apply "
                    f"to be covered (POST /coverage-applications)", field=prefix.format(i=i) + "annual_emissions",
                    article="M-5")
            coverage = Coverage.REPORTING_ONLY if basis is CoverageBasis.REPORTING_THRESHOLD else Coverage.COVERED
            registered.append(CoveredEntity(cmd.entity_id, cmd.name, cmd.sector, now, coverage=coverage,
                                            coverage_basis=basis, first_compliance_year=year))
            figures.append(KnownEmissions(cmd.entity_id, cmd.emissions_year or year - 1, cmd.annual_emissions,
                                          cmd.energy_tce, EmissionsSource.DECLARED, now))
        uow.entities.add_all(registered)
        uow.emissions.add_new(figures)
        cover(uow, [e for e in registered if e.is_covered], now)
        for entity in registered:
            if not entity.is_covered:
                publish_registered(uow, entity)
        try:
            uow.commit()
        except IntegrityError as exc:  # registered concurrently between our check and our commit
            raise Conflict("an entity of this request was registered meanwhile", article="M-5") from exc
    return registered


def deposit_ccer(entity_id: str, cmd: commands.DepositCcer, uow: AllocationUnitOfWork) -> RegistryTransaction:
    """CCERs from the national registry enter the entity's account, one lot per project, reduction date and
    boundary (vintage = the reduction year); whether they may be surrendered is judged at surrender (M-17)."""
    with uow:
        uow.entities.require_covered(entity_id)
        now = uow.now()
        if cmd.reduction_date > regulatory_date(now):
            raise RuleViolation(f"a reduction dated {cmd.reduction_date} lies in the future", field="reduction_date",
                                article="M-17")
        account = account_id(entity_id)
        vintage = cmd.reduction_date.year
        registry = uow.registry.load([ISSUANCE_ACCOUNT, account], [account], unit_type=UnitType.CCER,
                                     vintage=vintage)
        origin = CcerOrigin(cmd.project_id, cmd.reduction_date, cmd.boundary_entity_id)
        tx = registry.issue(new_transaction_id("CCER"), ISSUANCE_ACCOUNT, account,
                            [UnitLine(UnitType.CCER, vintage, cmd.quantity, origin)], now)
        uow.registry.record(registry, [tx], reference=f"ccer-deposit:{cmd.project_id}")
        uow.audit("allocation.ccer.deposited", f"entity:{entity_id}",
                  {"transaction_id": tx.transaction_id, **cmd.model_dump(mode="json")})
        uow.commit()
    return tx
