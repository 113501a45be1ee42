from enum import StrEnum


class NotifyPenaltyMethod(StrEnum):
    ELECTRONIC = "electronic"
    IN_PERSON = "in_person"
    POST = "post"
    PUBLIC_NOTICE = "public_notice"

    def __str__(self) -> str:
        return str(self.value)
