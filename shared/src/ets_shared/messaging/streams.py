"""The platform's JetStream streams: one per producer, plus the dead-letter stream.

Every stream keeps its messages (limits retention, no age limit: the events are the regulator's record and a new
consumer can replay history), deduplicates on `Nats-Msg-Id` within `duplicate_window_seconds`, and has
`stream_replicas` copies (1 embedded, 3 on a production cluster). On a server with fast-ingest batches (2.14+) they
take them (`allow_batched`, set on an existing stream by the update at start-up): the outbox relay publishes its
batches so, with an acknowledgement per batch instead of one per message (`jetstream_publisher`). An older server
is given the definition without it (2.9 ignores the field; 2.12's own batches are atomic ones, not these).
"""
from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from ets_shared.messaging.jetstream_publisher import has_fast_ingest
from ets_shared.settings import PlatformSettings

PRODUCERS = ("calendar", "allocation", "mrv", "verifier-oversight", "exchange", "enforcement")
DLQ_STREAM = "ETS_DLQ"


def stream_name(producer: str) -> str:
    return "ETS_" + producer.upper().replace("-", "_")


def durable_name(service: str, producer: str, companion: bool = False) -> str:
    """One durable consumer per (consuming service, producer stream); a service's companion process
    (`ets_shared.companion`) has its own on the stream, for the subjects it applies (never a name the service's
    own consumer takes for one of its earlier layout's and deletes: those begin `<service>--<producer>-`)."""
    return f"{service}-companion--{producer}" if companion else f"{service}--{producer}"


def dead_letter_subject(service: str) -> str:
    return f"ets.dlq.{service}"


def stream_configs(settings: PlatformSettings, batched: bool = False) -> dict[str, StreamConfig]:
    """Every platform stream's definition, by stream name; `batched`: taking fast-ingest batches."""
    def config(name: str, subjects: list[str], description: str) -> StreamConfig:
        return StreamConfig(
            name=name, subjects=subjects, description=description, retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE, discard=DiscardPolicy.OLD, num_replicas=settings.stream_replicas,
            duplicate_window=float(settings.duplicate_window_seconds), allow_batched=batched or None,
        )

    configs = {stream_name(p): config(stream_name(p), [f"ets.{p}.>"], f"events published by {p}") for p in PRODUCERS}
    configs[DLQ_STREAM] = config(DLQ_STREAM, ["ets.dlq.>"], "events a consumer could not apply, with the error")
    return configs


async def ensure_streams(js: JetStreamContext, settings: PlatformSettings) -> None:
    """Create every platform stream, or bring an existing one to the current definition. Idempotent."""
    for name, cfg in stream_configs(settings, has_fast_ingest(getattr(js, "_nc", None))).items():
        try:
            await js.stream_info(name)
        except NotFoundError:
            await js.add_stream(cfg)
        else:
            await js.update_stream(cfg)
