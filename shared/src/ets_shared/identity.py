"""Which keys a bearer token is verified with, and the lifetime it may claim.

Two modes (`ETS_JWKS_URL` chooses):

- **identity provider** (production): tokens are signed by the IdP with an asymmetric key (RS256 or ES256) and
  verified with its public key set (JWKS), read from `ETS_JWKS_URL` — an `https://` URL or a file (`file:///…` or
  a path). Keys are looked up by the token's `kid`; the set is cached for `ETS_JWKS_CACHE_SECONDS` and fetched
  again at once when a token names a `kid` it does not hold (a key the IdP rotated in), at most every
  `ETS_JWKS_MIN_REFETCH_SECONDS`, so unknown kids cannot make a service hammer its IdP. No shared secret is
  accepted: an HS256 token is refused, so no service, and nobody who holds a service's configuration, can mint a
  token.
- **shared secret** (the embedded platform and tests only; production refuses it): HS256 with `ETS_JWT_SECRET`,
  the secret `./ets token` signs with.

Either way a token must carry `exp`, may live at most `ETS_TOKEN_MAX_LIFETIME_SECONDS` **[param]** (`exp - iat`,
and `exp - now` — so an `exp` ten years ahead is refused even without `iat`), and must name the issuer and audience.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import jwt
from jwt.algorithms import HMACAlgorithm

from ets_shared.compact_tokens import CompactToken
from ets_shared.settings import PlatformSettings
from ets_shared.verified_tokens import VerifiedTokens

ASYMMETRIC = ("RS256", "ES256")
REQUIRED_CLAIMS = ("sub", "exp", "role")


class TokenRefused(Exception):
    """The token cannot be trusted; the message says why (shown to the caller in the 401)."""


class KeySet:
    """The IdP's public keys by `kid`, fetched from a URL or a file and cached."""

    def __init__(self, source: str, *, cache_seconds: float, min_refetch_seconds: float,
                 clock: Any = time.monotonic) -> None:
        self.source, self.cache_seconds, self.min_refetch_seconds = source, cache_seconds, min_refetch_seconds
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()
        self.fetches = 0

    def key(self, kid: str) -> jwt.PyJWK:
        with self._lock:
            now = self._clock()
            stale = self._fetched_at is None or now - self._fetched_at >= self.cache_seconds
            unknown = kid not in self._keys
            may_refetch = self._fetched_at is None or now - self._fetched_at >= self.min_refetch_seconds
            if stale or (unknown and may_refetch):
                self._keys = self._fetch()
                self._fetched_at = now
            if kid not in self._keys:
                raise TokenRefused(f"unknown signing key (kid {kid!r})")
            return self._keys[kid]

    def holds(self, kid: str, key: jwt.PyJWK) -> bool:
        """Whether `key` is still this set's key for `kid` and the set is fresh — without fetching it (a token
        verified before stays trusted only so long: `ets_shared.verified_tokens`)."""
        fetched_at = self._fetched_at
        return (fetched_at is not None and self._clock() - fetched_at < self.cache_seconds
                and self._keys.get(kid) is key)

    def _fetch(self) -> dict[str, jwt.PyJWK]:
        self.fetches += 1
        try:
            document = json.loads(_read(self.source))
            keys = {}
            for data in document.get("keys", []):
                if data.get("kid") and data.get("use", "sig") == "sig":
                    try:
                        keys[data["kid"]] = jwt.PyJWK(data)
                    except jwt.PyJWTError:
                        continue  # a key of a kind we do not verify with: ignore it, keep the others
            return keys
        except (OSError, ValueError, AttributeError) as exc:
            if self._keys:
                return self._keys  # the IdP is unreachable: keep verifying with the keys we had
            raise TokenRefused(f"the identity provider's key set cannot be read: {exc}") from exc


def _read(source: str) -> str:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=5) as response:  # the configured IdP
            return response.read().decode()
    return Path(source.removeprefix("file://")).read_text()


