"""The common bearer token, verified without PyJWT's general machinery: the first verification of each new token
is on every request path (`identity.TokenVerifier.verify`), and PyJWT spends most of it on what every call redoes —
preparing the same key (an HMAC secret is searched for PEM and SSH markers each time), checking each base64 byte in
Python, merging options.

`CompactToken.parse` takes only the common shape: three unpadded, canonical base64url segments and a header of
`alg`, `typ` and `kid` alone (`kid` a string). `claims` accepts only what PyJWT would accept with the same key,
algorithm, audience, issuer and required claims — the signature by PyJWT's own algorithm object (its constant-time
compare for HMAC), `exp` in the future, `iat` and `nbf` not in the future (no leeway), `iss` equal, `aud` equal or
listing the audience, the required claims present, `sub` and `jti` strings — with each time claim an `int`. Anything
else, a refusal included, answers None: the caller then verifies with PyJWT, which decides and says why. So this path
never accepts a token PyJWT refuses (`shared/tests/test_compact_tokens.py` checks both on valid and spoiled tokens).
"""
from __future__ import annotations

import base64
import json
import re
import time
from dataclasses import dataclass
from typing import Any

_COMPACT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_HEADER_FIELDS = frozenset({"alg", "typ", "kid"})
_TIMES = ("iat", "nbf", "exp")


def _segment(part: str) -> bytes | None:
    """The bytes of one unpadded base64url segment; None unless canonical (PyJWT refuses stray trailing bits)."""
    if len(part) % 4 == 1:
        return None
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    return raw if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() == part else None


@dataclass(frozen=True)
class CompactToken:
    header: dict[str, Any]
    signing_input: bytes
    payload: str
    signature: bytes

    @classmethod
    def parse(cls, token: str) -> CompactToken | None:
        """The token's parts if it has the common shape (see the module); None otherwise."""
        if not _COMPACT.fullmatch(token):
            return None
        header_part, payload_part, signature_part = token.split(".")
        header_bytes, signature = _segment(header_part), _segment(signature_part)
        if header_bytes is None or signature is None:
            return None
        try:
            header = json.loads(header_bytes)
        except (ValueError, RecursionError):
            return None
        if (not isinstance(header, dict) or not header.keys() <= _HEADER_FIELDS
                or not isinstance(header.get("alg"), str) or not isinstance(header.get("kid", ""), str)):
            return None
        return cls(header, f"{header_part}.{payload_part}".encode(), payload_part, signature)

    @property
    def alg(self) -> str:
        return str(self.header["alg"])

    def claims(self, algorithm: Any, key: Any, *, audience: str, issuer: str,
               required: tuple[str, ...]) -> dict[str, Any] | None:
        """The claims if the signature verifies with `algorithm` (a PyJWT algorithm object) and prepared `key`, and
        every claim check passes; None: let PyJWT decide."""
        if not audience or not algorithm.verify(self.signing_input, key, self.signature):
            return None
        payload_bytes = _segment(self.payload)
        if payload_bytes is None:
            return None
        try:
            claims = json.loads(payload_bytes)
        except (ValueError, RecursionError):
            return None
        return claims if isinstance(claims, dict) and _valid(claims, audience, issuer, required) else None


def _valid(claims: dict[str, Any], audience: str, issuer: str, required: tuple[str, ...]) -> bool:
    for name in required:
        if claims.get(name) is None:
            return False
    now = time.time()
    for name in _TIMES:  # iat and nbf not after now, exp after it; whole numbers (PyJWT takes others: it decides)
        if name in claims:
            value = claims[name]
            if type(value) is not int or (value <= now if name == "exp" else value > now):
                return False
    iss, aud = claims.get("iss"), claims.get("aud")
    if type(iss) is not str or iss != issuer:
        return False
    if aud != audience and not (type(aud) is list and audience in aud and all(type(a) is str for a in aud)):
        return False
    for name in ("sub", "jti"):
        if name in claims and type(claims[name]) is not str:
            return False
    return True
