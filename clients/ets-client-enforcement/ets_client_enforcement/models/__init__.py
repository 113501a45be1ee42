"""Contains all the data models used in inputs/outputs"""

from .apply_measures import ApplyMeasures
from .apply_measures_measures_item import ApplyMeasuresMeasuresItem
from .audit_record_public import AuditRecordPublic
from .backlog_public import BacklogPublic
from .case_behind import CaseBehind
from .case_detail import CaseDetail
from .case_public import CasePublic
from .chain_check_public import ChainCheckPublic
from .challenge_public import ChallengePublic
from .clock_public import ClockPublic
from .consumer_backlog import ConsumerBacklog
from .credit_records import CreditRecords
from .dead_letter_public import DeadLetterPublic
from .decide_appeal import DecideAppeal
from .decide_appeal_outcome import DecideAppealOutcome
from .decide_objection import DecideObjection
from .decide_objection_outcome import DecideObjectionOutcome
from .decide_penalty import DecidePenalty
from .department_answer import DepartmentAnswer
from .enforcement_policy_model import EnforcementPolicyModel
from .enforcement_policy_model_four_eyes import EnforcementPolicyModelFourEyes
from .enforcement_policy_model_four_eyes_additional_property_item import (
    EnforcementPolicyModelFourEyesAdditionalPropertyItem,
)
from .enforcement_policy_model_order_deadline_days import EnforcementPolicyModelOrderDeadlineDays
from .file_objection import FileObjection
from .give_reasons import GiveReasons
from .healthz_response_healthz_healthz_get import HealthzResponseHealthzHealthzGet
from .inaction_flag_public import InactionFlagPublic
from .issue_order import IssueOrder
from .list_cases_article_type_0 import ListCasesArticleType0
from .list_cases_status_type_0 import ListCasesStatusType0
from .lodge_appeal import LodgeAppeal
from .lodge_appeal_kind import LodgeAppealKind
from .log_entry_public import LogEntryPublic
from .measure_public import MeasurePublic
from .notify_penalty import NotifyPenalty
from .notify_penalty_method import NotifyPenaltyMethod
from .open_case import OpenCase
from .open_case_article import OpenCaseArticle
from .open_case_party_kind import OpenCasePartyKind
from .problem import Problem
from .problem_invalid_params_item import ProblemInvalidParamsItem
from .proposal_public import ProposalPublic
from .proposal_public_terms import ProposalPublicTerms
from .public_violation import PublicViolation
from .record_correction import RecordCorrection
from .record_payment import RecordPayment
from .step_public import StepPublic

__all__ = (
    "ApplyMeasures",
    "ApplyMeasuresMeasuresItem",
    "AuditRecordPublic",
    "BacklogPublic",
    "CaseBehind",
    "CaseDetail",
    "CasePublic",
    "ChainCheckPublic",
    "ChallengePublic",
    "ClockPublic",
    "ConsumerBacklog",
    "CreditRecords",
    "DeadLetterPublic",
    "DecideAppeal",
    "DecideAppealOutcome",
    "DecideObjection",
    "DecideObjectionOutcome",
    "DecidePenalty",
    "DepartmentAnswer",
    "EnforcementPolicyModel",
    "EnforcementPolicyModelFourEyes",
    "EnforcementPolicyModelFourEyesAdditionalPropertyItem",
    "EnforcementPolicyModelOrderDeadlineDays",
    "FileObjection",
    "GiveReasons",
    "HealthzResponseHealthzHealthzGet",
    "InactionFlagPublic",
    "IssueOrder",
    "ListCasesArticleType0",
    "ListCasesStatusType0",
    "LodgeAppeal",
    "LodgeAppealKind",
    "LogEntryPublic",
    "MeasurePublic",
    "NotifyPenalty",
    "NotifyPenaltyMethod",
    "OpenCase",
    "OpenCaseArticle",
    "OpenCasePartyKind",
    "Problem",
    "ProblemInvalidParamsItem",
    "ProposalPublic",
    "ProposalPublicTerms",
    "PublicViolation",
    "RecordCorrection",
    "RecordPayment",
    "StepPublic",
)
