from enum import StrEnum


class DecideAppealOutcome(StrEnum):
    DECISION_REVOKED = "decision_revoked"
    DECISION_UPHELD = "decision_upheld"
    FINE_REDUCED = "fine_reduced"

    def __str__(self) -> str:
        return str(self.value)
