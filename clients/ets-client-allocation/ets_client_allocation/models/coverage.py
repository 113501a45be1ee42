from enum import StrEnum


class Coverage(StrEnum):
    COVERED = "covered"
    REPORTING_ONLY = "reporting_only"

    def __str__(self) -> str:
        return str(self.value)
