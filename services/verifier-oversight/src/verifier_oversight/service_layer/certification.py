"""Use cases of verifiers and their yearly verification work certificates (V, "before": 培训及核查证发放)."""
from __future__ import annotations

from ets_shared.contracts.verifier_oversight import VerifierCertificateRevoked, VerifierCertified
from verifier_oversight.domain import certificates as rules
from verifier_oversight.domain.certificates import Certificate, Verifier
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.policy import policy_for
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


def issue_certificate(verifier_id: str, cmd: commands.IssueCertificate, uow: OversightUnitOfWork) -> Certificate:
    with uow:
        year = cmd.compliance_year
        verifier = uow.verifiers.get(verifier_id)
        agency = uow.agencies.get(verifier.agency_id, for_update=True)
        certificate = rules.issue_certificate(
            verifier, agency, year, cmd.exam_score, cmd.certificate_no.strip(), uow.now(),
            policy_for(uow.session, year), uow.agencies.awards([agency.agency_id], year),
            uow.agencies.blacklist_of(agency.agency_id, year),
            uow.verifiers.clashing_certificates(verifier_id, year, cmd.certificate_no.strip()))
        uow.verifiers.save_certificate(certificate)
        uow.publish(VerifierCertified(verifier_id=verifier_id, agency_id=agency.agency_id, compliance_year=year,
                                      certificate_no=certificate.certificate_no, issued_at=certificate.issued_at))
        uow.commit()
    return certificate


def revoke_certificate(verifier_id: str, year: int, cmd: commands.RevokeCertificate,
                       uow: OversightUnitOfWork) -> Certificate:
    with uow:
        certificate = rules.revoke_certificate(uow.verifiers.certificate(verifier_id, year), uow.now(), cmd.reason)
        uow.verifiers.save_certificate(certificate)
        uow.publish(VerifierCertificateRevoked(
            verifier_id=verifier_id, agency_id=certificate.agency_id, compliance_year=year,
            certificate_no=certificate.certificate_no, revoked_at=certificate.revoked_at,
            reason=certificate.revocation_reason or cmd.reason))
        uow.commit()
    return certificate
