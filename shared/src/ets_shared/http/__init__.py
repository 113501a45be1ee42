"""The HTTP face every service shares: problem+json errors, auth dependencies, idempotency, health, audit."""
