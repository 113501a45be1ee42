"""The registry: M-32 registration, M-9 issuance, M-16 banking and cancellation, M-17 CCER lots."""
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timezone

import pytest
from ets_shared.errors import NotFound, RuleViolation

from allocation.domain.accounts import Account, AccountKind
from allocation.domain.transfers import TransferPurpose
from allocation.domain.registry import (
    HoldingKey,
    Registry,
    RegistryTransaction,
    TransactionKind,
    TransactionLine,
)
from allocation.domain.units import CcerOrigin, UnitLine, UnitType

T0 = datetime(2025, 1, 10, 2, 0, tzinfo=timezone.utc)
SHEA, CCER = UnitType.SHEA, UnitType.CCER
LOT_A = CcerOrigin("P-A", date(2023, 5, 1))
LOT_B = CcerOrigin("P-B", date(2023, 8, 1))


def registry() -> Registry:
    return Registry({a.account_id: a for a in (Account("ISS", AccountKind.AUTHORITY_ISSUANCE, None, T0),
                                               Account("CAN", AccountKind.AUTHORITY_CANCELLATION, None, T0),
                                               Account("E1", AccountKind.ENTITY_HOLDING, "ent-1", T0),
                                               Account("E2", AccountKind.ENTITY_HOLDING, "ent-2", T0),
                                               Account("M1", AccountKind.EXCHANGE_MEMBER, "mem-1", T0))})


def funded() -> Registry:
    r = registry()
    r.issue("tx-0", "ISS", "E1", [UnitLine(SHEA, 2023, 50), UnitLine(SHEA, 2024, 100),
                                   UnitLine(CCER, 2023, 30, LOT_A), UnitLine(CCER, 2023, 20, LOT_B)], T0)
    return r


# --- M-9 issuance ------------------------------------------------------------------------------------------------

def test_m9_issue_credits_the_holder_and_creates_units_from_the_issuance_account():
    r = registry()
    tx = r.issue("tx-1", "ISS", "E1", [UnitLine(SHEA, 2024, 100)], T0)
    assert tx.kind is TransactionKind.ISSUE
    assert tx.lines == (TransactionLine("ISS", "E1", SHEA, 2024, 100),)
    assert r.holding(HoldingKey("E1", SHEA, 2024)) == 100
    assert r.balance("ISS") == 0


def test_m9_issue_only_from_the_issuance_account_and_only_to_holding_accounts():
    r = funded()
    with pytest.raises(RuleViolation) as e:
        r.issue("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 1)], T0)
    assert e.value.field == "from_account_id"
    with pytest.raises(RuleViolation) as e:
        r.issue("tx-1", "ISS", "CAN", [UnitLine(SHEA, 2024, 1)], T0)
    assert e.value.field == "to_account_id"
    r.issue("tx-2", "ISS", "M1", [UnitLine(SHEA, 2024, 1)], T0)  # room for exchange accounts


# --- M-32 registration --------------------------------------------------------------------------------------------

def test_m32_transfer_takes_effect_on_registration():
    r = funded()
    tx = r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 40)], T0)
    assert tx.registered_at == T0
    assert (r.balance("E1", SHEA, 2024), r.balance("E2", SHEA, 2024)) == (60, 40)


def test_m32_transaction_is_immutable():
    tx = funded().transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 1)], T0)
    with pytest.raises(FrozenInstanceError):
        tx.kind = TransactionKind.CANCEL  # type: ignore[misc]
    assert isinstance(tx.lines, tuple)


def test_m32_debit_may_empty_a_holding_but_never_go_negative():
    r = funded()
    r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 100)], T0)
    assert r.balance("E1", SHEA, 2024) == 0
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-2", "E1", "E2", [UnitLine(SHEA, 2024, 1)], T0)
    assert (e.value.field, e.value.article) == ("lines[0].quantity", "M-32")


def test_m32_lines_on_the_same_holding_are_added_before_checking():
    r = funded()
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 60), UnitLine(SHEA, 2024, 41)], T0)
    assert e.value.field == "lines[1].quantity"
    r.transfer("tx-2", "E1", "E2", [UnitLine(SHEA, 2024, 60), UnitLine(SHEA, 2024, 40)], T0)
    assert r.balance("E1", SHEA, 2024) == 0


