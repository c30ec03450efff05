"""The ONS Census 2021 figures shipped with eqtrack (census2021/), for making a population
profile without downloading anything: which areas there are, which characteristics each has,
and where the figures come from and under which licence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .profiles import profile_read
from .weighting import Margin, WeightingError

CENSUS_DIR = Path(__file__).resolve().parent / "census2021"
LICENCE = (
    "Open Government Licence v3.0. Source: Office for National Statistics licensed under the "
    "Open Government Licence v.3.0"
)
# Census 2021's 19 ethnic groups are "High-level group: group"; a survey with few respondents
# rarely has someone in every one of them, so the 5 high-level groups are offered as well.
_DETAILED_ETHNIC_GROUP = "ethnic group (19)"
BROAD_ETHNIC_GROUP = "ethnic group (5)"


@dataclass(frozen=True)
class CensusArea:
    code: str
    name: str
    filename: str
    tables: str

    @property
    def source(self) -> str:
        return (
            f"Office for National Statistics, Census 2021 ({self.tables}), usual residents of "
            f"{self.name} ({self.code})"
        )


AREAS = [
    CensusArea(
        code="E07000110",
        name="Maidstone",
        filename="maidstone-E07000110.csv",
        tables="TS009 sex, TS021 ethnic group, TS038 disability, TS030 religion",
    )
]


def census_area(code: str) -> CensusArea:
    for area in AREAS:
        if area.code == code:
            return area
    raise WeightingError(f"eqtrack has no Census 2021 figures for the area {code!r}")


def census_margins(code: str) -> list[Margin]:
    """Every characteristic eqtrack has for the area, the broad ethnic groups included."""
    area = census_area(code)
    margins = profile_read(CENSUS_DIR / area.filename)
    for margin in list(margins):
        if margin.variable == _DETAILED_ETHNIC_GROUP:
            broad: dict[str, float] = {}
            for category, population in margin.population.items():
                group = category.split(":", 1)[0].strip()
                broad[group] = broad.get(group, 0) + population
            margins.insert(margins.index(margin), Margin(BROAD_ETHNIC_GROUP, broad))
    return margins


def census_characteristics(code: str) -> list[str]:
    return [m.variable for m in census_margins(code)]


def census_choose(code: str, characteristics: list[str]) -> list[Margin]:
    """The area's margins for the chosen characteristics, in the order eqtrack lists them.
    The broad and the detailed ethnic groups are one characteristic: only one may be chosen."""
    if not characteristics:
        raise WeightingError("choose at least one characteristic")
    if BROAD_ETHNIC_GROUP in characteristics and _DETAILED_ETHNIC_GROUP in characteristics:
        raise WeightingError("choose the ethnic groups once: the 5 broad groups or the 19 groups")
    margins = census_margins(code)
    known = {m.variable for m in margins}
    unknown = [c for c in characteristics if c not in known]
    if unknown:
        raise WeightingError(f"the Census 2021 figures here have no {unknown[0]!r}")
    return [m for m in margins if m.variable in characteristics]
