"""The allocation service's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from sqlalchemy.orm import Session

from allocation.adapters.coverage_repository import (
    ApplicationRepository, CoveredListRepository, EmissionsRepository,
)
from allocation.adapters.obligations import ObligationRepository, SurrenderRepository
from allocation.adapters.registry_store import RegistryStore
from allocation.adapters.repository import EntityRepository, PlanRepository
from allocation.adapters.trading_accounts import TradingAccountRepository
from ets_shared.unit_of_work import SqlUnitOfWork

R = TypeVar("R")


class _Repository(Generic[R]):
    """A repository of the unit of work, made on its first use after `_open` and kept in the instance's own
    attributes (this descriptor has no `__set__`: the instance's attribute is found first from then on). A consumed
    batch opens the repositories afresh for each of its events (`act_for`), and an event uses one or two of the
    nine: making all of them cost about 3 µs per event."""

    def __init__(self, make: Callable[[Session], R]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, uow: None, owner: type) -> _Repository[R]: ...

    @overload
    def __get__(self, uow: AllocationUnitOfWork, owner: type) -> R: ...

    def __get__(self, uow: AllocationUnitOfWork | None, owner: type) -> Any:
        if uow is None:
            return self
        repository = uow.__dict__[self._name] = self._make(uow.session)
        return repository


class AllocationUnitOfWork(SqlUnitOfWork):
    entities = _Repository(EntityRepository)
    plans = _Repository(PlanRepository)
    registry = _Repository(RegistryStore)
    trading_accounts = _Repository(TradingAccountRepository)
    obligations = _Repository(ObligationRepository)
    surrenders = _Repository(SurrenderRepository)
    emissions = _Repository(EmissionsRepository)
    applications = _Repository(ApplicationRepository)
    lists = _Repository(CoveredListRepository)
    _REPOSITORIES = tuple(name for name, value in dict(locals()).items() if isinstance(value, _Repository))

    def _open(self) -> None:
        """Each repository starts afresh (made again at its next use, on this transaction's session)."""
        made = self.__dict__
        for name in self._REPOSITORIES:
            made.pop(name, None)
