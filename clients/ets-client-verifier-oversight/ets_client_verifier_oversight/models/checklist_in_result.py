from enum import StrEnum


class ChecklistInResult(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"

    def __str__(self) -> str:
        return str(self.value)
