"""The yearly public tender that selects the agencies (V, 事前; seed 000: 通过政府购买服务的方式公开择优确定核查机构,
通过公开招投标面向全国碳排放核查机构遴选确定，通过条件设定和严格的采购程序).

Rules that live here:
- a tender for compliance year Y states its conditions and its lots: the sectors each lot covers, the entities it
  expects to be verified, and how many agencies may win it; bids are accepted until the bid deadline (a Shanghai
  date, inclusive);
- only a filed agency (M-14) that is not blacklisted for Y and whose filed fields of competence cover the lot's
  sectors may bid, once per lot;
- after the deadline each bid is scored (0..100, with its reasons) once; a lot is awarded once, to at most its
  number of winners, each a scored bidder still filed and not blacklisted, each with the reason for the award. The
  award makes the agency selected for Y in the lot's sectors.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from ets_shared.clock import regulatory_date
from ets_shared.errors import Conflict, RuleViolation

from .agencies import Agency, BlacklistEntry, check_fields, standing_bar

MAX_SCORE = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Lot:
    lot_no: int
    title: str
    sectors: tuple[str, ...]
    expected_volume: int  # entities expected to be verified under the lot
    max_winners: int = 1


@dataclass(frozen=True)
class Tender:
    tender_id: str
    year: int
    title: str
    conditions: tuple[str, ...]
    lots: tuple[Lot, ...]
    bid_deadline: date  # last Shanghai date a bid is accepted
    published_at: datetime

    def lot(self, lot_no: int) -> Lot:
        found = next((lot for lot in self.lots if lot.lot_no == lot_no), None)
        if found is None:
            raise RuleViolation(f"tender {self.tender_id} has no lot {lot_no}", field="lot_no", article="V")
        return found


@dataclass(frozen=True)
class Bid:
    bid_id: str
    tender_id: str
    lot_no: int
    agency_id: str
    statement: str  # the agency's proposal: team, method, how it meets the conditions
    price: Decimal | None
    submitted_at: datetime
    score: Decimal | None = None
    score_reason: str | None = None
    scored_at: datetime | None = None


@dataclass(frozen=True)
class LotAward:
    tender_id: str
    lot_no: int
    agency_id: str
    year: int
    sectors: tuple[str, ...]
    expected_volume: int
    winners: int  # agencies the lot was awarded to (the lot's volume is shared between them)
    reason: str
    awarded_at: datetime

    @property
    def capacity(self) -> Decimal:
        """This winner's share of the lot's expected volume."""
        return Decimal(self.expected_volume) / self.winners


def publish_tender(tender_id: str, year: int, title: str, conditions: Sequence[str], lots: Sequence[Lot],
                   bid_deadline: date, now: datetime) -> Tender:
    if not title.strip():
        raise RuleViolation("a tender needs a title", field="title", article="V")
    if not conditions or any(not c.strip() for c in conditions):
        raise RuleViolation("a tender states its conditions (条件设定), none blank", field="conditions", article="V")
    if not lots:
        raise RuleViolation("a tender has at least one lot", field="lots", article="V")
    if bid_deadline < regulatory_date(now):
        raise RuleViolation("the bid deadline has already passed", field="bid_deadline", article="V")
    checked, numbers = [], set()
    for i, lot in enumerate(lots):
        if lot.lot_no in numbers:
            raise RuleViolation(f"lot {lot.lot_no} appears twice", field=f"lots[{i}].lot_no", article="V")
        numbers.add(lot.lot_no)
        if not lot.title.strip():
            raise RuleViolation("a lot needs a title", field=f"lots[{i}].title", article="V")
        if lot.expected_volume < 1 or lot.max_winners < 1:
            raise RuleViolation("a lot expects at least 1 entity and 1 winner", field=f"lots[{i}].expected_volume",
                                article="V")
        try:
            sectors = check_fields(lot.sectors)
        except RuleViolation as bad:
            raise RuleViolation(bad.detail, field=f"lots[{i}].sectors", article="V") from None
        checked.append(replace(lot, title=lot.title.strip(), sectors=sectors))
    return Tender(tender_id, year, title.strip(), tuple(c.strip() for c in conditions), tuple(checked), bid_deadline,
                  now)


def submit_bid(bid_id: str, tender: Tender, lot_no: int, agency: Agency, statement: str, price: Decimal | None,
               now: datetime, blacklist: Iterable[BlacklistEntry], bids: Iterable[Bid],
               awards: Iterable[LotAward]) -> Bid:
    lot = tender.lot(lot_no)
    if regulatory_date(now) > tender.bid_deadline:
        raise RuleViolation(f"bids for {tender.tender_id} closed on {tender.bid_deadline}", field="tender_id",
                            article="V")
    bar = standing_bar(agency, tender.year, blacklist)
    if bar is not None:
        raise RuleViolation(bar, field="agency_id", article="V")
    missing = sorted(set(lot.sectors) - set(agency.fields))
    if missing:
        raise RuleViolation(f"agency {agency.agency_id} is not filed as competent in {', '.join(missing)}",
                            field="lot_no", article="M-14")
    if not statement.strip():
        raise RuleViolation("a bid states how the agency meets the conditions", field="statement", article="V")
    if price is not None and (price <= 0 or price.as_tuple().exponent < -2):  # type: ignore[operator]  # finite: exponent is an int
        raise RuleViolation("a price is a positive amount in yuan and fen", field="price", article="V")
    if any(a.lot_no == lot_no for a in awards):
        raise Conflict(f"lot {lot_no} is already awarded", field="lot_no", article="V")
    if any(b.lot_no == lot_no and b.agency_id == agency.agency_id for b in bids):
        raise Conflict(f"agency {agency.agency_id} already bid for lot {lot_no}", field="lot_no", article="V")
    return Bid(bid_id, tender.tender_id, lot_no, agency.agency_id, statement.strip(),
               None if price is None else price.quantize(CENT), now)


def score_bid(bid: Bid, tender: Tender, score: Decimal, reason: str, now: datetime) -> Bid:
    if regulatory_date(now) <= tender.bid_deadline:
        raise RuleViolation(f"bids are scored after the deadline {tender.bid_deadline}", field="bid_id",
                            article="V")
    if bid.score is not None:
        raise Conflict(f"bid {bid.bid_id} was already scored {bid.score}", field="bid_id", article="V")
    if not Decimal(0) <= score <= MAX_SCORE or score.as_tuple().exponent < -2:  # type: ignore[operator]  # finite: exponent is an int
        raise RuleViolation("a score is 0..100 with at most 2 decimals", field="score", article="V")
    if not reason.strip():
        raise RuleViolation("a score states its reasons", field="reason", article="V")
    return replace(bid, score=score.quantize(CENT), score_reason=reason.strip(), scored_at=now)


def award_lot(tender: Tender, lot_no: int, winners: Sequence[tuple[str, str]], bids: Iterable[Bid],
              agencies: dict[str, Agency], blacklist: Iterable[BlacklistEntry], awards: Iterable[LotAward],
              now: datetime) -> list[LotAward]:
    """Award lot `lot_no` to `winners` [(agency_id, reason)], each with its reason."""
    lot = tender.lot(lot_no)
    if regulatory_date(now) <= tender.bid_deadline:
        raise RuleViolation(f"a lot is awarded after the bid deadline {tender.bid_deadline}", field="lot_no",
                            article="V")
    if any(a.lot_no == lot_no for a in awards):
        raise Conflict(f"lot {lot_no} of {tender.tender_id} is already awarded", field="lot_no", article="V")
    if not 1 <= len(winners) <= lot.max_winners:
        raise RuleViolation(f"lot {lot_no} is awarded to 1..{lot.max_winners} agencies", field="winners",
                            article="V")
    if len({a for a, _ in winners}) != len(winners):
        raise RuleViolation("an agency wins a lot once", field="winners", article="V")
    by_agency = {b.agency_id: b for b in bids if b.lot_no == lot_no}
    blacklist = list(blacklist)
    out = []
    for i, (agency_id, reason) in enumerate(winners):
        field = f"winners[{i}]"
        bid = by_agency.get(agency_id)
        if bid is None:
            raise RuleViolation(f"agency {agency_id} did not bid for lot {lot_no}", field=f"{field}.agency_id",
                                article="V")
        if bid.score is None:
            raise RuleViolation(f"the bid of {agency_id} is not scored yet", field=f"{field}.agency_id",
                                article="V")
        agency = agencies[agency_id]
        bar = standing_bar(agency, tender.year, blacklist)
        if bar is not None:
            raise RuleViolation(bar, field=f"{field}.agency_id", article="V")
        if not reason.strip():
            raise RuleViolation("an award states its reason", field=f"{field}.reason", article="V")
        out.append(LotAward(tender.tender_id, lot_no, agency_id, tender.year, lot.sectors, lot.expected_volume,
                            len(winners), reason.strip(), now))
    return out
