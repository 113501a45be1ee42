"""Contains all the data models used in inputs/outputs"""

from .adopt_scoring_table import AdoptScoringTable
from .advisory_public import AdvisoryPublic
from .agency_detail import AgencyDetail
from .agency_public import AgencyPublic
from .agency_version_public import AgencyVersionPublic
from .appoint_member import AppointMember
from .appoint_member_kind import AppointMemberKind
from .assign import Assign
from .assignment_history_entry import AssignmentHistoryEntry
from .audit_record_public import AuditRecordPublic
from .award_lot import AwardLot
from .backlog_public import BacklogPublic
from .band_in import BandIn
from .band_public import BandPublic
from .bid_public import BidPublic
from .blacklist_entry_public import BlacklistEntryPublic
from .certificate_public import CertificatePublic
from .change_agency_status import ChangeAgencyStatus
from .change_filing import ChangeFiling
from .checklist_in import ChecklistIn
from .checklist_in_result import ChecklistInResult
from .checklist_public import ChecklistPublic
from .clock_public import ClockPublic
from .confirm_proposal import ConfirmProposal
from .conflict_in import ConflictIn
from .conflict_public import ConflictPublic
from .consumer_backlog import ConsumerBacklog
from .contest import Contest
from .dead_letter_public import DeadLetterPublic
from .declare_advisory import DeclareAdvisory
from .declare_conflicts import DeclareConflicts
from .deduction_public import DeductionPublic
from .directory_entry import DirectoryEntry
from .draw_detail import DrawDetail
from .draw_inspection_sample import DrawInspectionSample
from .draw_public import DrawPublic
from .eligibility_public import EligibilityPublic
from .engagement_public import EngagementPublic
from .evaluation_public import EvaluationPublic
from .exam_result import ExamResult
from .file_agency import FileAgency
from .finding_in import FindingIn
from .finding_public import FindingPublic
from .healthz_response_healthz_healthz_get import HealthzResponseHealthzHealthzGet
from .inspection_public import InspectionPublic
from .inspection_signed import InspectionSigned
from .issue_certificate import IssueCertificate
from .item_total import ItemTotal
from .lot_award_public import LotAwardPublic
from .lot_in import LotIn
from .lot_public import LotPublic
from .oversight_policy_document import OversightPolicyDocument
from .panel_member_public import PanelMemberPublic
from .problem import Problem
from .problem_invalid_params_item import ProblemInvalidParamsItem
from .proposal_confirmed import ProposalConfirmed
from .proposal_public import ProposalPublic
from .propose_assignments import ProposeAssignments
from .proposed_public import ProposedPublic
from .publish_tender import PublishTender
from .readiness_public import ReadinessPublic
from .record_attendance import RecordAttendance
from .record_deduction import RecordDeduction
from .record_exam_results import RecordExamResults
from .record_inspection import RecordInspection
from .record_inspection_kind import RecordInspectionKind
from .register_verifier import RegisterVerifier
from .result_public import ResultPublic
from .results_public import ResultsPublic
from .review import Review
from .review_outcome import ReviewOutcome
from .revoke_certificate import RevokeCertificate
from .schedule_training import ScheduleTraining
from .score_bid import ScoreBid
from .scoring_item_in import ScoringItemIn
from .scoring_item_in_kind import ScoringItemInKind
from .scoring_item_in_violation_type_0 import ScoringItemInViolationType0
from .scoring_item_public import ScoringItemPublic
from .scoring_table_public import ScoringTablePublic
from .session_certified import SessionCertified
from .session_certified_skipped import SessionCertifiedSkipped
from .signature_public import SignaturePublic
from .signing_eligibility_public import SigningEligibilityPublic
from .submit_bid import SubmitBid
from .target_in import TargetIn
from .targeted_public import TargetedPublic
from .tender_public import TenderPublic
from .tender_record import TenderRecord
from .training_public import TrainingPublic
from .training_public_results import TrainingPublicResults
from .unplaced_public import UnplacedPublic
from .verifier_public import VerifierPublic
from .winner import Winner
from .withdraw import Withdraw

__all__ = (
    "AdoptScoringTable",
    "AdvisoryPublic",
    "AgencyDetail",
    "AgencyPublic",
    "AgencyVersionPublic",
    "AppointMember",
    "AppointMemberKind",
    "Assign",
    "AssignmentHistoryEntry",
    "AuditRecordPublic",
    "AwardLot",
    "BacklogPublic",
    "BandIn",
    "BandPublic",
    "BidPublic",
    "BlacklistEntryPublic",
    "CertificatePublic",
    "ChangeAgencyStatus",
    "ChangeFiling",
    "ChecklistIn",
    "ChecklistInResult",
    "ChecklistPublic",
    "ClockPublic",
    "ConfirmProposal",
    "ConflictIn",
    "ConflictPublic",
    "ConsumerBacklog",
    "Contest",
    "DeadLetterPublic",
    "DeclareAdvisory",
    "DeclareConflicts",
    "DeductionPublic",
    "DirectoryEntry",
    "DrawDetail",
    "DrawInspectionSample",
    "DrawPublic",
    "EligibilityPublic",
    "EngagementPublic",
    "EvaluationPublic",
    "ExamResult",
    "FileAgency",
    "FindingIn",
    "FindingPublic",
    "HealthzResponseHealthzHealthzGet",
    "InspectionPublic",
    "InspectionSigned",
    "IssueCertificate",
    "ItemTotal",
    "LotAwardPublic",
    "LotIn",
    "LotPublic",
    "OversightPolicyDocument",
    "PanelMemberPublic",
    "Problem",
    "ProblemInvalidParamsItem",
    "ProposalConfirmed",
    "ProposalPublic",
    "ProposeAssignments",
    "ProposedPublic",
    "PublishTender",
    "ReadinessPublic",
    "RecordAttendance",
    "RecordDeduction",
    "RecordExamResults",
    "RecordInspection",
    "RecordInspectionKind",
    "RegisterVerifier",
    "ResultPublic",
    "ResultsPublic",
    "Review",
    "ReviewOutcome",
    "RevokeCertificate",
    "ScheduleTraining",
    "ScoreBid",
    "ScoringItemIn",
    "ScoringItemInKind",
    "ScoringItemInViolationType0",
    "ScoringItemPublic",
    "ScoringTablePublic",
    "SessionCertified",
    "SessionCertifiedSkipped",
    "SignaturePublic",
    "SigningEligibilityPublic",
    "SubmitBid",
    "TargetedPublic",
    "TargetIn",
    "TenderPublic",
    "TenderRecord",
    "TrainingPublic",
    "TrainingPublicResults",
    "UnplacedPublic",
    "VerifierPublic",
    "Winner",
    "Withdraw",
)
