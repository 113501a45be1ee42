"""Contains all the data models used in inputs/outputs"""

from .agency_standing_public import AgencyStandingPublic
from .amend_report import AmendReport
from .audit_record_public import AuditRecordPublic
from .backlog_public import BacklogPublic
from .bulk_determine import BulkDetermine
from .bulk_item import BulkItem
from .bulk_result_public import BulkResultPublic
from .bulk_result_public_problem_type_0 import BulkResultPublicProblemType0
from .bulk_result_public_status import BulkResultPublicStatus
from .bulk_result_report_public import BulkResultReportPublic
from .bulk_result_verification_filed_public import BulkResultVerificationFiledPublic
from .case_public import CasePublic
from .certificate_public import CertificatePublic
from .clock_public import ClockPublic
from .consumer_backlog import ConsumerBacklog
from .dead_letter_public import DeadLetterPublic
from .determination_public import DeterminationPublic
from .determination_public_basis import DeterminationPublicBasis
from .determine import Determine
from .file_monitoring_plan import FileMonitoringPlan
from .file_objection import FileObjection
from .file_verification import FileVerification
from .file_verifications import FileVerifications
from .healthz_response_healthz_healthz_get import HealthzResponseHealthzHealthzGet
from .impediment_public import ImpedimentPublic
from .import_historical_determination import ImportHistoricalDetermination
from .item_result_report_public import ItemResultReportPublic
from .item_result_report_public_problem_type_0 import ItemResultReportPublicProblemType0
from .item_result_verification_filed_public import ItemResultVerificationFiledPublic
from .item_result_verification_filed_public_problem_type_0 import ItemResultVerificationFiledPublicProblemType0
from .list_reports_state_type_0 import ListReportsStateType0
from .monitored_source_in import MonitoredSourceIn
from .monitored_source_in_kind import MonitoredSourceInKind
from .monitoring_plan_public import MonitoringPlanPublic
from .mrv_policy_model import MrvPolicyModel
from .mrv_policy_model_recheck_discrepancy_base import MrvPolicyModelRecheckDiscrepancyBase
from .objection_public import ObjectionPublic
from .open_recheck import OpenRecheck
from .plan_not_filed_public import PlanNotFiledPublic
from .plan_source_public import PlanSourcePublic
from .plan_version_public import PlanVersionPublic
from .problem import Problem
from .problem_invalid_params_item import ProblemInvalidParamsItem
from .queue_awaiting_type_0_item import QueueAwaitingType0Item
from .queue_format import QueueFormat
from .queue_item_public import QueueItemPublic
from .queue_item_public_awaiting import QueueItemPublicAwaiting
from .queue_trigger_type_0 import QueueTriggerType0
from .recheck_opened_public import RecheckOpenedPublic
from .recheck_public import RecheckPublic
from .record_impediment import RecordImpediment
from .record_impediment_kind import RecordImpedimentKind
from .report_filed import ReportFiled
from .report_public import ReportPublic
from .responsible_person_in import ResponsiblePersonIn
from .responsible_person_public import ResponsiblePersonPublic
from .revise_monitoring_plan import ReviseMonitoringPlan
from .signatories_public import SignatoriesPublic
from .signatory_check import SignatoryCheck
from .source import Source
from .source_kind import SourceKind
from .submit_report import SubmitReport
from .submit_reports import SubmitReports
from .trigger_public import TriggerPublic
from .trigger_public_code import TriggerPublicCode
from .verification_filed_public import VerificationFiledPublic
from .verification_of_report import VerificationOfReport
from .verification_public import VerificationPublic

__all__ = (
    "AgencyStandingPublic",
    "AmendReport",
    "AuditRecordPublic",
    "BacklogPublic",
    "BulkDetermine",
    "BulkItem",
    "BulkResultPublic",
    "BulkResultPublicProblemType0",
    "BulkResultPublicStatus",
    "BulkResultReportPublic",
    "BulkResultVerificationFiledPublic",
    "CasePublic",
    "CertificatePublic",
    "ClockPublic",
    "ConsumerBacklog",
    "DeadLetterPublic",
    "DeterminationPublic",
    "DeterminationPublicBasis",
    "Determine",
    "FileMonitoringPlan",
    "FileObjection",
    "FileVerification",
    "FileVerifications",
    "HealthzResponseHealthzHealthzGet",
    "ImpedimentPublic",
    "ImportHistoricalDetermination",
    "ItemResultReportPublic",
    "ItemResultReportPublicProblemType0",
    "ItemResultVerificationFiledPublic",
    "ItemResultVerificationFiledPublicProblemType0",
    "ListReportsStateType0",
    "MonitoredSourceIn",
    "MonitoredSourceInKind",
    "MonitoringPlanPublic",
    "MrvPolicyModel",
    "MrvPolicyModelRecheckDiscrepancyBase",
    "ObjectionPublic",
    "OpenRecheck",
    "PlanNotFiledPublic",
    "PlanSourcePublic",
    "PlanVersionPublic",
    "Problem",
    "ProblemInvalidParamsItem",
    "QueueAwaitingType0Item",
    "QueueFormat",
    "QueueItemPublic",
    "QueueItemPublicAwaiting",
    "QueueTriggerType0",
    "RecheckOpenedPublic",
    "RecheckPublic",
    "RecordImpediment",
    "RecordImpedimentKind",
    "ReportFiled",
    "ReportPublic",
    "ResponsiblePersonIn",
    "ResponsiblePersonPublic",
    "ReviseMonitoringPlan",
    "SignatoriesPublic",
    "SignatoryCheck",
    "Source",
    "SourceKind",
    "SubmitReport",
    "SubmitReports",
    "TriggerPublic",
    "TriggerPublicCode",
    "VerificationFiledPublic",
    "VerificationOfReport",
    "VerificationPublic",
)
