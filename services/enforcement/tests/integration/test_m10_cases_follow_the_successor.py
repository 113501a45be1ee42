"""M-10 in enforcement: a merged-away entity's open M-39 case passes to its successor (the one with the largest
share of the obligations), keeps its id and history, and the successor's settlement closes it; a predecessor that
keeps facilities of a split keeps its cases."""
from __future__ import annotations

from datetime import date

import pytest

from ets_shared.contracts.allocation import ObligationSettled, SuccessionApproved, SuccessorShare
from ets_shared.testing.service import eventually, running_service
from enforcement.bootstrap import build_runtime

from .test_m39_cases import JULY_1, case_of, clock_at, shortfall

pytestmark = pytest.mark.asyncio


def merger(pred: str, *successors: tuple[str, str, bool], kind: str = "merger") -> SuccessionApproved:
    return SuccessionApproved(
        succession_id=f"SUC-{pred}", kind=kind, predecessor_ids=[pred],
        successors=[SuccessorShare(entity_id=e, holdings_share=share, obligations_share=share, continues=keeps)
                    for e, share, keeps in successors],
        effective_on=date(2026, 7, 5), transaction_ids=[], obligations=[], approved_at="2026-07-05T10:00:00+08:00")


async def test_m10_open_case_passes_to_the_successor_and_its_settlement_closes_it(settings, publish):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, publish, JULY_1)
        await publish(shortfall("E-A"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-A-2025"))
        await publish(merger("E-A", ("E-S", "100", False)))
        case = await eventually(lambda: case_of(svc, "CASE-M39-E-A-2025", party_id="E-S"))
        assert case["history"][-1]["kind"] == "party_succeeded" and "E-A" in case["history"][-1]["detail"]
        await publish(ObligationSettled(entity_id="E-S", compliance_year=2025, obligation=90_000,
                                        surrendered=90_000, late=True, settled_at="2026-07-10T10:00:00+08:00"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-A-2025", party_id="E-S", outstanding_tonnes=0))


async def test_m10_split_keeper_keeps_its_case_a_dissolving_split_gives_it_to_the_largest_share(settings, publish):
    async with running_service(build_runtime, settings) as svc:
        await clock_at(svc, publish, JULY_1)
        await publish(shortfall("E-K"))
        await publish(shortfall("E-D"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-D-2025"))
        await publish(merger("E-K", ("E-K", "60", True), ("E-N", "40", False), kind="split"))
        await publish(merger("E-D", ("E-1", "30", False), ("E-2", "70", False), kind="split"))
        await eventually(lambda: case_of(svc, "CASE-M39-E-D-2025", party_id="E-2"))
        assert (await case_of(svc, "CASE-M39-E-K-2025"))["party_id"] == "E-K"
