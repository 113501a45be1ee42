"""The registry's answers (M-26, M-27, M-28(4), M-32): allowances deposited into trading are credited; a withdrawal
completes or comes back; a trade's delivery registered settles the cash leg and the fees (a share into the risk
reserve fund), a delivery refused fails the trade as a whole and releases both legs. Each answer applies once: a
re-delivered event finds the trade, instruction or deposit already done and changes nothing.

Delivery answers are applied set-based per consumed batch: each one is deferred on the unit of work
(`SqlUnitOfWork.defer`) and all of them are applied together before the transaction commits (`_apply_answers`) — one
read of the trades, one multi-row insert of the statement lines, the balances' net changes (`Ledger.*_later`), the
fee check once per batch and the large-holder check once per batch for all its buyers. Each trade is still all or
nothing: a refused delivery moves no cash and releases both reservations, a registered one settles both legs; the
first answer for a trade wins (a repeated or contradicting answer in the same batch changes nothing). Any other
answer (a deposit, a withdrawal) applies the noted answers first, so it sees the balances in the events' order."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered
from ets_shared.contracts.exchange import AllowancesDeposited, AllowancesWithdrawn, TradeSettled, TradeSettlementFailed
from exchange.adapters.ledger import FEE_ACCOUNT, RISK_RESERVE_ACCOUNT, Ledger, Line

from sqlalchemy import String, bindparam, select, type_coerce, update
from sqlalchemy.orm import Session

from ets_shared.clock import regulatory_date
from ets_shared.envelope import MessageContext
from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import update_rows

from exchange.adapters.orm import AllowanceInstructionRow, TradeRow, TradingAccountRow
from exchange.adapters.order_entry_store import TradeRecord
from exchange.adapters.trading_store import MATCHED, expire_held
from exchange.domain.policy import TradingRules, to_yuan
from exchange.service_layer.filings import fees_outside_schedule
from exchange.service_layer.checked_events import event, within
from exchange.adapters.policy_repository import rules_for
from exchange.service_layer.risk import check_large_holder, check_large_holders
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def on_transfer_registered(event: RegistryTransferRegistered, uow: ExchangeUnitOfWork) -> None:
    if event.purpose == "trade_delivery":
        _note(uow, event.reference or event.transaction_id, event.purpose, None)
        return
    apply_delivery_answers(uow)
    if event.purpose == "exchange_deposit":
        _credit_deposit(event, uow)
    elif event.purpose == "exchange_withdrawal":
        _withdrawal_done(uow, event.reference or event.transaction_id, registered=True, reason=None)


def on_transfer_refused(event: RegistryTransferRefused, uow: ExchangeUnitOfWork) -> None:
    if event.purpose == "exchange_withdrawal":
        apply_delivery_answers(uow)
        _withdrawal_done(uow, event.reference, registered=False, reason=event.reason)
    else:
        _note(uow, event.reference, event.purpose, event.reason)


def _note(uow: ExchangeUnitOfWork, trade_id: str, purpose: str, refusal: str | None) -> None:
    uow.defer(_apply_answers, (trade_id, purpose, refusal, uow.context))


def apply_delivery_answers(uow: ExchangeUnitOfWork) -> None:
    """Apply the registry's delivery answers noted so far in this transaction now (an answer that must see their
    effect comes next)."""
    uow.run_deferred(_apply_answers)


def _apply_answers(answers: list[tuple[str, str, str | None, MessageContext]], uow: ExchangeUnitOfWork) -> None:
    """Apply the registry's delivery answers, in their order, set-based; what each answer publishes carries that
    answer's context (its case's correlation id). The trades are read and written as table rows (one read, one
    `UPDATE` per outcome for all of them): loading, tracking and flushing them as ORM objects cost about a third of
    the time of an answer. The settled trades' statement lines are written together (`Ledger.entries`), the fees
    into the fee account and the risk reserve fund as the batch's two sums (`_Settling`)."""
    acting, session, now = uow.context, uow.session, uow.now()
    trades = _answered_trades(session, {trade_id for trade_id, _, _, _ in answers})
    answered: set[str] = set()  # the first answer for a trade wins
    settled: list[tuple[TradeRecord, MessageContext]] = []
    failed: list[dict] = []
    settling = _Settling(now)
    rules: dict[int, TradingRules] = {}
    for trade_id, purpose, refusal, context in answers:
        uow.context = context
        trade = trades.get(trade_id)
        if trade is None:
            _unmatched(uow, f"trade:{trade_id}", f"the registry answered ({purpose}) for trade {trade_id}, which the "
                                                 "exchange never made")
        elif trade.status != MATCHED or trade_id in answered:
            continue
        elif refusal is None:
            year = trade.trading_day.year
            year_rules = rules.get(year) or rules.setdefault(year, rules_for(session, year))
            settle(uow, trade, year_rules, settling)
            settled.append((trade, context))
        else:
            failed.append(fail(uow, trade, refusal, now))
        answered.add(trade_id)
    _record_outcomes(uow, [trade.trade_id for trade, _ in settled], failed, now)
    settling.write(uow.ledger)
    findings = fees_outside_schedule(session, [trade for trade, _ in settled], now)
    buyers = {}
    for trade, context in settled:
        uow.context = buyers[trade.buyer_account_id] = context
        if trade.trade_id in findings:
            uow.publish(findings[trade.trade_id], subject_ref=f"trade:{trade.trade_id}")
    if buyers:
        year = regulatory_date(now).year
        check_large_holders(uow, buyers, buyers, rules=rules.get(year) or rules_for(session, year))
    uow.context = acting


