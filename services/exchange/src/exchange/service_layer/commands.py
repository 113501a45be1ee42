"""What callers ask the exchange to do (also the HTTP request bodies)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class AdmitMember(BaseModel):
    """M-21: the operator admits another organisation or individual under the trading rules."""

    member_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=300)
    kind: Literal["self_operating", "comprehensive"]


class ChangeMemberStatus(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


class ApplyForComprehensive(BaseModel):
    """M-22 ¶2: a self-operating member (e.g. a covered entity) applies to become comprehensive."""

    application_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")


class DecideApplication(BaseModel):
    approve: bool
    reason: str | None = Field(default=None, max_length=1000)


Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")


class OpenClientAccount(BaseModel):
    """M-22 ¶1: a comprehensive member opens a trading account for a client whose orders it will carry."""

    client_id: str = Identifier
    name: str = Field(min_length=1, max_length=300)


# Exact amounts arrive as decimal strings (a JSON number is refused: floats are not exact); tonnes as integers.
Price = Annotated[str, Field(pattern=r"^[0-9]{1,8}(\.[0-9]{1,2})?$", description="yuan per tonne, e.g. \"45.20\"")]
Amount = Annotated[str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{1,2})?$", description="yuan, e.g. \"100000.00\"")]
Quantity = Annotated[StrictInt, Field(gt=0, le=100_000_000, description="whole tonnes")]


def yuan(text: str) -> Decimal:
    return Decimal(text)


class PlaceOrder(BaseModel):
    """M-23 open bidding: a limit order for a trading account, entered by its member."""

    model_config = ConfigDict(extra="forbid")
    trading_account_id: str = Field(min_length=1, max_length=80)
    product_id: str = Field(min_length=1, max_length=32)
    side: Literal["BUY", "SELL"]
    price: Price
    quantity: Quantity
    time_in_force: Literal["GTC", "IOC"] = "GTC"


class AmendOrder(BaseModel):
    """New price and/or new open quantity; the order keeps its priority only if it just gets smaller."""

    model_config = ConfigDict(extra="forbid")
    price: Price
    quantity: Quantity


class ProposeAgreement(BaseModel):
    """M-23 agreement transfer: proposed by one named party to another."""

    model_config = ConfigDict(extra="forbid")
    agreement_id: str = Identifier
    trading_account_id: str = Field(min_length=1, max_length=80, description="the proposer's account")
    counterparty_trading_account_id: str = Field(min_length=1, max_length=80)
    side: Literal["BUY", "SELL"] = Field(description="the proposer's side")
    product_id: str = Field(min_length=1, max_length=32)
    price: Price
    quantity: Quantity


class ListProduct(BaseModel):
    """M-19: a product (allowances of one vintage) the exchange trades; its reference price is the previous close
    until its first day of open-bidding trades."""

    model_config = ConfigDict(extra="forbid")
    product_id: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")
    vintage: StrictInt = Field(ge=2013, le=2100)
    reference_price: Price


class ConfirmDeposit(BaseModel):
    """M-26: the settlement bank confirms funds arrived in a participant's dedicated account."""

    model_config = ConfigDict(extra="forbid")
    movement_id: str = Identifier
    trading_account_id: str = Field(min_length=1, max_length=80)
    amount: Amount


class RequestCashWithdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    movement_id: str = Identifier
    amount: Amount


class DecideCashWithdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paid: bool


class RequestAllowanceWithdrawal(BaseModel):
    """Allowances back from trading to the holder's registry holding account (M-26, M-32)."""

    model_config = ConfigDict(extra="forbid")
    instruction_id: str = Identifier
    vintage: StrictInt = Field(ge=2013, le=2100)
    quantity: Quantity


class BankBalanceLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    account_id: str = Field(min_length=1, max_length=80)
    balance: Amount


class BankMovementLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    movement_id: str = Identifier
    account_id: str = Field(min_length=1, max_length=80)
    kind: Literal["deposit", "withdrawal"]
    amount: Amount


class BankStatement(BaseModel):
    """The settlement bank's statement of a day: closing balances of the dedicated accounts and the day's
    deposits and paid withdrawals (M-26)."""

    model_config = ConfigDict(extra="forbid")
    statement_date: date
    balances: list[BankBalanceLine] = Field(max_length=100_000)
    movements: list[BankMovementLine] = Field(default_factory=list, max_length=100_000)
