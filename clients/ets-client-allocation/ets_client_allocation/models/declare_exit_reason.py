from enum import StrEnum


class DeclareExitReason(StrEnum):
    DEREGISTRATION = "deregistration"
    DISSOLUTION = "dissolution"
    MOVED_OUT = "moved_out"
    PRODUCTION_STOPPED = "production_stopped"

    def __str__(self) -> str:
        return str(self.value)
