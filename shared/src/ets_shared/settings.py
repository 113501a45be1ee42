"""Settings (pydantic-settings, prefix `ETS_`). One class for what every process shares, one for a service.

Service-specific variables use the service's key: `ETS_<KEY>_DATABASE_URL`, `ETS_<KEY>_PORT` where KEY is the
service name upper-cased with `-` → `_` (e.g. `ETS_VERIFIER_OVERSIGHT_DATABASE_URL`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICE_PORTS: dict[str, int] = {
    "allocation": 8101,
    "mrv": 8102,
    "verifier-oversight": 8103,
    "exchange": 8104,
    "enforcement": 8105,
}
CONSOLE_PORT = 8100  # the web console (ets_console), beside the five services; ETS_CONSOLE_PORT
EMBEDDED_NATS_PORT = 4250
DEV_JWT_SECRET = "ets-development-secret-not-for-production-use!"


def service_key(service: str) -> str:
    return service.upper().replace("-", "_")


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ETS_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    nats_url: str = Field(f"nats://127.0.0.1:{EMBEDDED_NATS_PORT}", description="comma-separated server URLs")
    # NATS authentication (messaging.nats_auth): the process's identity (a service: its name) and its nkey seed,
    # given as ETS_NATS_NKEY_SEED (production: a secret) or read from `<nats_keys_dir>/<identity>.nk` (embedded)
    nats_identity: str | None = Field(None, pattern=r"^[a-z][a-z-]{1,40}$")
    nats_nkey_seed: SecretStr | None = None
    nats_keys_dir: Path | None = Field(None, description="default: <data_dir>/nats/keys")
    data_dir: Path = Field(Path(".ets"), description="embedded default: NATS store, SQLite files, logs")
    host: str = "127.0.0.1"
    jwt_secret: str = Field(DEV_JWT_SECRET, description="HS256 shared secret: the embedded platform and tests only; "
                            "production verifies the identity provider's tokens (jwks_url) instead")
    jwt_issuer: str = "ets-platform"
    jwt_audience: str = "ets"
    jwks_url: str | None = Field(None, description="the identity provider's key set (https:// URL, file:// or a path); "
                                 "set: tokens are RS256/ES256 from the IdP and the shared secret is refused")
    jwks_cache_seconds: float = Field(300.0, gt=0, description="how long the key set is kept before it is re-read")
    jwks_min_refetch_seconds: float = Field(10.0, ge=0,
                                            description="an unknown kid re-reads the key set at most this often")
    token_max_lifetime_seconds: int = Field(12 * 3600, ge=60, le=7 * 24 * 3600,
                                            description="[param] the longest a token may live (exp - iat, exp - now)")
    idempotency_lease_seconds: float = Field(30.0, gt=0, description="a request's claim on its Idempotency-Key "
                                             "lasts this long unless renewed; a crashed request's claim is taken "
                                             "over after")
    stream_replicas: int = Field(1, ge=1, le=5)
    duplicate_window_seconds: int = Field(7200, ge=1)
    max_deliveries: int = Field(5, ge=1, description="deliveries of a failing event before it is dead-lettered")
    consumer_batch_size: int = Field(256, ge=1, le=10_000, description="events applied in one transaction")
    consumer_ack_wait_seconds: float = Field(4.0, gt=0, description="events delivered and neither acknowledged nor "
                                             "marked in progress are delivered again after")
    consumer_pin_timeout_seconds: float = Field(3.0, gt=0, description="a dead replica is replaced after; the next "
                                                "takes over its unacknowledged events from the stream, in order")
    companion: Literal["process", "inline"] = Field(
        "process", description="a served service that names companion events (the exchange: settlement of the "
        "registry's answers) applies them and relays its outbox in a second process (`ets_shared.companion`), or "
        "inline, all in one process")
    companion_nice: int = Field(10, ge=0, le=19, description="the companion process's CPU priority lowered by this "
                                "much (Unix `nice`; 0: as the first process): settlement yields the cores to order "
                                "entry under load")
    switch_interval_ms: float = Field(0.5, ge=0.05, le=100, description="how long a thread of a service's process "
                                      "may hold Python's interpreter lock while another waits for it (`sys."
                                      "setswitchinterval`; Python's own is 5 ms): an event loop answering requests "
                                      "waits this long at most for a writer thread's batch")
    outbox_batch_size: int = Field(500, ge=1)
    outbox_poll_seconds: float = Field(0.5, gt=0)
    migrate_on_start: bool = True
    # operability (ets_shared.observability; README "Operability")
    log_format: Literal["json", "text"] | None = Field(None, description="json: one JSON object per line; text: "
                                                        "readable; default json in production, text in development")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    trace_exporter: Literal["none", "otlp", "file"] = Field("none", description="where spans go: nowhere, "
                                                             "OTLP/HTTP to otlp_endpoint, or JSON lines in trace_file")
    otlp_endpoint: str = Field("http://127.0.0.1:4318", max_length=500, description="an OTLP/HTTP collector")
    trace_file: Path | None = Field(None, description="default: <data_dir>/traces/<service>.jsonl")
    trace_sample_ratio: float = Field(1.0, ge=0, le=1, description="share of new traces recorded")

    @property
    def effective_log_format(self) -> str:
        return self.log_format or ("json" if self.environment == "production" else "text")

    @property
    def nats_keys_path(self) -> Path:
        return self.nats_keys_dir or self.data_dir / "nats" / "keys"

    @property
    def nats_servers(self) -> list[str]:
        return [s.strip() for s in self.nats_url.split(",") if s.strip()]

    @model_validator(mode="after")
    def _production_verifies_the_identity_provider(self) -> "PlatformSettings":
        if self.environment == "production" and not self.jwks_url:
            raise ValueError("production verifies the identity provider's tokens: set ETS_JWKS_URL to its key set "
                             "(the shared-secret mode, ETS_JWT_SECRET, is for the embedded platform only)")
        return self


class ServiceSettings(PlatformSettings):
    service: str
    database_url: str
    port: int

    @classmethod
    def for_service(cls, service: str, **overrides: Any) -> "ServiceSettings":
        key = service_key(service)
        base = PlatformSettings(**{k: v for k, v in overrides.items() if k in PlatformSettings.model_fields})
        db_default = f"sqlite:///{(base.data_dir / 'db' / f'{service}.sqlite').as_posix()}"
        values: dict[str, Any] = {  # validated by the model: any field may be overridden
            "service": service,
            "database_url": os.environ.get(f"ETS_{key}_DATABASE_URL", db_default),
            "port": int(os.environ.get(f"ETS_{key}_PORT", SERVICE_PORTS[service])),
        }
        values.update(overrides)
        return cls(**values)


def service_env_vars(service: str) -> set[str]:
    """The variables a production deployment of `service` must set (checked against docker-compose.yml)."""
    key = service_key(service)
    return {
        "ETS_ENVIRONMENT", "ETS_NATS_URL", f"ETS_{key}_DATABASE_URL", "ETS_JWKS_URL", "ETS_HOST",
        "ETS_STREAM_REPLICAS", "ETS_NATS_NKEY_SEED",
    }
