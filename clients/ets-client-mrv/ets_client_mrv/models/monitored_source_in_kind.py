from enum import StrEnum


class MonitoredSourceInKind(StrEnum):
    ELECTRICITY = "electricity"
    FUEL = "fuel"
    HEAT = "heat"
    PROCESS = "process"

    def __str__(self) -> str:
        return str(self.value)
