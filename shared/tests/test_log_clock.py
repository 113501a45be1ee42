"""The text lines' clock (`TextFormatter.clock`, `log_each`): the very text `logging` writes for a record created at
the same instant — its second and its milliseconds as `LogRecord` computes them — at every millisecond of a second,
its edges, and across seconds."""
from __future__ import annotations

import io
import logging
import random
import time

import pytest

from ets_shared.observability.logs import TextFormatter, log_context, log_each, log_handler

SECOND = 1_796_000_000  # 2026-11-30


def _instants() -> list[float]:
    rng = random.Random(5)
    edges = [SECOND + n / 1000 for n in range(1000)]  # each millisecond (as floats: most are just below or above)
    edges += [SECOND, SECOND + 0.0005, SECOND + 0.9995, SECOND + 0.999_999, SECOND + 1 - 2 ** -22, SECOND + 1]
    return edges + [SECOND + rng.uniform(-86_400 * 400, 86_400 * 400) for _ in range(2000)]


def _logging_clock(monkeypatch: pytest.MonkeyPatch, created: float) -> str:
    """`logging.Formatter.formatTime` of a record `LogRecord` itself creates at `created`."""
    monkeypatch.setattr(time, "time", lambda: created)
    monkeypatch.setattr(time, "time_ns", lambda: int(created * 1e9))
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", (), None)
    monkeypatch.undo()
    return logging.Formatter().formatTime(record)


def test_the_clock_is_loggings_text_of_the_same_instant(monkeypatch):
    formatter = TextFormatter()
    for created in _instants():
        assert formatter.clock(created) == _logging_clock(monkeypatch, created), created


def test_a_batchs_text_lines_are_logger_infos_to_the_last_character(monkeypatch):
    logger = logging.getLogger("ets.test.clock")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    one, each = io.StringIO(), io.StringIO()
    handler = log_handler("exchange", "text", one)
    logger.addHandler(handler)
    try:
        for created in (SECOND + 0.0005, SECOND + 0.25, SECOND + 0.999_999, SECOND + 7.0):
            monkeypatch.setattr(time, "time", lambda created=created: created)
            monkeypatch.setattr(time, "time_ns", lambda created=created: int(created * 1e9))
            handler.setStream(one)
            with log_context(correlation_id="c1", event_id="e1"):
                logger.info("published %s", "ets.exchange.trade")
            handler.setStream(each)
            log_each(logger, logging.INFO, "published %s", [(("ets.exchange.trade",), "c1", "e1", None)])
            monkeypatch.undo()
    finally:
        logger.removeHandler(handler)
    assert each.getvalue() == one.getvalue()
    assert each.getvalue().splitlines()[0].endswith(
        ",000 exchange INFO ets.test.clock: published ets.exchange.trade [cid=c1 eid=e1]")
