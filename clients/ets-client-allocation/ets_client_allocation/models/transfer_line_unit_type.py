from enum import StrEnum


class TransferLineUnitType(StrEnum):
    CCER = "CCER"
    SHEA = "SHEA"

    def __str__(self) -> str:
        return str(self.value)
