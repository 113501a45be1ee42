"""Exit (M-18): the declaration takes the entity off the active list, starts its current-year report (mrv, by
`entity.exit-declared`) and recalls `exit_recall_ratio` of the free allowances it already received for later
vintages into the authority's recall account (`allowances.recalled`), in one transaction. The exit year's
obligation then follows its determination (`obligations`: surrendered from the determination, M-18 ¶2)."""
from __future__ import annotations

import json

from allocation.adapters.orm import RECALL_ACCOUNT, EntityExitRow
from allocation.domain import UnitLine, UnitType
from allocation.domain.exit import check_exit_date, exit_report_due, plan_recall
from allocation.entrypoints.schemas_exit import ExitPublic
from allocation.service_layer import commands
from allocation.adapters.policy_repository import policy_for
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.clock import regulatory_date, start_of_day
from ets_shared.contracts.allocation import AllowancesRecalled, EntityExitDeclared, RecalledVintage
from ets_shared.errors import Conflict


def declare_exit(entity_id: str, cmd: commands.DeclareExit, uow: AllocationUnitOfWork) -> ExitPublic:
    with uow:
        uow.entities.require_covered(entity_id)
        entity = uow.entities.get(entity_id)
        if not entity.is_active:
            raise Conflict(f"entity {entity_id} has already exited or passed to a successor", field="entity_id",
                           article="M-18")
        now = uow.now()
        check_exit_date(cmd.exit_on, regulatory_date(now), regulatory_date(entity.registered_at))
        year = cmd.exit_on.year
        policy = policy_for(uow.session, year)
        entity.exit(max(start_of_day(cmd.exit_on), entity.registered_at))
        uow.entities.save(entity)
        account = account_id(entity_id)
        registry = uow.registry.load([account, RECALL_ACCOUNT], [account], unit_type=UnitType.SHEA)
        held = {k.vintage: q for k, q in registry.holdings.items() if k.account_id == account}
        lines = plan_recall(year, uow.plans.issued_free(entity_id, year), held, policy.exit_recall_ratio)
        taken = [UnitLine(UnitType.SHEA, ln.vintage, ln.recalled) for ln in lines if ln.recalled]
        tx = None
        if taken:
            tx = registry.recall(f"RCL-{entity_id}", account, RECALL_ACCOUNT, taken, now)
            uow.registry.record(registry, [tx], reference=f"exit:{entity_id}")
        row = EntityExitRow(entity_id=entity_id, reason=cmd.reason, exit_on=cmd.exit_on,
                            report_due_on=exit_report_due(cmd.exit_on, policy.exit_report_days),
                            statement=cmd.statement, declared_at=now, declared_by=uow.context.actor,
                            recall_transaction_id=tx.transaction_id if tx else None,
                            recall=json.dumps([{**vars(ln), "unrecovered": ln.unrecovered} for ln in lines]),
                            correlation_id=uow.context.correlation_id)
        uow.session.add(row)
        uow.publish(EntityExitDeclared(entity_id=entity_id, reason=cmd.reason, exit_on=cmd.exit_on,
                                       compliance_year=year, report_due_on=row.report_due_on, declared_at=now))
        uow.publish(AllowancesRecalled(
            entity_id=entity_id, transaction_id=row.recall_transaction_id, account_id=account,
            recall_account_id=RECALL_ACCOUNT, ratio=str(policy.exit_recall_ratio),
            vintages=[RecalledVintage(vintage=ln.vintage, issued_free=ln.issued_free, due=ln.due,
                                      recalled=ln.recalled, unrecovered=ln.unrecovered) for ln in lines],
            recalled_at=now))
        uow.audit("allocation.entity.exited", f"entity:{entity_id}", cmd)
        uow.commit()
    return ExitPublic.of(row)

