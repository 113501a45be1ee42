from enum import StrEnum


class AppointMemberKind(StrEnum):
    AUTHORITY_STAFF = "authority_staff"
    EXPERT = "expert"

    def __str__(self) -> str:
        return str(self.value)