def test_m32_a_refused_transaction_changes_nothing():
    r = funded()
    before = dict(r.holdings)
    with pytest.raises(RuleViolation):
        r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 10), UnitLine(SHEA, 2023, 51)], T0)
    assert r.holdings == before


@pytest.mark.parametrize("quantity", [0, -1, True])
def test_m32_quantity_must_be_a_positive_whole_number(quantity):
    with pytest.raises(RuleViolation) as e:
        funded().transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, quantity)], T0)
    assert e.value.field == "lines[0].quantity"


def test_m32_transfer_between_holding_accounts_only_and_never_to_itself():
    r = funded()
    r.transfer("tx-1", "E1", "M1", [UnitLine(SHEA, 2024, 5)], T0)
    r.transfer("tx-2", "M1", "E2", [UnitLine(SHEA, 2024, 5)], T0)
    assert r.balance("E2") == 5
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-3", "E1", "CAN", [UnitLine(SHEA, 2024, 1)], T0)
    assert e.value.field == "to_account_id"
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-4", "E1", "E1", [UnitLine(SHEA, 2024, 1)], T0)
    assert e.value.field == "lines[0].to_account_id"


def test_m32_unknown_account_not_found():
    with pytest.raises(NotFound) as e:
        funded().transfer("tx-1", "E1", "nope", [UnitLine(SHEA, 2024, 1)], T0)
    assert e.value.field == "to_account_id"


@pytest.mark.parametrize("tx_id, lines, at, field", [
    (" ", [UnitLine(SHEA, 2024, 1)], T0, "transaction_id"),
    ("tx-1", [], T0, "lines"),
    ("tx-1", [UnitLine(SHEA, 2024, 1)], datetime(2025, 1, 10), "registered_at"),  # noqa: DTZ001 - the naive time refused
])
def test_m32_transaction_needs_id_lines_and_aware_registration_time(tx_id, lines, at, field):
    with pytest.raises(RuleViolation) as e:
        funded().transfer(tx_id, "E1", "E2", lines, at)
    assert e.value.field == field


def test_m32_multi_party_transaction_registers_all_lines():
    r = funded()
    tx = RegistryTransaction("tx-split", TransactionKind.TRANSFER, (
        TransactionLine("E1", "E2", SHEA, 2024, 70), TransactionLine("E1", "M1", SHEA, 2024, 30)), T0)
    r.register(tx)
    assert (r.balance("E1", SHEA, 2024), r.balance("E2"), r.balance("M1")) == (0, 70, 30)


def test_m32_holders_required():
    with pytest.raises(RuleViolation) as e:
        Account("E9", AccountKind.ENTITY_HOLDING, None, T0)
    assert e.value.field == "holder_id"
    with pytest.raises(RuleViolation) as e:
        Account("A9", AccountKind.AUTHORITY_CANCELLATION, "someone", T0)
    assert e.value.field == "holder_id"


# --- M-16: banking, surrender, cancellation -----------------------------------------------------------------------

def test_m16_holdings_are_kept_by_vintage_and_banked():
    r = funded()
    r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2023, 50)], T0)
    assert (r.balance("E1", SHEA, 2023), r.balance("E1", SHEA, 2024)) == (0, 100)
    assert r.balance("E1", SHEA) == 100 and r.balance("E1") == 150  # 100 SHEA + 50 CCER


def test_m16_surrender_moves_entity_units_to_the_cancellation_account():
    r = funded()
    tx = r.surrender("tx-1", "E1", "CAN", [UnitLine(SHEA, 2024, 100), UnitLine(CCER, 2023, 5, LOT_A)], T0)
    assert tx.kind is TransactionKind.SURRENDER
    assert r.balance("E1", SHEA, 2024) == 0 and r.balance("CAN") == 105


def test_m16_surrender_only_from_an_entity_account_to_the_cancellation_account():
    r = funded()
    r.transfer("tx-1", "E1", "M1", [UnitLine(SHEA, 2024, 5)], T0)
    with pytest.raises(RuleViolation) as e:
        r.surrender("tx-2", "M1", "CAN", [UnitLine(SHEA, 2024, 5)], T0)
    assert e.value.field == "from_account_id"
    with pytest.raises(RuleViolation) as e:
        r.surrender("tx-3", "E1", "E2", [UnitLine(SHEA, 2024, 5)], T0)
    assert e.value.field == "to_account_id"


