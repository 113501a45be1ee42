"""Events of the allocation service: covered entities, issuance, obligations, surrender (docs/rules.md §2, §3, §5)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ets_shared.contracts.base import CaseEventData, EventData, Tonnes, contract

P = "allocation"


@contract(
    producer=P, aggregate="entity", event="registered", version=1,
    example={"entity_id": "E-0001", "name": "Shanghai Steel Works", "sector": "steel", "covered": True,
             "registered_at": "2025-01-05T02:00:00Z"},
)
class EntityRegistered(EventData):
    """An entity was put on the published list of entities covered by allowance management (M-5), or — `covered`
    false — on the reporting-only list of emitters of at least 10,000 t that are not covered (M-12 ¶2). An emitter
    on the reporting-only list that is later covered is registered again, covered, with a later `registered_at`.
    `first_compliance_year`: the first year it is covered (or must report) for; `coverage_basis`: `threshold` (its
    emissions reach its sector's threshold), `voluntary` (an approved application) or `reporting_threshold`."""

    entity_id: str
    name: str
    sector: str
    covered: bool = True
    registered_at: AwareDatetime
    first_compliance_year: int | None = Field(default=None, ge=2013)
    coverage_basis: Literal["threshold", "voluntary", "reporting_threshold"] | None = None


@contract(
    producer=P, aggregate="allowances", event="issued", version=1,
    example={"transaction_id": "TX-1", "plan_id": "PLAN-2025", "entity_id": "E-0001", "account_id": "ACC-E-0001",
             "vintage": 2025, "quantity": 120000, "issued_at": "2025-03-01T02:00:00Z"},
)
class AllowancesIssued(EventData):
    """Free allowances of a vintage were issued into an entity's holding account under an approved plan (M-9, M-32)."""

    transaction_id: str
    plan_id: str
    entity_id: str
    account_id: str
    vintage: int = Field(ge=2013)
    quantity: Tonnes
    issued_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="recorded", version=1,
    example={"entity_id": "E-0001", "compliance_year": 2025, "obligation": 118000, "determination_id": "DET-1",
             "revision": 1, "recorded_at": "2026-05-10T02:00:00Z"},
)
class ObligationRecorded(CaseEventData):
    """The surrender obligation for a year was set (or revised) from the authority's determination (M-15, M-16)."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    determination_id: str
    revision: int = Field(ge=1)
    recorded_at: AwareDatetime
    surrender_until: date | None = Field(default=None, description="M-16: the last (Shanghai) day the entity may "
                                         "surrender for the year before it is in shortfall")


class SurrenderLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    unit_type: Literal["SHEA", "CCER"]
    vintage: int
    quantity: Tonnes


@contract(
    producer=P, aggregate="surrender", event="recorded", version=1,
    example={"surrender_id": "SUR-1", "entity_id": "E-0001", "compliance_year": 2025,
             "lines": [{"unit_type": "SHEA", "vintage": 2025, "quantity": 100000}],
             "total_surrendered": 100000, "remaining": 18000, "surrendered_at": "2026-06-10T02:00:00Z"},
)
class SurrenderRecorded(EventData):
    """Units were surrendered against a year's obligation and cancelled in the registry (M-16, M-32)."""

    surrender_id: str
    entity_id: str
    compliance_year: int = Field(ge=2013)
    lines: list[SurrenderLine]
    total_surrendered: Tonnes
    remaining: Tonnes
    surrendered_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="settled", version=1,
    example={"entity_id": "E-0001", "compliance_year": 2025, "obligation": 118000, "surrendered": 118000,
             "late": False, "settled_at": "2026-06-20T02:00:00Z"},
)
class ObligationSettled(CaseEventData):
    """A year's obligation is met in full; `late` when made good after the window closed (M-16, M-39)."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    surrendered: Tonnes
    late: bool
    settled_at: AwareDatetime


@contract(
    producer=P, aggregate="obligation", event="shortfall-detected", version=1,
    example={"entity_id": "E-0002", "compliance_year": 2025, "obligation": 90000, "surrendered": 60000,
             "shortfall": 30000, "detected_at": "2026-06-30T16:00:00Z"},
)
class ShortfallDetected(CaseEventData):
    """At the close of the surrender window the entity had surrendered less than its obligation (M-16 → M-39).
    The obligation stays open until met."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    surrendered: Tonnes
    shortfall: Tonnes
    detected_at: AwareDatetime
    determination_revision: int | None = Field(default=None, ge=1, description="the determination the obligation "
                                               "followed; a later shortfall of the same year after a raised "
                                               "determination carries a higher one (a new M-39 violation)")


