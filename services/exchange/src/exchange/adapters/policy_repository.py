"""The per-year trading rules document (GET/PUT /policy/{year}): a pydantic mirror of `TradingRules` (M-20, M-23,
M-27, M-28). The year is the calendar year of the trading day. Defaults: tick 0.01 yuan, lot 1 t, sessions 09:30-11:30
and 13:00-15:00, +-10 % open bidding, +-30 % agreement transfers below 500,000 t, 1,000,000 t holding limit (plus a
covered entity's allocation), fees 0.15 % per side in open bidding and 0.10 % in agreement transfers, 20 % of fees to
the risk reserve fund, large holders reported at 500,000 t beyond their allocation, the day's market report due
by 18:00."""
from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from decimal import Decimal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ets_shared.bounds import DecimalString
from ets_shared.persistence.driver_statement import DriverStatement
from ets_shared.persistence.policy import load_policy
from ets_shared.persistence.tables import PolicySetting
from exchange.domain.policy import AGREEMENT, OPEN_BIDDING, Fees, TradingRules


class SurveillanceThresholds(BaseModel):
    """The [param]s of M-24 surveillance (`exchange.domain.surveillance` says what each pattern is)."""

    wash_min_quantity_t: int = Field(1, ge=1, le=10_000_000)
    layering_min_quantity_t: int = Field(10_000, ge=1, le=10_000_000)
    layering_distance_ticks: int = Field(5, ge=0, le=10_000)
    layering_window_seconds: int = Field(60, ge=1, le=86_400)
    layering_min_orders: int = Field(3, ge=1, le=1000)
    close_window_minutes: int = Field(10, ge=1, le=240)
    close_move_threshold: DecimalString = Field(Decimal("0.02"), gt=0, le=1, max_digits=6, decimal_places=4)


Rate = Field(ge=0, le=Decimal("0.1"), max_digits=8, decimal_places=6)


class FeeRates(BaseModel):
    buyer: DecimalString = Rate
    seller: DecimalString = Rate


class TradingSession(BaseModel):
    start: time
    end: time


class ExchangePolicyDocument(BaseModel):
    tick: DecimalString = Field(Decimal("0.01"), gt=0, le=100, max_digits=8, decimal_places=2,
                          description="price tick in yuan (a multiple of 0.01)")
    lot: int = Field(1, ge=1, le=100_000, description="quantity unit in tonnes")
    sessions: list[TradingSession] = Field(default_factory=lambda: [TradingSession(start=time(9, 30), end=time(11, 30)),
                                                              TradingSession(start=time(13), end=time(15))],
                                     min_length=1, max_length=6, description="Shanghai local time, start inclusive")
    holidays: list[date] = Field(default_factory=list, max_length=100, description="weekdays without trading")
    price_limit: DecimalString = Field(Decimal("0.10"), gt=0, le=1, description="M-28(1) open bidding band")
    agreement_limit: DecimalString = Field(Decimal("0.30"), gt=0, le=1, description="M-28(1) agreement transfer band")
    agreement_exempt_t: int = Field(500_000, ge=1, description="agreement transfers of at least this size: no band")
    max_holding_t: int = Field(1_000_000, ge=1, description="M-28(2), plus a covered entity's allocation")
    open_bidding_fees: FeeRates = FeeRates(buyer=Decimal("0.0015"), seller=Decimal("0.0015"))
    agreement_fees: FeeRates = FeeRates(buyer=Decimal("0.0010"), seller=Decimal("0.0010"))
    risk_reserve_share: DecimalString = Field(Decimal("0.20"), ge=0, le=1, description="M-28(4) share of fees")
    large_holder_report_t: int = Field(500_000, ge=1, le=100_000_000,
                                       description="M-28(2) large-holder report at this holding beyond the allocation")
    market_report_due: time = Field(time(18), description="M-25/M-42(1): the day's market report is due by this "
                                                          "Shanghai time of the trading day")
    surveillance: SurveillanceThresholds = Field(default_factory=SurveillanceThresholds,
                                                 description="M-24 surveillance thresholds")

    @model_validator(mode="after")
    def _consistent(self) -> ExchangePolicyDocument:
        if (self.tick * 100) % 1:
            raise ValueError("tick must be a whole number of fen")
        if any(s.end <= s.start for s in self.sessions):
            raise ValueError("a session must end after it starts")
        return self

    @classmethod
    def default(cls, _year: int) -> ExchangePolicyDocument:
        return cls()

    def rules(self) -> TradingRules:
        return TradingRules(
            tick_cents=int(self.tick * 100), lot=self.lot,
            sessions=tuple((s.start, s.end) for s in self.sessions), holidays=tuple(self.holidays),
            price_limit=self.price_limit, agreement_limit=self.agreement_limit,
            agreement_exempt_t=self.agreement_exempt_t, max_holding_t=self.max_holding_t,
            fees={OPEN_BIDDING: Fees(self.open_bidding_fees.buyer, self.open_bidding_fees.seller),
                  AGREEMENT: Fees(self.agreement_fees.buyer, self.agreement_fees.seller)},
            risk_reserve_share=self.risk_reserve_share, large_holder_report_t=self.large_holder_report_t,
            market_report_due=self.market_report_due)


def rules_for(session: Session, year: int) -> TradingRules:
    return load_policy(session, year, ExchangePolicyDocument, ExchangePolicyDocument.default).rules()


_SETTING = PolicySetting.__table__
_DOCUMENT = select(_SETTING.c.document).where(_SETTING.c.compliance_year == bindparam("year"))
_DOCUMENT_ON_SQLITE = DriverStatement(lambda _: _DOCUMENT)


def rules_in_force(session: Session, year: int) -> TradingRules:
    """`rules_for(session, year)` for a transaction that asks once (order entry: once per product and batch), the
    stored document read afresh at every call — a document the authority sets through another process prices the
    next batch — as its text (on SQLite straight on the driver), made into rules once per text (`_rules_of`): read
    through the session, validated and made into rules at every batch, it cost 40 us a batch. A document this
    session holds as a row (set in this transaction) is `rules_for`'s, as before; one it read as text before is
    read again (the same text on SQLite, whose write transaction is one snapshot)."""
    if _holds_document(session, year):
        return rules_for(session, year)
    if session.get_bind().dialect.name == "sqlite":
        rows = _DOCUMENT_ON_SQLITE.rows(session, year=year)
        text = rows[0][0] if rows else None
    else:
        text = session.connection().execute(_DOCUMENT, {"year": year}).scalar_one_or_none()
    return _rules_of(text) if text is not None else _default_rules(year)


def _holds_document(session: Session, year: int) -> bool:
    """Whether this session holds the year's policy row (added, or loaded and maybe changed, in this transaction)."""
    if (PolicySetting, (year,), None) in session.identity_map:
        return True
    return any(isinstance(obj, PolicySetting) and obj.compliance_year == year for obj in session.new)


@lru_cache(maxsize=64)
def _rules_of(text: str) -> TradingRules:
    """The rules of a stored document's text (frozen, shared by the batches that read the same text)."""
    return ExchangePolicyDocument.model_validate_json(text).rules()


@lru_cache(maxsize=64)
def _default_rules(year: int) -> TradingRules:
    return ExchangePolicyDocument.default(year).rules()


def thresholds_for(session: Session, year: int) -> SurveillanceThresholds:
    return load_policy(session, year, ExchangePolicyDocument, ExchangePolicyDocument.default).surveillance
