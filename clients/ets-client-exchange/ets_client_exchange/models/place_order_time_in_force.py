from enum import StrEnum


class PlaceOrderTimeInForce(StrEnum):
    GTC = "GTC"
    IOC = "IOC"

    def __str__(self) -> str:
        return str(self.value)
