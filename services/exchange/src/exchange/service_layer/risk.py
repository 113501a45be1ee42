"""Risk controls of the exchange (M-28, M-29): the operations desk's emergency measures, each reported to the
authority at once as an event and lifted when the situation ends (by the desk, or by the clock at its end time);
risk warnings; large-holder reports. The rules an order is checked against are the year's rules with the measures
in force (`market_rules`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from ets_shared.clock import as_utc, regulatory_date
from ets_shared.envelope import MessageContext
from ets_shared.contracts.exchange import (
    MARKET_MEASURE_KINDS, LargeHolderReported, MarketMeasureImposed, MarketMeasureLifted, RiskWarningIssued,
)
from ets_shared.contracts.base import one_of
from ets_shared.errors import Conflict, NotFound, RuleViolation
from ets_shared.persistence.among import AmongKeys
from ets_shared.persistence.bulk import insert_rows, update_rows
from ets_shared.persistence.driver_statement import DriverStatement
from exchange.adapters.orm import (
    AllocationHeldRow, AllowancePositionRow, LargeHolderRow, MarketMeasureRow, RiskWarningRow, TradingAccountRow,
)
from exchange.adapters.trading_store import expire_held, write_pending_held
from exchange.domain.market_measures import (
    Measure, effective_rules, large_holder_excess, require_not_halted,
)
from exchange.domain.policy import TradingRules
from exchange.entrypoints.schemas_risk import MeasurePublic, WarningPublic
from exchange.service_layer import commands_oversight as commands
from exchange.adapters.policy_repository import rules_for, rules_in_force
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork


def measures_in_force(uow: ExchangeUnitOfWork) -> list[Measure]:
    """The measures in force, read at every call (order entry: once per batch) from the table any exchange process
    writes them to, so a halt imposed through any of them refuses the next batch (M-29) — by one statement built
    once, as plain rows: asked of the ORM it cost 0.4-0.7 ms per batch. What this transaction changed is flushed
    first, as the ORM's query did, so it reads its own imposing or lifting."""
    session = uow.session
    session.flush()
    rows = (_IN_FORCE_ON_SQLITE.rows(session) if session.get_bind().dialect.name == "sqlite"
            else session.connection().execute(_IN_FORCE))
    return [Measure(measure_id, kind, product_id, reason, Decimal(price_limit) if price_limit else None, max_holding_t)
            for measure_id, kind, product_id, reason, price_limit, max_holding_t in rows]


_measures = MarketMeasureRow.__table__
_IN_FORCE = select(_measures.c.measure_id, _measures.c.kind, _measures.c.product_id, _measures.c.reason,
                   _measures.c.price_limit, _measures.c.max_holding_t).where(_measures.c.active.is_(True)).order_by(
    _measures.c.imposed_at, _measures.c.measure_id)
_IN_FORCE_ON_SQLITE = DriverStatement(lambda _: _IN_FORCE)  # SQLAlchemy's execution cost more than SQLite's read


def market_rules(uow: ExchangeUnitOfWork, product_id: str) -> TradingRules:
    """The rules a command on `product_id` is checked against now: refused while the product is halted (M-29)."""
    measures = measures_in_force(uow)
    require_not_halted(measures, product_id)
    return effective_rules(rules_in_force(uow.session, regulatory_date(uow.now()).year), measures, product_id)


def impose(cmd: commands.ImposeMeasure, uow: ExchangeUnitOfWork) -> MeasurePublic:
    with uow:
        now = uow.now()
        if uow.session.get(MarketMeasureRow, cmd.measure_id) is not None:
            raise Conflict(f"measure {cmd.measure_id} exists", field="measure_id", article="M-29")
        if cmd.product_id is not None:
            uow.trading.product(cmd.product_id)
        if cmd.ends_at is not None and as_utc(cmd.ends_at) <= now:
            raise RuleViolation(f"ends_at {cmd.ends_at} is not after now ({now})", field="ends_at", article="M-29")
        row = MarketMeasureRow(measure_id=cmd.measure_id, kind=cmd.kind, product_id=cmd.product_id,
                               price_limit=str(cmd.price_limit) if cmd.price_limit is not None else None,
                               max_holding_t=cmd.max_holding_t, reason=cmd.reason, imposed_by=uow.context.actor,
                               imposed_at=now, ends_at=as_utc(cmd.ends_at) if cmd.ends_at else None)
        uow.session.add(row)
        uow.publish(MarketMeasureImposed(measure_id=row.measure_id, kind=cmd.kind, product_id=cmd.product_id,
                                         price_limit=cmd.price_limit, max_holding_t=cmd.max_holding_t,
                                         reason=cmd.reason, imposed_by=row.imposed_by, imposed_at=now,
                                         ends_at=row.ends_at), subject_ref=f"measure:{row.measure_id}")
        uow.commit()
    return MeasurePublic.of(row)


