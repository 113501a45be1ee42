from enum import StrEnum


class ListReportsStateType0(StrEnum):
    AWAITING_REPORT = "awaiting_report"
    DETERMINED = "determined"
    RECHECK = "recheck"
    REPORTED = "reported"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
