"""Bounded input types for every HTTP field and parameter of every service, defined once (issue 9: no input gives a
5xx). Use them in request bodies, queries and paths alike — they carry their bounds into the OpenAPI document, and a
value outside them is a 422 problem+json naming the field:

    from ets_shared.bounds import Year, Offset, Limit, Identifier, Name, Reason, Day, Quantity, ExactDecimal

    class DepositCcer(BaseModel):
        project_id: Identifier
        reduction_date: Day
        quantity: PositiveQuantity

    @router.get("/things/{thing_id}")
    def things(thing_id: Identifier, year: Year | None = None, offset: Offset = 0, limit: Limit = 100): ...

- whole numbers are bounded so they fit a signed 64-bit column with room to add them up (`Quantity` up to 10^12,
  `RecordId` up to 2^53);
- exact decimals (`Annotated[Decimal, ExactDecimal(digits, places)]`) arrive as JSON strings (or whole JSON numbers),
  never as floats:
  `0.1` as a float is refused, `"0.1"` accepted; at most `digits` significant digits and `places` decimal places,
  finite — `"1e28"` or 5,000 decimal places are refused before any arithmetic could overflow;
- dates lie between 2000-01-01 and 2100-12-31 (`Day`), years between 2013 (the first Shanghai compliance year) and
  2100 (`Year`);
- text is bounded in length and carries no NUL or other control characters (`Name`, `Reason`, `text(n)`; line
  breaks and tabs allowed only in `Reason` and longer `text(n, multiline=True)`); identifiers are 1-64 of
  `A-Z a-z 0-9 . _ -` (`Identifier`).
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from collections.abc import Iterator
from typing import Annotated, Any

from annotated_types import GroupedMetadata
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

FIRST_YEAR, LAST_YEAR = 2013, 2100
MIN_DAY, MAX_DAY = date(2000, 1, 1), date(2100, 12, 31)
MAX_QUANTITY = 10**12
MAX_RECORD_ID = 2**53
MAX_OFFSET = 10**7
MAX_PAGE = 1000

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description="a compliance year (2013-2100)")]
Vintage = Annotated[int, Field(ge=MIN_DAY.year, le=LAST_YEAR, description="a unit's vintage year (2000-2100); "
                                                                           "which vintages count is a rule's to say")]
Quantity = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]
PositiveQuantity = Annotated[int, Field(gt=0, le=MAX_QUANTITY)]
Count = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]
RecordId = Annotated[int, Field(ge=1, le=MAX_RECORD_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="records to skip")]
Limit = Annotated[int, Field(ge=1, le=MAX_PAGE, description="records to return (at most 1000)")]
Day = Annotated[date, Field(ge=MIN_DAY, le=MAX_DAY, description="a date between 2000-01-01 and 2100-12-31")]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f]")


def _no_control(value: str) -> str:
    if _CONTROL_OR_BREAK.search(value):
        raise ValueError("must not contain control characters (NUL, line breaks, ...)")
    return value


def _no_control_but_breaks(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters (NUL, ...) other than line breaks and tabs")
    return value


def text(max_length: int, *, min_length: int = 1, multiline: bool = False) -> Any:
    """A string of `min_length`..`max_length` characters without control characters (line breaks and tabs too,
    unless `multiline`)."""
    check = _no_control_but_breaks if multiline else _no_control
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(check)]


Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
Name = text(300)
Reason = text(4000, min_length=3, multiline=True)


def _exact(value: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError('give an exact decimal as a string, e.g. "0.1" (a JSON number with a fraction is a float)')
    if isinstance(value, str):
        if len(value) > 64:
            raise ValueError("at most 64 characters")
        try:
            parsed = Decimal(value.strip())
        except InvalidOperation as exc:
            raise ValueError("not a decimal number") from exc
        if not parsed.is_finite():
            raise ValueError("must be a finite number")
        return parsed
    return value


DecimalString = Annotated[Decimal, BeforeValidator(_exact), Field(allow_inf_nan=False),
                          WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 64,
                                                     "pattern": r"^-?\d{1,30}(\.\d{1,30})?$"}, {"type": "integer"}],
                                          "description": "an exact decimal as a string"})]
"""A Decimal given as a string (or a whole number), never a float; give its digits and places at the field:
`Field(max_digits=14, decimal_places=2)`."""


class ExactDecimal(GroupedMetadata):
    """`Annotated[Decimal, ExactDecimal(16, 6)]`: a Decimal given as a JSON string (or a whole JSON number): at most
    `digits` significant digits, `places` decimal places, finite, within the bounds (pydantic applies the group's
    constraints; a type checker sees a Decimal)."""

    def __init__(self, digits: int, places: int, *, ge: Decimal | int | None = 0, le: Decimal | int | None = None,
                 gt: Decimal | int | None = None) -> None:
        self.digits, self.places, self.ge, self.le, self.gt = digits, places, ge, le, gt

    def __iter__(self) -> Iterator[Any]:
        digits, places = self.digits, self.places
        pattern = rf"^-?\d{{1,{digits - places}}}(\.\d{{1,{places}}})?$" if places else rf"^-?\d{{1,{digits}}}$"
        yield BeforeValidator(_exact)
        yield Field(max_digits=digits, decimal_places=places, ge=None if self.gt is not None else self.ge, gt=self.gt,
                    le=self.le, allow_inf_nan=False)
        yield WithJsonSchema({"anyOf": [{"type": "string", "pattern": pattern}, {"type": "integer"}],
                              "description": f"an exact decimal as a string, up to {digits} digits and {places} "
                                             "decimal places"})