def _lift(uow: ExchangeUnitOfWork, row: MarketMeasureRow, reason: str, by: str, at: datetime) -> None:
    row.active, row.lifted_at, row.lifted_by, row.lift_reason = False, at, by, reason
    uow.publish(MarketMeasureLifted(measure_id=row.measure_id,
                                    kind=one_of(row.kind, MARKET_MEASURE_KINDS, field="kind"),
                                    product_id=row.product_id, reason=reason, lifted_by=by, lifted_at=at),
                subject_ref=f"measure:{row.measure_id}")


def lift(measure_id: str, cmd: commands.LiftMeasure, uow: ExchangeUnitOfWork) -> MeasurePublic:
    with uow:
        row = uow.session.get(MarketMeasureRow, measure_id)
        if row is None:
            raise NotFound(f"no measure {measure_id}", field="measure_id")
        if not row.active:
            raise Conflict(f"measure {measure_id} was lifted at {row.lifted_at}", field="measure_id", article="M-29")
        _lift(uow, row, cmd.reason, uow.context.actor, uow.now())
        uow.commit()
    return MeasurePublic.of(row)


def lift_ended(uow: ExchangeUnitOfWork, now: datetime) -> None:
    """At a tick: measures whose end time has come are lifted (inside the consumer's transaction)."""
    now = as_utc(now)
    rows = uow.session.execute(select(MarketMeasureRow).where(
        MarketMeasureRow.active.is_(True), MarketMeasureRow.ends_at.is_not(None),
        MarketMeasureRow.ends_at <= now)).scalars().all()
    for row in rows:
        if row.ends_at is not None:  # selected so
            _lift(uow, row, f"its end time {row.ends_at.isoformat()} was reached", "end time", as_utc(row.ends_at))


def warn(cmd: commands.IssueWarning, uow: ExchangeUnitOfWork) -> WarningPublic:
    with uow:
        if cmd.product_id is not None:
            uow.trading.product(cmd.product_id)
        if uow.session.get(RiskWarningRow, cmd.warning_id) is not None:
            raise Conflict(f"warning {cmd.warning_id} exists", field="warning_id", article="M-28")
        row = RiskWarningRow(warning_id=cmd.warning_id, product_id=cmd.product_id, level=cmd.level,
                             message=cmd.message, issued_by=uow.context.actor, issued_at=uow.now())
        uow.session.add(row)
        uow.publish(RiskWarningIssued(warning_id=row.warning_id, product_id=row.product_id, level=cmd.level,
                                      message=row.message, issued_by=row.issued_by, issued_at=row.issued_at),
                    subject_ref=f"warning:{row.warning_id}")
        uow.commit()
    return WarningPublic(**row.model_dump())


def check_large_holder(uow: ExchangeUnitOfWork, trading_account_id: str) -> None:
    """M-28(2) 大户报告, after an account's holding changed (`check_large_holders` for one account)."""
    check_large_holders(uow, [trading_account_id], rules=rules_for(uow.session, regulatory_date(uow.now()).year))


