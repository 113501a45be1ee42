"""`compact_tokens`, the verification of the common token without PyJWT's general machinery, against PyJWT itself
(`TokenVerifier.verify_with_pyjwt`): on valid tokens and tokens spoiled every way — tampered, expired, not yet valid,
wrong audience or issuer, another algorithm (`none`, HS384, RS256 over the shared secret), a missing claim, claims
of the wrong type, padded or non-canonical segments, extra header fields — the fast path accepts only what PyJWT
accepts, with the same claims, and `verify` (fast path, else PyJWT) accepts exactly what PyJWT accepts."""
from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from hypothesis import given, settings as hsettings, strategies as st

from ets_shared.compact_tokens import CompactToken
from ets_shared.identity import REQUIRED_CLAIMS, TokenRefused, TokenVerifier
from ets_shared.settings import PlatformSettings

SECRET = "a-shared-secret-for-the-embedded-platform-only-0123456789"
SHARED = PlatformSettings(jwt_secret=SECRET)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed(header: dict[str, Any], claims: dict[str, Any], secret: bytes = SECRET.encode()) -> str:
    """A token signed HS256 over exactly the header and claims given (PyJWT's encode would add or check fields)."""
    head = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    return f"{head}.{b64(jwt.get_algorithm_by_name('HS256').sign(head.encode(), secret))}"


def good_claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"sub": "alice", "role": "entity", "party_id": "E-1", "iss": "ets-platform", "aud": "ets",
              "iat": now - 10, "exp": now + 3600}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not _DROP}


_DROP = object()


def outcome(verify: Any, token: str) -> dict[str, Any] | None:
    try:
        return dict(verify(token)[0])
    except TokenRefused:
        return None


def fast(verifier: TokenVerifier, token: str) -> dict[str, Any] | None:
    compact = CompactToken.parse(token)
    signer = verifier._signer(compact.header) if compact is not None else None
    if compact is None or signer is None:
        return None
    claims = compact.claims(signer[0], signer[1], audience=verifier.settings.jwt_audience,
                            issuer=verifier.settings.jwt_issuer, required=REQUIRED_CLAIMS)
    try:
        return None if claims is None else verifier._check_lifetime(claims) or claims  # what `verify` does next
    except TokenRefused:
        return None


def agree(verifier: TokenVerifier, token: str) -> dict[str, Any] | None:
    """Assert the fast path and PyJWT agree on `token`; PyJWT's answer (None: refused)."""
    reference = outcome(verifier.verify_with_pyjwt, token)
    quick = fast(verifier, token)
    assert quick is None or quick == reference, f"fast path accepted what PyJWT refused: {token}"
    assert outcome(verifier.verify, token) == reference
    return reference


NOW = int(time.time())
SPOILED = {
    "expired": signed({"alg": "HS256", "typ": "JWT"}, good_claims(exp=NOW - 1)),
    "not yet valid (nbf)": signed({"alg": "HS256"}, good_claims(nbf=NOW + 600)),
    "issued in the future": signed({"alg": "HS256"}, good_claims(iat=NOW + 600)),
    "wrong audience": signed({"alg": "HS256"}, good_claims(aud="elsewhere")),
    "audience list without ours": signed({"alg": "HS256"}, good_claims(aud=["a", "b"])),
    "empty audience": signed({"alg": "HS256"}, good_claims(aud="")),
    "no audience": signed({"alg": "HS256"}, good_claims(aud=_DROP)),
    "wrong issuer": signed({"alg": "HS256"}, good_claims(iss="someone")),
    "no issuer": signed({"alg": "HS256"}, good_claims(iss=_DROP)),
    "no exp": signed({"alg": "HS256"}, good_claims(exp=_DROP)),
    "no role": signed({"alg": "HS256"}, good_claims(role=_DROP)),
    "no sub": signed({"alg": "HS256"}, good_claims(sub=_DROP)),
    "sub not a string": signed({"alg": "HS256"}, good_claims(sub=7)),
    "jti not a string": signed({"alg": "HS256"}, good_claims(jti=7)),
    "lives too long": signed({"alg": "HS256"}, good_claims(exp=NOW + 10 * 86400)),
    "alg none": signed({"alg": "none"}, good_claims()).rsplit(".", 1)[0] + ".",
    "alg HS384 over the secret": jwt.encode(good_claims(), SECRET, algorithm="HS384"),
    "kid not a string": signed({"alg": "HS256", "kid": 3}, good_claims()),
    "crit header": signed({"alg": "HS256", "crit": ["b64"], "b64": False}, good_claims()),
    "other secret": signed({"alg": "HS256"}, good_claims(), b"another-secret-of-the-same-length-0123456789abcdef"),
    "payload not an object": signed({"alg": "HS256"}, ["x"]),  # type: ignore[arg-type]
    "two segments": ".".join(signed({"alg": "HS256"}, good_claims()).split(".")[:2]),
}


