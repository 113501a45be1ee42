"""A batch's per-event lines (`log_each`): the lines `logger.info` inside `log_context` writes, each with its own ids,
through every handler the logger reaches — a stream handler's written together, any other handler's one record at a
time — and none when the level is off."""
from __future__ import annotations

import io
import json
import logging

import pytest

from ets_shared.observability.logs import log_context, log_each, log_handler


@pytest.fixture
def logger():
    logger = logging.getLogger("ets.test.each")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.filters.clear()


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_each_line_is_the_one_logger_info_writes_in_its_context(logger):
    one, each = io.StringIO(), io.StringIO()
    handler = log_handler("mrv", "text", one)
    logger.addHandler(handler)
    for cid, eid, subject in (("c1", "e1", "mrv.a"), ("c2", "e2", "mrv.b")):
        with log_context(correlation_id=cid, event_id=eid):
            logger.info("applied %s", subject)
    handler.setStream(each)
    log_each(logger, logging.INFO, "applied %s", [(("mrv.a",), "c1", "e1", None), (("mrv.b",), "c2", "e2", None)])
    assert [line[24:] for line in each.getvalue().splitlines()] == [line[24:] for line in one.getvalue().splitlines()]
    assert each.getvalue().splitlines()[1].endswith("mrv INFO ets.test.each: applied mrv.b [cid=c2 eid=e2]")


def test_json_lines_carry_each_events_ids_and_the_surrounding_ids_come_back(logger):
    stream = io.StringIO()
    logger.addHandler(log_handler("allocation", "json", stream))
    with log_context(correlation_id="outer", event_id="outer-e"):
        log_each(logger, logging.INFO, "published %s", ((("s",), f"c{n}", f"e{n}", None) for n in range(3)))
        logger.info("after")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(rec["message"], rec["correlation_id"], rec["event_id"]) for rec in lines] == [
        ("published s", "c0", "e0"), ("published s", "c1", "e1"), ("published s", "c2", "e2"),
        ("after", "outer", "outer-e")]
    assert all(rec["service"] == "allocation" and rec["level"] == "INFO" for rec in lines)


def test_other_handlers_get_one_record_per_line_and_levels_and_filters_hold(logger):
    records, quiet, stream = Records(), Records(), io.StringIO()
    quiet.setLevel(logging.WARNING)
    logger.addHandler(records)
    logger.addHandler(quiet)
    logger.addHandler(log_handler("mrv", "text", stream))
    logger.addFilter(lambda record: record.args != ("skipped",))
    log_each(logger, logging.INFO, "applied %s", [(("a",), "c1", "e1", None), (("skipped",), "c2", "e2", None),
                                                  (("b",), "c3", "e3", None)])
    assert [r.getMessage() for r in records.records] == ["applied a", "applied b"]
    assert quiet.records == []
    assert len(stream.getvalue().splitlines()) == 2
    logger.setLevel(logging.WARNING)
    log_each(logger, logging.INFO, "applied %s", [(("c",), "c4", "e4", None)])
    assert len(records.records) == 2 and len(stream.getvalue().splitlines()) == 2


def test_text_lines_are_built_without_a_record_each_and_read_as_logger_info_writes_them_in_a_trace(logger,
                                                                                                 monkeypatch):
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider

    tracer = TracerProvider().get_tracer("test")
    one, each = io.StringIO(), io.StringIO()
    handler = log_handler("mrv", "text", one)
    for other in list(logger.handlers):  # pytest's capture: records for it are made one by one
        logger.removeHandler(other)
    logger.addHandler(handler)
    with tracer.start_as_current_span("outer") as outer, tracer.start_span("own") as own:
        for cid, eid, span in (("c1", "e1", own), ("c2", None, None)):
            with log_context(correlation_id=cid, event_id=eid), trace.use_span(span or outer):
                logger.info("published %s", "mrv.a")
        handler.setStream(each)
        monkeypatch.setattr(handler.formatter, "format", lambda *_: pytest.fail("formatted record by record"))
        log_each(logger, logging.INFO, "published %s", [(("mrv.a",), "c1", "e1", own), (("mrv.a",), "c2", None, None)])
    assert [line[24:] for line in each.getvalue().splitlines()] == [line[24:] for line in one.getvalue().splitlines()]
    assert each.getvalue().splitlines()[0].endswith(
        f"[cid=c1 eid=e1 trace={format(own.get_span_context().trace_id, '032x')}]")
    assert each.getvalue().splitlines()[1].endswith(
        f"[cid=c2 eid=- trace={format(outer.get_span_context().trace_id, '032x')}]")