@contract(
    producer=P, aggregate="obligation", event="shortfall-revised", version=1,
    example={"entity_id": "E-0002", "compliance_year": 2025, "obligation": 95000, "surrendered": 60000,
             "shortfall": 35000, "determination_id": "DET-E-0002-2025-r2", "revision": 2,
             "revised_at": "2026-08-10T02:00:00Z"},
)
class ShortfallRevised(CaseEventData):
    """An obligation already in shortfall followed a revised determination (M-15 correction): the shortfall is now
    `shortfall` (more or less than before, never 0 — a revision that covers what was surrendered settles it:
    `obligation.settled`). The M-39 case follows the new figure."""

    entity_id: str
    compliance_year: int = Field(ge=2013)
    obligation: Tonnes
    surrendered: Tonnes
    shortfall: Tonnes
    determination_id: str
    revision: int = Field(ge=1)
    revised_at: AwareDatetime


@contract(
    producer=P, aggregate="coverage-application", event="decided", version=1,
    example={"application_id": "APP-E-0101-2026", "entity_id": "E-0101", "name": "Songjiang Logistics",
             "sector": "road_freight", "compliance_year": 2026, "approved": True,
             "reason": "voluntary inclusion supports the district's reduction plan",
             "decided_at": "2026-01-15T02:00:00Z"},
)
class CoverageApplicationDecided(EventData):
    """The authority decided an organisation's application to be covered voluntarily (M-5 ¶1: 其他排放单位可以申请
    纳入配额管理). An approval puts it on the list (`entity.registered`, covered, basis `voluntary`)."""

    application_id: str
    entity_id: str
    name: str
    sector: str
    compliance_year: int = Field(ge=2013)
    approved: bool
    reason: str
    decided_at: AwareDatetime


@contract(
    producer=P, aggregate="covered-list", event="published", version=1,
    example={"compliance_year": 2026, "version": 1, "covered_count": 378, "reporting_only_count": 41,
             "added": 12, "removed": 0, "digest": "3b1f0c6e9a0d4b7c8e2f1a5d6c7b8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9",
             "path": "/public/covered-lists/2026", "published_at": "2026-01-10T02:00:00Z"},
)
class CoveredListPublished(EventData):
    """The authority published the list of entities covered for `compliance_year` (M-5 ¶2: 名单由主管部门公布).
    The list itself is public at `path` (no token); `digest` is the SHA-256 of its entity ids, sorted and joined
    by newlines, so a consumer can check the copy it fetched. `added` / `removed`: against the previous version."""

    compliance_year: int = Field(ge=2013)
    version: int = Field(ge=1)
    covered_count: int = Field(ge=0)
    reporting_only_count: int = Field(ge=0)
    added: int = Field(ge=0)
    removed: int = Field(ge=0)
    digest: str = Field(min_length=64, max_length=64)
    path: str
    published_at: AwareDatetime


# --- Exit (M-18) and succession (M-10) ---

@contract(
    producer=P, aggregate="entity", event="exit-declared", version=1,
    example={"entity_id": "E-0007", "reason": "production_stopped", "exit_on": "2026-09-10",
             "compliance_year": 2026, "report_due_on": "2026-09-25", "declared_at": "2026-09-11T02:00:00Z"},
)
class EntityExitDeclared(EventData):
    """A covered entity dissolved, deregistered, stopped production or left Shanghai on `exit_on` (M-18). It must
    report its `compliance_year` (the exit's year) emissions by `report_due_on` (inclusive; from 00:00 Shanghai the
    day after, the report is missing); the report is verified and determined like any other, and the entity
    surrenders for that year from its determination. It owes no plans or reports for later years."""

    entity_id: str
    reason: Literal["dissolution", "deregistration", "production_stopped", "moved_out"]
    exit_on: date
    compliance_year: int = Field(ge=2013)
    report_due_on: date
    declared_at: AwareDatetime


