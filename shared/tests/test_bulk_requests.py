"""Bulk requests (`ets_shared.http.bulk`): the set-based path answers each item as the one-by-one path would, and
falls back to it when writing the items together meets a row a concurrent request wrote first, or an item fails
unexpectedly."""
from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError

from ets_shared.auth import Principal, Role
from ets_shared.errors import Conflict
from ets_shared.http.bulk import apply_together


class Filed(BaseModel):
    name: str


class FakeRuntime:
    """Transactions that record what they committed; units of work that are only their context."""

    def __init__(self) -> None:
        self.committed: list[str] = []

    @contextmanager
    def _transaction(self):
        yield SimpleNamespace(session=None, commit=lambda: self.committed.append("transaction"))

    def shared_transaction(self):
        return self._transaction()

    def uow(self, context, transaction=None):
        return SimpleNamespace(context=context)

    @staticmethod
    def context_for(request, caller):
        return SimpleNamespace(correlation_id=request.state.correlation_id)


def _request(runtime: FakeRuntime):
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(runtime=runtime)),
                           state=SimpleNamespace(correlation_id="request-1"), url=SimpleNamespace(path="/things/batch"))


CALLER = Principal(subject="platform", role=Role.AUTHORITY)


def one_by_one(item: str, uow) -> Filed:
    if item == "taken":
        raise Conflict("already filed", field="name")
    if item == "broken":
        raise RuntimeError("a defect")
    return Filed(name=item)


def test_bulk_set_based_answers_each_item_and_refuses_only_the_refused_one():
    def together(items, uow, contexts):
        assert [c.causation_id for c in contexts] == ["request-1"] * 3, "each item's events: the request as cause"
        return [Conflict("already filed", field="name") if i == "taken" else i for i in items]

    result = apply_together(_request(FakeRuntime()), CALLER, "things", ["a", "taken", "b"], together,
                            lambda name: Filed(name=name), one_by_one)
    assert [r.status for r in result.results] == [201, 409, 201]
    assert result.results[1].problem["field"] == "things[1].name"
    assert (result.accepted, result.refused) == (2, 1)


def test_bulk_set_based_write_meeting_a_concurrent_row_goes_item_by_item():
    runtime = FakeRuntime()

    def together(items, uow, contexts):
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    result = apply_together(_request(runtime), CALLER, "things", ["a", "taken"], together,
                            lambda name: Filed(name=name), one_by_one)
    assert [r.status for r in result.results] == [201, 409], "answered as the single-item endpoint would"
    assert runtime.committed == ["transaction"], "only the one-by-one request's transaction committed"


def test_bulk_set_based_attempt_failing_unexpectedly_goes_item_by_item_and_only_the_failing_item_fails():
    runtime = FakeRuntime()

    def together(items, uow, contexts):
        raise RuntimeError("a defect")

    result = apply_together(_request(runtime), CALLER, "things", ["a", "broken", "b"], together,
                            lambda name: Filed(name=name), one_by_one)
    assert [r.status for r in result.results] == [201, 500, 201]
    assert runtime.committed == ["transaction"]
