from enum import StrEnum


class ImposeMeasureKind(StrEnum):
    HALT = "halt"
    HOLDING_LIMIT = "holding_limit"
    PRICE_LIMIT = "price_limit"

    def __str__(self) -> str:
        return str(self.value)
