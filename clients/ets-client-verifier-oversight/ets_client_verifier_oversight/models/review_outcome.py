from enum import StrEnum


class ReviewOutcome(StrEnum):
    UPHELD = "upheld"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