def check_large_holders(uow: ExchangeUnitOfWork, trading_account_ids: Iterable[str],
                        contexts: Mapping[str, MessageContext] | None = None, *, rules: TradingRules) -> None:
    """M-28(2) 大户报告, after these accounts' holdings changed: each is reported when it reaches the threshold beyond
    its allocation, once per upward crossing (falling below re-arms it). Set-based for a consumed batch's buyers: the
    accounts, their holdings, their allocations and their large-holder states in one read (`_FACTS`: a read of each
    cost twice as much, mostly SQLAlchemy's work per statement); the reports are published in account
    order, each under its account's context in `contexts` (else the acting one). The states are read and written
    as table rows (`_write_states`): loading, tracking and flushing them as ORM objects cost about a third of the
    check. `rules`: this year's (the caller's: a consumed batch's settlement has them)."""
    ids = sorted(set(trading_account_ids))
    if not ids:
        return
    write_pending_held(uow.session)  # the allocations this transaction added are read with the others
    unwritten = uow.ledger.unwritten_holdings(ids)
    facts = {row.trading_account_id: row for row in _FACTS.execute(uow.session, ids)}
    new: list[dict] = []
    changed: list[dict] = []
    for trading_account_id in ids:
        if contexts is not None:
            uow.context = contexts[trading_account_id]
        account = facts.get(trading_account_id)
        if account is None:
            raise NotFound(f"no trading account {trading_account_id}", field="trading_account_id")
        holding = int(account.holding or 0) + unwritten[trading_account_id]
        allocation = account.allocation or 0
        beyond = large_holder_excess(holding, allocation, rules.large_holder_report_t)
        state = account if account.state_id is not None else None
        at_or_above, reported_at, reports = (state.at_or_above, state.reported_at, state.reports) if state else (
            False, None, 0)
        if beyond is not None and not at_or_above:
            reported_at, reports = uow.now(), reports + 1
            uow.publish(LargeHolderReported(trading_account_id=trading_account_id,
                                            participant_id=account.participant_id,
                                            covered_entity_id=account.covered_entity_id, holding=holding,
                                            allocation=allocation, beyond_allocation=beyond,
                                            threshold=rules.large_holder_report_t, reported_at=reported_at),
                        subject_ref=f"trading-account:{trading_account_id}")
        row = {"trading_account_id": trading_account_id, "at_or_above": beyond is not None, "holding": holding,
               "reported_at": reported_at, "reports": reports}
        if state is None:
            new.append(row)
        elif (state.at_or_above, state.state_holding, state.reports) != (row["at_or_above"], holding, reports):
            changed.append(row)
    _write_states(uow, new, changed)


_holders, _accounts = LargeHolderRow.__table__, TradingAccountRow.__table__
_positions, _held = AllowancePositionRow.__table__, AllocationHeldRow.__table__
# What the check reads of the accounts, one row each, by a statement built once (the ids as one parameter): the
# account's holder; its holding on the exchange (every vintage, available and reserved; without this transaction's
# unwritten changes, `Ledger.unwritten_holdings`); its covered entity's allocation of the latest vintage (M-28(2));
# its large-holder state (`state_id` None: none yet).
_HOLDING = select(func.sum(_positions.c.available + _positions.c.reserved)).where(
    _positions.c.account_id == _accounts.c.trading_account_id).scalar_subquery()
_ALLOCATION = select(_held.c.quantity).where(_held.c.entity_id == _accounts.c.covered_entity_id).order_by(
    _held.c.vintage.desc()).limit(1).scalar_subquery()
_FACTS = AmongKeys(lambda among: select(
    _accounts.c.trading_account_id, _accounts.c.participant_id, _accounts.c.covered_entity_id,
    _HOLDING.label("holding"), _ALLOCATION.label("allocation"), _holders.c.trading_account_id.label("state_id"),
    _holders.c.at_or_above, _holders.c.holding.label("state_holding"), _holders.c.reported_at, _holders.c.reports,
).select_from(_accounts.outerjoin(_holders, _holders.c.trading_account_id == _accounts.c.trading_account_id)).where(
    among(_accounts.c.trading_account_id)))


def _write_states(uow: ExchangeUnitOfWork, new: list[dict], changed: list[dict]) -> None:
    """The accounts' new large-holder states: one multi-row INSERT of the first ones, one of UPDATEs of those that
    changed (`persistence.bulk`), in account order; a state this session holds as an object is expired, so that
    it is read afresh (`expire_held`: a key built per state cost more than its update)."""
    insert_rows(uow.session, LargeHolderRow, new)
    update_rows(uow.session, LargeHolderRow, changed)
    if changed:
        expire_held(uow.session, LargeHolderRow, {row["trading_account_id"] for row in changed})
