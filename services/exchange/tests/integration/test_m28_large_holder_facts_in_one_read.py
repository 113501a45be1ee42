"""M-28(2) on SQLite and PostgreSQL: the large-holder check reads what it weighs of each account — its holder, its
holding (every vintage, available and reserved, with the transaction's unwritten changes), its covered entity's
allocation of the latest vintage (written or only added in this transaction), its state — in one statement
(`risk._FACTS`); each account's facts are those the ledger, the trading store and the ORM give one by one, and the
check reports and records what those say."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, insert, select, update

from ets_shared.errors import NotFound
from ets_shared.persistence.tables import OutboxMessage
from exchange.adapters.orm import AllocationHeldRow, LargeHolderRow, TradingAccountRow
from exchange.adapters.policy_repository import rules_for
from exchange.adapters.trading_store import pending_held
from exchange.domain.market_measures import large_holder_excess
from exchange.service_layer import risk

from .test_m23_m24_order_entry_batch_records import exchange  # noqa: F401 - the fixture: members A-D, either database
from .test_trading_properties import UNITS, Exchange

ACCOUNTS = ["X-A", "X-B", "X-C", "X-D"]


def one_by_one(uow, trading_account_id: str) -> tuple:
    """An account's facts as the check read them before: the account, the ledger's holding (pending changes
    included), the store's allocation, the ORM's state."""
    account = uow.trading.account(trading_account_id)
    state = uow.session.get(LargeHolderRow, trading_account_id)
    return (account.participant_id, account.covered_entity_id, uow.ledger.holding(trading_account_id),
            uow.trading.allocation(account.covered_entity_id),
            (state.at_or_above, state.holding, state.reported_at, state.reports) if state else None)


def in_one_read(uow, ids: list[str]) -> dict[str, tuple]:
    unwritten = uow.ledger.unwritten_holdings(ids)
    return {row.trading_account_id: (
        row.participant_id, row.covered_entity_id, int(row.holding or 0) + unwritten[row.trading_account_id],
        row.allocation or 0,
        (row.at_or_above, row.state_holding, row.reported_at, row.reports) if row.state_id is not None else None)
        for row in risk._FACTS.execute(uow.session, ids)}


def test_m28_large_holder_facts_in_one_read_are_those_read_one_by_one(exchange: Exchange):  # noqa: F811
    with exchange.factory() as session:  # A: a covered entity, two vintages; B: one without an allocation
        for account, entity in (("X-A", "E-A"), ("X-B", "E-B")):
            session.execute(update(TradingAccountRow).where(TradingAccountRow.trading_account_id == account)
                            .values(covered_entity_id=entity))
        session.execute(insert(AllocationHeldRow), [{"entity_id": "E-A", "vintage": 2025, "quantity": 7_000},
                                                    {"entity_id": "E-A", "vintage": 2024, "quantity": 9_000}])
        session.commit()
    with exchange.uow() as uow:  # C's state says a holding it no longer has; B has no state yet
        uow.session.execute(update(LargeHolderRow).where(LargeHolderRow.trading_account_id == "X-C").values(
            at_or_above=True, holding=UNITS + 1, reported_at=uow.now(), reports=3))
        uow.session.execute(delete(LargeHolderRow).where(LargeHolderRow.trading_account_id == "X-B"))
        uow.commit()

    def unwritten(uow) -> None:
        uow.ledger.allowances_later("X-D", 2025, available=480_000)  # unwritten: D is beyond the threshold now
        uow.ledger.allowances_later("X-A", 2025, available=-5, reserved=5)
        pending_held(uow.session)[("E-B", 2026)] = 4_000  # added in this transaction, not yet written

    with exchange.uow() as uow:  # one by one (the store's allocation writes the pending one first), then in one
        unwritten(uow)
        expected = {account: one_by_one(uow, account) for account in ACCOUNTS}
        assert in_one_read(uow, ACCOUNTS) == expected
    assert expected["X-A"][2:4] == (UNITS, 7_000) and expected["X-B"][3] == 4_000
    assert expected["X-D"][2] == UNITS + 480_000 and expected["X-C"][4][3] == 3 and expected["X-B"][4] is None

    with exchange.uow() as uow:  # the check: it writes the pending allocation itself
        rules = rules_for(uow.session, 2026)
        unwritten(uow)
        risk.check_large_holders(uow, reversed(ACCOUNTS), rules=rules)
        uow.commit()

    threshold = rules.large_holder_report_t
    beyond = {a: large_holder_excess(f[2], f[3], threshold) for a, f in expected.items()}
    with exchange.factory() as session:
        states = {r.trading_account_id: (r.at_or_above, r.holding, r.reports)
                  for r in session.execute(select(LargeHolderRow)).scalars()}
        reports = [json.loads(m.payload)["data"] for m in session.execute(
            select(OutboxMessage).where(OutboxMessage.subject.like("%large-holder%"))).scalars()]
    assert states == {a: (beyond[a] is not None, f[2], (f[4][3] if f[4] else 0) + (
        beyond[a] is not None and not (f[4] and f[4][0]))) for a, f in expected.items()}
    assert [(r["trading_account_id"], r["holding"], r["allocation"], r["beyond_allocation"]) for r in reports] == [
        ("X-D", UNITS + 480_000, 0, UNITS + 480_000)]

    with pytest.raises(NotFound, match="no trading account X-Z"), exchange.uow() as uow:
        risk.check_large_holders(uow, ["X-A", "X-Z"], rules=rules)

