from enum import StrEnum


class BulkResultPublicStatus(StrEnum):
    DETERMINED = "determined"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
