"""HTTP API of the reconciliations (M-26, M-32): the settlement bank's daily statement against the exchange's cash,
and the exchange's custody positions against the registry's balances (asked over NATS request/reply)."""
from __future__ import annotations

import asyncio
from typing import Annotated, Any

import nats
from fastapi import APIRouter, Depends

from ets_shared.auth import Principal, Role
from ets_shared.contracts.allocation import TRADING_BALANCES_SUBJECT, TradingBalancesReply, TradingBalancesRequest
from ets_shared.errors import DomainError
from ets_shared.http.dependencies import ReadSession, get_runtime, require
from ets_shared.messaging.nats_auth import connect_options
from exchange.service_layer import commands
from exchange.service_layer.reconciliation import ReconciliationReport, reconcile_bank, reconcile_registry

router = APIRouter(tags=["reconciliation"])
BankOrOperator = Annotated[Principal, Depends(require(Role.SETTLEMENT_BANK, Role.EXCHANGE_OPERATOR))]
Auditors = Annotated[Principal, Depends(require(Role.EXCHANGE_OPERATOR, Role.AUTHORITY))]


class RegistryUnavailable(DomainError):
    status = 503
    code = "registry-unavailable"
    title = "The registry did not answer"


@router.post("/cash/reconciliations", response_model=ReconciliationReport,
             summary="Reconcile a day's bank statement: every balance and movement that differs (M-26)")
def bank_reconciliation(statement: commands.BankStatement, _: BankOrOperator,
                        session: ReadSession) -> ReconciliationReport:
    return reconcile_bank(session, statement)


@router.get("/reconciliation/registry", response_model=ReconciliationReport,
            summary="Custody positions against the registry's trading-account balances (M-26, M-32)")
async def registry_reconciliation(_: Auditors, runtime: Annotated[Any, Depends(get_runtime)]) -> ReconciliationReport:
    reply = await ask_registry(runtime.settings.nats_servers, connect_options(runtime.settings, "exchange"))

    def compare() -> ReconciliationReport:
        with runtime.read_session_factory() as session:
            return reconcile_registry(session, reply)

    return await asyncio.to_thread(compare)


async def ask_registry(servers: list[str], nats_options: dict | None = None, timeout: float = 10.0
                       ) -> TradingBalancesReply:
    try:  # as the exchange's NATS identity: it may send requests to ets.allocation.rpc.> (nats_auth)
        nc = await nats.connect(servers=servers, name="ets-exchange-reconciliation", connect_timeout=2,
                                **(nats_options or {}))
    except Exception as exc:
        raise RegistryUnavailable(f"NATS unreachable: {exc!r}") from exc
    try:
        msg = await nc.request(TRADING_BALANCES_SUBJECT, TradingBalancesRequest().model_dump_json().encode(),
                               timeout=timeout)
        return TradingBalancesReply.model_validate_json(msg.data)
    except Exception as exc:
        raise RegistryUnavailable(f"no answer on {TRADING_BALANCES_SUBJECT}: {exc!r}") from exc
    finally:
        await nc.close()
