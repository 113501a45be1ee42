from enum import StrEnum


class SurrenderLineUnitType(StrEnum):
    CCER = "CCER"
    SHEA = "SHEA"

    def __str__(self) -> str:
        return str(self.value)
