from enum import StrEnum


class OpenSaleKind(StrEnum):
    AUCTION = "auction"
    FIXED_PRICE = "fixed_price"

    def __str__(self) -> str:
        return str(self.value)
