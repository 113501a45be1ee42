from enum import StrEnum


class IssueWarningLevel(StrEnum):
    NOTICE = "notice"
    SEVERE = "severe"
    WARNING = "warning"

    def __str__(self) -> str:
        return str(self.value)
