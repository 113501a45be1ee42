"""A year's domain policy is made once per transaction (`load_domain_policy`): every event of a consumed batch of
determinations asks for it (allocation's obligations, verifier oversight's deductions), and turning the stored
document into the domain policy each time cost allocation about a tenth of its CPU per determination. What the
transaction sees stays the same: a policy stored in it is the one asked for afterwards, and a document that does not
fit its year refuses each asking."""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from pydantic import BaseModel, model_validator

from ets_shared.errors import RuleViolation
from ets_shared.persistence.engine import make_engine, make_session_factory
from ets_shared.persistence.policy import load_domain_policy, load_policy, store_policy
from ets_shared.persistence.tables import PlatformTable


@dataclass(frozen=True)
class WindowPolicy:
    year: int
    surrender_days: int


class WindowDocument(BaseModel):
    surrender_days: int = 30

    def for_year(self, year: int) -> WindowPolicy:
        if self.surrender_days > 366:
            raise RuleViolation("a surrender period longer than a year", field="surrender_days")
        MADE.append(year)
        return WindowPolicy(year, self.surrender_days)


MADE: list[int] = []


@pytest.fixture
def session(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'policy.sqlite'}")
    PlatformTable.metadata.create_all(engine)
    MADE.clear()
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


def policy(session, year: int = 2025) -> WindowPolicy:
    return load_domain_policy(session, year, WindowDocument, lambda _: WindowDocument(), WindowDocument.for_year)


def authority_sets(session, year: int, document: WindowDocument) -> None:
    uow = SimpleNamespace(session=session, context=SimpleNamespace(actor="authority"), audit=lambda *_: None)
    store_policy(uow, year, document, "test")


def test_m16_a_batch_of_determinations_makes_the_years_policy_once(session):
    first = policy(session)
    assert [policy(session) for _ in range(3)] == [first] * 3 and first == WindowPolicy(2025, 30)
    assert policy(session, 2026) == WindowPolicy(2026, 30)
    assert MADE == [2025, 2026]


def test_m16_a_policy_stored_in_the_transaction_is_the_one_asked_for_afterwards(session):
    assert policy(session).surrender_days == 30
    authority_sets(session, 2025, WindowDocument(surrender_days=45))
    assert policy(session).surrender_days == 45
    assert policy(session, 2026).surrender_days == 30  # another year's stays


def test_m16_a_document_that_does_not_fit_its_year_refuses_every_asking(session):
    authority_sets(session, 2025, WindowDocument(surrender_days=400))
    for _ in range(2):
        with pytest.raises(RuleViolation):
            policy(session)


VALIDATED: list[int] = []


class CountedDocument(BaseModel):
    surrender_days: int = 30

    @model_validator(mode="after")
    def _counted(self) -> CountedDocument:
        VALIDATED.append(self.surrender_days)
        return self


def counted(session, year: int = 2025) -> CountedDocument:
    return load_policy(session, year, CountedDocument, lambda _: CountedDocument())


def test_a_stored_document_is_validated_once_for_every_session_until_it_changes(tmp_path):
    """Each surrender group is a transaction of its own: the document's text is read in each (a change is seen at
    once), but validated again only when it differs — and each asking gets its own copy."""
    engine = make_engine(f"sqlite:///{tmp_path / 'policy.sqlite'}")
    PlatformTable.metadata.create_all(engine)
    sessions = make_session_factory(engine)
    with sessions() as session:
        authority_sets(session, 2025, CountedDocument(surrender_days=40))
        session.commit()
    VALIDATED.clear()
    for _ in range(3):
        with sessions() as session:
            got = counted(session)
            got.surrender_days = 99  # a copy: what the next asking gets is the stored document
            assert counted(session).surrender_days == 40
    assert VALIDATED == [40]
    with sessions() as session:
        authority_sets(session, 2025, CountedDocument(surrender_days=50))
        session.commit()
    with sessions() as session:
        assert counted(session).surrender_days == 50
    engine.dispose()
