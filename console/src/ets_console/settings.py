"""The console's settings (prefix `ETS_`): where the services are, the session secret, the identity provider.

Service URLs: `ETS_CONSOLE_<SERVICE>_URL` (e.g. `ETS_CONSOLE_VERIFIER_OVERSIGHT_URL`), else
`http://127.0.0.1:<ETS_<SERVICE>_PORT>` — the embedded platform's. Production (`ETS_ENVIRONMENT=production`)
signs users in at the identity provider (OIDC authorization code) and needs `ETS_CONSOLE_SESSION_SECRET`,
`ETS_CONSOLE_PUBLIC_URL` and the `ETS_CONSOLE_OIDC_*` settings; it refuses the development sign-in.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import Field, SecretStr, model_validator

from ets_shared.settings import CONSOLE_PORT, SERVICE_PORTS, PlatformSettings, service_key


class ConsoleSettings(PlatformSettings):
    console_port: int = Field(CONSOLE_PORT, ge=1, le=65535)
    console_session_secret: SecretStr | None = Field(None, description="signs the session cookie; production: set "
                                                     "it (a secret); embedded: made once in <data_dir>/console-secret")
    console_public_url: str = Field(f"http://127.0.0.1:{CONSOLE_PORT}", max_length=500,
                                    description="where users reach the console (the OIDC redirect goes back here)")
    console_session_seconds: int = Field(8 * 3600, ge=60, le=24 * 3600, description="a session lasts at most this "
                                         "long (and never beyond its token's expiry)")
    console_api_timeout_seconds: float = Field(15.0, gt=0, le=120)
    console_oidc_authorize_url: str | None = Field(None, max_length=500)
    console_oidc_token_url: str | None = Field(None, max_length=500)
    console_oidc_client_id: str | None = Field(None, max_length=200)
    console_oidc_client_secret: SecretStr | None = None
    console_oidc_scope: str = Field("openid", max_length=200)

    @property
    def development(self) -> bool:
        return self.environment == "development"

    @property
    def service_urls(self) -> dict[str, str]:
        urls = {}
        for service, port in SERVICE_PORTS.items():
            key = service_key(service)
            urls[service] = os.environ.get(f"ETS_CONSOLE_{key}_URL") or \
                f"http://127.0.0.1:{os.environ.get(f'ETS_{key}_PORT', port)}"
        return {s: u.rstrip("/") for s, u in urls.items()}

    def session_secret(self) -> str:
        if self.console_session_secret is not None:
            return self.console_session_secret.get_secret_value()
        path = Path(self.data_dir) / "console-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()

    @model_validator(mode="after")
    def _production_signs_in_at_the_identity_provider(self) -> "ConsoleSettings":
        if self.environment == "production":
            missing = [name for name in ("console_session_secret", "console_oidc_authorize_url",
                                         "console_oidc_token_url", "console_oidc_client_id")
                       if getattr(self, name) is None]
            if missing:
                raise ValueError("the production console signs users in at the identity provider: set "
                                 + ", ".join("ETS_" + m.upper() for m in missing))
        return self


def console_env_vars() -> set[str]:
    """What a production deployment of the console must set (checked against docker-compose.yml)."""
    return {"ETS_ENVIRONMENT", "ETS_JWKS_URL", "ETS_HOST", "ETS_CONSOLE_SESSION_SECRET", "ETS_CONSOLE_PUBLIC_URL",
            "ETS_CONSOLE_OIDC_AUTHORIZE_URL", "ETS_CONSOLE_OIDC_TOKEN_URL", "ETS_CONSOLE_OIDC_CLIENT_ID",
            "ETS_CONSOLE_OIDC_CLIENT_SECRET",
            *(f"ETS_CONSOLE_{service_key(s)}_URL" for s in SERVICE_PORTS)}
