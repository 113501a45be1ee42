from enum import StrEnum


class TimelineEntryKind(StrEnum):
    AUDIT = "audit"
    CONSUMED = "consumed"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
