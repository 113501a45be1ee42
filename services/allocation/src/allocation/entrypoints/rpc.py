"""The registry's NATS request/reply responder (FastStream core-NATS subscriber; its return value is the reply):
`TRADING_BALANCES_SUBJECT` answers the exchange's reconciliation with what each trading account holds in the
registry (M-26 ¶2, M-32). Requests are served by one member of the `allocation` queue group, from a read session: a
single query, so the reply is one consistent reading of the registry.

A request that is not a `TradingBalancesRequest` gets no reply (the requester's timeout): the reply has no error
shape. A reply must fit the server's maximum payload (1 MB by default, about 12,000 balances): ask for the accounts
of a part of the market with `account_ids` beyond that."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from faststream.nats import NatsBroker
from sqlalchemy.orm import Session, sessionmaker

from allocation.adapters.trading_accounts import TradingAccountRepository
from ets_shared.clock import utcnow
from ets_shared.contracts.allocation import (
    TRADING_BALANCES_SUBJECT, TradingBalance, TradingBalancesReply, TradingBalancesRequest,
)
from ets_shared.persistence.tables import RegulatoryClock

QUEUE = "allocation"


def trading_balances(session_factory: sessionmaker[Session], request: TradingBalancesRequest) -> TradingBalancesReply:
    """Every non-zero allowance holding of trading accounts (or of the requested ones), as of the registry's
    regulatory now."""
    with session_factory() as session:
        clock = session.get(RegulatoryClock, 1)
        as_of = clock.now if clock else utcnow()
        rows = TradingAccountRepository(session).balances(request.account_ids)
        session.rollback()
    return TradingBalancesReply(as_of=as_of, balances=[
        TradingBalance(account_id=account, holder_id=holder, vintage=vintage, quantity=quantity)
        for account, holder, vintage, quantity in rows])


def responder(servers: list[str], session_factory: sessionmaker[Session]) -> NatsBroker:
    """A broker of its own for the responder: the service's event broker only documents its streams (their events
    are consumed by `ets_shared.messaging.stream_consumer`), this one is started with the service."""
    broker = NatsBroker(servers=servers, name="ets-allocation-rpc", logger=logging.getLogger("ets.allocation.rpc"))

    @broker.subscriber(TRADING_BALANCES_SUBJECT, queue=QUEUE, title=f"{TRADING_BALANCES_SUBJECT}:allocation",
                       description="Request/reply: the registry's trading balances for the exchange's reconciliation "
                                   "(M-26 ¶2, M-32). Request `TradingBalancesRequest`, reply `TradingBalancesReply`.")
    async def on_trading_balances(request: TradingBalancesRequest) -> TradingBalancesReply:
        return await asyncio.to_thread(trading_balances, session_factory, request)

    return broker


def attach(runtime: Any) -> NatsBroker:
    """The responder of `runtime`, documented in its AsyncAPI beside its events."""
    broker = responder(runtime.settings.nats_servers, runtime.read_session_factory)
    runtime.asyncapi.schema.add_broker(broker)
    return broker
