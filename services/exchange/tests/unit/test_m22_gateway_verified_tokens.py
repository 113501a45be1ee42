"""M-22: a member's orders through the NATS gateway are authenticated by its token on every request. A token verified
in full is remembered (`VerifiedTokens`) only until its own expiry or `VERIFIED_FOR` seconds, whichever is earlier;
after that it is verified afresh (and an expired one refused by the verification)."""
from __future__ import annotations

import jwt

from ets_shared.auth import Principal, Role, decode_token, issue_token
from ets_shared.settings import PlatformSettings
from exchange.entrypoints.rpc import VERIFIED_FOR, VerifiedTokens


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def verified(ttl_seconds: int) -> tuple[str, Principal]:
    settings = PlatformSettings()
    token = issue_token(settings, subject="gw", role=Role.MEMBER, party_id="MEMBER-A", ttl_seconds=ttl_seconds)
    return token, decode_token(settings, token)


def test_m22_a_remembered_token_is_taken_until_one_second_before_its_expiry_and_not_at_it():
    token, principal = verified(ttl_seconds=30)
    exp = jwt.decode(token, options={"verify_signature": False})["exp"]
    clock = Clock(exp - 30)
    tokens = VerifiedTokens(clock=clock)
    tokens.keep(token, principal)
    clock.now = exp - 1
    assert tokens.get(token) == principal
    clock.now = exp
    assert tokens.get(token) is None


def test_m22_a_long_lived_token_is_verified_again_after_verified_for_seconds():
    token, principal = verified(ttl_seconds=3600)
    clock = Clock(1_000.0)
    tokens = VerifiedTokens(clock=clock)
    tokens.keep(token, principal)
    clock.now = 1_000.0 + VERIFIED_FOR - 0.001
    assert tokens.get(token) == principal
    clock.now = 1_000.0 + VERIFIED_FOR
    assert tokens.get(token) is None
    assert tokens.get(token) is None  # forgotten, not only hidden


def test_m22_an_unknown_token_is_not_taken_and_a_full_cache_starts_afresh():
    first, principal = verified(ttl_seconds=600)
    second, _ = verified(ttl_seconds=601)
    tokens = VerifiedTokens(limit=1)
    assert tokens.get(first) is None
    tokens.keep(first, principal)
    tokens.keep(second, principal)
    assert tokens.get(first) is None and tokens.get(second) == principal
