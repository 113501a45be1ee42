"""A minimal service assembled only from shared parts, to test the backbone without any service's rules.

It plays "exchange": it consumes `EntityRegistered` (admitting a member) and lets an exchange operator admit a
member over HTTP; both publish `MemberAdmitted` through the outbox. It also logs, in the order it applies them,
allocation's `ShortfallDetected` and `ObligationSettled` (the ordering tests): an entity named in `FLAKY` fails
its first two attempts at a shortfall (its batch, then itself) with a transient error.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ets_shared.auth import Principal, Role
from ets_shared.clock import utcnow
from ets_shared.contracts.allocation import EntityRegistered, ObligationSettled, ShortfallDetected
from ets_shared.contracts.exchange import MemberAdmitted
from ets_shared.errors import Conflict, RuleViolation
from ets_shared.http.dependencies import ReadSession, get_uow, require
from ets_shared.persistence.tables import utc_column
from ets_shared.runtime import ServiceDefinition, ServiceRuntime
from ets_shared.settings import ServiceSettings
from ets_shared.unit_of_work import SqlUnitOfWork
from sqlalchemy import MetaData
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel


class ToyTable(SQLModel):
    """The base of this service's tables: their own MetaData, apart from every other service's."""

    metadata = MetaData()


class ToyMember(ToyTable, table=True):
    __tablename__ = "toy_member"
    member_id: str = SQLField(primary_key=True, max_length=64)
    name: str = SQLField(max_length=200)
    admitted_at: datetime = SQLField(sa_column=utc_column())


class ToyApplied(ToyTable, table=True):
    __tablename__ = "toy_applied"
    seq: int | None = SQLField(default=None, primary_key=True)
    event: str = SQLField(max_length=40)
    entity_id: str = SQLField(max_length=64)


FLAKY: set[str] = set()  # entity ids whose shortfall fails once, transiently
ATTEMPTS: dict[str, int] = {}  # shortfall attempts per entity id


class MemberCreate(BaseModel):
    member_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1)
    deposit: int = Field(ge=0)


def admit(uow, member_id: str, name: str, covered_entity_id: str | None) -> MemberAdmitted:
    if name == "poison":
        raise RuntimeError("simulated transient failure")
    if name == "refused":
        raise RuleViolation("refused by a rule", field="name", article="M-22")
    if uow.session.get(ToyMember, member_id):
        raise Conflict(f"member {member_id} exists", field="member_id")
    now = utcnow()
    uow.session.add(ToyMember(member_id=member_id, name=name, admitted_at=now))
    event = MemberAdmitted(member_id=member_id, name=name, kind="self_operating", covered_entity_id=covered_entity_id,
                           admitted_at=now)
    uow.publish(event)
    return event


def on_entity_registered(event: EntityRegistered, uow) -> None:
    """admit the entity as a self-operating member"""
    admit(uow, f"M-{event.entity_id}", event.name, event.entity_id)


def on_shortfall(event: ShortfallDetected, uow) -> None:
    """log it (after a transient failure for a flaky entity)"""
    ATTEMPTS[event.entity_id] = ATTEMPTS.get(event.entity_id, 0) + 1
    if event.entity_id in FLAKY and ATTEMPTS[event.entity_id] <= 2:
        raise RuntimeError("simulated transient failure (database busy)")
    uow.session.add(ToyApplied(event="shortfall", entity_id=event.entity_id))


def on_settled(event: ObligationSettled, uow) -> None:
    """log it"""
    uow.session.add(ToyApplied(event="settled", entity_id=event.entity_id))


router = APIRouter()
Operator = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR))]
Uow = Annotated[SqlUnitOfWork, Depends(get_uow)]


@router.post("/members", status_code=201, response_model=MemberAdmitted)
def create_member(body: MemberCreate, _: Operator, uow: Uow) -> MemberAdmitted:
    with uow:
        event = admit(uow, body.member_id, body.name, None)
        uow.commit()
    return event


@router.get("/members")
def list_members(session: ReadSession) -> list[str]:
    from sqlalchemy import select

    return [m.member_id for m in session.execute(select(ToyMember)).scalars()]


@router.get("/applied")
def applied(session: ReadSession) -> list[list[str]]:
    from sqlalchemy import select

    return [[a.event, a.entity_id] for a in session.execute(select(ToyApplied).order_by(ToyApplied.seq)).scalars()]


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="exchange", title="Toy", description="backbone test service", metadata=ToyTable.metadata,
        migrations=Path(__file__).parent / "migrations", routers=[router],
        handlers={EntityRegistered: on_entity_registered, ShortfallDetected: on_shortfall,
                  ObligationSettled: on_settled}, publishes=[MemberAdmitted],
    )


def build_runtime(settings: ServiceSettings) -> ServiceRuntime:
    return ServiceRuntime(definition(), settings)
