from enum import StrEnum


class EnforcementPolicyModelFourEyesAdditionalPropertyItem(StrEnum):
    DISMISSAL = "dismissal"
    FINE = "fine"
    FINE_DECLINED = "fine_declined"
    MEASURES = "measures"

    def __str__(self) -> str:
        return str(self.value)