def test_m16_cancelled_units_never_leave_the_cancellation_account():
    r = funded()
    r.cancel("tx-1", "E1", "CAN", [UnitLine(SHEA, 2023, 10)], T0)
    assert r.balance("CAN") == 10
    for op in (r.transfer, r.surrender, r.cancel):
        with pytest.raises(RuleViolation) as e:
            op("tx-2", "CAN", "E1" if op is r.transfer else "CAN", [UnitLine(SHEA, 2023, 1)], T0)
        assert e.value.field == "from_account_id"


# --- M-17: CCER lots ------------------------------------------------------------------------------------------------

def test_m17_ccer_lots_of_different_projects_never_merge():
    r = funded()
    assert r.holding(HoldingKey("E1", CCER, 2023, LOT_A)) == 30
    assert r.holding(HoldingKey("E1", CCER, 2023, LOT_B)) == 20
    r.transfer("tx-1", "E1", "E2", [UnitLine(CCER, 2023, 30, LOT_A)], T0)
    assert r.holding(HoldingKey("E2", CCER, 2023, LOT_A)) == 30
    assert r.holding(HoldingKey("E1", CCER, 2023, LOT_B)) == 20
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-2", "E1", "E2", [UnitLine(CCER, 2023, 21, LOT_B)], T0)
    assert e.value.field == "lines[0].quantity"


def test_m17_ccer_lines_need_an_origin_whose_year_is_the_vintage():
    r = funded()
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-1", "E1", "E2", [UnitLine(CCER, 2023, 1)], T0)
    assert (e.value.field, e.value.article) == ("lines[0].origin", "M-17")
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-1", "E1", "E2", [UnitLine(CCER, 2024, 1, LOT_A)], T0)
    assert e.value.field == "lines[0].vintage"
    with pytest.raises(RuleViolation) as e:
        r.transfer("tx-1", "E1", "E2", [UnitLine(SHEA, 2024, 1, LOT_A)], T0)
    assert e.value.field == "lines[0].origin"


# --- what each refusal names (M-32) -------------------------------------------------------------------------------

def _refused(call) -> tuple[str | None, str | None]:
    with pytest.raises(RuleViolation) as e:
        call()
    return e.value.field, e.value.article


def test_m32_each_refused_transaction_names_its_field_and_m32():
    r = funded()
    naive = datetime(2025, 1, 10)  # noqa: DTZ001 - the naive time refused
    assert _refused(lambda: r.transfer(" ", "E1", "E2", [UnitLine(SHEA, 2024, 1)], T0)) == ("transaction_id", "M-32")
    assert _refused(lambda: r.transfer("t", "E1", "E2", [UnitLine(SHEA, 2024, 1)], naive)) == \
        ("registered_at", "M-32")
    assert _refused(lambda: r.transfer("t", "E1", "E2", [], T0)) == ("lines", "M-32")
    assert _refused(lambda: r.register(RegistryTransaction("t", TransactionKind.SURRENDER, (
        TransactionLine("E1", "CAN", SHEA, 2024, 1),), T0, TransferPurpose.HOLDER_TRANSFER))) == ("purpose", "M-32")
    assert _refused(lambda: r.transfer("t", "E1", "CAN", [UnitLine(SHEA, 2024, 1)], T0)) == ("to_account_id", "M-32")
    assert _refused(lambda: r.register(RegistryTransaction("t", TransactionKind.TRANSFER, (
        TransactionLine("CAN", "E2", SHEA, 2024, 1),), T0))) == ("lines[0].from_account_id", "M-32")
    assert _refused(lambda: r.transfer("t", "E1", "E1", [UnitLine(SHEA, 2024, 1)], T0)) == \
        ("lines[0].to_account_id", "M-32")
    assert _refused(lambda: r.transfer("t", "E1", "E2", [UnitLine(SHEA, 2024, 101)], T0)) == \
        ("lines[0].quantity", "M-32")
    with pytest.raises(NotFound) as e:
        r.register(RegistryTransaction("t", TransactionKind.TRANSFER, (TransactionLine("E1", "nope", SHEA, 2024, 1),),
                                       T0))
    assert e.value.field == "lines[0].to_account_id"
    assert r.holdings == funded().holdings


