from enum import StrEnum


class TriggerPublicCode(StrEnum):
    AUTHORITY = "AUTHORITY"
    DISCREPANCY = "DISCREPANCY"
    OBJECTION = "OBJECTION"
    YEAR_ON_YEAR = "YEAR_ON_YEAR"

    def __str__(self) -> str:
        return str(self.value)
