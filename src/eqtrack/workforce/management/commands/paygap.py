"""`eqtrack paygap STAFF.csv --snapshot YYYY-MM-DD`: the gender pay gap as SI 2017/353
Schedule 1 defines it, or the ethnicity or disability pay gaps with the same measures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from eqtrack.core.cells import row_escape
from eqtrack.core.files import InputError, source_read_bytes
from eqtrack.workforce.paygap import (
    FIELDS,
    GroupPayGaps,
    PayGap,
    gender_pay_gap,
    group_pay_gap,
    group_reference,
)
from eqtrack.workforce.snapshot_documents import FORMATS as DOCUMENT_FORMATS
from eqtrack.workforce.snapshot_documents import paygap_document
from eqtrack.workforce.staff import FIELDS as STAFF_FIELDS
from eqtrack.workforce.staff import staff_read

TEXT_FORMATS = ("json", "csv")


def _map_option(values: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value in values:
        name, sep, column = value.partition("=")
        name = name.strip()
        if not sep or not name or not column.strip():
            raise CommandError(f"--map {value!r}: give it as FIELD=COLUMN, e.g. sex=Gender")
        if name not in STAFF_FIELDS:
            raise CommandError(
                f"--map {value!r}: {name!r} is not a field; the fields are "
                f"{', '.join(STAFF_FIELDS)}"
            )
        mapping[name] = column.strip()
    return mapping


def _cell(value: Any) -> Any:
    return "" if value is None else value


def gender_csv(gap: PayGap) -> str:
    """One row: the snapshot, the 14 figures, the counts, why any figure is empty, notes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    counts = list(gap.counts)
    writer.writerow(["snapshot", *FIELDS, *counts, "reasons", "notes"])
    row = gap.as_dict()
    writer.writerow(
        row_escape(
            [
                _cell(row["snapshot"]),
                *(_cell(row[name]) for name in FIELDS),
                *(_cell(gap.counts[name]) for name in counts),
                "; ".join(f"{k}: {v}" for k, v in gap.reasons.items()),
                " ".join(gap.notes),
            ]
        )
    )
    return out.getvalue()


_NOT_DECLARED = ("relevant_employees", "full_pay_relevant_employees", "paid_bonus")
_GROUP_COUNTS = (
    "reference_relevant_employees",
    "group_relevant_employees",
    "reference_full_pay_relevant_employees",
    "group_full_pay_relevant_employees",
    "reference_paid_bonus",
    "group_paid_bonus",
)


def groups_csv(gaps: GroupPayGaps) -> str:
    """One row a group, with how many did not declare beside the figures."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    not_declared = [
        f"not_declared_{population}_{part}"
        for population in _NOT_DECLARED
        for part in ("count", "percent")
    ]
    writer.writerow(
        [
            "snapshot",
            "group",
            "kind",
            "reference",
            "suppressed",
            *FIELDS,
            *_GROUP_COUNTS,
            *not_declared,
            "reasons",
            "notes",
        ]
    )
    declared = [
        gaps.not_declared[population][part]
        for population in _NOT_DECLARED
        for part in ("count", "percent")
    ]
    for group in gaps.groups:
        row = group.as_dict()
        writer.writerow(
            row_escape(
                [
                    gaps.snapshot.isoformat() if gaps.snapshot else "",
                    group.group,
                    group.kind,
                    group.reference,
                    "yes" if group.suppressed else "no",
                    *(_cell(row[name]) for name in FIELDS),
                    *(_cell(group.counts.get(name)) for name in _GROUP_COUNTS),
                    *(_cell(v) for v in declared),
                    "; ".join(sorted(set(group.reasons.values()))),
                    " ".join(group.notes),
                ]
            )
        )
    return out.getvalue()


class Command(BaseCommand):
    help = (
        "Work out the gender pay gap from a staff file, exactly as the Equality Act 2010 "
        "(Specific Duties and Public Authorities) Regulations 2017 define it, or the ethnicity "
        "or disability pay gaps with the same measures. Writes JSON to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("staff", type=Path, metavar="STAFF", help="A CSV or Excel file.")
        parser.add_argument(
            "--snapshot",
            required=True,
            metavar="YYYY-MM-DD",
            help="The snapshot date (31 March for public authorities).",
        )
        parser.add_argument("--by", choices=["sex", "ethnicity", "disability"], default="sex")
        parser.add_argument(
            "--reference",
            metavar="GROUP",
            help="The group the others are compared with: by default 'White: English, Welsh, "
            "Scottish, Northern Irish or British' for ethnicity (any of the 19 Census 2021 "
            "groups or a broad group), 'Not disabled' for disability.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="The file's column for one of eqtrack's fields, e.g. --map sex=Gender. "
            "Give --map once for each column named otherwise.",
        )
        parser.add_argument("--format", choices=[*TEXT_FORMATS, *DOCUMENT_FORMATS], default="json")
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="FILE",
            help="Default: standard output (json and csv; html, pdf and docx need a file).",
        )
        parser.add_argument("--title", help="The document's title (html, pdf, docx).")

    def handle(self, *args, **options):
        try:
            snapshot = dt.date.fromisoformat(options["snapshot"])
        except ValueError:
            raise CommandError(
                f"--snapshot: {options['snapshot']!r} is not a date like 2026-03-31"
            ) from None
        if options["reference"] and options["by"] == "sex":
            raise CommandError("--reference is for --by ethnicity or --by disability")
        mapping = _map_option(options["map"])
        if options["format"] in DOCUMENT_FORMATS and not options["output"]:
            raise CommandError(f"--format {options['format']} needs -o FILE")
        if options["by"] != "sex":
            try:
                group_reference(options["by"], options["reference"])
            except ValueError as e:
                raise CommandError(f"--reference: {e}") from None
        try:
            staff = staff_read(
                source_read_bytes(options["staff"]),
                source=str(options["staff"]),
                mapping=mapping,
                snapshot=snapshot,
            )
            result: PayGap | GroupPayGaps
            if options["by"] == "sex":
                result = gender_pay_gap(staff.records, snapshot=snapshot)
            else:
                result = group_pay_gap(
                    staff.records,
                    by=options["by"],
                    reference=options["reference"],
                    snapshot=snapshot,
                )
        except InputError as e:
            raise CommandError(str(e)) from None
        if options["format"] in DOCUMENT_FORMATS:
            by = {"sex": "Gender", "ethnicity": "Ethnicity", "disability": "Disability"}
            title = options["title"] or f"{by[options['by']]} pay gap, {snapshot:%-d %B %Y}"
            options["output"].write_bytes(
                paygap_document(result, file_format=options["format"], title=title)
            )
            self.stderr.write(f"Wrote {options['output']}.")
            return
        if options["format"] == "csv":
            text = gender_csv(result) if isinstance(result, PayGap) else groups_csv(result)
        else:
            text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {options['output']}.")
        else:
            self.stdout.write(text, ending="")
