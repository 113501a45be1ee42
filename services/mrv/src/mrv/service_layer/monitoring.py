"""Monitoring plans (M-11): a covered entity files its plan for a year and new versions of it; each version is an
event (`monitoring-plan.filed`). A plan found missing at the deadline (`deadlines`) is still accepted, late, into the
same case and under its correlation id."""
from __future__ import annotations

from ets_shared.errors import Forbidden, RuleViolation
from mrv.domain.monitoring import MonitoringPlan, PlanVersion
from mrv.service_layer import commands
from mrv.adapters.policy_repository import load_mrv_policy
from mrv.service_layer.publishing import plan_filed
from mrv.service_layer.unit_of_work import MrvUnitOfWork


def file_plan(entity_id: str, cmd: commands.FileMonitoringPlan,
              uow: MrvUnitOfWork) -> tuple[MonitoringPlan, PlanVersion]:
    with uow:
        if not uow.entities.is_covered(entity_id):
            raise RuleViolation(f"{entity_id} is not a covered entity: monitoring plans are filed by covered "
                                "entities (M-11)", field="entity_id", article="M-11")
        plan = uow.plans.find(entity_id, cmd.compliance_year)
        new = plan is None
        plan = plan or MonitoringPlan(entity_id, cmd.compliance_year, uow.context.correlation_id)
        version = plan.file(cmd.to_domain(), uow.now(), load_mrv_policy(uow.session, cmd.compliance_year))
        if new:
            uow.plans.add(plan)
        else:
            uow.plans.save(plan)
        uow.publish(plan_filed(plan))
        uow.commit()
    return plan, version


def revise_plan(plan_id: str, entity_id: str, cmd: commands.ReviseMonitoringPlan,
                uow: MrvUnitOfWork) -> tuple[MonitoringPlan, PlanVersion]:
    """M-11 ¶2: a new version with the reason for the change (a major change marked as such)."""
    with uow:
        plan = uow.plans.get(plan_id)
        if plan.entity_id != entity_id:
            raise Forbidden(f"only entity {plan.entity_id} may revise {plan_id}", field="plan_id", article="M-11")
        version = plan.revise(cmd.to_domain(), cmd.change_reason, cmd.major_change, uow.now())
        uow.plans.save(plan)
        uow.publish(plan_filed(plan))
        uow.commit()
    return plan, version
