from enum import StrEnum


class ScoringItemInViolationType0(StrEnum):
    DATA_MISUSE = "data_misuse"
    FALSE_REPORT = "false_report"
    MAJOR_ERROR = "major_error"

    def __str__(self) -> str:
        return str(self.value)
