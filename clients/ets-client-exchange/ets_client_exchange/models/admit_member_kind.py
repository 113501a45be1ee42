from enum import StrEnum


class AdmitMemberKind(StrEnum):
    COMPREHENSIVE = "comprehensive"
    SELF_OPERATING = "self_operating"

    def __str__(self) -> str:
        return str(self.value)
