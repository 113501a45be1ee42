from enum import StrEnum


class MrvPolicyModelRecheckDiscrepancyBase(StrEnum):
    REPORTED = "reported"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
