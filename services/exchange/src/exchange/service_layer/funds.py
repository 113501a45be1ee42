"""Cash and allowances in and out of trading (M-26, M-32).

Cash moves only through the participants' dedicated accounts at the settlement bank: the bank confirms deposits;
a participant's member asks for a withdrawal (reserved at once, so no order can spend it) and the bank pays or
rejects it. Allowances come in by a registry transfer (the registry's `registry-transfer.registered`, purpose
`exchange_deposit`) and go back by an instruction the registry registers or refuses (see `settlement`)."""
from __future__ import annotations

from ets_shared.clock import regulatory_date
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, CashDeposited, CashWithdrawn
from ets_shared.errors import Conflict, Forbidden, NotFound, RuleViolation
from exchange.adapters.orm import AllowanceInstructionRow, CashMovementRow, TradingAccountRow
from exchange.domain.policy import to_cents, to_yuan
from exchange.entrypoints.schemas import CashMovementPublic, InstructionPublic
from exchange.service_layer import commands
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def account_of_member(uow: ExchangeUnitOfWork, member_id: str, trading_account_id: str) -> TradingAccountRow:
    account = uow.trading.account(trading_account_id)
    if account.member_id != member_id:
        raise Forbidden(f"{trading_account_id} is handled by its member {account.member_id}",
                        field="trading_account_id", article="M-22")
    return account


def _positive(amount: str) -> int:
    cents = to_cents(commands.yuan(amount))
    if cents <= 0:
        raise RuleViolation("amount must be positive", field="amount", article="M-26")
    return cents


def _new_movement(uow: ExchangeUnitOfWork, movement_id: str) -> None:
    if uow.session.get(CashMovementRow, movement_id) is not None:
        raise Conflict(f"movement {movement_id} is already recorded", field="movement_id", article="M-26")


def confirm_deposit(cmd: commands.ConfirmDeposit, uow: ExchangeUnitOfWork) -> CashMovementPublic:
    with uow:
        cents = _positive(cmd.amount)
        _new_movement(uow, cmd.movement_id)
        account = uow.trading.account(cmd.trading_account_id)
        now = uow.now()
        row = CashMovementRow(movement_id=cmd.movement_id, trading_account_id=account.trading_account_id,
                              kind="deposit", amount_cents=cents, status="CONFIRMED", requested_at=now,
                              decided_at=now, value_date=regulatory_date(now))
        uow.trading.add(row)
        uow.ledger.change_cash(account.trading_account_id, available=cents)
        uow.ledger.entry(account.trading_account_id, now, "cash_deposit", cmd.movement_id, cash=cents)
        uow.publish(CashDeposited(movement_id=cmd.movement_id, trading_account_id=account.trading_account_id,
                                  amount=to_yuan(cents), confirmed_at=now), subject_ref=f"cash:{cmd.movement_id}")
        uow.commit()
    return CashMovementPublic.of(row)


def request_cash_withdrawal(member_id: str, trading_account_id: str, cmd: commands.RequestCashWithdrawal,
                            uow: ExchangeUnitOfWork) -> CashMovementPublic:
    with uow:
        cents = _positive(cmd.amount)
        _new_movement(uow, cmd.movement_id)
        account = account_of_member(uow, member_id, trading_account_id)
        if not uow.ledger.reserve_cash(account.trading_account_id, cents):
            raise RuleViolation(f"{trading_account_id} has less than {to_yuan(cents)} available (no overdraft)",
                                field="amount", article="M-26")
        row = CashMovementRow(movement_id=cmd.movement_id, trading_account_id=account.trading_account_id,
                              kind="withdrawal", amount_cents=cents, status="REQUESTED", requested_at=uow.now())
        uow.trading.add(row)
        uow.audit("exchange.cash.withdrawal-requested", f"cash:{cmd.movement_id}", {"amount": str(to_yuan(cents))})
        uow.commit()
    return CashMovementPublic.of(row)


def decide_cash_withdrawal(movement_id: str, cmd: commands.DecideCashWithdrawal, uow: ExchangeUnitOfWork
                           ) -> CashMovementPublic:
    """The bank pays it (the funds leave the account) or rejects it (they are available again)."""
    with uow:
        row = uow.session.get(CashMovementRow, movement_id)
        if row is None or row.kind != "withdrawal":
            raise NotFound(f"no withdrawal {movement_id}", field="movement_id")
        if row.status != "REQUESTED":
            raise Conflict(f"withdrawal {movement_id} is {row.status}", field="movement_id", article="M-26")
        now = uow.now()
        account, cents = row.trading_account_id, row.amount_cents
        if cmd.paid:
            uow.ledger.change_cash(account, reserved=-cents)
            uow.ledger.entry(account, now, "cash_withdrawal", movement_id, cash=-cents)
        else:
            uow.ledger.change_cash(account, available=cents, reserved=-cents)
        row.status, row.decided_at, row.value_date = ("PAID" if cmd.paid else "REJECTED"), now, regulatory_date(now)
        uow.publish(CashWithdrawn(movement_id=movement_id, trading_account_id=account, amount=to_yuan(cents),
                                  outcome="paid" if cmd.paid else "rejected", decided_at=now),
                    subject_ref=f"cash:{movement_id}")
        uow.commit()
    return CashMovementPublic.of(row)


def request_allowance_withdrawal(member_id: str, trading_account_id: str,
                                 cmd: commands.RequestAllowanceWithdrawal, uow: ExchangeUnitOfWork
                                 ) -> InstructionPublic:
    """Allowances back to the holding account: out of the available position at once (no order can sell them),
    then the registry registers the transfer (or refuses it and they come back)."""
    with uow:
        account = account_of_member(uow, member_id, trading_account_id)
        if uow.session.get(AllowanceInstructionRow, cmd.instruction_id) is not None:
            raise Conflict(f"instruction {cmd.instruction_id} exists", field="instruction_id", article="M-32")
        if not uow.ledger.reserve_allowances(account.trading_account_id, cmd.vintage, cmd.quantity):
            raise RuleViolation(f"{trading_account_id} has fewer than {cmd.quantity} available allowances of "
                                f"vintage {cmd.vintage}", field="quantity", article="M-26")
        now = uow.now()
        row = AllowanceInstructionRow(instruction_id=cmd.instruction_id, trading_account_id=trading_account_id,
                                      vintage=cmd.vintage, quantity=cmd.quantity, status="PENDING",
                                      requested_at=now)
        uow.trading.add(row)
        uow.publish(AllowanceWithdrawalRequested(instruction_id=cmd.instruction_id,
                                                 trading_account_id=trading_account_id, vintage=cmd.vintage,
                                                 quantity=cmd.quantity, requested_at=now),
                    subject_ref=f"instruction:{cmd.instruction_id}")
        uow.commit()
    return InstructionPublic.of(row)
