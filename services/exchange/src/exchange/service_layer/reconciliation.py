"""Reconciliations (M-26, M-32): the exchange's cash against the settlement bank's statement of a day, and its
custody positions against the registry's balances of the trading accounts. Each lists every difference."""
from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ets_shared.clock import start_of_day
from ets_shared.contracts.allocation import TradingBalancesReply
from exchange.adapters.orm import AllowanceInstructionRow, AllowancePositionRow, CashMovementRow, LedgerEntryRow
from exchange.adapters.trading_store import TradingStore
from exchange.domain.policy import to_cents, to_yuan
from exchange.service_layer import commands


class Difference(BaseModel):
    kind: str  # balance, movement_missing_at_bank, movement_missing_at_exchange, movement_amount, position
    account_id: str
    reference: str | None = None
    vintage: int | None = None
    exchange: str | None = None
    other: str | None = None


class ReconciliationReport(BaseModel):
    as_of: str
    agreed: bool
    differences: list[Difference]
    in_flight: list[str] = []


def closing_balances(session: Session, day: date) -> dict[str, int]:
    """Every account's cash at the bank at the end of `day` (Shanghai): the sum of its settled movements."""
    end = start_of_day(day + timedelta(days=1))
    rows = session.execute(select(LedgerEntryRow.account_id, func.sum(LedgerEntryRow.cash_cents))
                           .where(LedgerEntryRow.at < end).group_by(LedgerEntryRow.account_id)).all()
    return {account: int(total) for account, total in rows if total}


def reconcile_bank(session: Session, statement: commands.BankStatement) -> ReconciliationReport:
    ours = closing_balances(session, statement.statement_date)
    theirs = {line.account_id: to_cents(commands.yuan(line.balance)) for line in statement.balances}
    differences = [Difference(kind="balance", account_id=account, exchange=str(to_yuan(ours.get(account, 0))),
                              other=str(to_yuan(theirs.get(account, 0))))
                   for account in sorted(set(ours) | set(theirs)) if ours.get(account, 0) != theirs.get(account, 0)]
    moved = session.execute(select(CashMovementRow).where(CashMovementRow.value_date == statement.statement_date,
                                                          CashMovementRow.status.in_(("CONFIRMED", "PAID"))))
    our_moves = {m.movement_id: m for m in moved.scalars()}
    bank_moves = {m.movement_id: m for m in statement.movements}
    for movement_id in sorted(set(our_moves) | set(bank_moves)):
        ours_m, bank_m = our_moves.get(movement_id), bank_moves.get(movement_id)
        if ours_m is not None and bank_m is None:
            differences.append(Difference(kind="movement_missing_at_bank", account_id=ours_m.trading_account_id,
                                          reference=movement_id, exchange=str(to_yuan(ours_m.amount_cents))))
        elif bank_m is not None and ours_m is None:
            differences.append(Difference(kind="movement_missing_at_exchange", account_id=bank_m.account_id,
                                          reference=movement_id, other=bank_m.amount))
        elif ours_m is not None and bank_m is not None and (
                ours_m.amount_cents, ours_m.kind, ours_m.trading_account_id) != (
                to_cents(commands.yuan(bank_m.amount)), bank_m.kind, bank_m.account_id):
            differences.append(Difference(kind="movement_amount", account_id=ours_m.trading_account_id,
                                          reference=movement_id, exchange=str(to_yuan(ours_m.amount_cents)),
                                          other=bank_m.amount))
    return ReconciliationReport(as_of=str(statement.statement_date), agreed=not differences, differences=differences)


def reconcile_registry(session: Session, reply: TradingBalancesReply) -> ReconciliationReport:
    """Custody positions (available + reserved per account and vintage) against the registry's trading-account
    balances. Pending withdrawals and unsettled trades are listed as in flight: while they are, both sides still
    count the allowances where they were, so they explain no difference."""
    rows = session.execute(select(AllowancePositionRow)).scalars()
    ours = {(r.account_id, r.vintage): r.available + r.reserved for r in rows if r.available + r.reserved}
    theirs = {(b.account_id, b.vintage): b.quantity for b in reply.balances if b.quantity}
    differences = [Difference(kind="position", account_id=account, vintage=vintage,
                              exchange=str(ours.get((account, vintage), 0)),
                              other=str(theirs.get((account, vintage), 0)))
                   for account, vintage in sorted(set(ours) | set(theirs))
                   if ours.get((account, vintage), 0) != theirs.get((account, vintage), 0)]
    pending = session.execute(select(AllowanceInstructionRow.instruction_id)
                              .where(AllowanceInstructionRow.status == "PENDING")).scalars()
    in_flight = [f"withdrawal {i}" for i in pending]
    in_flight += [f"trade {t.trade_id}" for t in TradingStore(session).in_flight_trades()]
    return ReconciliationReport(as_of=reply.as_of.isoformat(), agreed=not differences, differences=differences,
                                in_flight=in_flight)
