from enum import StrEnum


class FileSuccessionKind(StrEnum):
    MERGER = "merger"
    SPLIT = "split"

    def __str__(self) -> str:
        return str(self.value)
