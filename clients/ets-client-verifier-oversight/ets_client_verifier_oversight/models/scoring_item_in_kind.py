from enum import StrEnum


class ScoringItemInKind(StrEnum):
    AUTOMATIC = "automatic"
    FINDING = "finding"

    def __str__(self) -> str:
        return str(self.value)
