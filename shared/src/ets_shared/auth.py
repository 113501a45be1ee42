"""Bearer JWT auth. A token names one role and, for parties, the id it is bound to.

Verification (which keys, which algorithms, the maximum lifetime) is `ets_shared.identity`: production verifies
the identity provider's RS256/ES256 tokens with its key set; the HS256 shared secret that `issue_token` signs
with is for the embedded platform and tests only.

Claims: `sub` (who: a person or system account), `role` (one of `Role`), `party_id` (the entity, agency, verifier
or member the token acts for; required for party roles), `iss`, `aud`, `exp`. A caller sees and changes only its
own records unless its role says otherwise — services check `principal.owns(id)` or `principal.has(role)`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

import jwt

from ets_shared.errors import DomainError, Forbidden
from ets_shared.identity import TokenRefused, verifier_for
from ets_shared.settings import PlatformSettings


class Role(StrEnum):
    AUTHORITY = "authority"  # 主管部门: the Ecology and Environment Bureau
    ENFORCEMENT_OFFICER = "enforcement_officer"  # M-3: Energy Conservation Supervision Centre
    ENTITY = "entity"  # covered entity / reporting emitter
    AGENCY = "agency"  # third-party verification agency
    VERIFIER = "verifier"  # a certified verifier of an agency
    PANEL_EXPERT = "panel_expert"  # evaluation panel expert
    EXCHANGE_OPERATOR = "exchange_operator"
    MEMBER = "member"
    SETTLEMENT_BANK = "settlement_bank"
    # other government departments' systems (M-40), each reading what concerns it from enforcement
    CREDIT_PLATFORM = "credit_platform"  # the public credit-information platform
    MARKET_REGULATION = "market_regulation"  # 工商 / 市场监管
    TAX = "tax"  # 税务
    FINANCE = "finance"  # 金融 and the finance bureau (special funds, awards)
    PROJECT_APPROVAL = "project_approval"  # 项目审批部门


PARTY_ROLES = {Role.ENTITY, Role.AGENCY, Role.VERIFIER, Role.MEMBER, Role.SETTLEMENT_BANK}


class Unauthenticated(DomainError):
    status = 401
    code = "unauthenticated"
    title = "A valid bearer token is required"


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    party_id: str | None = None

    @property
    def actor(self) -> str:
        return f"{self.role.value}:{self.subject}" + (f"@{self.party_id}" if self.party_id else "")

    @property
    def party(self) -> str:
        """The party this principal acts for: a party role's token names it (`issue_token`, the identity
        provider's claims); a staff principal has none and is refused what only a party may do."""
        if self.party_id is None:
            raise Forbidden(f"role '{self.role.value}' acts for no party; this needs a party's token")
        return self.party_id

    def has(self, *roles: Role) -> bool:
        return self.role in roles

    def owns(self, party_id: str) -> bool:
        return self.party_id is not None and self.party_id == party_id


def issue_token(settings: PlatformSettings, *, subject: str, role: Role | str, party_id: str | None = None,
                ttl_seconds: int = 8 * 3600) -> str:
    """An HS256 token signed with the shared secret: the embedded platform's and the tests' own tokens."""
    role = Role(role)
    if role in PARTY_ROLES and not party_id:
        raise ValueError(f"a {role.value} token must name the party it acts for (party_id)")
    now = int(time.time())
    claims = {"sub": subject, "role": role.value, "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
              "iat": now, "exp": now + ttl_seconds}
    if party_id:
        claims["party_id"] = party_id
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def known_principal(settings: PlatformSettings, token: str) -> Principal | None:
    """The principal of a token that passed before, while it is unexpired and its key still trusted
    (`ets_shared.verified_tokens`); None: verify it (`decode_token`). Never fetches a key set."""
    verifier = verifier_for(settings)
    known: Principal | None = verifier.verified.get(token, verifier.trusts)
    return known


def decode_token(settings: PlatformSettings, token: str) -> Principal:
    """The token's principal: `known_principal`, else verified in full (and remembered)."""
    known = known_principal(settings, token)
    if known is not None:
        return known
    verifier = verifier_for(settings)
    try:
        claims, used = verifier.verify(token)
        role = Role(claims["role"])
    except (TokenRefused, ValueError) as exc:
        raise Unauthenticated(f"invalid bearer token: {exc}") from exc
    party_id = claims.get("party_id")
    if role in PARTY_ROLES and not party_id:
        raise Unauthenticated(f"a {role.value} token must carry party_id")
    if not isinstance(party_id, str | None) or len(str(claims["sub"])) > 200 or len(party_id or "") > 100:
        raise Unauthenticated("invalid bearer token: sub or party_id malformed")
    principal = Principal(subject=str(claims["sub"]), role=role, party_id=party_id)
    verifier.verified.put(token, principal, float(claims["exp"]), used)
    return principal
