from enum import StrEnum


class LodgeAppealKind(StrEnum):
    LITIGATION = "litigation"
    RECONSIDERATION = "reconsideration"

    def __str__(self) -> str:
        return str(self.value)
