"""Registry transfers by purpose (M-26 ¶2, M-32, M-23, M-19): trading accounts are entered and left only along their
link, hold only allowances, are never issued to, surrendered from or debited at a holder's request."""
from datetime import date, datetime, timezone

import pytest
from ets_shared.errors import RuleViolation

from allocation.domain.accounts import Account, AccountKind
from allocation.domain.registry import Registry, RegistryTransaction, TransactionKind, TransactionLine
from allocation.domain.transfers import TransferPurpose, holder_request
from allocation.domain.units import CcerOrigin, UnitLine, UnitType

T0 = datetime(2026, 5, 20, 2, 0, tzinfo=timezone.utc)
SHEA, CCER = UnitType.SHEA, UnitType.CCER
DEPOSIT, WITHDRAWAL = TransferPurpose.EXCHANGE_DEPOSIT, TransferPurpose.EXCHANGE_WITHDRAWAL
DELIVERY = TransferPurpose.TRADE_DELIVERY
LOT = CcerOrigin("P-A", date(2023, 5, 1))


def market() -> Registry:
    """E1 and E2 hold 100 allowances of 2025 (E1 also 10 CCERs); T1 / T2 are their trading accounts."""
    accounts = (Account("ISS", AccountKind.AUTHORITY_ISSUANCE, None, T0),
                Account("CAN", AccountKind.AUTHORITY_CANCELLATION, None, T0),
                Account("E1", AccountKind.ENTITY_HOLDING, "ent-1", T0),
                Account("E2", AccountKind.ENTITY_HOLDING, "ent-2", T0),
                Account("T1", AccountKind.EXCHANGE_TRADING, "ent-1", T0, linked_account_id="E1"),
                Account("T2", AccountKind.EXCHANGE_TRADING, "ent-2", T0, linked_account_id="E2"))
    r = Registry({account.account_id: account for account in accounts})
    r.issue("tx-0", "ISS", "E1", [UnitLine(SHEA, 2025, 100), UnitLine(CCER, 2023, 10, LOT)], T0)
    r.issue("tx-00", "ISS", "E2", [UnitLine(SHEA, 2025, 100)], T0)
    return r


def test_m26_a_trading_account_and_only_a_trading_account_is_linked_to_a_holding_account():
    with pytest.raises(RuleViolation) as e:
        Account("T9", AccountKind.EXCHANGE_TRADING, "ent-1", T0)
    assert (e.value.field, e.value.article) == ("linked_account_id", "M-26")
    with pytest.raises(RuleViolation):
        Account("E9", AccountKind.ENTITY_HOLDING, "ent-9", T0, linked_account_id="E1")


def test_m26_deposit_delivery_and_withdrawal_follow_the_links():
    r = market()
    r.transfer("DEP-1", "E2", "T2", [UnitLine(SHEA, 2025, 30)], T0, DEPOSIT)
    tx = r.transfer("TRD-1", "T2", "T1", [UnitLine(SHEA, 2025, 20)], T0, DELIVERY)
    assert (tx.kind, tx.purpose) == (TransactionKind.TRANSFER, DELIVERY)
    r.transfer("WDR-1", "T1", "E1", [UnitLine(SHEA, 2025, 20)], T0, WITHDRAWAL)
    assert [r.balance(a, SHEA, 2025) for a in ("E1", "T1", "E2", "T2")] == [120, 0, 70, 10]


@pytest.mark.parametrize("tx_id, sender, receiver, purpose, field", [
    ("DEP-x", "E1", "T2", DEPOSIT, "to_account_id"),  # into another's trading account
    ("WDR-x", "T1", "E2", WITHDRAWAL, "to_account_id"),  # out to another's holding account
])
def test_m26_deposits_and_withdrawals_only_along_the_link(tx_id, sender, receiver, purpose, field):
    r = market()
    r.transfer("DEP-0", "E1", "T1", [UnitLine(SHEA, 2025, 5)], T0, DEPOSIT)
    before = dict(r.holdings)
    with pytest.raises(RuleViolation) as e:
        r.transfer(tx_id, sender, receiver, [UnitLine(SHEA, 2025, 1)], T0, purpose)
    assert (e.value.field, e.value.article) == (field, "M-26")
    assert r.holdings == before


def test_m26_routes_by_purpose_keep_trading_accounts_apart_from_holding_transfers():
    r = market()
    r.transfer("DEP-0", "E1", "T1", [UnitLine(SHEA, 2025, 5)], T0, DEPOSIT)
    for tx_id, sender, receiver, purpose, field in [
            ("a", "E1", "T1", TransferPurpose.HOLDER_TRANSFER, "to_account_id"),
            ("b", "T1", "E1", TransferPurpose.HOLDER_TRANSFER, "from_account_id"),
            ("c", "E1", "E2", DELIVERY, "from_account_id"),
            ("d", "T1", "T2", DEPOSIT, "from_account_id"),
            ("e", "E1", "T1", WITHDRAWAL, "from_account_id")]:
        with pytest.raises(RuleViolation) as e:
            r.transfer(tx_id, sender, receiver, [UnitLine(SHEA, 2025, 1)], T0, purpose)
        assert e.value.field == field, tx_id


