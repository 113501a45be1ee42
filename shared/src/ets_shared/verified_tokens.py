"""Bearer tokens already verified, so a caller's repeated token is not verified cryptographically on every request.

A client sends the same token with each request for as long as it lives; verifying its signature, issuer, audience
and lifetime again each time is the same work with the same outcome. `VerifiedTokens` remembers the outcome — the
principal — of a token that passed, by the token's exact text (the signature included, so a changed token is
another entry), and answers it again only while

- the token has not expired (`exp`, the same instant the verification refuses it at), and
- the key that verified it is still trusted: the caller's `trusted(key)` — for the identity provider's key set, the
  set is fresh and still holds that key under its kid (`identity.KeySet.holds`), so a key the IdP retired stops
  working as soon as it would without the cache.

A token that failed is never remembered: it is refused by a full verification each time. The cache holds at most
`capacity` tokens; when full, the oldest entered are forgotten first (they are also the nearest to expiry).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

Principal = TypeVar("Principal")
CAPACITY = 10_000


class VerifiedTokens(Generic[Principal]):
    def __init__(self, capacity: int = CAPACITY, *, clock: Callable[[], float] = time.time) -> None:
        self.capacity, self._clock = capacity, clock
        #: token -> (principal, its exp, the key that verified it — None: the shared secret)
        self._tokens: dict[str, tuple[Principal, float, object]] = {}
        self._lock = threading.Lock()

    def get(self, token: str, trusted: Callable[[object], bool]) -> Principal | None:
        """The principal of a token verified before, still unexpired and verified by a key still trusted; None
        otherwise (verify it)."""
        held = self._tokens.get(token)
        if held is None:
            return None
        principal, expires, key = held
        if self._clock() >= expires or not trusted(key):
            with self._lock:
                self._tokens.pop(token, None)
            return None
        return principal

    def put(self, token: str, principal: Principal, expires: float, key: object) -> None:
        """Remember a token that passed verification: its principal, its `exp`, the key that verified it."""
        with self._lock:
            while len(self._tokens) >= self.capacity:
                self._tokens.pop(next(iter(self._tokens)))
            self._tokens[token] = (principal, expires, key)

    def __len__(self) -> int:
        return len(self._tokens)
