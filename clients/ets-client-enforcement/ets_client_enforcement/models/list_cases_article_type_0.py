from enum import StrEnum


class ListCasesArticleType0(StrEnum):
    M_37 = "M-37"
    M_38_1 = "M-38-1"
    M_38_2 = "M-38-2"
    M_39 = "M-39"
    M_41 = "M-41"
    M_42 = "M-42"

    def __str__(self) -> str:
        return str(self.value)