def test_m26_m16_trading_accounts_are_never_issued_to_surrendered_or_cancelled_from():
    r = market()
    r.transfer("DEP-0", "E1", "T1", [UnitLine(SHEA, 2025, 5)], T0, DEPOSIT)
    with pytest.raises(RuleViolation) as e:
        r.issue("i", "ISS", "T1", [UnitLine(SHEA, 2025, 1)], T0)
    assert e.value.field == "to_account_id"
    for op in (r.surrender, r.cancel):
        with pytest.raises(RuleViolation) as e:
            op("s", "T1", "CAN", [UnitLine(SHEA, 2025, 1)], T0)
        assert e.value.field == "from_account_id"


def test_m19_only_allowances_enter_a_trading_account():
    r = market()
    with pytest.raises(RuleViolation) as e:
        r.transfer("DEP-1", "E1", "T1", [UnitLine(CCER, 2023, 1, LOT)], T0, DEPOSIT)
    assert (e.value.field, e.value.article) == ("lines[0].unit_type", "M-19")
    tx = RegistryTransaction("DEP-2", TransactionKind.TRANSFER, (
        TransactionLine("E1", "T1", SHEA, 2025, 1), TransactionLine("E1", "T1", CCER, 2023, 1, LOT)), T0, DEPOSIT)
    with pytest.raises(RuleViolation) as e:
        r.register(tx)
    assert e.value.field == "lines[1].unit_type" and r.balance("T1") == 0


def test_m32_only_a_transfer_has_a_purpose():
    tx = RegistryTransaction("x", TransactionKind.ISSUE, (TransactionLine("ISS", "E1", SHEA, 2025, 1),), T0, DEPOSIT)
    with pytest.raises(RuleViolation) as e:
        market().register(tx)
    assert e.value.field == "purpose"


def test_m26_m23_what_a_holder_may_ask_for():
    r = market()
    e1, e2, t1 = r.accounts["E1"], r.accounts["E2"], r.accounts["T1"]
    own = Account("E1b", AccountKind.EXCHANGE_MEMBER, "ent-1", T0)
    assert holder_request(e1, t1) is DEPOSIT
    assert holder_request(e1, own) is TransferPurpose.HOLDER_TRANSFER
    with pytest.raises(RuleViolation) as e:
        holder_request(t1, e1)  # only the exchange's instructions debit a trading account
    assert (e.value.field, e.value.article) == ("from_account_id", "M-26")
    with pytest.raises(RuleViolation) as e:
        holder_request(e1, e2)  # allowances change holders only on the exchange
    assert (e.value.field, e.value.article) == ("to_account_id", "M-23")


def test_m10_succession_moves_trading_accounts_units_to_trading_accounts_never_across_kinds():
    r = market()
    r.transfer("DEP-1", "E1", "T1", [UnitLine(SHEA, 2025, 30)], T0, DEPOSIT)
    moved = r.register(RegistryTransaction("SUC-1-T1", TransactionKind.SUCCESSION,
                                           (TransactionLine("T1", "T2", SHEA, 2025, 30),), T0))
    assert moved.kind is TransactionKind.SUCCESSION and [r.balance(a, SHEA, 2025) for a in ("T1", "T2")] == [0, 30]
    for line in (TransactionLine("T2", "E1", SHEA, 2025, 1), TransactionLine("E1", "T2", SHEA, 2025, 1)):
        with pytest.raises(RuleViolation) as e:
            r.register(RegistryTransaction("SUC-2", TransactionKind.SUCCESSION, (line,), T0))
        assert (e.value.field, e.value.article) == ("lines[0].to_account_id", "M-10")
    assert [r.balance(a, SHEA, 2025) for a in ("E1", "T1", "E2", "T2")] == [70, 0, 100, 30]


def test_m26_a_registered_deposit_or_withdrawal_off_the_link_is_refused_naming_the_line():
    r = market()
    r.transfer("DEP-0", "E1", "T1", [UnitLine(SHEA, 2025, 5)], T0, DEPOSIT)
    before = dict(r.holdings)
    for tx in (RegistryTransaction("DEP-x", TransactionKind.TRANSFER, (TransactionLine("E1", "T2", SHEA, 2025, 1),),
                                   T0, DEPOSIT),
               RegistryTransaction("WDR-x", TransactionKind.TRANSFER, (TransactionLine("T1", "E2", SHEA, 2025, 1),),
                                   T0, WITHDRAWAL)):
        with pytest.raises(RuleViolation) as e:
            r.register(tx)
        assert (e.value.field, e.value.article) == ("lines[0].to_account_id", "M-26")
    assert r.holdings == before
