"""Repository of the yearly tenders: the tender with its lots, its bids and the awards of its lots."""
from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ets_shared.errors import NotFound
from ets_shared.persistence.mapping import to_domain, to_row
from verifier_oversight.adapters.orm import BidRow, LotAwardRow, TenderRow
from verifier_oversight.adapters.repository import lot_award
from verifier_oversight.domain.tenders import Bid, Lot, LotAward, Tender


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class TenderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, tender_id: str, *, for_update: bool = False) -> Tender | None:
        """The tender; `for_update` locks it, which serialises its bids and awards."""
        query = select(TenderRow).where(TenderRow.tender_id == tender_id)
        row = self.session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
        if row is None:
            return None
        lots = tuple(Lot(lot["lot_no"], lot["title"], tuple(lot["sectors"]), lot["expected_volume"],
                         lot["max_winners"]) for lot in row.lots)
        return to_domain(row, Tender, conditions=tuple(row.conditions), lots=lots)

    def get(self, tender_id: str, *, for_update: bool = False) -> Tender:
        tender = self.find(tender_id, for_update=for_update)
        if tender is None:
            raise NotFound(f"no tender {tender_id}", field="tender_id", article="V")
        return tender

    def add(self, tender: Tender) -> None:
        lots = [{**asdict(lot), "sectors": list(lot.sectors)} for lot in tender.lots]
        self.session.add(to_row(tender, TenderRow, conditions=list(tender.conditions), lots=lots))

    def of_year(self, year: int) -> list[Tender]:
        query = select(TenderRow.tender_id).where(TenderRow.year == year).order_by(TenderRow.published_at,
                                                                                   TenderRow.tender_id)
        return [self.get(t) for t in self.session.execute(query).scalars()]

    # -- bids ----------------------------------------------------------------------------------------------
    def bids(self, tender_id: str, lot_no: int | None = None) -> list[Bid]:
        query = select(BidRow).where(BidRow.tender_id == tender_id)
        if lot_no is not None:
            query = query.where(BidRow.lot_no == lot_no)
        query = query.order_by(BidRow.lot_no, BidRow.submitted_at, BidRow.agency_id)
        return [self._bid(r) for r in self.session.execute(query).scalars()]

    def bid(self, bid_id: str) -> Bid:
        row = self.session.get(BidRow, bid_id)
        if row is None:
            raise NotFound(f"no bid {bid_id}", field="bid_id", article="V")
        return self._bid(row)

    def save_bid(self, bid: Bid) -> None:
        self.session.add(to_row(bid, BidRow, self.session.get(BidRow, bid.bid_id),
                                price=None if bid.price is None else str(bid.price),
                                score=None if bid.score is None else str(bid.score)))

    @staticmethod
    def _bid(row: BidRow) -> Bid:
        return to_domain(row, Bid, price=_decimal(row.price), score=_decimal(row.score))

    # -- awards --------------------------------------------------------------------------------------------
    def awards(self, tender_id: str) -> list[LotAward]:
        query = select(LotAwardRow).where(LotAwardRow.tender_id == tender_id).order_by(LotAwardRow.lot_no,
                                                                                       LotAwardRow.agency_id)
        return [lot_award(r) for r in self.session.execute(query).scalars()]

    def add_award(self, award: LotAward) -> None:
        self.session.add(to_row(award, LotAwardRow, sectors=list(award.sectors)))
