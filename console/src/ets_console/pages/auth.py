"""Sign-in and sign-out.

Embedded platform (`ETS_ENVIRONMENT=development`): the user picks a development identity (role, party, name) and
the console mints its token as `./ets token` does (HS256, the platform's `ETS_JWT_SECRET`). Production: OIDC
authorization code — the console sends the user to the identity provider, takes the code back at
`/auth/callback`, exchanges it for the IdP's token, and verifies that token as the services do
(`ets_shared.auth.decode_token`: the key set at `ETS_JWKS_URL`). Production refuses the development sign-in.
"""
from __future__ import annotations

import secrets
import time
from urllib.parse import urlencode
from typing import Any

import httpx
import jwt
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.i18n import translator
from ets_console.nav import home_for
from ets_console.settings import ConsoleSettings
from ets_console.web import FormErrors, Look, form_of, render, safe_next
from ets_shared.auth import PARTY_ROLES, Role, Unauthenticated, decode_token, issue_token

router = APIRouter()

# the roles a development identity may take on the sign-in page (the other departments are API clients)
SIGN_IN_ROLES = (Role.ENTITY, Role.AGENCY, Role.VERIFIER, Role.AUTHORITY, Role.ENFORCEMENT_OFFICER,
                 Role.EXCHANGE_OPERATOR, Role.MEMBER, Role.SETTLEMENT_BANK, Role.PANEL_EXPERT)

def settings_of(request: Request) -> ConsoleSettings:
    return request.app.state.settings


@router.get("/sign-in", name="sign_in")
async def sign_in_page(request: Request, look: Look, next: str | None = None) -> Response:  # noqa: A002
    settings = settings_of(request)
    if not settings.development:
        return start_oidc(request, settings, safe_next(next))
    parties: dict[str, Any] = await known_parties(look)
    return render(request, "auth/sign_in.html", roles=SIGN_IN_ROLES, next=safe_next(next), **parties)


async def known_parties(look: Look) -> dict[str, list]:
    """Quick picks for the development sign-in, from the public register (the latest covered list, the
    verification-agency directory); empty when a service is down."""
    entities: list = []
    agencies: list = []
    try:
        lists = await look.api.get("allocation", "/public/covered-lists")
        if lists:
            latest = max(lists, key=lambda v: (v["compliance_year"], v["version"]))
            entities = (await look.api.get("allocation", f"/public/covered-lists/{latest['compliance_year']}",
                                           limit=50))["entities"]
    except ApiProblem:
        pass
    try:
        agencies = await look.api.get("verifier-oversight", "/directory", limit=50)
    except ApiProblem:
        pass
    return {"known_entities": entities, "known_agencies": agencies}


@router.post("/sign-in")
async def sign_in(request: Request, look: Look) -> Response:
    settings = settings_of(request)
    form = await form_of(request)
    if not settings.development:
        return render(request, "error.html", status=403, message_key="signin.production_only")
    role, party, subject = form.get("role", ""), form.get("party_id", "").strip() or None, \
        form.get("subject", "").strip()
    errors = FormErrors(status=422)
    if role not in {r.value for r in SIGN_IN_ROLES}:
        errors.by_field["role"] = [translator(look.lang)("signin.role") + ": ?"]
    elif Role(role) in PARTY_ROLES and not party:
        errors.by_field["party_id"] = [translator(look.lang)("signin.party_hint")]
    if party and len(party) > 100:
        errors.by_field["party_id"] = ["at most 100 characters"]
    if len(subject) > 100:
        errors.by_field["subject"] = ["at most 100 characters"]
    if errors:
        return render(request, "auth/sign_in.html", status=422, roles=SIGN_IN_ROLES, next=safe_next(form.get("next")),
                      errors=errors, values=form, **await known_parties(look))
    token = issue_token(settings, subject=subject or f"{role}:{party or 'staff'}", role=role, party_id=party,
                        ttl_seconds=settings.console_session_seconds)
    return establish(request, settings, token, form.get("next"))


def establish(request: Request, settings: ConsoleSettings, token: str, next_: str | None) -> Response:
    """Verify the token as the services will, keep it in the session, go on to the page asked for."""
    principal = decode_token(settings, token)
    expires = float(jwt.decode(token, options={"verify_signature": False})["exp"])
    session = request.state.session
    session.sign_in(token, principal, min(expires, time.time() + settings.console_session_seconds))
    target = safe_next(next_)
    return RedirectResponse(home_for(principal) if target == "/" else target, status_code=303)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    await form_of(request)
    request.state.session.sign_out()
    return RedirectResponse("/", status_code=303)


def start_oidc(request: Request, settings: ConsoleSettings, next_: str) -> Response:
    state = secrets.token_urlsafe(24)
    session = request.state.session
    session.oidc_state, session.oidc_next = state, next_
    query = urlencode({"response_type": "code", "client_id": settings.console_oidc_client_id,
                       "redirect_uri": redirect_uri(settings), "scope": settings.console_oidc_scope, "state": state})
    return RedirectResponse(f"{settings.console_oidc_authorize_url}?{query}", status_code=303)


def redirect_uri(settings: ConsoleSettings) -> str:
    return settings.console_public_url.rstrip("/") + "/auth/callback"


@router.get("/auth/callback")
async def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    settings = settings_of(request)
    session = request.state.session
    expected, session.oidc_state = session.oidc_state, None
    if settings.development or not expected or not secrets.compare_digest(expected, state) or not code \
            or len(code) > 2000:
        return render(request, "error.html", status=400, message_key="signin.failed",
                      message_values={"reason": "state"})
    secret = settings.console_oidc_client_secret.get_secret_value() if settings.console_oidc_client_secret else ""
    try:
        answer = await request.app.state.idp.post(str(settings.console_oidc_token_url), data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(settings),
            "client_id": settings.console_oidc_client_id, "client_secret": secret})
        answer.raise_for_status()
        token = str(answer.json()["access_token"])
        return establish(request, settings, token, session.oidc_next)
    except (httpx.HTTPError, KeyError, ValueError, Unauthenticated) as exc:
        return render(request, "error.html", status=401, message_key="signin.failed",
                      message_values={"reason": type(exc).__name__})