class _Settling:
    """What a batch's settled trades write together: their statement lines (`Line`s, in the trades' order, each
    trade's four as `settle` lists them) and what their fees bring the fee account and the risk reserve fund, summed
    (two net changes for the batch, not two per trade: the pending changes are net per account anyway,
    `Ledger.write_pending`)."""

    __slots__ = ("fees", "lines", "now", "reserve")

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.lines: list[Line] = []
        self.fees = self.reserve = 0

    def write(self, ledger: Ledger) -> None:
        if not self.lines:
            return
        ledger.cash_later(FEE_ACCOUNT, available=self.fees)
        ledger.cash_later(RISK_RESERVE_ACCOUNT, available=self.reserve)
        ledger.entries(self.now, self.lines)


_trades = TradeRow.__table__
# Both run on SQLite straight on the driver (`AmongKeys.rows` / `.driver`, the ids as one JSON parameter): SQLAlchemy's
# execution around them (its execution context, result object and rows) cost more than SQLite's own work for a few
# answers.
_ANSWERED = AmongKeys(lambda among: select(*(_trades.c[name] for name in TradeRecord.__slots__)).where(
    among(_trades.c.trade_id)))
# On SQLite, the same with the dates and instants as stored (`_answered_trades` converts each distinct text once).
_AS_STORED = ("trading_day", "executed_at", "settled_at")
_ANSWERED_STORED = AmongKeys(lambda among: select(*(
    type_coerce(_trades.c[name], String) if name in _AS_STORED else _trades.c[name] for name in TradeRecord.__slots__
)).where(among(_trades.c.trade_id)))
_STORED_CONVERTERS: dict[str, tuple[tuple[int, Callable[[Any], Any]], ...]] = {}  # made at the first read
_UNSEEN = object()
# The settled trades' new state, one statement for all of them (they share it: the batch's instant).
_SETTLED = AmongKeys(lambda among: update(_trades).where(among(_trades.c.trade_id)).values(
    status="SETTLED", settled_at=bindparam("at_", type_=_trades.c.settled_at.type)))


def _answered_trades(session: Session, trade_ids: set[str]) -> dict[str, TradeRecord]:
    """The answered trades by id (an unknown id is simply absent), one read by a statement built once (the ids as one
    parameter, `AmongKeys`), as records: an SQLAlchemy row's attribute costs about 0.8 us, a slotted record's a
    twentieth, and settling, failing and the fee check read some twenty per trade. On SQLite the dates and instants
    come as stored (`_ANSWERED_STORED`) and each distinct text is converted once, as SQLAlchemy converts it: a
    batch's trades share a trading day and mostly their execution instant (a column's converter per row cost 2 us
    of a trade's 8)."""
    keys = sorted(trade_ids)
    if not _on_sqlite(session):
        return {trade.trade_id: trade for trade in (TradeRecord(*row) for row in _ANSWERED.execute(session, keys))}
    converters = _STORED_CONVERTERS.get("sqlite") or _stored_converters(session)
    converted: list[dict[Any, Any]] = [{} for _ in converters]
    trades = {}
    for stored in _ANSWERED_STORED.rows(session, keys, on_driver=True):
        row = list(stored)
        for (n, convert), known in zip(converters, converted, strict=True):
            text = row[n]
            value = known.get(text, _UNSEEN)
            if value is _UNSEEN:
                value = known[text] = convert(text)
            row[n] = value
        trade = TradeRecord(*row)
        trades[trade.trade_id] = trade
    return trades


