"""Dead-lettering: an event a consumer cannot apply never blocks its stream and never crashes the consumer.

Malformed events (not JSON, not the contract) and events a rule refuses (`DomainError`) are dead-lettered at once;
any other failure (database busy, a bug) is redelivered with back-off and dead-lettered after `max_deliveries`.
A dead letter is published to `ets.dlq.<service>` with its error in headers, recorded in the service database
(`GET /dead-letters`), and the original is acknowledged so the stream moves on.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from faststream.middlewares import BaseMiddleware
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from ets_shared.clock import utcnow
from ets_shared.errors import DomainError
from ets_shared.messaging.streams import dead_letter_subject
from ets_shared.persistence.tables import DeadLetter

log = logging.getLogger("ets.dead_letters")
RawPublish = Callable[[str, bytes, dict[str, str]], Awaitable[Any]]


def is_permanent(exc: BaseException) -> bool:
    """Retrying cannot help: the message itself is wrong, or a rule refuses it."""
    return isinstance(exc, (ValidationError, DomainError, UnicodeDecodeError))


def delivery_count(message: Any) -> int:
    try:
        return int(message.raw_message.metadata.num_delivered)
    except Exception:  # noqa: BLE001 - core NATS / in-memory test messages carry no JetStream metadata
        return 1


def stream_sequence(message: Any) -> int | None:
    try:
        return int(message.raw_message.metadata.sequence.stream)
    except Exception:  # noqa: BLE001
        return None


class DeadLetterSink:
    """Where dead letters go. `publish` is bound once the service has a JetStream connection."""

    def __init__(self, service: str, session_factory: sessionmaker[Session]) -> None:
        self.service = service
        self._session_factory = session_factory
        self.publish: RawPublish | None = None

    async def dead_letter(self, subject: str, payload: bytes, error: BaseException, deliveries: int,
                          sequence: int | None) -> None:
        text = f"{type(error).__name__}: {error}"[:8000]
        headers = {
            "Ets-Original-Subject": subject, "Ets-Error": text.replace("\n", " ")[:1000],
            "Ets-Deliveries": str(deliveries), "Ets-Consumer": self.service,
        }
        if sequence is not None:
            headers["Nats-Msg-Id"] = f"dlq:{self.service}:{subject}:{sequence}"
        if self.publish is not None:
            await self.publish(dead_letter_subject(self.service), payload, headers)
        await asyncio.to_thread(self._record, subject, payload, text, deliveries, sequence)
        log.error("dead-lettered %s (seq %s) after %s deliveries: %s", subject, sequence, deliveries, text)

    def _record(self, subject: str, payload: bytes, error: str, deliveries: int, sequence: int | None) -> None:
        body = payload.decode("utf-8", errors="replace")
        event_id = None
        try:
            import json

            event_id = str(json.loads(body).get("event_id"))[:100]
        except Exception:  # noqa: BLE001 - malformed payloads have no id
            pass
        with self._session_factory() as session:
            session.add(DeadLetter(subject=subject, event_id=event_id, stream_sequence=sequence, payload=body,
                                   error=error, deliveries=deliveries, dead_at=utcnow()))
            session.commit()


def dead_letter_middleware(sink: DeadLetterSink, max_deliveries: int) -> type[BaseMiddleware]:
    class DeadLetterMiddleware(BaseMiddleware):
        async def consume_scope(self, call_next, msg):  # noqa: ANN001
            try:
                return await call_next(msg)
            except Exception as exc:  # noqa: BLE001 - every failure is either retried or dead-lettered
                deliveries = delivery_count(msg)
                if not (is_permanent(exc) or deliveries >= max_deliveries):
                    log.warning("consumer %s failed on delivery %s: %r; will retry", sink.service, deliveries, exc)
                    await msg.nack(delay=min(0.25 * 2 ** deliveries, 30.0))
                    return None
                try:
                    await sink.dead_letter(msg.raw_message.subject, msg.body, exc, deliveries, stream_sequence(msg))
                except Exception as sink_exc:  # noqa: BLE001 - cannot record it: keep the event for later
                    log.error("dead-letter of %s failed: %r; will retry", msg.raw_message.subject, sink_exc)
                    await msg.nack(delay=5.0)
                    return None
                await msg.ack()
                return None

    return DeadLetterMiddleware
