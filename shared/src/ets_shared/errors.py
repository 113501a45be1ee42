"""The platform's error vocabulary, shared by every service's domain layer.

Domain code raises these; the HTTP layer turns them into RFC 9457 problem+json responses (see
`ets_shared.http.problems`), and event consumers treat `PermanentEventError` as a reason to dead-letter at once.
They carry no framework types, so the domain stays pure.
"""
from __future__ import annotations

from typing import TypeVar


class DomainError(Exception):
    """Base class. `status` is the HTTP status it maps to; `code` the stable problem type slug."""

    status: int = 422
    code: str = "domain-error"
    title: str = "Request breaks a rule"

    def __init__(self, detail: str, *, field: str | None = None, article: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field  # dotted/indexed path of the offending input field, e.g. "lines[0].vintage"
        self.article = article  # the regulation article the rule comes from, e.g. "M-16"


class RuleViolation(DomainError):
    """The input is well-formed but a rule of the regulation refuses it (422)."""

    status = 422
    code = "rule-violation"
    title = "The request breaks a rule of the regulation"


class NotFound(DomainError):
    status = 404
    code = "not-found"
    title = "No such record"


class Conflict(DomainError):
    """The request contradicts the record's current state (409): already done, wrong stage, duplicate."""

    status = 409
    code = "conflict"
    title = "The request conflicts with the record's current state"


class Forbidden(DomainError):
    """The caller is authenticated but its role or binding does not allow this (403)."""

    status = 403
    code = "forbidden"
    title = "Not allowed for this caller"


class PermanentEventError(DomainError):
    """An incoming event can never be applied (unknown type, contradicts the contract): dead-letter it now."""

    status = 422
    code = "permanent-event-error"
    title = "Event cannot be applied"


Held = TypeVar("Held")


def present(value: Held | None, what: str) -> Held:
    """`value`, which the state it is read from implies is there (a case's order once the order was issued, a price
    limit measure's limit, ...). None there is a defect, not a rule broken by a request: raised as LookupError
    naming `what`, never passed on as if it were a value."""
    if value is None:
        raise LookupError(f"{what} is missing")
    return value
