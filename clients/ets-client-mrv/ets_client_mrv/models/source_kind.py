from enum import StrEnum


class SourceKind(StrEnum):
    ELECTRICITY = "electricity"
    FUEL = "fuel"
    HEAT = "heat"
    PROCESS = "process"

    def __str__(self) -> str:
        return str(self.value)