@pytest.mark.parametrize("why", sorted(SPOILED))
def test_a_spoiled_token_is_refused_by_both(why):
    assert agree(TokenVerifier(SHARED), SPOILED[why]) is None


def test_a_valid_token_is_accepted_by_the_fast_path_with_pyjwts_claims():
    verifier = TokenVerifier(SHARED)
    for token in (signed({"alg": "HS256", "typ": "JWT"}, good_claims()),
                  signed({"alg": "HS256", "kid": "any"}, good_claims(aud=["x", "ets"], nbf=NOW - 5, jti="j")),
                  jwt.encode(good_claims(), SECRET, algorithm="HS256")):
        assert fast(verifier, token) is not None
        assert agree(verifier, token) == fast(verifier, token)


def test_a_padded_or_non_canonical_segment_or_a_numeric_string_time_is_left_to_pyjwt():
    verifier = TokenVerifier(SHARED)
    as_string = signed({"alg": "HS256"}, good_claims(exp=str(NOW + 3600)))  # PyJWT takes int("…")
    assert fast(verifier, as_string) is None and agree(verifier, as_string) is not None
    head, payload, signature = signed({"alg": "HS256"}, good_claims()).split(".")
    last = signature[-1]
    twisted = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    flipped = twisted[twisted.index(last) ^ 1]  # the same 6 bits but the lowest: unused trailing bits set
    for token in (f"{head}.{payload}.{signature}=", f"{head}.{payload}.{signature[:-1]}{flipped}",
                  f"{head}.{payload}.{signature}A"):
        assert fast(verifier, token) is None
        agree(verifier, token)


@hsettings(max_examples=300, deadline=None)
@given(position=st.integers(min_value=0, max_value=10_000), replacement=st.sampled_from("AQgw_-.=!x"))
def test_a_token_changed_anywhere_is_refused_by_both_unless_unchanged_in_meaning(position, replacement):
    verifier = TokenVerifier(SHARED)
    token = signed({"alg": "HS256", "typ": "JWT"}, good_claims())
    position %= len(token)
    changed = token[:position] + replacement + token[position + 1:]
    agree(verifier, changed)


@hsettings(max_examples=200, deadline=None)
@given(claims=st.dictionaries(st.sampled_from(["sub", "role", "iss", "aud", "iat", "nbf", "exp", "jti"]),
                              st.one_of(st.none(), st.booleans(), st.integers(-5, 5).map(lambda d: NOW + d * 1000),
                                        st.floats(allow_nan=False).map(lambda f: NOW + f), st.sampled_from(
                                            ["ets", "ets-platform", "alice", ""]),
                                        st.lists(st.sampled_from(["ets", "x", 3]), max_size=3))),
       header=st.fixed_dictionaries({"alg": st.sampled_from(["HS256", "HS512", "none", "RS256"])},
                                    optional={"typ": st.just("JWT"), "kid": st.one_of(st.text(max_size=3),
                                                                                     st.integers())}))
def test_random_claims_and_headers_get_the_same_answer_from_both(claims, header):
    agree(TokenVerifier(SHARED), signed(header, claims))


def rsa_key_set(tmp_path, alg: str = "RS256"):
    private = (rsa.generate_private_key(public_exponent=65537, key_size=2048) if alg == "RS256"
               else ec.generate_private_key(ec.SECP256R1()))
    data = json.loads(jwt.get_algorithm_by_name(alg).to_jwk(private.public_key()))
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [{**data, "kid": "k1", "alg": alg, "use": "sig"}]}))
    return PlatformSettings(jwks_url=str(path), jwks_min_refetch_seconds=0, jwt_secret=SECRET), private


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_identity_provider_tokens_agree_and_remember_the_key_that_verified_them(tmp_path, alg):
    settings, private = rsa_key_set(tmp_path, alg)
    verifier = TokenVerifier(settings)
    good = jwt.encode(good_claims(), private, algorithm=alg, headers={"kid": "k1"})
    assert fast(verifier, good) is not None and agree(verifier, good) is not None
    assert verifier.verify(good)[1] == ("k1", verifier.keys.key("k1"))
    spoiled = [jwt.encode(good_claims(exp=NOW - 1), private, algorithm=alg, headers={"kid": "k1"}),
               jwt.encode(good_claims(aud="x"), private, algorithm=alg, headers={"kid": "k1"}),
               signed({"alg": "HS256", "kid": "k1"}, good_claims()),  # the shared secret is no key in this mode
               good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")]
    for token in spoiled:
        assert agree(verifier, token) is None
    with pytest.raises(TokenRefused, match="unknown signing key"):
        verifier.verify(jwt.encode(good_claims(), private, algorithm=alg, headers={"kid": "k9"}))