class RecalledVintage(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    vintage: int = Field(ge=2013, le=2100)
    issued_free: Tonnes
    due: Tonnes
    recalled: Tonnes
    unrecovered: Tonnes


@contract(
    producer=P, aggregate="allowances", event="recalled", version=1,
    example={"entity_id": "E-0007", "transaction_id": "RCL-E-0007", "account_id": "ACC-E-0007",
             "recall_account_id": "AUTHORITY-RECALL", "ratio": "0.5",
             "vintages": [{"vintage": 2027, "issued_free": 101, "due": 51, "recalled": 51, "unrecovered": 0}],
             "recalled_at": "2026-09-11T02:00:00Z"},
)
class AllowancesRecalled(EventData):
    """M-18: on exit, `ratio` (50 %) of the free allowances already issued to the entity for each later vintage,
    ROUND_HALF_UP per vintage, was moved from its holding account to the authority's recall account. What it no
    longer held of a vintage is `unrecovered` (never taken from another vintage). `transaction_id` is null when
    nothing could be taken."""

    entity_id: str
    transaction_id: str | None = None
    account_id: str
    recall_account_id: str
    ratio: str
    vintages: list[RecalledVintage]
    recalled_at: AwareDatetime


class SuccessorShare(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    entity_id: str
    holdings_share: str = Field(description="percent, a decimal string")
    obligations_share: str = Field(description="percent, a decimal string")
    facilities: list[str] = Field(default_factory=list)
    continues: bool = Field(default=False, description="a predecessor that keeps facilities of a split")


class ObligationPassed(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    compliance_year: int = Field(ge=2013)
    from_entity_id: str
    to_entity_id: str
    quantity: Tonnes
    in_shortfall: bool


@contract(
    producer=P, aggregate="succession", event="approved", version=1,
    example={"succession_id": "SUC-E-0003-2026-1", "kind": "merger", "predecessor_ids": ["E-0003"],
             "successors": [{"entity_id": "E-0004", "holdings_share": "100", "obligations_share": "100",
                             "facilities": [], "continues": False}],
             "effective_on": "2026-08-01", "transaction_ids": ["SUC-E-0003-2026-1-E-0003"],
             "obligations": [{"compliance_year": 2025, "from_entity_id": "E-0003", "to_entity_id": "E-0004",
                              "quantity": 12000, "in_shortfall": True}],
             "approved_at": "2026-08-02T02:00:00Z"},
)
class SuccessionApproved(EventData):
    """The authority approved a merger or split (M-10): the predecessors' holdings (every unit, by the plan's
    holdings shares, largest-remainder rounding) and unmet obligations (by the obligations shares) passed to the
    successors. A predecessor not `continues` no longer exists on its own: its reporting duty and history pass to
    the successors (mrv), its open cases to the successor with the largest obligations share (enforcement), its
    exchange accounts likewise."""

    succession_id: str
    kind: Literal["merger", "split"]
    predecessor_ids: list[str] = Field(min_length=1)
    successors: list[SuccessorShare] = Field(min_length=1)
    effective_on: date
    transaction_ids: list[str]
    obligations: list[ObligationPassed]
    approved_at: AwareDatetime

    @property
    def lead_successor(self) -> str:
        """The successor with the largest obligations share (the first listed on a tie)."""
        return max(self.successors, key=lambda s: Decimal(s.obligations_share)).entity_id


@contract(
    producer=P, aggregate="ledger", event="head-published", version=1,
    example={"day": "2026-06-10", "seq": 10234, "hash": "9f2c" + "0" * 60,
             "published_at": "2026-06-10T16:00:00Z"},
)
class LedgerHeadPublished(EventData):
    """M-32: the registry's chain head at the end of a Shanghai day — the sequence number and hash of the last
    transaction registered that day or before (`seq` 0 and 64 zeros before the first). Each transaction's hash
    covers its content and the previous hash, so whoever keeps these heads can later prove that no registered
    transaction up to `seq` was changed, removed or slipped in: `GET /registry/ledger/audit` must reproduce them."""

    day: date
    seq: int = Field(ge=0)
    hash: str = Field(min_length=64, max_length=64)
    published_at: AwareDatetime


# --- Paid allocation (M-9) ---

class SaleAward(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    entity_id: str
    quantity: Tonnes
    price: str = Field(description="RMB per allowance, a decimal string")
    amount: str = Field(description="RMB, a decimal string: quantity x price")


@contract(
    producer=P, aggregate="sale", event="cleared", version=1,
    example={"sale_id": "SALE-2026-1", "compliance_year": 2026, "kind": "auction", "quantity": 100000,
             "clearing_price": "45.00", "awards": [{"entity_id": "E-0001", "quantity": 60000, "price": "45.00",
                                                    "amount": "2700000.00"}],
             "cleared_at": "2026-03-01T02:00:00Z"},
)
class SaleCleared(EventData):
    """M-9: an auction (sealed bids, uniform clearing price, pro rata at the margin) or fixed-price sale of part of
    the plan's paid reserve closed with these awards; each winner pays through the settlement bank and its
    allowances are issued only then (`allowances.sold`). `clearing_price` is null when no bid was admitted."""

    sale_id: str
    compliance_year: int = Field(ge=2013)
    kind: Literal["auction", "fixed_price"]
    quantity: Tonnes
    clearing_price: str | None = None
    awards: list[SaleAward]
    cleared_at: AwareDatetime


@contract(
    producer=P, aggregate="allowances", event="sold", version=1,
    example={"sale_id": "SALE-2026-1", "entity_id": "E-0001", "account_id": "ACC-E-0001",
             "transaction_id": "SALE-2026-1-E-0001", "vintage": 2026, "quantity": 60000, "price": "45.00",
             "amount": "2700000.00", "payment_reference": "BANK-778", "issued_at": "2026-03-05T02:00:00Z"},
)
class AllowancesSold(EventData):
    """M-9: the settlement bank confirmed a winner's payment and its allowances were issued into its holding account
    (paid allocation, counted against the cap with the free allocation)."""

    sale_id: str
    entity_id: str
    account_id: str
    transaction_id: str
    vintage: int = Field(ge=2013)
    quantity: Tonnes
    price: str
    amount: str
    payment_reference: str
    issued_at: AwareDatetime


# --- Registry transfers (M-26, M-32): the registry's side of allowances moving into, inside and out of trading ---

class TransferLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    unit_type: Literal["SHEA", "CCER"]
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes


@contract(
    producer=P, aggregate="registry-transfer", event="registered", version=1,
    example={"transaction_id": "TRD-0000000001", "purpose": "trade_delivery", "reference": "TRD-0000000001",
             "from_account_id": "X-M-E-0002", "from_holder_id": "E-0002",
             "to_account_id": "X-M-E-0001", "to_holder_id": "E-0001",
             "lines": [{"unit_type": "SHEA", "vintage": 2025, "quantity": 1000}],
             "registered_at": "2026-05-20T02:30:00Z"},
)
class RegistryTransferRegistered(EventData):
    """A transfer between two holders' registry accounts was registered and took effect (M-32).

    `purpose`: `holder_transfer` (a holder's own request between holding accounts), `exchange_deposit` (a holder
    moved units from its holding account into its exchange trading account), `exchange_withdrawal` (the exchange
    instructed units back to the holder's holding account; `reference` is the instruction id) or `trade_delivery`
    (the allowance leg of an exchange trade; `reference` is the trade id). The transaction id of an exchange
    instruction is the instruction's own id, so a re-delivered instruction moves nothing twice."""

    transaction_id: str
    purpose: Literal["holder_transfer", "exchange_deposit", "exchange_withdrawal", "trade_delivery"]
    reference: str | None = None
    from_account_id: str
    from_holder_id: str
    to_account_id: str
    to_holder_id: str
    lines: list[TransferLine] = Field(min_length=1)
    registered_at: AwareDatetime


@contract(
    producer=P, aggregate="registry-transfer", event="refused", version=1,
    example={"purpose": "trade_delivery", "reference": "TRD-0000000001",
             "reason": "account X-M-E-0002 holds 0 SHEA of vintage 2025; this transaction would take 1000",
             "article": "M-32", "refused_at": "2026-05-20T02:30:00Z"},
)
class RegistryTransferRefused(EventData):
    """An exchange instruction (withdrawal or trade delivery) could not be registered; nothing moved (M-32).
    The exchange then releases what it reserved (a withdrawal) or fails the trade's settlement as a whole."""

    purpose: Literal["exchange_withdrawal", "trade_delivery"]
    reference: str
    reason: str
    article: str | None = None
    refused_at: AwareDatetime


class TradingBalance(BaseModel):
    """One line of the registry's side of a reconciliation: what a trading account holds in the registry."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    account_id: str
    holder_id: str
    vintage: int = Field(ge=2013, le=2100)
    quantity: Tonnes


class TradingBalancesRequest(BaseModel):
    """NATS request to `TRADING_BALANCES_SUBJECT` (request/reply, not a stream event)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    account_ids: list[str] | None = Field(default=None, max_length=100_000,
                                          description="only these trading accounts; all of them when omitted")


class TradingBalancesReply(BaseModel):
    """The registry's answer: every non-zero SHEA holding of exchange trading accounts, as of `as_of`."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    as_of: AwareDatetime
    balances: list[TradingBalance]


#: request/reply subject answered by the allocation service (the registry) for the exchange's reconciliation; outside
#: every stream's subjects (`ets.<producer>.>`), or JetStream would store each request and answer it with a PubAck
TRADING_BALANCES_SUBJECT = "ets.rpc.allocation.trading-balances"
