from enum import StrEnum


class ListCasesStatusType0(StrEnum):
    AWAITING_DECISION = "awaiting_decision"
    CLOSED = "closed"
    FINE_UNPAID = "fine_unpaid"
    OPENED = "opened"
    ORDER_ISSUED = "order_issued"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
