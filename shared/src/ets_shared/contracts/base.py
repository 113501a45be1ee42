"""How an event contract is declared, and the catalogue of all of them.

A contract is a pydantic model decorated with `@contract(...)`, which fixes its subject
`ets.<producer>.<aggregate>.<event>.v<N>`, its event type, and registers it in `CATALOGUE`. Each contract carries
one example in its JSON schema; `example()` returns it, and consumer tests feed it to every subscriber.

Compatibility (enforced by tests/contracts): a published `v<N>` may gain optional fields only. Removing or renaming a
field, changing a type, or adding a required field needs a new `v<N+1>` contract published beside the old one.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

Money = Annotated[
    Decimal,
    Field(max_digits=14, decimal_places=2, description="Amount in yuan (CNY), exact decimal"),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
]
Tonnes = Annotated[int, Field(ge=0, description="Whole tonnes CO2e / allowances")]


@dataclass(frozen=True)
class ContractMeta:
    producer: str
    aggregate: str
    event: str
    version: int
    description: str
    subject_override: str | None = None

    @property
    def event_type(self) -> str:
        return f"{self.producer}.{self.aggregate}.{self.event}"

    @property
    def subject(self) -> str:
        return self.subject_override or f"ets.{self.producer}.{self.aggregate}.{self.event}.v{self.version}"


class EventData(BaseModel):
    """Base of every contract's `data`. Unknown fields are ignored so producers may add optional fields."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    contract: ClassVar[ContractMeta]

    @classmethod
    def example(cls) -> "EventData":
        extra = cls.model_config.get("json_schema_extra") or {}
        return cls.model_validate(extra["examples"][0])  # type: ignore[index]  # contracts give a dict, not a callable


class CaseEventData(EventData):
    """Base of the contracts about one compliance case — an entity's year from its monitoring plan and report to its
    obligation and its enforcement case: `correlation_id` names the case. The producer sets it from the aggregate's
    own field; it is also the envelope's `correlation_id` (`SqlUnitOfWork.publish` takes it from here)."""

    correlation_id: str | None = Field(
        default=None, min_length=1, max_length=100,
        description="The compliance case this event belongs to: the same id on every event of the case, across the "
                    "services (the envelope's correlation_id)")


CATALOGUE: dict[str, type[EventData]] = {}
E = TypeVar("E", bound=type[EventData])


def contract(
    *, producer: str, aggregate: str, event: str, version: int, example: dict[str, Any], subject: str | None = None
):
    """Declare a class as the `data` schema of one published event (see module docstring)."""

    def register(cls: E) -> E:
        meta = ContractMeta(producer, aggregate, event, version, (cls.__doc__ or "").strip(), subject)
        if meta.subject in CATALOGUE:
            raise ValueError(f"two contracts for {meta.subject}")
        cls.contract = meta
        cls.model_config["json_schema_extra"] = {"examples": [example]}
        cls.model_rebuild(force=True)
        cls.model_validate(example)  # an invalid example is a programming error: fail at import
        CATALOGUE[meta.subject] = cls
        return cls

    return register


Code = TypeVar("Code", bound=str)


def one_of(value: str, codes: tuple[Code, ...], *, field: str) -> Code:
    """`value` as one of a contract field's literal `codes` (the type checker holds `codes` to the field's Literal
    type); a value outside them raises ValueError naming the field — a domain value or stored column the contract
    cannot carry is a defect, never published under another code."""
    for code in codes:
        if code == value:
            return code
    raise ValueError(f"{field}: {value!r} is not one of {', '.join(codes)}")

