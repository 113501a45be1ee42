"""The sample entities of a demonstration compliance year, each showing one path through the rules. These are the
scenario's inputs; what the demo prints is read back from the platform's APIs."""
from __future__ import annotations

from dataclasses import dataclass

ELECTRICITY_10K_KWH = 10_000  # 42,000 t with the SH-2022 factor (4.2 t/10^4 kWh)
SMALL_ELECTRICITY_10K_KWH = 1_000  # 4,200 t, for emitters below 42,000 t


@dataclass(frozen=True)
class SampleEntity:
    suffix: str
    name: str
    sector: str
    story: str
    annual_emissions: int  # what the authority knows at registration (M-5: the thresholds apply to it)
    previous_year: int  # last year's determined emissions (imported history)
    base_years: tuple[int, int, int]  # for the historical-emission allocation
    reported: int | None  # None: never reports (M-12)
    verified: int | None  # None: its verification never arrives (M-13)
    reporting_only: bool = False  # below its sector's threshold, >= 10,000 t: reports only (M-12 ¶2)
    voluntary: bool = False  # below its sector's threshold, applies to be covered and is approved (M-5 ¶1)
    files_plan: bool = True  # files its monitoring plan for the next year (M-11)
    objects: bool = False  # the entity objects to the verification (M-15 ¶2 (3))
    recheck_determination: int | None = None  # the authority's figure after a re-check
    determined_after_june: bool = False  # the re-check is determined only on 5 July
    authority_figure: int | None = None  # the authority's own figure when no report or verification came
    surrender_in_window: str = "all"  # "all", "none" or a number of allowances, in June
    tries_unqualified_verifier: bool = False

    def sources(self, total: int) -> list[dict]:
        """Activity data: purchased electricity plus the process remainder, adding up to `total` tonnes."""
        electricity = ELECTRICITY_10K_KWH if total >= 42_000 else SMALL_ELECTRICITY_10K_KWH
        return [
            {"kind": "electricity", "quantity": str(electricity), "unit": "10^4 kWh",
             "description": "purchased electricity"},
            {"kind": "process", "quantity": str(total - electricity * 42 // 10), "unit": "tCO2e",
             "description": "process"},
        ]

    @property
    def covered(self) -> bool:
        return not self.reporting_only


SAMPLE_ENTITIES: tuple[SampleEntity, ...] = (
    SampleEntity("1", "Huangpu Steel", "industry", "reports, is verified, determined directly, surrenders in full",
                 annual_emissions=121_000, previous_year=118_000, base_years=(119_000, 121_000, 123_000),
                 reported=120_000, verified=120_000),
    SampleEntity("2", "Minhang Power", "industry",
                 "surrenders only part in June: shortfall, M-39 case, fine, M-40 credit record; makes good late",
                 annual_emissions=92_000, previous_year=88_000, base_years=(90_000, 92_000, 94_000), reported=90_000,
                 verified=90_000, surrender_in_window="60000"),
    SampleEntity("3", "Pudong Chemicals", "industry",
                 "verification differs from its report by >= 10%: re-check (M-15 ¶2 (1)), then determined",
                 annual_emissions=112_000, previous_year=105_000, base_years=(110_000, 112_000, 114_000),
                 reported=100_000, verified=112_000, recheck_determination=111_500),
    SampleEntity("4", "Baoshan Cement", "industry",
                 "objects to the verification with evidence: re-check (M-15 ¶2 (3)), then determined",
                 annual_emissions=84_000, previous_year=83_000, base_years=(82_000, 84_000, 86_000), reported=80_000,
                 verified=84_000, objects=True, recheck_determination=81_000),
    SampleEntity("5", "Jinshan Data Centre", "data_centre",
                 "an unqualified verifier is refused (V); emissions up >= 20% on last year: re-check (M-15 ¶2 (2))",
                 annual_emissions=52_000, previous_year=40_000, base_years=(50_000, 52_000, 54_000), reported=52_000,
                 verified=52_000, recheck_determination=52_000, tries_unqualified_verifier=True),
    SampleEntity("6", "Fengxian Glass", "industry",
                 "files no monitoring plan and never reports: two M-37 cases (orders to correct, then a fine); the "
                 "authority determines its emissions itself; it surrenders nothing: shortfall, M-39 case",
                 annual_emissions=70_000, previous_year=69_000, base_years=(68_000, 70_000, 72_000), reported=None,
                 verified=None, files_plan=False, authority_figure=71_000, surrender_in_window="none"),
    SampleEntity("7", "Chongming Ferries", "water_transport",
                 "below water transport's 100,000 t threshold: reporting-only until its voluntary application is "
                 "approved (M-5); its verification never arrives (M-13): the authority determines its figure",
                 annual_emissions=60_000, previous_year=59_000, base_years=(60_000, 61_000, 62_000), reported=61_000,
                 verified=None, voluntary=True, authority_figure=61_000),
    SampleEntity("8", "Qingpu Textiles", "industry",
                 "re-check determined only on 5 July, after the window and late (M-43 flag): it still surrenders "
                 "within its own period (M-16) and is never in shortfall",
                 annual_emissions=50_000, previous_year=50_000, base_years=(50_000, 51_000, 52_000), reported=45_000,
                 verified=52_000, recheck_determination=51_000, determined_after_june=True),
    SampleEntity("9", "Jiading Printing", "commerce",
                 "15,000 t but no threshold for its sector: on the reporting-only list (M-12 ¶2); reports, holds no "
                 "obligation", annual_emissions=15_000, previous_year=14_800, base_years=(0, 0, 0), reported=14_500,
                 verified=None, reporting_only=True, files_plan=False, surrender_in_window="none"),
)
