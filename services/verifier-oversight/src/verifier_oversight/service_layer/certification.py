"""Use cases of verifiers, their training and their yearly verification work certificates (V, "before":
培训及核查证发放): sessions, attendance, exam results, certificates only for those who attended and passed,
revocation."""
from __future__ import annotations

from ets_shared.contracts.verifier_oversight import VerifierCertificateRevoked, VerifierCertified
from ets_shared.errors import Conflict, RuleViolation
from verifier_oversight.domain import certificates as rules
from verifier_oversight.domain import training
from verifier_oversight.domain.agencies import agency_bar
from verifier_oversight.domain.certificates import Certificate, Verifier, default_certificate_no
from verifier_oversight.domain.training import TrainingSession
from verifier_oversight.service_layer import commands
from verifier_oversight.adapters.policy_repository import policy_for
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


def register_verifier(agency_id: str, cmd: commands.RegisterVerifier, uow: OversightUnitOfWork) -> Verifier:
    with uow:
        agency = uow.agencies.get(agency_id)
        verifier = rules.register_verifier(cmd.verifier_id, agency, cmd.name, uow.verifiers.same_id(cmd.verifier_id))
        uow.verifiers.add(verifier, uow.now())
        uow.audit("verifier-oversight.verifier.registered", f"verifier:{verifier.verifier_id}",
                  {"agency_id": agency_id, "name": verifier.name})
        uow.commit()
    return verifier


def schedule_training(cmd: commands.ScheduleTraining, uow: OversightUnitOfWork) -> TrainingSession:
    with uow:
        if uow.verifiers.training_exists(cmd.training_id):
            raise Conflict(f"training session {cmd.training_id} already exists", field="training_id", article="V")
        session = training.schedule_training(cmd.training_id, cmd.compliance_year, cmd.title, cmd.held_on)
        uow.verifiers.save_training(session)
        uow.audit("verifier-oversight.training.scheduled", f"training:{session.training_id}",
                  {"compliance_year": session.year, "title": session.title, "held_on": session.held_on})
        uow.commit()
    return session


def record_attendance(training_id: str, cmd: commands.RecordAttendance, uow: OversightUnitOfWork) -> TrainingSession:
    """Attendees are verifiers of agencies selected by tender for the session's year (seed 000: 对中标的核查机构和
    相关核查人员进行专业培训)."""
    with uow:
        session = uow.verifiers.training(training_id, for_update=True)
        verifiers = uow.verifiers.many(cmd.verifier_ids)
        for i, verifier_id in enumerate(cmd.verifier_ids):
            if verifier_id not in verifiers:
                raise RuleViolation(f"no verifier {verifier_id}", field=f"verifier_ids[{i}]", article="V")
        agency_ids = sorted({v.agency_id for v in verifiers.values()})
        agencies = uow.agencies.many(agency_ids)
        awards = uow.agencies.awards(agency_ids, session.year)
        bars = {a: agency_bar(agencies[a], session.year, awards, uow.agencies.blacklist_of(a, session.year))
                for a in agency_ids}
        session = training.record_attendance(session, [verifiers[v] for v in cmd.verifier_ids], bars)
        uow.verifiers.save_training(session)
        uow.audit("verifier-oversight.training.attended", f"training:{training_id}",
                  {"verifier_ids": cmd.verifier_ids})
        uow.commit()
    return session


def record_results(training_id: str, cmd: commands.RecordExamResults, uow: OversightUnitOfWork) -> TrainingSession:
    with uow:
        results = {}
        for r in cmd.results:
            if r.verifier_id in results:
                raise RuleViolation(f"{r.verifier_id} appears twice", field="results", article="V")
            results[r.verifier_id] = r.score
        session = training.record_results(uow.verifiers.training(training_id, for_update=True), results)
        uow.verifiers.save_training(session)
        uow.audit("verifier-oversight.training.examined", f"training:{training_id}", {"results": results})
        uow.commit()
    return session


def certify(uow: OversightUnitOfWork, verifier_id: str, year: int, certificate_no: str | None) -> Certificate:
    """Issue and publish one certificate inside the caller's transaction."""
    verifier = uow.verifiers.get(verifier_id)
    agency = uow.agencies.get(verifier.agency_id, for_update=True)
    policy, sessions = policy_for(uow.session, year), uow.verifiers.trainings(year)
    number = (certificate_no or default_certificate_no(verifier_id, year)).strip()
    certificate = rules.issue_certificate(
        verifier, agency, year, number, uow.now(), training.passed_training(verifier_id, year, sessions, policy),
        training.training_bar(verifier_id, year, sessions, policy), uow.agencies.awards([agency.agency_id], year),
        uow.agencies.blacklist_of(agency.agency_id, year),
        uow.verifiers.clashing_certificates(verifier_id, year, number))
    uow.verifiers.save_certificate(certificate)
    uow.publish(VerifierCertified(verifier_id=verifier_id, agency_id=agency.agency_id, compliance_year=year,
                                  certificate_no=certificate.certificate_no, issued_at=certificate.issued_at))
    return certificate


def issue_certificate(verifier_id: str, cmd: commands.IssueCertificate, uow: OversightUnitOfWork) -> Certificate:
    with uow:
        certificate = certify(uow, verifier_id, cmd.compliance_year, cmd.certificate_no)
        uow.commit()
    return certificate


def certify_session(training_id: str, uow: OversightUnitOfWork) -> tuple[list[Certificate], dict[str, str]]:
    """Certificates (HCZ-<year>-<verifier>) for every attendee of the session who passed and holds none for the year
    yet, in one transaction; the others are returned with the reason (failed, already certified, agency barred)."""
    with uow:
        session = uow.verifiers.training(training_id)
        policy = policy_for(uow.session, session.year)
        issued, skipped = [], {}
        for verifier_id in session.attendees:
            score = session.results.get(verifier_id)
            if score is None or score < policy.exam_pass_mark:
                skipped[verifier_id] = training.training_bar(verifier_id, session.year, [session], policy)
            elif uow.verifiers.certificates_of(verifier_id, session.year):
                skipped[verifier_id] = f"already holds a certificate for {session.year}"
            else:
                try:
                    issued.append(certify(uow, verifier_id, session.year, None))
                except RuleViolation as refused:
                    skipped[verifier_id] = refused.detail
        uow.commit()
    return issued, skipped


def revoke_certificate(verifier_id: str, year: int, cmd: commands.RevokeCertificate,
                       uow: OversightUnitOfWork) -> Certificate:
    with uow:
        revoked_at = uow.now()
        certificate = rules.revoke_certificate(uow.verifiers.certificate(verifier_id, year), revoked_at, cmd.reason)
        uow.verifiers.save_certificate(certificate)
        uow.publish(VerifierCertificateRevoked(
            verifier_id=verifier_id, agency_id=certificate.agency_id, compliance_year=year,
            certificate_no=certificate.certificate_no, revoked_at=revoked_at,
            reason=certificate.revocation_reason or cmd.reason))
        uow.commit()
    return certificate
