"""Use cases of the yearly tender (V, 事前): publication, bids, their scores and the award of each lot with its
reasons. An award publishes `TenderAwarded` (the fact mrv needs) and, for the agency's first lot of the year,
`AgencyEligibilityChanged(eligible=true)`."""
from __future__ import annotations

from uuid import uuid4

from ets_shared.contracts.verifier_oversight import TenderAwarded
from ets_shared.errors import Conflict, Forbidden
from verifier_oversight.domain import tenders as rules
from verifier_oversight.domain.tenders import Bid, Lot, LotAward, Tender
from verifier_oversight.service_layer import commands
from verifier_oversight.service_layer.agencies import SELECTED, eligibility_changed
from verifier_oversight.service_layer.unit_of_work import OversightUnitOfWork


def publish_tender(cmd: commands.PublishTender, uow: OversightUnitOfWork) -> Tender:
    with uow:
        if uow.tenders.find(cmd.tender_id) is not None:
            raise Conflict(f"tender {cmd.tender_id} already exists", field="tender_id", article="V")
        lots = [Lot(lot.lot_no, lot.title, tuple(lot.sectors), lot.expected_volume, lot.max_winners)
                for lot in cmd.lots]
        tender = rules.publish_tender(cmd.tender_id, cmd.compliance_year, cmd.title, cmd.conditions, lots,
                                      cmd.bid_deadline, uow.now())
        uow.tenders.add(tender)
        uow.audit("verifier-oversight.tender.published", f"tender:{tender.tender_id}",
                  {"compliance_year": tender.year, "conditions": list(tender.conditions),
                   "lots": [vars(lot) for lot in tender.lots], "bid_deadline": tender.bid_deadline})
        uow.commit()
    return tender


def submit_bid(tender_id: str, cmd: commands.SubmitBid, uow: OversightUnitOfWork) -> Bid:
    with uow:
        tender = uow.tenders.get(tender_id, for_update=True)
        bid = rules.submit_bid(f"BID-{uuid4().hex[:12]}", tender, cmd.lot_no, uow.agencies.get(cmd.agency_id),
                               cmd.statement, cmd.price, uow.now(), uow.agencies.blacklist_of(cmd.agency_id),
                               uow.tenders.bids(tender_id, cmd.lot_no), uow.tenders.awards(tender_id))
        uow.tenders.save_bid(bid)
        uow.audit("verifier-oversight.tender.bid", f"tender:{tender_id}",
                  {"bid_id": bid.bid_id, "lot_no": bid.lot_no, "agency_id": bid.agency_id, "price": bid.price})
        uow.commit()
    return bid


def score_bid(tender_id: str, bid_id: str, cmd: commands.ScoreBid, uow: OversightUnitOfWork) -> Bid:
    with uow:
        tender = uow.tenders.get(tender_id, for_update=True)
        bid = uow.tenders.bid(bid_id)
        if bid.tender_id != tender_id:
            raise Forbidden(f"bid {bid_id} belongs to tender {bid.tender_id}", field="bid_id", article="V")
        scored = rules.score_bid(bid, tender, cmd.score, cmd.reason, uow.now())
        uow.tenders.save_bid(scored)
        uow.audit("verifier-oversight.tender.scored", f"tender:{tender_id}",
                  {"bid_id": bid_id, "agency_id": bid.agency_id, "score": scored.score, "reason": scored.score_reason})
        uow.commit()
    return scored


def award_lot(tender_id: str, lot_no: int, cmd: commands.AwardLot, uow: OversightUnitOfWork) -> list[LotAward]:
    with uow:
        tender = uow.tenders.get(tender_id, for_update=True)
        agency_ids = [w.agency_id for w in cmd.winners]
        agencies = uow.agencies.many(agency_ids)
        bids = uow.tenders.bids(tender_id, lot_no)
        blacklist = [e for a in agencies for e in uow.agencies.blacklist_of(a, tender.year)]
        awards = rules.award_lot(tender, lot_no, [(w.agency_id, w.reason) for w in cmd.winners], bids,
                                 agencies, blacklist, uow.tenders.awards(tender_id), uow.now())
        already = {a.agency_id for a in uow.agencies.awards(agency_ids, tender.year)}
        for award in awards:
            uow.tenders.add_award(award)
            uow.publish(TenderAwarded(tender_id=tender_id, lot_no=lot_no, agency_id=award.agency_id,
                                      compliance_year=award.year, sectors=list(award.sectors),
                                      expected_volume=award.expected_volume, reason=award.reason,
                                      awarded_at=award.awarded_at))
            if award.agency_id not in already:
                eligibility_changed(uow, award.agency_id, award.year, True, SELECTED, award.awarded_at)
        uow.commit()
    return awards
