"""The session: a signed (itsdangerous), HttpOnly, SameSite=Lax cookie holding the user's token, who the token
says they are, the language, and the CSRF token every form carries back.

Nothing else is kept on the server. The token is verified when the user signs in (`ets_shared.auth.decode_token`:
the shared secret on the embedded platform, the identity provider's key set in production) and the session ends
when the token expires. Every POST must bring the session's `csrf` value in its form (or the `X-CSRF-Token`
header): a page of another site cannot post with the user's cookie (SameSite=Lax already stops most such posts).
"""
from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from ets_shared.auth import Principal, Role

COOKIE = "ets_console"
LANGUAGES = ("zh", "en")


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    lang: str = "zh"
    token: str | None = None
    subject: str | None = None
    role: str | None = None
    party_id: str | None = None
    expires_at: float | None = None
    oidc_state: str | None = None
    oidc_next: str | None = None

    @property
    def principal(self) -> Principal | None:
        if not self.token or not self.role or (self.expires_at is not None and self.expires_at <= time.time()):
            return None
        return Principal(subject=self.subject or "", role=Role(self.role), party_id=self.party_id)

    def sign_in(self, token: str, principal: Principal, expires_at: float) -> None:
        self.token, self.subject, self.role, self.party_id = token, principal.subject, principal.role.value, \
            principal.party_id
        self.expires_at = expires_at
        self.csrf = secrets.token_urlsafe(24)  # a new session, a new CSRF token (no fixation)

    def sign_out(self) -> None:
        self.token = self.subject = self.role = self.party_id = None
        self.expires_at = None
        self.csrf = secrets.token_urlsafe(24)

    def csrf_ok(self, offered: str | None) -> bool:
        return bool(offered) and hmac.compare_digest(self.csrf, str(offered))


class SessionMiddleware(BaseHTTPMiddleware):
    """Loads the session into `request.state.session` and writes it back (signed) when it changed."""

    def __init__(self, app: Any, *, secret: str, max_age: int, secure: bool) -> None:
        super().__init__(app)
        self.serializer = URLSafeTimedSerializer(secret, salt="ets-console-session")
        self.max_age, self.secure = max_age, secure

    def load(self, raw: str | None) -> Session:
        if raw:
            try:
                data = self.serializer.loads(raw, max_age=self.max_age)
                return Session(**{k: v for k, v in data.items() if k in Session.__dataclass_fields__})
            except (BadSignature, TypeError, ValueError):
                pass
        return Session()

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        raw = request.cookies.get(COOKIE)
        session = self.load(raw)
        before = asdict(session)
        request.state.session = session
        response = await call_next(request)
        if raw is None or asdict(session) != before:
            response.set_cookie(COOKIE, self.serializer.dumps(asdict(session)), max_age=self.max_age, httponly=True,
                                samesite="lax", secure=self.secure, path="/")
        return response


def session_of(request: Request) -> Session:
    return request.state.session
