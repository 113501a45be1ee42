"""The yearly allocation plan (M-6 cap, M-7 approval, M-8 methods, M-9 issuance into the registry)."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from allocation.adapters.orm import ISSUANCE_ACCOUNT
from allocation.domain import AllocationPlan, UnitLine, UnitType
from allocation.domain.paid_allocation import paid_reserve
from allocation.service_layer import commands
from allocation.adapters.policy_repository import policy_for
from allocation.service_layer.registration import account_id
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.allocation import AllowancesIssued
from ets_shared.errors import Conflict, DomainError, RuleViolation

#: domain field of an entry -> the request's field name
_ENTRY_FIELDS = {"entity_id": "entity_id", "base_years": "base_years", "factor": "factor",
                 "benchmark_intensity": "intensity", "output": "output", "early_action_bonus": "early_action_bonus"}


def plan_id(year: int) -> str:
    return f"PLAN-{year}"


def _at_entry(exc: DomainError, i: int) -> DomainError:
    """Name the request entry that broke the rule: entries[i].<field>, or entries[i] for the cap (M-6)."""
    if exc.field in _ENTRY_FIELDS:
        exc.field = f"entries[{i}].{_ENTRY_FIELDS[exc.field]}"
    elif exc.field == "entries" and exc.article == "M-6":
        exc.field = f"entries[{i}]"
    return exc


def create_plan(cmd: commands.CreatePlan, uow: AllocationUnitOfWork) -> AllocationPlan:
    with uow:
        if uow.plans.exists(cmd.compliance_year):
            raise Conflict(f"the {cmd.compliance_year} plan exists already", field="compliance_year", article="M-7")
        share = policy_for(uow.session, cmd.compliance_year).paid_share
        plan = AllocationPlan(cmd.compliance_year, cmd.cap, paid_reserve=paid_reserve(cmd.cap, share))
        uow.plans.add(plan, uow.now())
        uow.audit("allocation.plan.created", f"plan:{plan.year}", {"cap": plan.cap, "paid_reserve": plan.paid_reserve})
        try:
            uow.commit()
        except IntegrityError as exc:
            raise Conflict(f"the {cmd.compliance_year} plan exists already", field="compliance_year") from exc
    return plan


def change_cap(year: int, cmd: commands.ChangeCap, uow: AllocationUnitOfWork) -> AllocationPlan:
    """M-6: a draft plan's cap corrected; its paid reserve (M-9) follows the new cap."""
    with uow:
        plan = uow.plans.get(year, [])
        before = plan.cap
        plan.set_cap(cmd.cap, paid_reserve(cmd.cap, policy_for(uow.session, year).paid_share))
        uow.plans.save(plan)
        uow.audit("allocation.plan.cap_changed", f"plan:{year}",
                  {"from": before, "to": plan.cap, "paid_reserve": plan.paid_reserve})
        uow.commit()
    return plan


def add_entries(year: int, cmd: commands.AddEntries, uow: AllocationUnitOfWork) -> AllocationPlan:
    """M-8: entries computed by their method, all or none; the cap is never exceeded (M-6)."""
    with uow:
        ids = [e.entity_id for e in cmd.entries]
        plan = uow.plans.get(year, ids)
        known = uow.entities.covered_ids(ids)
        for i, entry in enumerate(cmd.entries):
            if entry.entity_id not in known:
                raise RuleViolation(f"{entry.entity_id} is not a registered covered entity",
                                  field=f"entries[{i}].entity_id", article="M-5")
        for i, entry in enumerate(cmd.entries):
            try:
                if isinstance(entry, commands.HistoricalEntry):
                    plan.add_historical_entry(entry.entity_id, entry.base_years, entry.factor,
                                              entry.early_action_bonus)
                else:
                    plan.add_benchmark_entry(entry.entity_id, entry.intensity, entry.output,
                                             entry.early_action_bonus)
            except DomainError as exc:
                raise _at_entry(exc, i) from None
        uow.plans.save(plan)
        uow.audit("allocation.plan.entries-added", f"plan:{year}",
                  {"entries": len(cmd.entries), "allocated": plan.allocated, "remaining": plan.remaining})
        uow.commit()
    return plan


def remove_entry(year: int, entity_id: str, uow: AllocationUnitOfWork) -> AllocationPlan:
    with uow:
        plan = uow.plans.get(year, [entity_id])
        plan.remove_entry(entity_id)
        uow.plans.save(plan)
        uow.audit("allocation.plan.entry-removed", f"plan:{year}", {"entity_id": entity_id})
        uow.commit()
    return plan


def approve_plan(year: int, uow: AllocationUnitOfWork) -> AllocationPlan:
    """M-7: the plan is approved before it is used."""
    with uow:
        plan = uow.plans.get(year, [])
        plan.approve(uow.now())
        uow.plans.save(plan)
        uow.audit("allocation.plan.approved", f"plan:{year}", {"allocated": plan.allocated, "cap": plan.cap})
        uow.commit()
    return plan


def issue_plan(year: int, uow: AllocationUnitOfWork) -> AllocationPlan:
    """M-9, M-32: issue each entity's allocation (vintage = the year) into its holding account, one registry
    transaction per entity, all in one database transaction."""
    with uow:
        plan = uow.plans.get(year)
        now = uow.now()
        lines = plan.issue(now)
        accounts = {line.entity_id: account_id(line.entity_id) for line in lines}
        registry = uow.registry.load([ISSUANCE_ACCOUNT, *accounts.values()], accounts.values(),
                                     unit_type=UnitType.SHEA, vintage=year)
        transactions = []
        for line in lines:
            tx = registry.issue(f"ISS-{year}-{line.entity_id}", ISSUANCE_ACCOUNT, accounts[line.entity_id],
                                [UnitLine(UnitType.SHEA, line.vintage, line.quantity)], now)
            transactions.append(tx)
            uow.publish(AllowancesIssued(transaction_id=tx.transaction_id, plan_id=plan_id(year),
                                         entity_id=line.entity_id, account_id=accounts[line.entity_id],
                                         vintage=line.vintage, quantity=line.quantity, issued_at=now))
        uow.registry.record(registry, transactions, reference=f"plan:{year}")
        uow.plans.save(plan)
        uow.audit("allocation.plan.issued", f"plan:{year}", {"entities": len(lines), "issued": plan.allocated})
        uow.commit()
    return plan
