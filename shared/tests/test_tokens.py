"""Finding 7 of issue 9: tokens of an identity provider (asymmetric keys from a key set, rotation, a maximum
lifetime), the shared secret for the embedded platform only. Keys are generated here; the key set is a file."""
from __future__ import annotations

import json
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ets_shared.auth import Role, Unauthenticated, decode_token, issue_token
from ets_shared.settings import PlatformSettings

SECRET = "a-shared-secret-for-the-embedded-platform-only-0123456789"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk(private, kid: str, alg: str) -> dict:
    algorithm = jwt.get_algorithm_by_name(alg)
    data = json.loads(algorithm.to_jwk(private.public_key()))
    return {**data, "kid": kid, "alg": alg, "use": "sig"}


def write_key_set(path: Path, *keys: dict) -> None:
    path.write_text(json.dumps({"keys": list(keys)}))


def idp_token(private, kid: str, *, alg: str = "RS256", lifetime: int = 3600, exp_in: int | None = None,
              role: str = "authority", **extra) -> str:
    now = int(time.time())
    claims = {"sub": "alice", "role": role, "iss": "ets-platform", "aud": "ets", "iat": now,
              "exp": now + (exp_in if exp_in is not None else lifetime), **extra}
    return jwt.encode(claims, private, algorithm=alg, headers={"kid": kid})


@pytest.fixture
def key_set(tmp_path) -> Path:
    return tmp_path / "jwks.json"


@pytest.fixture
def idp(key_set):
    key = rsa_key()
    write_key_set(key_set, jwk(key, "k1", "RS256"))
    settings = PlatformSettings(jwks_url=str(key_set), jwks_min_refetch_seconds=0, jwt_secret=SECRET)
    return settings, key


def test_idp_token_signed_with_the_key_sets_rs256_key_is_accepted(idp):
    settings, key = idp
    principal = decode_token(settings, idp_token(key, "k1", role="entity", party_id="E-1"))
    assert principal.role is Role.ENTITY and principal.party_id == "E-1" and principal.subject == "alice"


def test_idp_es256_key_accepted(key_set):
    key = ec.generate_private_key(ec.SECP256R1())
    write_key_set(key_set, jwk(key, "ec-1", "ES256"))
    settings = PlatformSettings(jwks_url=f"file://{key_set}")
    assert decode_token(settings, idp_token(key, "ec-1", alg="ES256")).role is Role.AUTHORITY


def test_expired_token_refused(idp):
    settings, key = idp
    with pytest.raises(Unauthenticated, match="expired"):
        decode_token(settings, idp_token(key, "k1", exp_in=-120))


def test_token_living_longer_than_the_maximum_lifetime_refused(idp):
    settings, key = idp
    ten_years = 10 * 365 * 24 * 3600
    with pytest.raises(Unauthenticated, match="maximum lifetime"):
        decode_token(settings, idp_token(key, "k1", lifetime=ten_years))
    # without iat, an exp ten years ahead is refused too
    now = int(time.time())
    bare = jwt.encode({"sub": "a", "role": "authority", "iss": "ets-platform", "aud": "ets", "exp": now + ten_years},
                      key, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="maximum lifetime"):
        decode_token(settings, bare)
    # exactly the maximum is accepted (the boundary is inclusive)
    limit = settings.token_max_lifetime_seconds
    assert decode_token(settings, idp_token(key, "k1", lifetime=limit)).role is Role.AUTHORITY


def test_shared_secret_token_also_bounded_by_the_maximum_lifetime():
    settings = PlatformSettings(jwt_secret=SECRET, token_max_lifetime_seconds=3600)
    assert decode_token(settings, issue_token(settings, subject="a", role="authority", ttl_seconds=3600))
    with pytest.raises(Unauthenticated, match="maximum lifetime"):
        decode_token(settings, issue_token(settings, subject="a", role="authority", ttl_seconds=3601))


def test_unknown_kid_refused(idp):
    settings, _ = idp
    stranger = rsa_key()
    with pytest.raises(Unauthenticated, match="unknown signing key"):
        decode_token(settings, idp_token(stranger, "not-in-the-set"))


def test_a_key_signed_by_another_private_key_under_a_known_kid_refused(idp):
    settings, _ = idp
    with pytest.raises(Unauthenticated, match="invalid bearer token"):
        decode_token(settings, idp_token(rsa_key(), "k1"))


def test_rotated_key_is_fetched_on_its_unknown_kid_and_the_retired_key_stops_working(idp, key_set):
    settings, old = idp
    assert decode_token(settings, idp_token(old, "k1"))  # the set is now cached
    new = rsa_key()
    write_key_set(key_set, jwk(new, "k2", "RS256"))  # the IdP rotates: k2 in, k1 out
    assert decode_token(settings, idp_token(new, "k2")).role is Role.AUTHORITY  # unknown kid: the set re-read
    with pytest.raises(Unauthenticated, match="unknown signing key"):
        decode_token(settings, idp_token(old, "k1"))


def test_unknown_kids_do_not_refetch_more_often_than_the_minimum_interval(key_set):
    from ets_shared.identity import verifier_for

    key = rsa_key()
    write_key_set(key_set, jwk(key, "k1", "RS256"))
    settings = PlatformSettings(jwks_url=str(key_set), jwks_min_refetch_seconds=3600)
    decode_token(settings, idp_token(key, "k1"))
    for i in range(5):
        with pytest.raises(Unauthenticated):
            decode_token(settings, idp_token(key, f"unknown-{i}"))
    assert verifier_for(settings).keys.fetches == 1


