"""HTTP API of the yearly tender (V, 事前): publication, bids, scores and awards. The tender notice and its awards
are public; the bids with their scores are the authority's record (and each agency sees its own)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from ets_shared.auth import Role
from ets_shared.errors import Forbidden
from ets_shared.http.dependencies import Caller, ReadSession
from verifier_oversight.entrypoints.dependencies import Uow
from verifier_oversight.adapters.tender_repository import TenderRepository
from verifier_oversight.entrypoints.dependencies import Authority, IdPath, YearQuery, authority_or_itself
from verifier_oversight.entrypoints.schemas import BidPublic, LotAwardPublic, TenderPublic, TenderRecord
from verifier_oversight.service_layer import commands, tenders

router = APIRouter(tags=["tender"])


@router.post("/tenders", response_model=TenderPublic, status_code=201,
             summary="Publish the year's public tender with its conditions and lots (V, 公开招投标)")
def publish(cmd: commands.PublishTender, _: Authority, uow: Uow) -> TenderPublic:
    return TenderPublic.of(tenders.publish_tender(cmd, uow), [])


@router.get("/tenders", response_model=list[TenderPublic], summary="Public: the year's tenders and their awards")
def list_tenders(compliance_year: YearQuery, session: ReadSession) -> list[TenderPublic]:
    repo = TenderRepository(session)
    return [TenderPublic.of(t, repo.awards(t.tender_id)) for t in repo.of_year(compliance_year)]


@router.get("/tenders/{tender_id}", response_model=TenderPublic, summary="Public: a tender and its awards")
def get_tender(tender_id: IdPath, session: ReadSession) -> TenderPublic:
    repo = TenderRepository(session)
    return TenderPublic.of(repo.get(tender_id), repo.awards(tender_id))


@router.get("/tenders/{tender_id}/record", response_model=TenderRecord,
            summary="The tender's full record: every bid with its score and reasons (authority; an agency: its own)")
def record(tender_id: IdPath, caller: Caller, session: ReadSession) -> TenderRecord:
    repo = TenderRepository(session)
    bids = repo.bids(tender_id)
    if caller.has(Role.AGENCY):
        bids = [b for b in bids if caller.owns(b.agency_id)]
    elif not caller.has(Role.AUTHORITY):
        raise Forbidden("the bids are the authority's record", field="tender_id", article="V")
    public = TenderPublic.of(repo.get(tender_id), repo.awards(tender_id))
    return TenderRecord(**public.model_dump(), bids=[BidPublic.of(b) for b in bids])


@router.post("/tenders/{tender_id}/bids", response_model=BidPublic, status_code=201,
             summary="Bid for a lot (the agency itself, or the authority recording a paper bid)")
def bid(tender_id: IdPath, cmd: commands.SubmitBid, caller: Caller, uow: Uow) -> BidPublic:
    authority_or_itself(caller, cmd.agency_id, "bid")
    return BidPublic.of(tenders.submit_bid(tender_id, cmd, uow))


@router.post("/tenders/{tender_id}/bids/{bid_id}/score", response_model=BidPublic,
             summary="Score a bid after the deadline, with reasons (V)")
def score(tender_id: IdPath, bid_id: IdPath, cmd: commands.ScoreBid, _: Authority, uow: Uow) -> BidPublic:
    return BidPublic.of(tenders.score_bid(tender_id, bid_id, cmd, uow))


@router.post("/tenders/{tender_id}/lots/{lot_no}/award", response_model=list[LotAwardPublic], status_code=201,
             summary="Award a lot to scored bidders, each with the reason: they are selected for the year (V)")
def award(tender_id: IdPath, lot_no: Annotated[int, Path(ge=1, le=999)], cmd: commands.AwardLot, _: Authority,
          uow: Uow) -> list[LotAwardPublic]:
    return [LotAwardPublic.of(a) for a in tenders.award_lot(tender_id, lot_no, cmd, uow)]