class TokenVerifier:
    """Verifies a bearer token's signature, issuer, audience and lifetime; returns its claims."""

    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings
        self.verified: VerifiedTokens[Any] = VerifiedTokens()  # the principals of tokens that passed
        self.keys = KeySet(settings.jwks_url, cache_seconds=settings.jwks_cache_seconds,
                           min_refetch_seconds=settings.jwks_min_refetch_seconds) if settings.jwks_url else None
        # the shared secret prepared once, as PyJWT prepares it on each call; None (PyJWT alone) if PyJWT refuses
        # the secret as an HMAC key or would warn that it is short
        self._hmac = HMACAlgorithm(HMACAlgorithm.SHA256)
        self._secret: bytes | None = None
        if self.keys is None:
            try:
                prepared = self._hmac.prepare_key(settings.jwt_secret)
                self._secret = None if self._hmac.check_key_length(prepared) else prepared
            except jwt.PyJWTError:
                self._secret = None

    @property
    def mode(self) -> str:
        return "identity-provider" if self.keys else "shared-secret"

    def claims(self, token: str) -> dict[str, Any]:
        return self.verify(token)[0]

    def verify(self, token: str) -> tuple[dict[str, Any], tuple[str, jwt.PyJWK] | None]:
        """The token's claims and the key set's (kid, key) that verified it (None: the shared secret did). The
        common token is verified by `compact_tokens` with the prepared key; any other, or one it does not accept,
        by PyJWT (`verify_with_pyjwt`), which refuses with the reason."""
        compact = CompactToken.parse(token)
        signer = self._signer(compact.header) if compact is not None else None
        if compact is not None and signer is not None:
            algorithm, key, used = signer
            claims = compact.claims(algorithm, key, audience=self.settings.jwt_audience,
                                    issuer=self.settings.jwt_issuer, required=REQUIRED_CLAIMS)
            if claims is not None:
                self._check_lifetime(claims)
                return claims, used
        return self.verify_with_pyjwt(token)

    def _signer(self, header: dict[str, Any]) -> tuple[Any, Any, tuple[str, jwt.PyJWK] | None] | None:
        """PyJWT's algorithm object and prepared key the header's token must be signed with, and what to remember as
        the key that verified it; None: PyJWT decides (another algorithm, a key PyJWT would warn about)."""
        alg = header["alg"]
        if self.keys is None:
            return (self._hmac, self._secret, None) if alg == "HS256" and self._secret is not None else None
        if alg not in ASYMMETRIC:
            return None
        kid = str(header.get("kid", ""))
        key = self.keys.key(kid)
        if key.algorithm_name != alg or key.Algorithm.check_key_length(key.key):
            return None
        return key.Algorithm, key.key, (kid, key)

    def verify_with_pyjwt(self, token: str) -> tuple[dict[str, Any], tuple[str, jwt.PyJWK] | None]:
        """`verify` by PyJWT alone, for every token: the reference `compact_tokens` is tested against."""
        used: tuple[str, jwt.PyJWK] | None = None
        try:
            if self.keys is not None:  # the header names the key (the shared secret needs no look at it first)
                header = jwt.get_unverified_header(token)
                if header.get("alg") not in ASYMMETRIC:
                    raise TokenRefused(f"algorithm {header.get('alg')!r} refused: the identity provider signs with "
                                       f"{' or '.join(ASYMMETRIC)}")
                kid = str(header.get("kid", ""))
                key: Any = self.keys.key(kid)
                used = (kid, key)
                algorithms = [key.algorithm_name] if key.algorithm_name in ASYMMETRIC else list(ASYMMETRIC)
                key = key.key
            else:
                key, algorithms = self.settings.jwt_secret, ["HS256"]
            claims = jwt.decode(token, key, algorithms=algorithms, audience=self.settings.jwt_audience,
                                issuer=self.settings.jwt_issuer, options={"require": list(REQUIRED_CLAIMS)})
        except jwt.PyJWTError as exc:
            raise TokenRefused(str(exc)) from exc
        self._check_lifetime(claims)
        return claims, used

    def trusts(self, used: object) -> bool:
        """Whether what verified a token (`verify`'s second answer) still would: the shared secret in shared-secret
        mode; a key of the set while the set is fresh and holds it."""
        if used is None:
            return self.keys is None
        if not isinstance(used, tuple) or self.keys is None:
            return False
        kid, key = used
        return self.keys.holds(kid, key)

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        limit = self.settings.token_max_lifetime_seconds
        try:
            exp = float(claims["exp"])
            start = float(claims.get("iat", time.time()))
        except (TypeError, ValueError) as exc:
            raise TokenRefused("exp and iat must be numbers") from exc
        if exp - start > limit or exp - time.time() > limit + 60:  # a minute of clock skew
            raise TokenRefused(f"the token lives longer than the maximum lifetime ({limit} s)")


_verifiers: dict[int, tuple[PlatformSettings, TokenVerifier]] = {}


def verifier_for(settings: PlatformSettings) -> TokenVerifier:
    """One verifier (and key cache) per settings object."""
    held = _verifiers.get(id(settings))
    if held is None or held[0] is not settings:
        if len(_verifiers) > 256:
            _verifiers.clear()
        held = _verifiers[id(settings)] = (settings, TokenVerifier(settings))
    return held[1]
