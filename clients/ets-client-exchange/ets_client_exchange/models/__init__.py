"""Contains all the data models used in inputs/outputs"""

from .admit_member import AdmitMember
from .admit_member_kind import AdmitMemberKind
from .agreement_public import AgreementPublic
from .alert_public import AlertPublic
from .alerts_pattern_type_0 import AlertsPatternType0
from .allowance_position import AllowancePosition
from .amend_order import AmendOrder
from .application_public import ApplicationPublic
from .apply_for_comprehensive import ApplyForComprehensive
from .audit_record_public import AuditRecordPublic
from .backlog_public import BacklogPublic
from .balances_public import BalancesPublic
from .bank_balance_line import BankBalanceLine
from .bank_movement_line import BankMovementLine
from .bank_movement_line_kind import BankMovementLineKind
from .bank_statement import BankStatement
from .book_level import BookLevel
from .book_public import BookPublic
from .cash_movement_public import CashMovementPublic
from .change_member_status import ChangeMemberStatus
from .clock_public import ClockPublic
from .confirm_deposit import ConfirmDeposit
from .consumer_backlog import ConsumerBacklog
from .day_of_product import DayOfProduct
from .dead_letter_public import DeadLetterPublic
from .decide_application import DecideApplication
from .decide_cash_withdrawal import DecideCashWithdrawal
from .difference import Difference
from .exchange_policy_document import ExchangePolicyDocument
from .fee_rates import FeeRates
from .healthz_response_healthz_healthz_get import HealthzResponseHealthzHealthzGet
from .impose_measure import ImposeMeasure
from .impose_measure_kind import ImposeMeasureKind
from .instruction_public import InstructionPublic
from .issue_warning import IssueWarning
from .issue_warning_level import IssueWarningLevel
from .large_holder_public import LargeHolderPublic
from .lift_measure import LiftMeasure
from .list_product import ListProduct
from .market_day_public import MarketDayPublic
from .measure_public import MeasurePublic
from .member_public import MemberPublic
from .open_client_account import OpenClientAccount
from .order_public import OrderPublic
from .place_order import PlaceOrder
from .place_order_side import PlaceOrderSide
from .place_order_time_in_force import PlaceOrderTimeInForce
from .print_public import PrintPublic
from .problem import Problem
from .problem_invalid_params_item import ProblemInvalidParamsItem
from .product_day import ProductDay
from .product_public import ProductPublic
from .product_quote import ProductQuote
from .propose_agreement import ProposeAgreement
from .propose_agreement_side import ProposeAgreementSide
from .reconciliation_report import ReconciliationReport
from .request_allowance_withdrawal import RequestAllowanceWithdrawal
from .request_cash_withdrawal import RequestCashWithdrawal
from .rules_version_public import RulesVersionPublic
from .rules_version_public_document import RulesVersionPublicDocument
from .statement_line import StatementLine
from .surveillance_thresholds import SurveillanceThresholds
from .trade_public import TradePublic
from .trading_account_public import TradingAccountPublic
from .trading_session import TradingSession
from .warning_public import WarningPublic

__all__ = (
    "AdmitMember",
    "AdmitMemberKind",
    "AgreementPublic",
    "AlertPublic",
    "AlertsPatternType0",
    "AllowancePosition",
    "AmendOrder",
    "ApplicationPublic",
    "ApplyForComprehensive",
    "AuditRecordPublic",
    "BacklogPublic",
    "BalancesPublic",
    "BankBalanceLine",
    "BankMovementLine",
    "BankMovementLineKind",
    "BankStatement",
    "BookLevel",
    "BookPublic",
    "CashMovementPublic",
    "ChangeMemberStatus",
    "ClockPublic",
    "ConfirmDeposit",
    "ConsumerBacklog",
    "DayOfProduct",
    "DeadLetterPublic",
    "DecideApplication",
    "DecideCashWithdrawal",
    "Difference",
    "ExchangePolicyDocument",
    "FeeRates",
    "HealthzResponseHealthzHealthzGet",
    "ImposeMeasure",
    "ImposeMeasureKind",
    "InstructionPublic",
    "IssueWarning",
    "IssueWarningLevel",
    "LargeHolderPublic",
    "LiftMeasure",
    "ListProduct",
    "MarketDayPublic",
    "MeasurePublic",
    "MemberPublic",
    "OpenClientAccount",
    "OrderPublic",
    "PlaceOrder",
    "PlaceOrderSide",
    "PlaceOrderTimeInForce",
    "PrintPublic",
    "Problem",
    "ProblemInvalidParamsItem",
    "ProductDay",
    "ProductPublic",
    "ProductQuote",
    "ProposeAgreement",
    "ProposeAgreementSide",
    "ReconciliationReport",
    "RequestAllowanceWithdrawal",
    "RequestCashWithdrawal",
    "RulesVersionPublic",
    "RulesVersionPublicDocument",
    "StatementLine",
    "SurveillanceThresholds",
    "TradePublic",
    "TradingAccountPublic",
    "TradingSession",
    "WarningPublic",
)
