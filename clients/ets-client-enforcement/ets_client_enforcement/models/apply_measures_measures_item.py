from enum import StrEnum


class ApplyMeasuresMeasuresItem(StrEnum):
    AWARD_INELIGIBLE = "award_ineligible"
    CREDIT_RECORD = "credit_record"
    PROJECT_ASSESSMENT_REFUSED = "project_assessment_refused"
    SPECIAL_FUND_INELIGIBLE = "special_fund_ineligible"

    def __str__(self) -> str:
        return str(self.value)
