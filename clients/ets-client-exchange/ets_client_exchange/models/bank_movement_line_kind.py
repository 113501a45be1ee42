from enum import StrEnum


class BankMovementLineKind(StrEnum):
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"

    def __str__(self) -> str:
        return str(self.value)
