"""The platform's JetStream streams: one per producer, plus the dead-letter stream.

Every stream keeps its messages (limits retention, no age limit: the events are the regulator's record and a new
consumer can replay history), deduplicates on `Nats-Msg-Id` within `duplicate_window_seconds`, and has
`stream_replicas` copies (1 embedded, 3 on a production cluster).
"""
from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from ets_shared.settings import PlatformSettings

PRODUCERS = ("calendar", "allocation", "mrv", "verifier-oversight", "exchange", "enforcement")
DLQ_STREAM = "ETS_DLQ"


def stream_name(producer: str) -> str:
    return "ETS_" + producer.upper().replace("-", "_")


def durable_name(service: str, producer: str) -> str:
    """One durable consumer per (consuming service, producer stream)."""
    return f"{service}--{producer}"


def dead_letter_subject(service: str) -> str:
    return f"ets.dlq.{service}"


def stream_configs(settings: PlatformSettings) -> dict[str, StreamConfig]:
    """Every platform stream's definition, by stream name."""
    def config(name: str, subjects: list[str], description: str) -> StreamConfig:
        return StreamConfig(
            name=name, subjects=subjects, description=description, retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE, discard=DiscardPolicy.OLD, num_replicas=settings.stream_replicas,
            duplicate_window=float(settings.duplicate_window_seconds),
        )

    configs = {stream_name(p): config(stream_name(p), [f"ets.{p}.>"], f"events published by {p}") for p in PRODUCERS}
    configs[DLQ_STREAM] = config(DLQ_STREAM, ["ets.dlq.>"], "events a consumer could not apply, with the error")
    return configs


async def ensure_streams(js: JetStreamContext, settings: PlatformSettings) -> None:
    """Create every platform stream, or bring an existing one to the current definition. Idempotent."""
    for name, cfg in stream_configs(settings).items():
        try:
            await js.stream_info(name)
        except NotFoundError:
            await js.add_stream(cfg)
        else:
            await js.update_stream(cfg)
