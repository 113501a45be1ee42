"""Each published event is audited under its subject (`aggregate:id`, the first of case, determination, surrender,
report, verification, entity, agency, verifier or member id it carries): the attributes are looked up once per
contract, and the subject is the same as asking each event for every attribute."""
from __future__ import annotations

import importlib
import pkgutil

import ets_shared.contracts as contracts
from ets_shared.contracts.allocation import EntityRegistered, SurrenderRecorded
from ets_shared.contracts.base import EventData
from ets_shared.unit_of_work import _NAMING, _naming_fields, _subject_ref


def _every_contract() -> list[type[EventData]]:
    for module in pkgutil.walk_packages(contracts.__path__, contracts.__name__ + "."):
        importlib.import_module(module.name)
    found, todo = [], list(EventData.__subclasses__())
    while todo:
        contract = todo.pop()
        found.append(contract)
        todo.extend(contract.__subclasses__())
    return found


def test_audit_subject_is_the_first_identifier_the_event_carries():
    registered = EntityRegistered(entity_id="E-1", name="n", sector="industry", covered=True,
                                  registered_at="2025-01-01T00:00:00Z", first_compliance_year=2025)
    surrendered = SurrenderRecorded(surrender_id="SUR-1", entity_id="E-1", compliance_year=2025, lines=[],
                                    total_surrendered=0, remaining=1, surrendered_at="2026-06-10T00:00:00Z")
    assert _subject_ref(registered) == "entity:E-1"
    assert _subject_ref(surrendered).endswith(":SUR-1")  # the surrender before its entity


def test_audit_subject_attributes_per_contract_are_those_every_event_of_it_answers():
    for contract in _every_contract():
        expected = tuple(a for a in _NAMING if a in contract.model_fields
                         or isinstance(getattr(contract, a, None), property))
        assert _naming_fields(contract) == expected, contract.__name__
        assert contract.model_config.get("extra") != "allow", f"{contract.__name__}: an extra field could name it"
