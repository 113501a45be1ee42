"""Two events about one entity-year applied at the same instant by two consumers — a shortfall and its revision —
take turns: the second waits for the first's commit and then sees its case, instead of finding no case and
changing nothing (PostgreSQL; SQLite admits one writer at a time anyway). One consumer applies them in order; this is
the guard for two writers of one entity-year all the same (an officer's request and an event)."""
from __future__ import annotations

import threading
import time

from ets_shared.contracts.allocation import ShortfallDetected, ShortfallRevised
from ets_shared.envelope import MessageContext
from ets_shared.persistence.migrations import upgrade
from enforcement.bootstrap import build_runtime
from enforcement.service_layer.handlers import EVENT_HANDLERS


def test_m39_a_revision_applied_while_its_shortfall_opens_the_case_is_not_lost(settings):
    runtime = build_runtime(settings)
    upgrade(runtime.engine, runtime.definition.migrations, runtime.definition.metadata)
    detected = ShortfallDetected(entity_id="E-1", compliance_year=2025, obligation=70_000, surrendered=60_000,
                                 shortfall=10_000, detected_at="2026-07-01T00:00:00+08:00")
    revised = ShortfallRevised(entity_id="E-1", compliance_year=2025, obligation=72_000, surrendered=60_000,
                               shortfall=12_000, determination_id="DET-r2", revision=2,
                               revised_at="2026-07-10T10:00:00+08:00")
    opening = threading.Event()

    def open_case_slowly() -> None:
        with runtime.uow(MessageContext.new("event:shortfall")) as uow:
            EVENT_HANDLERS[ShortfallDetected](detected, uow)
            opening.set()
            time.sleep(0.5)  # the case exists, not yet committed
            uow.commit()

    def revise() -> None:
        opening.wait()
        with runtime.uow(MessageContext.new("event:revision")) as uow:
            EVENT_HANDLERS[ShortfallRevised](revised, uow)
            uow.commit()

    threads = [threading.Thread(target=open_case_slowly), threading.Thread(target=revise)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    with runtime.uow(MessageContext.new("test")) as uow:
        case = uow.cases.get("CASE-M39-E-1-2025")
        assert case.outstanding_tonnes == 12_000
    runtime.engine.dispose()
