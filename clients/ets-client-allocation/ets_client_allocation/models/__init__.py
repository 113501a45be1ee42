"""Contains all the data models used in inputs/outputs"""

from .account_public import AccountPublic
from .add_entries import AddEntries
from .allocation_policy_document import AllocationPolicyDocument
from .application_public import ApplicationPublic
from .audit_record_public import AuditRecordPublic
from .backlog_public import BacklogPublic
from .benchmark_entry import BenchmarkEntry
from .bid_public import BidPublic
from .block_public import BlockPublic
from .bulk_result_transaction_public import BulkResultTransactionPublic
from .bulk_transfer import BulkTransfer
from .change_cap import ChangeCap
from .clock_public import ClockPublic
from .confirm_payment import ConfirmPayment
from .consumer_backlog import ConsumerBacklog
from .coverage import Coverage
from .covered_list_public import CoveredListPublic
from .create_plan import CreatePlan
from .dead_letter_public import DeadLetterPublic
from .decide_coverage_application import DecideCoverageApplication
from .decide_succession import DecideSuccession
from .declare_emissions import DeclareEmissions
from .declare_exit import DeclareExit
from .declare_exit_reason import DeclareExitReason
from .deposit_ccer import DepositCcer
from .entity_public import EntityPublic
from .entry_public import EntryPublic
from .entry_public_base_years_type_0 import EntryPublicBaseYearsType0
from .exit_public import ExitPublic
from .file_coverage_application import FileCoverageApplication
from .file_succession import FileSuccession
from .file_succession_kind import FileSuccessionKind
from .healthz_response_healthz_healthz_get import HealthzResponseHealthzHealthzGet
from .historical_entry import HistoricalEntry
from .historical_entry_base_years import HistoricalEntryBaseYears
from .holding_public import HoldingPublic
from .inclusion_threshold_document import InclusionThresholdDocument
from .item_result_transaction_public import ItemResultTransactionPublic
from .item_result_transaction_public_problem_type_0 import ItemResultTransactionPublicProblemType0
from .known_emissions_public import KnownEmissionsPublic
from .ledger_audit_public import LedgerAuditPublic
from .ledger_head_public import LedgerHeadPublic
from .list_applications_status_type_0 import ListApplicationsStatusType0
from .list_draft_public import ListDraftPublic
from .list_version_public import ListVersionPublic
from .listed_entity_public import ListedEntityPublic
from .lot_public import LotPublic
from .obligation_public import ObligationPublic
from .obligation_status import ObligationStatus
from .open_sale import OpenSale
from .open_sale_kind import OpenSaleKind
from .participant_public import ParticipantPublic
from .place_bid import PlaceBid
from .plan_public import PlanPublic
from .problem import Problem
from .problem_invalid_params_item import ProblemInvalidParamsItem
from .recalled_vintage import RecalledVintage
from .register_entities import RegisterEntities
from .register_entity import RegisterEntity
from .request_transfer import RequestTransfer
from .request_transfers import RequestTransfers
from .sale_public import SalePublic
from .serial_movement_public import SerialMovementPublic
from .serial_public import SerialPublic
from .service_timeline import ServiceTimeline
from .split_facility import SplitFacility
from .statement_public import StatementPublic
from .succession_public import SuccessionPublic
from .succession_public_facilities_item import SuccessionPublicFacilitiesItem
from .succession_public_moved_type_0 import SuccessionPublicMovedType0
from .surrender import Surrender
from .surrender_line import SurrenderLine
from .surrender_line_unit_type import SurrenderLineUnitType
from .surrender_public import SurrenderPublic
from .surrender_record_public import SurrenderRecordPublic
from .timeline_entry import TimelineEntry
from .timeline_entry_kind import TimelineEntryKind
from .to_cover_public import ToCoverPublic
from .trading_account_public import TradingAccountPublic
from .trading_balance_public import TradingBalancePublic
from .transaction_line_public import TransactionLinePublic
from .transaction_public import TransactionPublic
from .transfer_line import TransferLine
from .transfer_line_unit_type import TransferLineUnitType

__all__ = (
    "AccountPublic",
    "AddEntries",
    "AllocationPolicyDocument",
    "ApplicationPublic",
    "AuditRecordPublic",
    "BacklogPublic",
    "BenchmarkEntry",
    "BidPublic",
    "BlockPublic",
    "BulkResultTransactionPublic",
    "BulkTransfer",
    "ChangeCap",
    "ClockPublic",
    "ConfirmPayment",
    "ConsumerBacklog",
    "Coverage",
    "CoveredListPublic",
    "CreatePlan",
    "DeadLetterPublic",
    "DecideCoverageApplication",
    "DecideSuccession",
    "DeclareEmissions",
    "DeclareExit",
    "DeclareExitReason",
    "DepositCcer",
    "EntityPublic",
    "EntryPublic",
    "EntryPublicBaseYearsType0",
    "ExitPublic",
    "FileCoverageApplication",
    "FileSuccession",
    "FileSuccessionKind",
    "HealthzResponseHealthzHealthzGet",
    "HistoricalEntry",
    "HistoricalEntryBaseYears",
    "HoldingPublic",
    "InclusionThresholdDocument",
    "ItemResultTransactionPublic",
    "ItemResultTransactionPublicProblemType0",
    "KnownEmissionsPublic",
    "LedgerAuditPublic",
    "LedgerHeadPublic",
    "ListApplicationsStatusType0",
    "ListDraftPublic",
    "ListedEntityPublic",
    "ListVersionPublic",
    "LotPublic",
    "ObligationPublic",
    "ObligationStatus",
    "OpenSale",
    "OpenSaleKind",
    "ParticipantPublic",
    "PlaceBid",
    "PlanPublic",
    "Problem",
    "ProblemInvalidParamsItem",
    "RecalledVintage",
    "RegisterEntities",
    "RegisterEntity",
    "RequestTransfer",
    "RequestTransfers",
    "SalePublic",
    "SerialMovementPublic",
    "SerialPublic",
    "ServiceTimeline",
    "SplitFacility",
    "StatementPublic",
    "SuccessionPublic",
    "SuccessionPublicFacilitiesItem",
    "SuccessionPublicMovedType0",
    "Surrender",
    "SurrenderLine",
    "SurrenderLineUnitType",
    "SurrenderPublic",
    "SurrenderRecordPublic",
    "TimelineEntry",
    "TimelineEntryKind",
    "ToCoverPublic",
    "TradingAccountPublic",
    "TradingBalancePublic",
    "TransactionLinePublic",
    "TransactionPublic",
    "TransferLine",
    "TransferLineUnitType",
)
