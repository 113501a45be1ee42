from enum import StrEnum


class RecordImpedimentKind(StrEnum):
    DOCUMENTS_REFUSED = "documents_refused"
    FALSE_DOCUMENTS = "false_documents"
    INFORMATION_CONCEALED = "information_concealed"
    OBSTRUCTION = "obstruction"

    def __str__(self) -> str:
        return str(self.value)
