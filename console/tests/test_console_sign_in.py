"""Production sign-in: OIDC authorization code at the identity provider, its token verified as the services verify
it (issue 9's key set, RS256/ES256 only); the development sign-in is refused. The identity provider's token endpoint
is an httpx transport here (it answers like one); the console, its session and the verification are real."""
from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer
from pydantic import ValidationError

from ets_console.app import create_app
from ets_console.settings import ConsoleSettings

KID = "idp-key-1"
AUTHORIZE = "https://idp.example.test/authorize"
TOKEN = "https://idp.example.test/token"


@pytest.fixture
def private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def settings(tmp_path, private_key) -> ConsoleSettings:
    public = json.loads(jwt.get_algorithm_by_name("RS256").to_jwk(private_key.public_key()))
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}))
    return ConsoleSettings(environment="production", jwks_url=str(tmp_path / "jwks.json"), data_dir=tmp_path,
                           console_session_secret="s" * 48, console_public_url="https://console.example.test",
                           console_oidc_authorize_url=AUTHORIZE, console_oidc_token_url=TOKEN,
                           console_oidc_client_id="ets-console", console_oidc_client_secret="client-secret")


def idp_token(private_key, **claims) -> str:
    now = int(time.time())
    body = {"sub": "li.wei", "role": "entity", "party_id": "E-1", "iss": "ets-platform", "aud": "ets", "iat": now,
            "exp": now + 3600, **claims}
    return jwt.encode(body, private_key, algorithm="RS256", headers={"kid": KID})


def identity_provider(token: str, seen: list[dict]) -> httpx.MockTransport:
    def token_endpoint(request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        seen.append(form)
        if form.get("code") != "the-code" or form.get("client_secret") != "client-secret":
            return httpx.Response(400, json={"error": "invalid_grant"})
        return httpx.Response(200, json={"access_token": token, "token_type": "Bearer", "expires_in": 3600})
    return httpx.MockTransport(token_endpoint)


def browser(settings: ConsoleSettings, token: str, seen: list[dict]) -> TestClient:
    app = create_app(settings, idp_transport=identity_provider(token, seen))
    return TestClient(app, base_url="https://console.example.test", follow_redirects=False)


def test_production_signs_in_at_the_identity_provider_and_verifies_its_token(settings, private_key):
    seen: list[dict] = []
    with browser(settings, idp_token(private_key), seen) as user:
        start = user.get("/sign-in", params={"next": "/entity/E-1/reports"})
        assert start.status_code == 303
        target = urlsplit(start.headers["location"])
        assert f"{target.scheme}://{target.netloc}{target.path}" == AUTHORIZE
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert query["client_id"] == "ets-console" and query["response_type"] == "code"
        assert query["redirect_uri"] == "https://console.example.test/auth/callback"
        cookie = start.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie

        back = user.get("/auth/callback", params={"code": "the-code", "state": query["state"]})
        assert back.status_code == 303 and back.headers["location"] == "/entity/E-1/reports"
        assert seen[0]["redirect_uri"] == "https://console.example.test/auth/callback"
        home = user.get("/")
        assert "li.wei" in home.text and "E-1" in home.text
        replay = user.get("/auth/callback", params={"code": "the-code", "state": query["state"]})
        assert replay.status_code == 400  # the state is used once


def test_a_callback_with_another_state_is_refused(settings, private_key):
    with browser(settings, idp_token(private_key), []) as user:
        user.get("/sign-in")
        refused = user.get("/auth/callback", params={"code": "the-code", "state": "forged"})
        assert refused.status_code == 400 and "Signed in as" not in refused.text


def test_a_token_the_identity_provider_did_not_sign_is_refused(settings):
    forged = jwt.encode({"sub": "x", "role": "authority", "iss": "ets-platform", "aud": "ets",
                         "exp": int(time.time()) + 600}, "guessed-shared-secret-0123456789abcdef", algorithm="HS256")
    with browser(settings, forged, []) as user:
        state = parse_qs(urlsplit(user.get("/sign-in").headers["location"]).query)["state"][0]
        refused = user.get("/auth/callback", params={"code": "the-code", "state": state})
        assert refused.status_code == 401 and "Signed in as" not in user.get("/").text


def test_production_refuses_the_development_sign_in(settings, private_key):
    with browser(settings, idp_token(private_key), []) as user:
        user.get("/")
        session = URLSafeTimedSerializer("s" * 48, salt="ets-console-session").loads(user.cookies["ets_console"])
        csrf = session["csrf"]  # a valid form: the refusal is production's, not the CSRF check's
        refused = user.post("/sign-in", data={"csrf": csrf, "role": "authority"})
        assert refused.status_code == 403 and "Signed in as" not in user.get("/").text


def test_production_needs_the_session_secret_and_the_identity_provider(tmp_path):
    with pytest.raises(ValidationError, match="ETS_CONSOLE_SESSION_SECRET"):
        ConsoleSettings(environment="production", jwks_url=str(tmp_path / "jwks.json"),
                        console_oidc_authorize_url=AUTHORIZE, console_oidc_token_url=TOKEN,
                        console_oidc_client_id="ets-console")
