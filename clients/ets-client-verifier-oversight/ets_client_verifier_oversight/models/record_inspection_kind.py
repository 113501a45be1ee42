from enum import StrEnum


class RecordInspectionKind(StrEnum):
    ON_SITE = "on_site"
    SPOT_CHECK = "spot_check"

    def __str__(self) -> str:
        return str(self.value)
