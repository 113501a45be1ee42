from enum import StrEnum


class QueueItemPublicAwaiting(StrEnum):
    NO_REPORT = "no_report"
    NO_VERIFICATION = "no_verification"
    RECHECK = "recheck"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
