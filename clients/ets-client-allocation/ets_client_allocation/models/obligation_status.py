from enum import StrEnum


class ObligationStatus(StrEnum):
    OPEN = "open"
    PASSED_ON = "passed_on"
    SETTLED = "settled"
    SHORTFALL = "shortfall"

    def __str__(self) -> str:
        return str(self.value)
