"""Reading population profiles: eqtrack's own CSV (variable, category, population) and the
layouts of ONS Census 2021 table downloads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from eqtrack.core.files import InputError, source_read_text, text_decode

from .margins import margins_read
from .weighting import Margin, WeightingError

# The ONS Census 2021 tables eqtrack knows, and the variable name each becomes.
ONS_TABLES = {
    "TS007A": "age",  # Age by five-year age bands
    "TS008": "sex",
    "TS021": "ethnic group",  # Ethnic group (20 categories)
    "TS038": "disability",  # Disability (Equality Act)
}
_WIDE_COLUMN = re.compile(r"^(?P<variable>[^:]+):\s*(?P<category>.+?)(?:;\s*measures:\s*Value)?$")
_TOTAL = re.compile(r"^(total\b|all persons|all usual residents)", re.I)


def profile_read(
    path: Path, *, area: str | None = None, variable: str | None = None
) -> list[Margin]:
    """Margins from a profile file, whichever of the three layouts it has:

    - eqtrack's: columns `variable,category,population`;
    - ONS bulk download (wide): `date,geography,geography code,<Variable>: <Category>,…`, one
      row an area (choose it with `area`, a name or code, when there are several);
    - ONS custom download (long): `<Area type> Code,<Area type>,<Variable> Code,<Variable>,Observation`.
    """
    text = source_read_text(path)
    header = next(csv.reader(io.StringIO(text)), [])
    lowered = [h.strip().lower() for h in header]
    if {"variable", "category", "population"} <= set(lowered):
        return margins_read(path)
    rows = list(csv.DictReader(io.StringIO(text)))
    if "geography code" in lowered:
        return [_wide(rows, header, path, area, variable)]
    if "observation" in lowered:
        return [_long(rows, header, path, area, variable)]
    raise WeightingError(
        f"{path}: line 1: not a population profile eqtrack knows (expected variable,category,"
        "population, or an ONS Census 2021 table download)"
    )


def _choose_area(
    rows: list[dict], keys: tuple[str, str], path: Path, area: str | None
) -> list[dict]:
    code_key, name_key = keys
    areas = {(r.get(code_key, ""), r.get(name_key, "")) for r in rows}
    if area:
        chosen = [r for r in rows if area in (r.get(code_key), r.get(name_key))]
        if not chosen:
            raise WeightingError(f"{path}: no area {area!r} in this file")
        return chosen
    if len(areas) > 1:
        names = ", ".join(sorted(n for _, n in areas)[:5])
        raise WeightingError(f"{path}: {len(areas)} areas ({names}, …); choose one with --area")
    return rows


def _wide(
    rows: list[dict], header: list[str], path: Path, area: str | None, name: str | None
) -> Margin:
    code_key = next(h for h in header if h.strip().lower() == "geography code")
    name_key = next((h for h in header if h.strip().lower() == "geography"), code_key)
    [row] = _choose_area(rows, (code_key, name_key), path, area)[:1] or [{}]
    margin: Margin | None = None
    for column in header:
        match = _WIDE_COLUMN.match(column.strip())
        if not match or _TOTAL.match(match.group("category")):
            continue
        if margin is None:
            margin = Margin(name or match.group("variable").strip().lower(), {})
        margin.population[match.group("category").strip()] = _number(row[column], path)
    if margin is None:
        raise WeightingError(f"{path}: no '<Variable>: <Category>' columns found")
    return margin


def _long(
    rows: list[dict], header: list[str], path: Path, area: str | None, name: str | None
) -> Margin:
    codes = [h for h in header if h.strip().lower().endswith(" code")]
    if len(codes) < 2:
        raise WeightingError(
            f"{path}: line 1: expected an area code column and a category code column"
        )
    area_code, category_code = codes[0], codes[1]
    area_name = area_code[: -len(" Code")].strip()
    category_name = category_code[: -len(" Code")].strip()
    observation = next(h for h in header if h.strip().lower() == "observation")
    chosen = _choose_area(rows, (area_code, area_name), path, area)
    margin = Margin(name or re.sub(r"\s*\(\d+ categories\)", "", category_name).lower(), {})
    for row in chosen:
        category = (row.get(category_name) or "").strip()
        if category and not _TOTAL.match(category) and row.get(category_code) != "-8":
            margin.population[category] = _number(row[observation], path)
    return margin


def _number(value: str, path: Path) -> float:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        raise WeightingError(f"{path}: {value!r} is not a number") from None


# Shares typed or rounded by hand: each characteristic's must add up to 100 within this.
SHARES_TOLERANCE = 0.5


def shares_parse(data: bytes, *, source: str) -> list[Margin]:
    """Margins from a CSV of percentage shares: `characteristic,category,share` (`variable`
    is taken for `characteristic`). Every share is a number, none is negative, no category is
    listed twice, and each characteristic's shares add up to 100 (± 0.5): a message names the
    file and the line (or the characteristic) that is wrong."""
    try:
        text = text_decode(data, source=source)
    except InputError as e:
        raise WeightingError(str(e)) from None
    reader = csv.DictReader(io.StringIO(text))
    headings = {(h or "").strip().lower() for h in reader.fieldnames or []}
    name_key = "characteristic" if "characteristic" in headings else "variable"
    if not {name_key, "category", "share"} <= headings:
        raise WeightingError(
            f"{source}: line 1: expected the columns characteristic,category,share"
        )
    margins: dict[str, Margin] = {}
    lines: dict[str, list[int]] = {}
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        name, category, share = row.get(name_key, ""), row.get("category", ""), row.get("share", "")
        if not (name or category or share):
            continue  # a blank line
        if not name or not category:
            raise WeightingError(f"{source}: line {line}: the characteristic or category is empty")
        try:
            value = float(share.rstrip("%").replace(",", ""))
        except ValueError:
            raise WeightingError(
                f"{source}: line {line}: share {share!r} is not a number"
            ) from None
        if value < 0 or value != value:  # negative, or "nan"
            raise WeightingError(f"{source}: line {line}: share {share!r} is negative")
        margin = margins.setdefault(name, Margin(name, {}))
        if category in margin.population:
            raise WeightingError(f"{source}: line {line}: {name} {category!r} is listed twice")
        margin.population[category] = value
        lines.setdefault(name, []).append(line)
    if not margins:
        raise WeightingError(f"{source}: has no shares under its headings")
    for name, margin in margins.items():
        total = sum(margin.population.values())
        if abs(total - 100) > SHARES_TOLERANCE:
            first, last = lines[name][0], lines[name][-1]
            raise WeightingError(
                f"{source}: lines {first} to {last}: the shares of {name!r} add up to "
                f"{total:g}, not 100"
            )
    return list(margins.values())
