"""`envelope.seal`: the unit of work's envelope built without validating and its JSON written by hand — the same
envelope `wrap` validates and the same text pydantic's `model_dump_json()` writes, for every contract, whatever its
ids hold and whatever the time; what it cannot write as pydantic does goes `wrap`'s way."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from ets_shared.contracts.base import CATALOGUE
from ets_shared.contracts.exchange import OrderAccepted
from ets_shared.envelope import Envelope, MessageContext, envelope_type, seal, wrap

ASCII = "".join(map(chr, range(128)))  # every control character, quote, backslash and DEL
IDS = ["c-1", ',"data":{"x":1}', 'quote " and \\ backslash', ASCII, "换行\n和制表\t", "é\u2028\U0001f600", "}", ""]
CAUSES = [None, *IDS[1:]]
TIMES = [datetime(2026, 5, 20, 2, 0, tzinfo=timezone.utc),  # a whole second: no fraction
         datetime(2026, 5, 20, 2, 0, 0, 120_000, tzinfo=timezone.utc),  # trailing zeros kept
         datetime(2026, 5, 20, 23, 59, 59, 1, tzinfo=timezone.utc),
         datetime(1, 1, 1, 0, 0, 0, 500, tzinfo=timezone.utc)]


def _sealed_as_wrapped(data, context: MessageContext, at: datetime) -> None:
    producer = data.contract.producer
    envelope, event_id, payload, text = seal(data, producer=producer, context=context, occurred_at=at)
    expected = wrap(data, producer=producer, context=context, occurred_at=at)
    assert payload == envelope.model_dump_json()
    assert text == data.model_dump_json() and payload.endswith(f',"data":{text}}}')
    assert event_id == str(envelope.event_id) and envelope.event_id.version == 7
    assert type(envelope) is envelope_type(type(data)) and envelope.model_fields_set == set(Envelope.model_fields)
    assert envelope == expected.model_copy(update={"event_id": envelope.event_id})
    assert payload == expected.model_copy(update={"event_id": envelope.event_id}).model_dump_json()
    assert envelope.occurred_at is at and envelope.data is data


@pytest.mark.parametrize("subject", sorted(CATALOGUE))
def test_a_sealed_envelope_and_its_json_are_what_wrap_and_pydantic_make_of_every_contract(subject):
    data = CATALOGUE[subject].example()
    for correlation_id, causation_id, at in zip(IDS * 2, CAUSES * 2, TIMES * 4, strict=True):
        _sealed_as_wrapped(data, MessageContext(correlation_id, causation_id, "role:x"), at)


def test_every_id_and_time_combination_is_written_as_pydantic_writes_it():
    data = OrderAccepted.example()
    for correlation_id in IDS:
        for causation_id in CAUSES:
            for at in TIMES:
                _sealed_as_wrapped(data, MessageContext(correlation_id, causation_id, "role:x"), at)


def test_a_time_in_another_zone_is_written_as_pydantic_writes_it_its_own_offset_or_z():
    data = OrderAccepted.example()
    for zone in (ZoneInfo("Asia/Shanghai"), ZoneInfo("UTC"), timezone(timedelta(hours=-5, minutes=-30))):
        at = datetime(2026, 5, 20, 10, 0, 0, 250_000, tzinfo=zone)
        envelope, _, payload, _ = seal(data, producer="exchange", context=MessageContext("c", None, "a"),
                                       occurred_at=at)
        assert payload == envelope.model_dump_json()
        assert json.loads(payload)["occurred_at"] == envelope.model_dump(mode="json")["occurred_at"]


def test_what_wrap_refuses_seal_refuses_too():
    data = OrderAccepted.example()
    at = TIMES[1]
    with pytest.raises(ValidationError):
        seal(data, producer="exchange", context=MessageContext(None, None, "a"), occurred_at=at)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        seal(data, producer="exchange", context=MessageContext("c", None, "a"), occurred_at=datetime(2026, 1, 1))  # noqa: DTZ001 - the naive time refused
    with pytest.raises(ValueError, match="surrogates not allowed"):  # a lone surrogate cannot be written as UTF-8
        seal(data, producer="exchange", context=MessageContext("\ud800", None, "a"), occurred_at=at)
    with pytest.raises(ValueError, match="surrogates not allowed"):
        wrap(data, producer="exchange", context=MessageContext("\ud800", None, "a")).model_dump_json()
