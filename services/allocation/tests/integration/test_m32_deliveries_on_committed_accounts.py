"""M-32 the exchange's instructions registered on the registry accounts the process keeps as committed
(`adapters.committed_accounts`), on SQLite and PostgreSQL: consumed batches of deliveries and withdrawals — a
redelivered instruction under a new event, one to an unknown account, a short seller — leave the same transactions,
chain, lines, holdings, serial blocks and movements, and publish the same events, as when every batch reads its
accounts again; an account read in a transaction that opened accounts and was rolled back is never kept."""
from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, text

from allocation.adapters import committed_accounts
from allocation.adapters.orm import ISSUANCE_ACCOUNT
from allocation.domain import Account, AccountKind, TransferPurpose, UnitLine, UnitType
from allocation.service_layer.exchange_instructions import on_delivery_instructed, on_withdrawal_requested
from allocation.service_layer.unit_of_work import AllocationUnitOfWork
from ets_shared.contracts.exchange import AllowanceWithdrawalRequested, TradeDeliveryInstructed
from ets_shared.envelope import MessageContext, wrap
from ets_shared.messaging.consumers import Delivery, Route, apply_batch
from ets_shared.persistence.tables import OutboxMessage

from .test_m32_serial_blocks_in_a_batch import migrated  # noqa: F401 - the fixture: either database

T0 = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
TRADERS = [f"H{n}" for n in range(5)]
ROUTES = {route.contract.contract.subject: route for route in (Route(TradeDeliveryInstructed, on_delivery_instructed),
                                                                Route(AllowanceWithdrawalRequested,
                                                                      on_withdrawal_requested))}
#: the registry's tables, each in the order of its key (what a registration writes)
DUMPED = {"registry_transaction": "seq", "registry_transaction_line": "id", "holding": "id", "serial_block": "id",
          "serial_movement": "id"}


def uow(factory, context: MessageContext | None = None) -> AllocationUnitOfWork:
    return AllocationUnitOfWork(factory, producer="allocation", context=context or MessageContext.new("accounts"))


def prepared(factory) -> None:
    """Five traders' holding and trading accounts, 100 allowances each deposited for trading; the regulatory clock
    set (the transactions' registration instant, hashed by the chain: the same in both databases)."""
    with uow(factory) as u:
        u.advance_clock(T0 + timedelta(hours=1))
        u.registry.open_accounts([Account(h, AccountKind.ENTITY_HOLDING, h, T0) for h in TRADERS])
        u.registry.open_accounts([Account(f"{h}-T", AccountKind.EXCHANGE_TRADING, h, T0, linked_account_id=h)
                                  for h in TRADERS])
        registry = u.registry.load([ISSUANCE_ACCOUNT, *TRADERS, *(f"{h}-T" for h in TRADERS)],
                                   [*TRADERS, *(f"{h}-T" for h in TRADERS)])
        txs = [registry.issue(f"ISS-{h}", ISSUANCE_ACCOUNT, h, [UnitLine(UnitType.SHEA, 2025, 150)], T0)
               for h in TRADERS]
        txs += [registry.transfer(f"DEP-{h}", h, f"{h}-T", [UnitLine(UnitType.SHEA, 2025, 100)], T0,
                                  TransferPurpose.EXCHANGE_DEPOSIT) for h in TRADERS]
        u.registry.record(registry, txs, "setup")
        u.commit()


