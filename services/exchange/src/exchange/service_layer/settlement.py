"""The registry's answers (M-26, M-27, M-28(4), M-32): allowances deposited into trading are credited; a withdrawal
completes or comes back; a trade's delivery registered settles the cash leg and the fees (a share into the risk
reserve fund), a delivery refused fails the trade as a whole and releases both legs. Each answer applies once: a
re-delivered event finds the trade, instruction or deposit already done and changes nothing."""
from __future__ import annotations

from ets_shared.contracts.allocation import RegistryTransferRefused, RegistryTransferRegistered
from ets_shared.contracts.exchange import AllowancesDeposited, AllowancesWithdrawn, TradeSettled, TradeSettlementFailed
from exchange.adapters.ledger import FEE_ACCOUNT, RISK_RESERVE_ACCOUNT
from exchange.adapters.orm import AllowanceInstructionRow, TradeRow, TradingAccountRow
from exchange.adapters.trading_store import MATCHED
from exchange.domain.trading_rules import TradingRules, to_yuan
from exchange.service_layer.filings import check_fees
from exchange.service_layer.policy import rules_for
from exchange.service_layer.risk import check_large_holder
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def on_transfer_registered(event: RegistryTransferRegistered, uow: ExchangeUnitOfWork) -> None:
    if event.purpose == "exchange_deposit":
        _credit_deposit(event, uow)
    elif event.purpose == "exchange_withdrawal":
        _withdrawal_done(uow, event.reference or event.transaction_id, registered=True, reason=None)
    elif event.purpose == "trade_delivery":
        trade = _known_trade(uow, event.reference or event.transaction_id, event.purpose)
        if trade is not None and trade.status == MATCHED:
            settle(uow, trade, rules_for(uow.session, trade.trading_day.year))


def on_transfer_refused(event: RegistryTransferRefused, uow: ExchangeUnitOfWork) -> None:
    if event.purpose == "exchange_withdrawal":
        _withdrawal_done(uow, event.reference, registered=False, reason=event.reason)
    else:
        trade = _known_trade(uow, event.reference, event.purpose)
        if trade is not None and trade.status == MATCHED:
            fail(uow, trade, event.reason)


def _known_trade(uow: ExchangeUnitOfWork, trade_id: str, purpose: str) -> TradeRow | None:
    trade = uow.trading.trade(trade_id)
    if trade is None:
        _unmatched(uow, f"trade:{trade_id}", f"the registry answered ({purpose}) for trade {trade_id}, which the "
                                             "exchange never made")
    return trade


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


def settle(uow: ExchangeUnitOfWork, trade: TradeRow, rules: TradingRules) -> None:
    """Delivery versus payment: the allowances were delivered in the registry, so the cash moves now (written at the
    end of the transaction, `Ledger.cash_later`) — the buyer
    pays turnover + its fee out of its reservation, the seller receives turnover - its fee, the fees go to the fee
    account and the risk reserve fund's share of them to the fund (M-27, M-28(4))."""
    now = uow.now()
    turnover = trade.price_cents * trade.quantity
    fees = trade.buyer_fee_cents + trade.seller_fee_cents
    reserve = rules.reserve_share_cents(fees)
    ledger, ref = uow.ledger, trade.trade_id
    ledger.allowances_later(trade.seller_account_id, trade.vintage, reserved=-trade.quantity)
    ledger.allowances_later(trade.buyer_account_id, trade.vintage, available=trade.quantity)
    ledger.cash_later(trade.buyer_account_id, reserved=-trade.buyer_reserved_cents)
    ledger.cash_later(trade.seller_account_id, available=turnover - trade.seller_fee_cents)
    ledger.cash_later(FEE_ACCOUNT, available=fees - reserve)
    ledger.cash_later(RISK_RESERVE_ACCOUNT, available=reserve)
    ledger.entry(trade.buyer_account_id, now, "trade_buy", ref, cash=-trade.buyer_reserved_cents,
                 vintage=trade.vintage, quantity=trade.quantity)
    ledger.entry(trade.seller_account_id, now, "trade_sell", ref, cash=turnover - trade.seller_fee_cents,
                 vintage=trade.vintage, quantity=-trade.quantity)
    ledger.entry(FEE_ACCOUNT, now, "fees", ref, cash=fees - reserve)
    ledger.entry(RISK_RESERVE_ACCOUNT, now, "risk_reserve", ref, cash=reserve)
    trade.status, trade.settled_at = "SETTLED", now
    uow.publish(TradeSettled(trade_id=ref, buyer_trading_account_id=trade.buyer_account_id,
                             seller_trading_account_id=trade.seller_account_id, vintage=trade.vintage,
                             quantity=trade.quantity, turnover=to_yuan(turnover),
                             buyer_fee=to_yuan(trade.buyer_fee_cents), seller_fee=to_yuan(trade.seller_fee_cents),
                             risk_reserve=to_yuan(reserve), settled_at=now), subject_ref=f"trade:{ref}")
    check_fees(uow, trade)
    check_large_holder(uow, trade.buyer_account_id)


def fail(uow: ExchangeUnitOfWork, trade: TradeRow, reason: str) -> None:
    """All or nothing (M-26): the registry refused the allowance leg, so no cash moves and both legs' reservations
    go back to their owners."""
    uow.ledger.cash_later(trade.buyer_account_id, available=trade.buyer_reserved_cents,
                          reserved=-trade.buyer_reserved_cents)
    uow.ledger.allowances_later(trade.seller_account_id, trade.vintage, available=trade.quantity,
                                reserved=-trade.quantity)
    trade.status, trade.settled_at, trade.failure_reason = "FAILED", uow.now(), reason[:1000]
    uow.publish(TradeSettlementFailed(trade_id=trade.trade_id, reason=reason[:1000], failed_at=uow.now()),
                subject_ref=f"trade:{trade.trade_id}")
