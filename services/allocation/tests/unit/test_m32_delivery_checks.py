"""M-32, M-19, M-26 ¶2: a transfer between two accounts (`Registry.transfer`, as a trade's delivery registers) finds
and checks its two accounts once, for all its lines — each line is still judged on what it moves: the unit type a
trading account takes, its shape, the account it comes from, and the holding it debits (lines on one holding added
up), each refusal naming its line."""
from datetime import date, datetime, timezone

import pytest

from allocation.domain import Account, AccountKind, CcerOrigin, Registry, TransferPurpose, UnitLine, UnitType
from allocation.domain.registry import HoldingKey
from ets_shared.errors import NotFound, RuleViolation

T0 = datetime(2026, 6, 1, 2, tzinfo=timezone.utc)
SHEA, CCER = UnitType.SHEA, UnitType.CCER
DELIVERY = TransferPurpose.TRADE_DELIVERY


def registry() -> Registry:
    accounts = [Account("A", AccountKind.ENTITY_HOLDING, "a", T0), Account("B", AccountKind.ENTITY_HOLDING, "b", T0),
                Account("A-T", AccountKind.EXCHANGE_TRADING, "a", T0, "A"),
                Account("B-T", AccountKind.EXCHANGE_TRADING, "b", T0, "B")]
    return Registry({a.account_id: a for a in accounts}, {HoldingKey("A-T", SHEA, 2025): 10})


@pytest.mark.parametrize("lines, field, article", [
    ([UnitLine(SHEA, 2025, 4), UnitLine(SHEA, 2025, 7)], "lines[1].quantity", "M-32"),  # 11 of the 10 held
    ([UnitLine(SHEA, 2025, 1), UnitLine(CCER, 2024, 1, CcerOrigin("P", date(2024, 1, 1)))], "lines[1].unit_type",
     "M-19"),
    ([UnitLine(SHEA, 2025, 0)], "lines[0].quantity", None),
    ([UnitLine(SHEA, 2026, 1)], "lines[0].quantity", "M-32"),  # nothing held of that vintage
])
def test_m32_each_line_of_a_delivery_is_judged_and_a_refusal_names_it_and_changes_nothing(lines, field, article):
    r = registry()
    with pytest.raises(RuleViolation) as refused:
        r.transfer("TRD-1", "A-T", "B-T", lines, T0, DELIVERY)
    assert (refused.value.field, refused.value.article) == (field, article)
    assert r.holdings == {HoldingKey("A-T", SHEA, 2025): 10}


@pytest.mark.parametrize("sender, receiver, error, field", [
    ("X-T", "B-T", NotFound, "from_account_id"),
    ("A-T", "X-T", NotFound, "to_account_id"),
    ("A", "B-T", RuleViolation, "from_account_id"),  # a holding account does not deliver to a trading account
    ("A-T", "A-T", RuleViolation, "lines[0].to_account_id"),  # to the account the units come from
])
def test_m26_a_delivery_between_accounts_it_may_not_move_between_is_refused_naming_the_account(
        sender, receiver, error, field):
    with pytest.raises(error) as refused:
        registry().transfer("TRD-1", sender, receiver, [UnitLine(SHEA, 2025, 1)], T0, DELIVERY)
    assert refused.value.field == field


def test_m32_a_delivery_of_two_lines_moves_both_from_the_sender_to_the_receiver():
    r = registry()
    tx = r.transfer("TRD-1", "A-T", "B-T", [UnitLine(SHEA, 2025, 4), UnitLine(SHEA, 2025, 6)], T0, DELIVERY)
    assert [(ln.from_account_id, ln.to_account_id, ln.quantity) for ln in tx.lines] == [("A-T", "B-T", 4),
                                                                                        ("A-T", "B-T", 6)]
    assert r.holdings == {HoldingKey("A-T", SHEA, 2025): 0, HoldingKey("B-T", SHEA, 2025): 10}