def _stored_converters(session: Session) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """Per column of `_ANSWERED_STORED` read as stored: its place and SQLAlchemy's result processor on SQLite."""
    dialect = session.get_bind().dialect
    made = _STORED_CONVERTERS["sqlite"] = tuple(
        (n, _trades.c[name].type.dialect_impl(dialect).result_processor(dialect, None) or _as_is)
        for n, name in enumerate(TradeRecord.__slots__) if name in _AS_STORED)
    return made


def _as_is(value: Any) -> Any:
    return value


def _on_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _mark_settled(session: Session, trade_ids: list[str], now: datetime) -> None:
    """`_SETTLED` for these trades; on SQLite on the driver, `now` converted as SQLAlchemy binds it."""
    if not _on_sqlite(session):
        _SETTLED.execute(session, trade_ids, at_=now)
        return
    dialect = session.get_bind().dialect
    process = _trades.c.settled_at.type.dialect_impl(dialect).bind_processor(dialect)
    _SETTLED.driver.run_many(session, [{"keys_": json.dumps(trade_ids), "at_": process(now) if process else now}])


def _record_outcomes(uow: ExchangeUnitOfWork, settled: list[str], failed: list[dict], now: datetime) -> None:
    """The trades settled (their ids) and failed (their new state): their status written, in the order of their ids
    — the settled ones by one `UPDATE` of all their ids (`_SETTLED`: they share their new state; a row each through
    the driver's executemany cost three times as much), the failed ones, each with its reason, by `update_rows` (on
    SQLite the driver's executemany, the compiled statement's per-row parameters cost more than the writing); a
    trade this session holds as an object is expired, so that it is read afresh (`expire_held`)."""
    if settled:
        _mark_settled(uow.session, sorted(settled), now)
    if failed:
        update_rows(uow.session, TradeRow, sorted(failed, key=lambda row: row["trade_id"]))
    expire_held(uow.session, TradeRow, {*settled, *(row["trade_id"] for row in failed)})


def _unmatched(uow: ExchangeUnitOfWork, subject_ref: str, detail: str) -> None:
    """An answer the exchange's records cannot explain moves nothing here; it is recorded for the reconciliation
    and the auditors (`GET /audit?subject_ref=...`), and the stream goes on."""
    uow.audit("exchange.registry-answer.unmatched", subject_ref, detail)


def _credit_deposit(event: RegistryTransferRegistered, uow: ExchangeUnitOfWork) -> None:
    account = uow.session.get(TradingAccountRow, event.to_account_id)
    if account is None:
        _unmatched(uow, f"trading-account:{event.to_account_id}", f"deposit {event.transaction_id} into "
                   f"{event.to_account_id}, which is no trading account of the exchange")
        return
    if uow.ledger.has_entry("allowance_deposit", event.transaction_id):
        return
    now = uow.now()
    for line in event.lines:
        if line.unit_type != "SHEA" or not line.quantity:
            continue
        uow.ledger.change_allowances(account.trading_account_id, line.vintage, available=line.quantity)
        uow.ledger.entry(account.trading_account_id, now, "allowance_deposit", event.transaction_id,
                         vintage=line.vintage, quantity=line.quantity)
        uow.publish(AllowancesDeposited(transaction_id=event.transaction_id,
                                        trading_account_id=account.trading_account_id, vintage=line.vintage,
                                        quantity=line.quantity, credited_at=now),
                    subject_ref=f"trading-account:{account.trading_account_id}")
    check_large_holder(uow, account.trading_account_id)


def _withdrawal_done(uow: ExchangeUnitOfWork, instruction_id: str, *, registered: bool, reason: str | None) -> None:
    row = uow.session.get(AllowanceInstructionRow, instruction_id)
    if row is None:
        _unmatched(uow, f"instruction:{instruction_id}", f"the registry answered for withdrawal {instruction_id}, "
                                                         "which the exchange never instructed")
        return
    if row.status != "PENDING":
        return
    now = uow.now()
    if registered:
        uow.ledger.change_allowances(row.trading_account_id, row.vintage, reserved=-row.quantity)
        uow.ledger.entry(row.trading_account_id, now, "allowance_withdrawal", instruction_id, vintage=row.vintage,
                         quantity=-row.quantity)
    else:
        uow.ledger.change_allowances(row.trading_account_id, row.vintage, available=row.quantity,
                                     reserved=-row.quantity)
    row.status, row.decided_at, row.reason = ("DONE" if registered else "REFUSED"), now, reason
    uow.publish(AllowancesWithdrawn(instruction_id=instruction_id, trading_account_id=row.trading_account_id,
                                    vintage=row.vintage, quantity=row.quantity,
                                    outcome="registered" if registered else "refused", decided_at=now),
                subject_ref=f"instruction:{instruction_id}")


