"""HTTP API of training and certificates (V, 事前: 培训及核查证发放): sessions, attendance, exam results, the work
certificate (核查工作证) only for those who attended and passed, revocation with a reason."""
from __future__ import annotations

from fastapi import APIRouter

from ets_shared.http.dependencies import ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.repository import VerifierRepository
from verifier_oversight.entrypoints.dependencies import Authority, IdPath, Panel, Year, YearQuery
from verifier_oversight.entrypoints.schemas import CertificatePublic, SessionCertified, TrainingPublic
from verifier_oversight.service_layer import certification, commands

router = APIRouter(tags=["training and certificates"])


@router.post("/trainings", response_model=TrainingPublic, status_code=201,
             summary="Schedule a training session for a compliance year (V)")
def schedule(cmd: commands.ScheduleTraining, _: Authority, uow: Uow) -> TrainingPublic:
    return TrainingPublic.of(certification.schedule_training(cmd, uow))


@router.get("/trainings", response_model=list[TrainingPublic], summary="The year's training sessions")
def list_trainings(compliance_year: YearQuery, _: Panel, session: ReadSession) -> list[TrainingPublic]:
    return [TrainingPublic.of(t) for t in VerifierRepository(session).trainings(compliance_year)]


@router.post("/trainings/{training_id}/attendance", response_model=TrainingPublic,
             summary="Record who attended: verifiers of agencies selected for the year (V)")
def attendance(training_id: IdPath, cmd: commands.RecordAttendance, _: Authority, uow: Uow) -> TrainingPublic:
    return TrainingPublic.of(certification.record_attendance(training_id, cmd, uow))


@router.post("/trainings/{training_id}/exam-results", response_model=TrainingPublic,
             summary="Record the attendees' exam results, once each (V)")
def exam_results(training_id: IdPath, cmd: commands.RecordExamResults, _: Authority, uow: Uow) -> TrainingPublic:
    return TrainingPublic.of(certification.record_results(training_id, cmd, uow))


@router.post("/trainings/{training_id}/certificates", response_model=SessionCertified, status_code=201,
             summary="Certify every attendee who passed and holds no certificate for the year yet (V)")
def certify_session(training_id: IdPath, _: Authority, uow: Uow) -> SessionCertified:
    issued, skipped = certification.certify_session(training_id, uow)
    return SessionCertified(issued=[CertificatePublic.of(c) for c in issued], skipped=skipped)


@router.post("/verifiers/{verifier_id}/certificates", response_model=CertificatePublic, status_code=201,
             summary="Issue the year's work certificate (核查工作证) to a verifier who passed the training (V)")
def issue_certificate(verifier_id: IdPath, cmd: commands.IssueCertificate, _: Authority,
                      uow: Uow) -> CertificatePublic:
    return CertificatePublic.of(certification.issue_certificate(verifier_id, cmd, uow))


@router.post("/verifiers/{verifier_id}/certificates/{compliance_year}/revocation", response_model=CertificatePublic,
             summary="Revoke a verifier's work certificate for a year, with the reason (V)")
def revoke_certificate(verifier_id: IdPath, compliance_year: Year, cmd: commands.RevokeCertificate, _: Authority,
                       uow: Uow) -> CertificatePublic:
    return CertificatePublic.of(certification.revoke_certificate(verifier_id, compliance_year, cmd, uow))
