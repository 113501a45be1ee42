"""Money in yuan (RMB): exact `Decimal`, two decimal places (used by the fines of M-37 to M-42).

An amount is accepted as a `Decimal` or an `int`; floats and strings are refused (the adapter parses the wire value
into a `Decimal` first). Digits below the fen (0.01) are refused; trailing zeros are not extra precision, so
`Decimal("50000.000")` is accepted and returned as `Decimal("50000.00")`.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ets_shared.errors import RuleViolation

CENT = Decimal("0.01")


def to_yuan(value: object, *, field: str = "amount", article: str | None = None) -> Decimal:
    """`value` as a positive yuan amount quantized to exactly 2 decimal places, or RuleViolation(field)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise RuleViolation(f"{field} must be an exact decimal amount in yuan, not {type(value).__name__}",
                            field=field, article=article)
    amount = Decimal(value)
    if not amount.is_finite():
        raise RuleViolation(f"{field} must be a finite amount", field=field, article=article)
    try:
        cents = amount.quantize(CENT)
    except InvalidOperation as exc:  # too many digits for the context
        raise RuleViolation(f"{field} is too large", field=field, article=article) from exc
    if cents != amount:
        raise RuleViolation(f"{field} {amount} has more than 2 decimal places (yuan are counted to the fen)",
                            field=field, article=article)
    if cents <= 0:
        raise RuleViolation(f"{field} must be positive", field=field, article=article)
    return cents


def format_yuan(amount: Decimal) -> str:
    """`Decimal("50000")` -> `"50,000.00"`, for messages."""
    return f"{amount.quantize(CENT):,}"