def test_wrong_alg_refused(idp, key_set):
    settings, key = idp
    ec_key = ec.generate_private_key(ec.SECP256R1())
    # an ES256 signature under the kid of an RSA key
    with pytest.raises(Unauthenticated):
        decode_token(settings, idp_token(ec_key, "k1", alg="ES256"))
    # alg none
    unsigned = jwt.encode({"sub": "a", "role": "authority", "iss": "ets-platform", "aud": "ets",
                           "exp": int(time.time()) + 60}, None, algorithm="none", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="algorithm"):
        decode_token(settings, unsigned)


def test_hs256_refused_in_identity_provider_mode_even_with_the_right_secret(idp):
    settings, _ = idp
    forged = issue_token(settings, subject="mallory", role="authority")  # signed with settings.jwt_secret
    with pytest.raises(Unauthenticated, match="HS256"):
        decode_token(settings, forged)


def test_production_refuses_the_shared_secret_mode():
    with pytest.raises(ValueError, match="ETS_JWKS_URL"):
        PlatformSettings(environment="production", jwt_secret="x" * 64)
    assert PlatformSettings(environment="production", jwks_url="https://idp.example.org/jwks.json").jwks_url


# -- verified tokens (ets_shared.verified_tokens): a repeated token is not verified again -------------------------

def test_a_repeated_token_is_answered_from_the_verified_tokens_without_verifying_again(monkeypatch):
    from ets_shared.identity import verifier_for

    settings = PlatformSettings(jwt_secret=SECRET)
    token = issue_token(settings, subject="e", role="entity", party_id="E-1", ttl_seconds=600)
    first = decode_token(settings, token)
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: pytest.fail("verified again"))
    assert decode_token(settings, token) == first
    assert len(verifier_for(settings).verified) == 1


def test_an_expired_token_is_refused_although_it_was_verified_before():
    settings = PlatformSettings(jwt_secret=SECRET)
    token = issue_token(settings, subject="e", role="entity", party_id="E-1", ttl_seconds=1)
    assert decode_token(settings, token).party_id == "E-1"
    time.sleep(max(0.0, jwt.decode(token, options={"verify_signature": False})["exp"] - time.time()) + 0.05)
    with pytest.raises(Unauthenticated, match="expired"):
        decode_token(settings, token)


def test_a_refused_token_is_not_remembered():
    from ets_shared.identity import verifier_for

    settings = PlatformSettings(jwt_secret=SECRET)
    forged = issue_token(PlatformSettings(jwt_secret="another-secret-" + "x" * 40), subject="m", role="authority")
    for _ in range(2):
        with pytest.raises(Unauthenticated, match="invalid bearer token"):
            decode_token(settings, forged)
    assert len(verifier_for(settings).verified) == 0


def test_a_token_of_a_key_the_idp_retired_is_refused_although_it_was_verified_before(idp, key_set):
    settings, old = idp
    token = idp_token(old, "k1")
    assert decode_token(settings, token).role is Role.AUTHORITY
    new = rsa_key()
    write_key_set(key_set, jwk(new, "k2", "RS256"))  # k1 retired
    assert decode_token(settings, idp_token(new, "k2"))  # its unknown kid re-reads the set
    with pytest.raises(Unauthenticated, match="unknown signing key"):
        decode_token(settings, token)


def test_a_stale_key_set_is_read_again_before_a_remembered_token_is_trusted(key_set):
    from ets_shared.identity import verifier_for

    key = rsa_key()
    write_key_set(key_set, jwk(key, "k1", "RS256"))
    settings = PlatformSettings(jwks_url=str(key_set), jwks_cache_seconds=60, jwks_min_refetch_seconds=0)
    token = idp_token(key, "k1")
    decode_token(settings, token)
    keys = verifier_for(settings).keys
    write_key_set(key_set)  # the IdP withdrew every key
    keys._fetched_at -= 61  # the set's cache time has run out
    with pytest.raises(Unauthenticated, match="unknown signing key"):
        decode_token(settings, token)
    assert keys.fetches == 2


def test_the_verified_tokens_do_not_grow_beyond_their_capacity():
    from ets_shared.verified_tokens import VerifiedTokens

    now = [1000.0]
    tokens: VerifiedTokens[str] = VerifiedTokens(capacity=3, clock=lambda: now[0])
    for i in range(10):
        tokens.put(f"t{i}", f"p{i}", expires=2000.0, key=None)
    assert len(tokens) == 3
    assert [tokens.get(f"t{i}", lambda _: True) for i in (0, 6, 7, 8, 9)] == [None, None, "p7", "p8", "p9"]
    assert tokens.get("t9", lambda _: False) is None and len(tokens) == 2  # its key no longer trusted: forgotten
    now[0] = 2000.0
    assert tokens.get("t8", lambda _: True) is None and len(tokens) == 1  # expired: forgotten


def test_known_principal_answers_a_remembered_token_and_never_fetches_the_key_set(key_set):
    """The HTTP caller asks it on the event loop before any thread hop: it must not read the key set."""
    from ets_shared.auth import known_principal
    from ets_shared.identity import verifier_for

    key = rsa_key()
    write_key_set(key_set, jwk(key, "k1", "RS256"))
    settings = PlatformSettings(jwks_url=str(key_set), jwks_cache_seconds=60, jwks_min_refetch_seconds=0)
    token = idp_token(key, "k1")
    assert known_principal(settings, token) is None  # not verified yet
    keys = verifier_for(settings).keys
    assert keys.fetches == 0
    principal = decode_token(settings, token)
    assert known_principal(settings, token) == principal
    keys._fetched_at -= 61  # the set's cache time has run out: not trusted until decode_token reads it again
    assert known_principal(settings, token) is None
    assert keys.fetches == 1
