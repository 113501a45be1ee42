"""The mrv domain: pure rules of monitoring, reporting, verification and determination (docs/rules.md §4, §9).

Modules: factors (M-44(1) factor tables), emissions (M-44(1) computation), policy (per-year [param]s, M-11..M-15),
recheck (M-15 ¶2 triggers), signatories (M-14, V), reports (M-12, M-13, M-15 records), report_case (the aggregate),
monitoring (M-11 plans).
"""
from mrv.domain.emissions import ActivitySource, EmissionsBreakdown, SourceKind, compute_emissions, to_tonnes
from mrv.domain.factors import (
    BUILTIN_FACTOR_SETS, FactorSet, FuelFactor, factor_set_for_year, find_factor_set,
)
from mrv.domain.monitoring import (
    MonitoredSource, MonitoringPlan, PlanContent, PlanVersion, ResponsiblePerson, plan_id_for,
)
from mrv.domain.policy import DiscrepancyBase, MrvPolicy, is_late, missing_from
from mrv.domain.recheck import RecheckTrigger, TriggerCode, recheck_triggers
from mrv.domain.report_case import ReportCase
from mrv.domain.reports import (
    CaseState, Determination, DeterminationBasis, EmissionReport, Objection, Recheck, Verification,
)
from mrv.domain.signatories import VerifierDirectory, check_signatory

__all__ = [
    "ActivitySource", "EmissionsBreakdown", "SourceKind", "compute_emissions", "to_tonnes",
    "BUILTIN_FACTOR_SETS", "FactorSet", "FuelFactor", "factor_set_for_year", "find_factor_set",
    "MonitoredSource", "MonitoringPlan", "PlanContent", "PlanVersion", "ResponsiblePerson", "plan_id_for",
    "DiscrepancyBase", "MrvPolicy", "is_late", "missing_from",
    "RecheckTrigger", "TriggerCode", "recheck_triggers",
    "ReportCase",
    "CaseState", "Determination", "DeterminationBasis", "EmissionReport", "Objection", "Recheck", "Verification",
    "VerifierDirectory", "check_signatory",
]
