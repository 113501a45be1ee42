"""The allocation service's pure domain: cap and allocation plans, the allowance registry, surrender.

Articles by module: policy (M-5, M-12 ¶2, M-16, M-17 parameters), entities (M-5, M-12 ¶2, M-18 exit mark),
coverage (M-5 lists, voluntary applications), allocation_methods (M-8),
allocation_plan (M-6, M-7, M-8, M-9), units (M-17, M-44), accounts and registry (M-9, M-16 ¶1, M-32),
transfers (M-19, M-23, M-26 ¶2), compliance (M-16, M-17, §5 shortfall).
"""
from allocation.domain.accounts import HOLDING_KINDS, TRADING_KINDS, Account, AccountKind
from allocation.domain.allocation_methods import (
    AllocationEntry,
    AllocationMethod,
    BaseYearEmission,
    benchmark_entry,
    historical_entry,
    round_allowances,
)
from allocation.domain.allocation_plan import AllocationPlan, IssuanceLine, PlanStatus
from allocation.domain.compliance import (
    Obligation,
    ObligationStatus,
    Surrender,
    SurrenderResult,
    ccer_limit,
    require_obligation,
)
from allocation.domain.coverage import (
    ApplicationStatus,
    CoverageApplication,
    EmissionsSource,
    KnownEmissions,
    classify,
    list_digest,
)
from allocation.domain.entities import (
    Coverage, CoverageBasis, CoveredEntity, EntityStatus, Standing, exit_year_of, meets_inclusion_threshold,
)
from allocation.domain.policy import AllocationPolicy, InclusionThreshold
from allocation.domain.registry import (
    ROUTES,
    HoldingKey,
    Registry,
    RegistryTransaction,
    TransactionKind,
    TransactionLine,
)
from allocation.domain.transfers import TRANSFER_ROUTES, TransferPurpose, holder_request
from allocation.domain.units import CcerOrigin, UnitLine, UnitType, check_unit_line

__all__ = [
    "ApplicationStatus", "Coverage", "CoverageApplication", "CoverageBasis", "EmissionsSource", "KnownEmissions",
    "classify", "list_digest",
    "HOLDING_KINDS", "ROUTES", "TRADING_KINDS", "TRANSFER_ROUTES", "TransferPurpose", "holder_request", "Account",
    "AccountKind", "AllocationEntry", "AllocationMethod", "AllocationPlan",
    "AllocationPolicy", "BaseYearEmission", "CcerOrigin", "CoveredEntity", "EntityStatus", "HoldingKey",
    "InclusionThreshold", "IssuanceLine", "Obligation", "ObligationStatus", "PlanStatus", "Registry",
    "RegistryTransaction", "Standing", "Surrender", "SurrenderResult", "TransactionKind", "TransactionLine",
    "UnitLine", "UnitType", "benchmark_entry", "ccer_limit", "check_unit_line", "exit_year_of", "historical_entry",
    "meets_inclusion_threshold",
    "require_obligation", "round_allowances",
]
