"""The per-year policy documents in the `policy_setting` table every service has: stored with who and why
(`store_policy`, inside the caller's transaction), read and validated once per session (`load_policy`), turned into a
service's domain policy once per session (`load_domain_policy`), and the years one transaction touches each turned once
into a service's domain policy (`PolicyCache`).

Each service's `adapters/policy_repository.py` names its own document model and defaults and turns the document
into its domain policy (`policy_for(session, year)`); the service layer reads policies only through it, and
`ets_shared.http.platform_routes.policy_router` serves GET/PUT /policy/{year} with the same two functions.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ets_shared.clock import utcnow
from ets_shared.persistence.tables import PolicySetting

if TYPE_CHECKING:
    from ets_shared.unit_of_work import SqlUnitOfWork

Document = TypeVar("Document", bound=BaseModel)
Policy = TypeVar("Policy")

_POLICY_CACHE = "ets.policy"
_SETTING = PolicySetting.__table__
#: the stored document's text, a Core statement built once (the ORM's `get` of the row cost more than the rest)
_DOCUMENT = select(_SETTING.c.document).where(_SETTING.c.compliance_year == bindparam("year"))


def store_policy(uow: SqlUnitOfWork, compliance_year: int, document: BaseModel, reason: str) -> None:
    """Record a year's policy (audited with who and why) in the caller's transaction."""
    row = uow.session.get(PolicySetting, compliance_year)
    payload = document.model_dump_json()
    actor = uow.context.actor
    if row is None:
        uow.session.add(PolicySetting(compliance_year=compliance_year, document=payload, updated_by=actor,
                                      updated_at=utcnow(), reason=reason))
    else:
        row.document, row.updated_by, row.updated_at, row.reason = payload, actor, utcnow(), reason
    uow.audit("policy.set", f"policy:{compliance_year}", {"policy": json.loads(payload), "reason": reason})
    stale = [k for k in uow.session.info
             if isinstance(k, tuple) and k[:1] == (_POLICY_CACHE,) and k[2] == compliance_year]
    for key in stale:
        del uow.session.info[key]


def load_policy(session: Session, compliance_year: int, model: type[Document],
                default: Callable[[int], Document]) -> Document:
    """The year's policy as this transaction sees it: read (and validated) once per session, so the many use cases
    of a consumed batch or a bulk request do not read it again each; `store_policy` refreshes it."""
    key = (_POLICY_CACHE, model, compliance_year)
    if key not in session.info:
        stored = _stored_document(session, compliance_year)
        session.info[key] = _validated(model, stored) if stored is not None else _default(default, compliance_year)
    document: Document = session.info[key]
    return document.model_copy()


def _stored_document(session: Session, compliance_year: int) -> str | None:
    """The year's stored document as this session sees it: one written by `store_policy` in this transaction and
    not yet flushed (pending or changed in the session) first, else its row's text read with Core."""
    for obj in session.new:
        if isinstance(obj, PolicySetting) and obj.compliance_year == compliance_year:
            return obj.document
    held: Any = session.identity_map.get((PolicySetting, (compliance_year,), None))
    if held is not None:
        return str(held.document)
    text: str | None = session.execute(_DOCUMENT, {"year": compliance_year}).scalar_one_or_none()
    return text


@lru_cache(maxsize=256)
def _validated(model: type[Document], text: str) -> Document:
    """A stored document validated once per process for each text (it changes only when the authority sets it);
    callers get copies (`load_policy`), as they did of the one a session kept."""
    return model.model_validate_json(text)


@lru_cache(maxsize=256)
def _default(default: Callable[[int], Document], compliance_year: int) -> Document:
    return default(compliance_year)


def load_domain_policy(session: Session, compliance_year: int, model: type[Document],
                       default: Callable[[int], Document], for_year: Callable[[Document, int], Policy]) -> Policy:
    """The year's domain policy (`for_year(document, year)`, a frozen dataclass) as this transaction sees it, made
    once per session: each event of a consumed batch asks for it (allocation's and verifier oversight's
    determinations, 10,000 in the benchmark's year). `store_policy` refreshes it with the document; a document
    that does not fit the year is not kept, so each asking gets its RuleViolation as before."""
    key = (_POLICY_CACHE, for_year, compliance_year)
    if key not in session.info:
        session.info[key] = for_year(load_policy(session, compliance_year, model, default), compliance_year)
    policy: Policy = session.info[key]
    return policy


class PolicyCache(Generic[Policy]):
    """The policies of the years one transaction touches (a tick spans cases of several years), each loaded once by
    `load(session, year)` (a service's own loader, which turns the stored document into its domain policy)."""

    def __init__(self, session: Session, load: Callable[[Session, int], Policy]) -> None:
        self.session, self._load = session, load
        self._years: dict[int, Policy] = {}

    def __call__(self, year: int) -> Policy:
        if year not in self._years:
            self._years[year] = self._load(self.session, year)
        return self._years[year]