def settle(uow: ExchangeUnitOfWork, trade: TradeRecord, rules: TradingRules, settling: _Settling) -> None:
    """Delivery versus payment: the allowances were delivered in the registry, so the cash moves now (written at the
    end of the transaction, `Ledger.cash_later`) — the buyer pays turnover + its fee out of its reservation, the
    seller receives turnover - its fee, the fees go to the fee account and the risk reserve fund's share of them to
    the fund (M-27, M-28(4): summed for the batch, `_Settling`). The trade's four statement lines are added to the
    batch's (`settling.lines`); its new state is written with the batch's (`_record_outcomes`)."""
    turnover = trade.price_cents * trade.quantity
    buyer_fee, seller_fee, quantity = trade.buyer_fee_cents, trade.seller_fee_cents, trade.quantity
    fees = buyer_fee + seller_fee
    reserve = rules.reserve_share_cents(fees)
    ledger, ref, vintage, now = uow.ledger, trade.trade_id, trade.vintage, settling.now
    buyer, seller, paid = trade.buyer_account_id, trade.seller_account_id, trade.buyer_reserved_cents
    ledger.allowances_later(seller, vintage, reserved=-quantity)
    ledger.allowances_later(buyer, vintage, available=quantity)
    ledger.cash_later(buyer, reserved=-paid)
    ledger.cash_later(seller, available=turnover - seller_fee)
    settling.fees += fees - reserve
    settling.reserve += reserve
    settling.lines += ((buyer, "trade_buy", ref, -paid, vintage, quantity),
                       (seller, "trade_sell", ref, turnover - seller_fee, vintage, -quantity),
                       (FEE_ACCOUNT, "fees", ref, fees - reserve, None, 0),
                       (RISK_RESERVE_ACCOUNT, "risk_reserve", ref, reserve, None, 0))
    uow.publish(settled_event(trade, turnover, reserve, now), subject_ref=f"trade:{ref}")


def settled_event(trade: TradeRecord, turnover: int, reserve: int, now: datetime) -> TradeSettled:
    """The trade's `TradeSettled`, made without validating again what the trade's row holds, typed and checked by
    order entry (`checked_events.event`: 2.3 against 5.5 us per trade, `to_yuan` included), while its values are
    within the contract's bounds (`within`; every amount also not negative) — else validated, and refused, as the
    contract refuses them. The amounts are `to_yuan`'s, made once per amount (`_yuan`). The same model and JSON as
    `TradeSettled(...)` (tests/unit/test_m26_settled_event.py)."""
    buyer_fee, seller_fee, vintage, quantity = trade.buyer_fee_cents, trade.seller_fee_cents, trade.vintage, \
        trade.quantity
    checked = min(buyer_fee, seller_fee, reserve) >= 0 and within(vintage, quantity,
                                                                    max(turnover, buyer_fee, seller_fee, reserve), now)
    return event(TradeSettled, {
        "trade_id": trade.trade_id, "buyer_trading_account_id": trade.buyer_account_id,
        "seller_trading_account_id": trade.seller_account_id, "vintage": vintage, "quantity": quantity,
        "turnover": _yuan(turnover), "buyer_fee": _yuan(buyer_fee), "seller_fee": _yuan(seller_fee),
        "risk_reserve": _yuan(reserve), "settled_at": now}, checked)


@lru_cache(maxsize=4096)
def _yuan(cents: int) -> Decimal:
    """`to_yuan`, made once per amount: a batch's trades share a few prices, quantities and so fees (a `Decimal` is
    immutable, every event may hold the same one)."""
    return to_yuan(cents)


def fail(uow: ExchangeUnitOfWork, trade: TradeRecord, reason: str, now: datetime) -> dict:
    """All or nothing (M-26): the registry refused the allowance leg, so no cash moves and both legs' reservations
    go back to their owners. The trade's new state is returned (written with the batch's, `_record_outcomes`)."""
    uow.ledger.cash_later(trade.buyer_account_id, available=trade.buyer_reserved_cents,
                          reserved=-trade.buyer_reserved_cents)
    uow.ledger.allowances_later(trade.seller_account_id, trade.vintage, available=trade.quantity,
                                reserved=-trade.quantity)
    outcome = {"trade_id": trade.trade_id, "status": "FAILED", "settled_at": now, "failure_reason": reason[:1000]}
    uow.publish(TradeSettlementFailed(trade_id=trade.trade_id, reason=reason[:1000], failed_at=now),
                subject_ref=f"trade:{trade.trade_id}")
    return outcome