def instructions() -> list[list[TradeDeliveryInstructed | AllowanceWithdrawalRequested]]:
    """Batches of 1, 10 and 40 instructions: deliveries between the traders, withdrawals, a trade delivered again
    (under a new event), one to an account the registry does not know, one a seller is too short for."""
    pairs = itertools.cycle([(s, b) for s in TRADERS for b in TRADERS if s != b])
    numbers = itertools.count(1)

    def trade(quantity: int) -> TradeDeliveryInstructed:
        seller, buyer = next(pairs)
        return TradeDeliveryInstructed(trade_id=f"TRD-{next(numbers)}", seller_trading_account_id=f"{seller}-T",
                                       buyer_trading_account_id=f"{buyer}-T", vintage=2025, quantity=quantity,
                                       instructed_at=T0)
    batches: list[list[TradeDeliveryInstructed | AllowanceWithdrawalRequested]] = [[trade(3)]]
    batches.append([trade(n % 4 + 1) for n in range(8)] + [
        AllowanceWithdrawalRequested(instruction_id="WDR-1", trading_account_id="H1-T", vintage=2025, quantity=2,
                                     requested_at=T0), batches[0][0]])
    batches.append([trade(n % 5 + 1) for n in range(37)] + [
        trade(1).model_copy(update={"buyer_trading_account_id": "NOBODY-T"}), trade(10_000),
        AllowanceWithdrawalRequested(instruction_id="WDR-2", trading_account_id="H3-T", vintage=2025, quantity=1,
                                     requested_at=T0)])
    return batches


def applied(factory, batches, *, read_again: bool) -> None:
    """Each batch through the consumer's own `apply_batch`; `read_again`: with no account kept before each (every
    batch reads its accounts, as before they were kept)."""
    for batch in batches:
        if read_again:
            committed_accounts._KEPT.clear()
        deliveries = []
        for data in batch:
            envelope = wrap(data, producer="exchange", context=MessageContext.new("exchange"))
            subject = type(data).contract.subject
            deliveries.append(Delivery.decode(subject, envelope.model_dump_json().encode(), ROUTES))
        assert len(apply_batch(deliveries, lambda context: uow(factory, context))) == len(batch)


def dumped(factory) -> tuple[dict[str, list[tuple]], list[tuple[str, dict]]]:
    """The registry's rows, and the events published (their subject and data: an envelope's id and instant are its
    own)."""
    with factory() as session:
        tables = {table: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY {key}"))]
                  for table, key in DUMPED.items()}
        events = [(subject, json.loads(payload)["data"]) for subject, payload in session.execute(
            select(OutboxMessage.subject, OutboxMessage.payload).order_by(OutboxMessage.seq))]
    return tables, events


def test_m32_instructions_on_kept_accounts_register_what_reading_them_again_registers(migrated):  # noqa: F811
    kept, read_again = migrated("kept"), migrated("read-again")
    for factory in (kept, read_again):
        prepared(factory)
    applied(read_again, instructions(), read_again=True)
    committed_accounts._KEPT.clear()
    applied(kept, instructions(), read_again=False)
    assert {a for accounts in committed_accounts._KEPT.values() for a in accounts} >= {f"{h}-T" for h in TRADERS}

    tables, events = dumped(kept)
    assert (tables, events) == dumped(read_again)
    refused = [data for subject, data in events if subject.endswith("registry-transfer.refused.v1")]
    assert sorted(data["reference"] for data in refused) == ["TRD-47", "TRD-48"]
    registered = [data["reference"] for subject, data in events if subject.endswith("registered.v1")]
    assert registered.count("TRD-1") == 2  # delivered again: answered again, registered once
    assert [row[1] for row in tables["registry_transaction"]].count("TRD-1") == 1


def test_m32_an_account_read_in_a_transaction_that_opened_accounts_is_not_kept(migrated):  # noqa: F811
    factory = migrated("rolled-back")
    prepared(factory)
    committed_accounts._KEPT.clear()
    with uow(factory) as u:
        u.registry.open_accounts([Account("NEW", AccountKind.ENTITY_HOLDING, "NEW", T0)], at_commit=True)
        assert set(u.registry.accounts(["NEW", "H0"])) == {"NEW", "H0"}  # its own, not committed
        # rolled back: never committed
    with uow(factory) as u:
        assert set(u.registry.accounts(["NEW", "H0"])) == {"H0"}
        assert set(committed_accounts.kept(u.session)) == {"H0"}
    with uow(factory) as u:
        assert u.registry.accounts(["H0", "NEW"]) == {"H0": Account("H0", AccountKind.ENTITY_HOLDING, "H0", T0)}
