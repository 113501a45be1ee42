"""The envelope every integration event travels in (docs/architecture.md#events).

`event_id` is also the JetStream `Nats-Msg-Id`, so a re-publish inside the stream's duplicate window is dropped and
consumers dedupe on it. `correlation_id` is carried unchanged down a chain of events (one compliance case is
traceable across all five services); `causation_id` is the event (or HTTP request) that directly caused this one.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.clock import utcnow
from ets_shared.ids import ordered_uuid

if TYPE_CHECKING:
    from ets_shared.contracts.base import EventData

D = TypeVar("D", bound=BaseModel)


class Envelope(BaseModel, Generic[D]):
    model_config = ConfigDict(extra="ignore", frozen=True)

    event_id: uuid.UUID = Field(description="Unique id; also the JetStream Nats-Msg-Id (dedupe key)")
    event_type: str = Field(description="<producer>.<aggregate>.<event>, e.g. mrv.determination.made")
    schema_version: int = Field(ge=1, description="Version of `data`'s schema; the subject ends in .v<N>")
    occurred_at: AwareDatetime = Field(description="When the fact happened (UTC)")
    producer: str = Field(description="The service that published the event")
    correlation_id: str = Field(description="Shared by every event of one business case, across services")
    causation_id: str | None = Field(default=None, description="The event or request that caused this one")
    data: D  # the last field: `data_json` relies on it


def data_json(payload: str) -> str:
    """`envelope.data.model_dump_json()` cut out of `payload`, the envelope's own `model_dump_json()`: the same text
    (pydantic serialises the nested model with the model's own serializer and the same defaults), without serialising
    the data twice (the outbox row and the audit record of every published event hold both). `data` is the
    envelope's last field, so its JSON runs from after the key to the envelope's closing brace; the key is found
    first, as nothing before it can contain `,"data":` — the other keys are fixed and a `"` inside a string value
    is escaped."""
    return payload[payload.index(',"data":') + 8:-1]


@dataclass(frozen=True)
class MessageContext:
    """Who/what is acting: carried from an HTTP request or an incoming event into the events it causes."""

    correlation_id: str
    causation_id: str | None
    actor: str  # "role:subject" for a person/system with a token, "event:<type>" for a consumer, "clock" for ticks

    @classmethod
    def new(cls, actor: str, correlation_id: str | None = None) -> "MessageContext":
        return cls(correlation_id=correlation_id or str(ordered_uuid()), causation_id=None, actor=actor)

    @classmethod
    def caused_by(cls, envelope: Envelope, event_id: str | None = None) -> "MessageContext":
        """`event_id`: the envelope's id as text, when the caller has it already (a consumed batch's)."""
        return cls(envelope.correlation_id, event_id or str(envelope.event_id), f"event:{envelope.event_type}")


_ENVELOPES: dict[type, type[Envelope]] = {}


def envelope_type(contract: type[EventData]) -> type[Envelope]:
    """The envelope model of a contract known only at run time. Pydantic caches each parametrised model too, but
    finding it there costs more than building the envelope (a tenth of an order's CPU in the exchange), so each
    is kept here once made."""
    model = _ENVELOPES.get(contract)
    if model is None:
        model = _ENVELOPES[contract] = Envelope[contract]  # type: ignore[valid-type]  # subscripted by a variable
    return model


def wrap(data: EventData, *, producer: str, context: MessageContext, occurred_at: datetime | None = None) -> Envelope:
    """Put contract `data` into an envelope for `producer`, inheriting correlation from `context`."""
    meta = type(data).contract
    return envelope_type(type(data))(
        event_id=ordered_uuid(),
        event_type=meta.event_type,
        schema_version=meta.version,
        occurred_at=occurred_at or utcnow(),
        producer=producer,
        correlation_id=context.correlation_id,
        causation_id=context.causation_id,
        data=data,
    )
