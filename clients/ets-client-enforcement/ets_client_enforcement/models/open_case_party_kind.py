from enum import StrEnum


class OpenCasePartyKind(StrEnum):
    AGENCY = "agency"
    COVERED_ENTITY = "covered_entity"
    EXCHANGE = "exchange"

    def __str__(self) -> str:
        return str(self.value)