def test_m32_a_refusal_of_a_later_line_names_that_line():
    r = funded()
    ok = TransactionLine("E1", "E2", SHEA, 2024, 1)
    assert _refused(lambda: r.register(RegistryTransaction("t", TransactionKind.TRANSFER, (
        ok, TransactionLine("E1", "CAN", SHEA, 2024, 1)), T0))) == ("lines[1].to_account_id", "M-32")
    assert _refused(lambda: r.register(RegistryTransaction("t", TransactionKind.TRANSFER, (
        ok, TransactionLine("E1", "E1", SHEA, 2024, 1)), T0))) == ("lines[1].to_account_id", "M-32")
    assert _refused(lambda: r.register(RegistryTransaction("t", TransactionKind.TRANSFER, (
        ok, TransactionLine("E1", "E2", SHEA, 2024, 0)), T0))) == ("lines[1].quantity", None)


def test_m32_balances_filter_by_unit_type_and_vintage():
    r = funded()
    assert r.balance("E1") == 200
    assert r.balance("E1", SHEA) == 150 and r.balance("E1", CCER) == 50
    assert r.balance("E1", SHEA, 2023) == 50 and r.balance("E1", vintage=2023) == 100
    assert r.balance("E2") == 0 and r.holding(HoldingKey("E1", CCER, 2023, LOT_A)) == 30


def test_m16_an_exchange_member_may_have_units_cancelled_and_a_transaction_keeps_what_it_registered():
    r = funded()
    r.transfer("tx-1", "E1", "M1", [UnitLine(SHEA, 2024, 5)], T0)
    tx = r.cancel("tx-2", "M1", "CAN", [UnitLine(SHEA, 2024, 2)], T0)
    assert tx == RegistryTransaction("tx-2", TransactionKind.CANCEL, (TransactionLine("M1", "CAN", SHEA, 2024, 2),),
                                     T0)
    assert (r.balance("M1"), r.balance("CAN")) == (3, 2)


def test_m18_a_recall_moves_an_entitys_units_to_the_recall_account_only():
    r = funded()
    r.accounts["REC"] = Account("REC", AccountKind.AUTHORITY_RECALL, None, T0)
    tx = r.recall("rc-1", "E1", "REC", [UnitLine(SHEA, 2024, 40)], T0)
    assert tx.kind is TransactionKind.RECALL and (r.balance("E1", SHEA, 2024), r.balance("REC")) == (60, 40)
    assert _refused(lambda: r.recall("rc-2", "E1", "CAN", [UnitLine(SHEA, 2024, 1)], T0)) == \
        ("to_account_id", "M-32")
    assert _refused(lambda: r.recall("rc-3", "M1", "REC", [UnitLine(SHEA, 2024, 1)], T0)) == \
        ("from_account_id", "M-32")


def test_m32_each_refused_account_names_its_field_and_m32():
    assert _refused(lambda: Account(" ", AccountKind.ENTITY_HOLDING, "ent-1", T0)) == ("account_id", "M-32")
    assert _refused(lambda: Account("E9", AccountKind.ENTITY_HOLDING, " ", T0)) == ("holder_id", "M-32")
    assert _refused(lambda: Account("A9", AccountKind.AUTHORITY_RECALL, "x", T0)) == ("holder_id", "M-32")
    assert _refused(lambda: Account("E9", AccountKind.EXCHANGE_CLIENT, "c", datetime(2025, 1, 1)))[0] == \
        "opened_at"  # noqa: DTZ001 - the naive time refused
    assert Account("A9", AccountKind.AUTHORITY_ISSUANCE, None, T0).holder_id is None


def test_m9_every_line_of_an_issue_is_checked_not_only_the_first():
    r = funded()
    before = dict(r.holdings)
    assert _refused(lambda: r.issue("tx-9", "ISS", "E2", [UnitLine(SHEA, 2024, 1), UnitLine(SHEA, 2024, 0)], T0)) \
        == ("lines[1].quantity", None)
    assert r.holdings == before
