"""`eqtrack workforce STAFF.csv --profile NAME`: the council's staff by sex, ethnic group,
disability and age band against the borough's population profile, and by grade."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eqtrack.consultations.census import AREAS, LICENCE, census_margins
from eqtrack.consultations.selectors import profile_margins
from eqtrack.consultations.weighting import Margin, WeightingError
from eqtrack.core.cells import row_escape
from eqtrack.core.files import InputError, source_read_bytes
from eqtrack.organisations.selectors import OrganisationNotFound, organisation_resolve
from eqtrack.workforce.management.commands.paygap import _map_option
from eqtrack.workforce.profile import (
    characteristics_count,
    grade_table,
    workforce_profile,
)
from eqtrack.workforce.staff import staff_read


def last_31_march(today: dt.date) -> dt.date:
    """The public authorities' snapshot date on or before `today`."""
    this_year = dt.date(today.year, 3, 31)
    return this_year if this_year <= today else dt.date(today.year - 1, 3, 31)


def margins_named(name: str, organisation_slug: str | None) -> tuple[list[Margin], dict[str, str]]:
    """A stored population profile's margins and where they come from; a Census 2021 area
    code eqtrack ships figures for (E07000110) works without a stored profile."""
    areas = {area.code: area for area in AREAS}
    if name in areas:
        area = areas[name]
        return census_margins(name), {
            "name": f"Census 2021, {area.name}",
            "area": f"{area.name} ({area.code})",
            "source": area.source,
            "licence": LICENCE,
            "illustrative": "no",
        }
    try:
        organisation = organisation_resolve(slug=organisation_slug)
        profile, margins = profile_margins(organisation=organisation, name=name)
    except (OrganisationNotFound, WeightingError) as e:
        raise CommandError(
            f"--profile: {e} (or give a Census 2021 area code eqtrack has: {', '.join(areas)})"
        ) from None
    return margins, {
        "name": profile.name,
        "area": profile.area,
        "source": profile.source,
        "licence": profile.licence,
        "illustrative": "yes" if profile.illustrative else "no",
    }


class Command(BaseCommand):
    help = (
        "Compare the council's staff with the borough's population: each group's share of the "
        "staff against its share of the population profile (sex, ethnic group, disability, age "
        "band), with a 95% interval and a flag, and each grade's make-up. Groups of fewer than "
        "10 staff are not shown. Writes JSON to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("staff", type=Path, metavar="STAFF", help="A CSV or Excel file.")
        parser.add_argument(
            "--profile",
            required=True,
            metavar="NAME",
            help="A stored population profile (eqtrack consultation-profile), or a Census 2021 "
            "area code eqtrack has figures for (E07000110, Maidstone).",
        )
        parser.add_argument(
            "--snapshot",
            metavar="YYYY-MM-DD",
            help="The snapshot date ages are worked out at (default: the last 31 March).",
        )
        parser.add_argument(
            "--organisation", metavar="SLUG", help="Whose profile, if there are several."
        )
        parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")

    def handle(self, *args, **options):
        try:
            snapshot = (
                dt.date.fromisoformat(options["snapshot"])
                if options["snapshot"]
                else last_31_march(timezone.localdate())
            )
        except ValueError:
            raise CommandError(
                f"--snapshot: {options['snapshot']!r} is not a date like 2026-03-31"
            ) from None
        mapping = _map_option(options["map"])
        margins, population = margins_named(options["profile"], options["organisation"])
        try:
            staff = staff_read(
                source_read_bytes(options["staff"]),
                source=str(options["staff"]),
                mapping=mapping,
                snapshot=snapshot,
            )
        except InputError as e:
            raise CommandError(str(e)) from None
        counts = characteristics_count(staff.records)
        profile = workforce_profile(counts["all"], margins)
        grades = grade_table(counts["grades"])
        if options["format"] == "csv":
            text = profile_csv(profile.as_dict()["rows"])
        else:
            result: dict[str, Any] = {
                "snapshot": snapshot.isoformat(),
                "employees": len(staff.records),
                "population": population,
                **profile.as_dict(),
                "grades": [vars(g) for g in grades],
            }
            for kind in ("starters", "leavers"):
                if kind in counts:
                    result[kind] = workforce_profile(counts[kind], margins).as_dict()
            text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {options['output']}.")
        else:
            self.stdout.write(text, ending="")
        if options["format"] == "csv":
            self.stderr.write(f"Population: {population['source']}. {population['licence']}")


PROFILE_COLUMNS = (
    "variable",
    "category",
    "staff",
    "staff_share",
    "population_share",
    "ratio",
    "staff_share_low_95",
    "staff_share_high_95",
    "under_represented",
    "suppressed",
)


def profile_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PROFILE_COLUMNS)
    for row in rows:
        writer.writerow(
            row_escape(
                [
                    "yes"
                    if row[c] is True
                    else "no"
                    if row[c] is False
                    else row[c] or ""
                    if row[c] is not None
                    else ""
                    for c in PROFILE_COLUMNS
                ]
            )
        )
    return out.getvalue()
