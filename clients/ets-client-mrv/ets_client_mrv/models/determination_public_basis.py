from enum import StrEnum


class DeterminationPublicBasis(StrEnum):
    AUTHORITY = "authority"
    HISTORICAL = "historical"
    RECHECK = "recheck"
    VERIFICATION = "verification"

    def __str__(self) -> str:
        return str(self.value)
