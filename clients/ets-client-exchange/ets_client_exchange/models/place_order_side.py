from enum import StrEnum


class PlaceOrderSide(StrEnum):
    BUY = "BUY"
    SELL = "SELL"

    def __str__(self) -> str:
        return str(self.value)
