"""Every published event contract. Importing this package registers them all in `CATALOGUE` (subject → class)."""
from ets_shared.contracts import allocation, calendar, enforcement, exchange, mrv, verifier_oversight
from ets_shared.contracts.base import (CATALOGUE, CaseEventData, ContractMeta, EventData, Money, Tonnes, contract,
                                      one_of)

__all__ = [
    "CATALOGUE", "CaseEventData", "ContractMeta", "EventData", "Money", "Tonnes", "contract", "one_of",
    "allocation", "calendar", "enforcement", "exchange", "mrv", "verifier_oversight",
]
