"""Dead-lettering: an event a consumer cannot apply never blocks its stream for long and never crashes the consumer.

Malformed events (not JSON, not the contract) and events a rule refuses (`DomainError`) are dead-lettered at once;
any other failure (database busy, a bug) is retried with back-off and dead-lettered after `max_deliveries` attempts
(`consumers.EventApplier`). A dead letter is published to `ets.dlq.<service>` with its error in headers, recorded in
the service database (`GET /dead-letters`), and the original is acknowledged so the stream moves on.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

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
