"""The five sample entities of a demonstration compliance year, each showing one path through the rules."""
from __future__ import annotations

from dataclasses import dataclass

ELECTRICITY_10K_KWH = 10_000  # 42,000 t with the SH-2022 factor (4.2 t/10^4 kWh)


@dataclass(frozen=True)
class SampleEntity:
    suffix: str
    name: str
    sector: str
    story: str
    previous_year: int  # last year's determined emissions (imported history)
    base_years: tuple[int, int, int]  # for the historical-emission allocation
    reported: int
    verified: int
    objects: bool = False  # the entity objects to the verification (M-15 ¶2 (3))
    recheck_determination: int | None = None  # the authority's figure after a re-check
    surrender_in_window: str = "all"  # "all" or a number of allowances
    tries_unqualified_verifier: bool = False

    def sources(self, total: int) -> list[dict]:
        """Activity data: purchased electricity plus the process remainder, adding up to `total` tonnes."""
        return [
            {"kind": "electricity", "quantity": str(ELECTRICITY_10K_KWH), "unit": "10^4 kWh",
             "description": "purchased electricity"},
            {"kind": "process", "quantity": str(total - 42_000), "unit": "tCO2e", "description": "process"},
        ]


SAMPLE_ENTITIES: tuple[SampleEntity, ...] = (
    SampleEntity("1", "Huangpu Steel", "industry", "reports, is verified, determined directly, surrenders in full",
                 previous_year=118_000, base_years=(119_000, 121_000, 123_000), reported=120_000, verified=120_000),
    SampleEntity("2", "Minhang Power", "industry",
                 "surrenders only part in June: shortfall, M-39 case, fine, M-40 credit record; makes good late",
                 previous_year=88_000, base_years=(90_000, 92_000, 94_000), reported=90_000, verified=90_000,
                 surrender_in_window="60000"),
    SampleEntity("3", "Pudong Chemicals", "industry",
                 "verification differs from its report by >= 10%: re-check (M-15 ¶2 (1)), then determined",
                 previous_year=105_000, base_years=(110_000, 112_000, 114_000), reported=100_000, verified=112_000,
                 recheck_determination=111_500),
    SampleEntity("4", "Baoshan Cement", "industry",
                 "objects to the verification with evidence: re-check (M-15 ¶2 (3)), then determined",
                 previous_year=83_000, base_years=(82_000, 84_000, 86_000), reported=80_000, verified=84_000,
                 objects=True, recheck_determination=81_000),
    SampleEntity("5", "Jinshan Data Centre", "data_centre",
                 "an unqualified verifier is refused (V); emissions up >= 20% on last year: re-check (M-15 ¶2 (2))",
                 previous_year=40_000, base_years=(50_000, 52_000, 54_000), reported=52_000, verified=52_000,
                 recheck_determination=52_000, tries_unqualified_verifier=True),
)
