"""HTTP API of the evaluation (V, 事后): the versioned scoring table, each agency's evaluation with its deductions,
officers' findings, contests and reviews, the year's readiness and finalisation, and the public results, ranking
and blacklist."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from sqlalchemy.orm import Session

from ets_shared.auth import Role
from ets_shared.errors import Forbidden, NotFound
from ets_shared.http.dependencies import Caller, ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.evaluation_repository import EvaluationRepository, ScoringTableRepository
from verifier_oversight.adapters.repository import AgencyRepository
from verifier_oversight.domain.agencies import Agency
from verifier_oversight.domain.evaluation import Evaluation
from verifier_oversight.entrypoints.dependencies import Authority, IdPath, Limit, Page, Panel, Year, YearQuery
from verifier_oversight.entrypoints.schemas import (
    BlacklistEntryPublic, EvaluationPublic, ReadinessPublic, ResultPublic, ResultsPublic, ScoringTablePublic,
)
from verifier_oversight.service_layer import commands, evaluations

router = APIRouter(tags=["evaluation"])
EVALUATION = "/evaluations/{agency_id}/{compliance_year}"
DEDUCTION = EVALUATION + "/deductions/{deduction_id}"
DeductionId = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/scoring-tables/{compliance_year}", response_model=ScoringTablePublic,
            summary="Public: the year's scoring table (考核记分细则) in force, with its version")
def scoring_table(compliance_year: Year, session: ReadSession) -> ScoringTablePublic:
    return ScoringTablePublic.of(ScoringTableRepository(session).current(compliance_year))


@router.get("/scoring-tables/{compliance_year}/versions", response_model=list[ScoringTablePublic],
            summary="Public: every version of the year's scoring table (0: the platform default)")
def scoring_table_versions(compliance_year: Year, session: ReadSession) -> list[ScoringTablePublic]:
    return [ScoringTablePublic.of(t) for t in ScoringTableRepository(session).versions(compliance_year)]


@router.put("/scoring-tables/{compliance_year}", response_model=ScoringTablePublic,
            summary="Adopt the next version of the year's scoring table; open deductions are re-priced under it")
def adopt_scoring_table(compliance_year: Year, cmd: commands.AdoptScoringTable, _: Authority,
                        uow: Uow) -> ScoringTablePublic:
    return ScoringTablePublic.of(evaluations.adopt_table(compliance_year, cmd, uow))


@router.get("/evaluations", response_model=list[EvaluationPublic], summary="The year's evaluations (V, 考评)")
def list_evaluations(compliance_year: YearQuery, _: Panel, session: ReadSession, offset: Page = 0,
                     limit: Limit = 100) -> list[EvaluationPublic]:
    table = ScoringTableRepository(session).current(compliance_year)
    return [EvaluationPublic.of(e, table)
            for e in EvaluationRepository(session).of_year(compliance_year, offset, limit)]


@router.get(EVALUATION, response_model=EvaluationPublic, summary="One agency's evaluation for a year (V)")
def get_evaluation(agency_id: IdPath, compliance_year: Year, caller: Caller, session: ReadSession) -> EvaluationPublic:
    if not (caller.has(Role.AUTHORITY, Role.PANEL_EXPERT) or (caller.has(Role.AGENCY) and caller.owns(agency_id))):
        raise Forbidden("an agency sees only its own evaluation", field="agency_id", article="V")
    return EvaluationPublic.of(EvaluationRepository(session).get(agency_id, compliance_year),
                               ScoringTableRepository(session).current(compliance_year))


def _view(evaluation: Evaluation, session: Session) -> EvaluationPublic:
    return EvaluationPublic.of(evaluation, ScoringTableRepository(session).current(evaluation.year))


@router.post(f"{EVALUATION}/deductions", response_model=EvaluationPublic, status_code=201,
             summary="Record an officer's finding (a FINDING item of the year's table) with its evidence (V)")
def record_deduction(agency_id: IdPath, compliance_year: Year, cmd: commands.RecordDeduction, _: Panel,
                     uow: Uow, session: ReadSession) -> EvaluationPublic:
    return _view(evaluations.record_deduction(agency_id, compliance_year, cmd, uow), session)


@router.post(f"{DEDUCTION}/contest", response_model=EvaluationPublic,
             summary="The agency contests a deduction, with its grounds (awaits the authority's review)")
def contest(agency_id: IdPath, compliance_year: Year, deduction_id: DeductionId, cmd: commands.Contest,
            caller: Caller, uow: Uow, session: ReadSession) -> EvaluationPublic:
    if not (caller.has(Role.AGENCY) and caller.owns(agency_id)):
        raise Forbidden("only the agency itself contests its deductions", field="agency_id", article="V")
    return _view(evaluations.contest(agency_id, compliance_year, deduction_id, cmd, uow), session)


@router.post(f"{DEDUCTION}/review", response_model=EvaluationPublic,
             summary="Review a contested deduction: upheld, or withdrawn, with the reason (authority)")
def review(agency_id: IdPath, compliance_year: Year, deduction_id: DeductionId, cmd: commands.Review, _: Authority,
           uow: Uow, session: ReadSession) -> EvaluationPublic:
    return _view(evaluations.review(agency_id, compliance_year, deduction_id, cmd, uow), session)


@router.post(f"{DEDUCTION}/withdrawal", response_model=EvaluationPublic,
             summary="Withdraw a mistaken deduction before the year is final, with the reason (authority)")
def withdraw(agency_id: IdPath, compliance_year: Year, deduction_id: DeductionId, cmd: commands.Withdraw,
             _: Authority, uow: Uow, session: ReadSession) -> EvaluationPublic:
    return _view(evaluations.withdraw(agency_id, compliance_year, deduction_id, cmd, uow), session)


@router.get("/evaluation-years/{compliance_year}", response_model=ReadinessPublic,
            summary="Can the year's evaluation be finalised? What still bars it, which agencies it covers")
def readiness(compliance_year: Year, _: Panel, uow: Uow) -> ReadinessPublic:
    with uow:
        final = uow.evaluations.year_finalised(compliance_year) is not None
        bars, covered = evaluations.finalisation_bars(uow, compliance_year, uow.now())
        return ReadinessPublic(compliance_year=compliance_year, finalised=final, ready=not final and not bars,
                               bars=bars, agencies=[e.agency_id for e in covered])


@router.post("/evaluation-years/{compliance_year}/finalisation", response_model=ResultsPublic,
             summary="Finalise the year: every agency that worked is scored, graded (优良/合格/不合格) and ranked; "
                     "results published; a FAIL blacklists the agency")
def finalise(compliance_year: Year, _: Authority, uow: Uow, session: ReadSession) -> ResultsPublic:
    final = evaluations.finalise_year(compliance_year, uow)
    return _results(session, compliance_year, final)


def _results(session: Session, year: int, final: list[Evaluation]) -> ResultsPublic:
    row = EvaluationRepository(session).year_finalised(year)
    if row is None:
        raise NotFound(f"the {year} evaluation is not final yet", field="compliance_year", article="V")
    names: dict[str, Agency] = AgencyRepository(session).many([e.agency_id for e in final])
    ranked = sorted(final, key=lambda e: (e.outcome.rank, e.agency_id))
    return ResultsPublic(compliance_year=year, finalised_at=row.finalised_at, table_version=row.table_version,
                         results=[ResultPublic(rank=e.outcome.rank, agency_id=e.agency_id, name=names[e.agency_id].name,
                                               score=e.outcome.score, grade=e.outcome.grade.value) for e in ranked])


@router.get("/results/{compliance_year}", response_model=ResultsPublic,
            summary="Public: the year's final evaluation results and ranking (V), no token needed")
def results(compliance_year: Year, session: ReadSession) -> ResultsPublic:
    return _results(session, compliance_year, EvaluationRepository(session).of_year(compliance_year))


@router.get("/blacklist", response_model=list[BlacklistEntryPublic],
            summary="Public verification blacklist (V): agencies barred after a failed evaluation")
def blacklist(session: ReadSession, compliance_year: Annotated[int | None, Query(ge=2013, le=2100)] = None,
              offset: Page = 0, limit: Limit = 100) -> list[BlacklistEntryPublic]:
    return [BlacklistEntryPublic.of(entry, agency_name=name, listed_at=at)
            for entry, name, at in AgencyRepository(session).blacklist(compliance_year, offset, limit)]
