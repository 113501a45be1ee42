from enum import StrEnum


class ProposeAgreementSide(StrEnum):
    BUY = "BUY"
    SELL = "SELL"

    def __str__(self) -> str:
        return str(self.value)
