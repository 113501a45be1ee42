from enum import StrEnum


class AlertsPatternType0(StrEnum):
    LAYERING = "layering"
    MARKING_THE_CLOSE = "marking_the_close"
    WASH_TRADE = "wash_trade"

    def __str__(self) -> str:
        return str(self.value)
