"""Reading a council's staff file (an HR or payroll extract, CSV or Excel, one row an employee
at a snapshot date) into StaffRecords, every problem reported by line and field at once.

eqtrack's own layout has the columns `employee_id`, `sex`, `ethnic_group`, `disability`,
`date_of_birth`, `grade`, `hourly_pay`, `bonus_pay`, `relevant_employee` and
`full_pay_relevant_employee`; `age`, `full_time`, `starter`, `leaver`, `promoted` and
`grievance` may be added. Another extract's columns are named once with `mapping`
(FIELD → COLUMN). The terms are those of the Equality Act 2010 (Specific Duties and Public
Authorities) Regulations 2017 (SI 2017/353), Schedule 1 paragraph 1(1):

- a *relevant employee* is employed by the authority on the snapshot date (31 March);
- a *full-pay relevant employee* is a relevant employee not paid at a reduced rate or nil in
  the relevant pay period because of leave (annual, maternity, paternity, adoption, parental,
  shared parental, sick or special leave);
- *bonus pay* (paragraph 4) is what was paid in the twelve months ending with the snapshot
  date; pay is counted before deductions at source (paragraph 1(2)).

Hourly pay. A file may give each employee's `hourly_pay` as the regulations define it
(paragraph 6), or the parts it is worked out from, and eqtrack does the sum of paragraph 6:
the ordinary pay (paragraph 3) and any bonus pay (paragraph 4) paid in the relevant pay period
(the pay period in which the snapshot date falls, paragraph 5), a bonus paid for a longer
period than that one already pro-rated to it, added together, multiplied by 7 and divided by
the number of days in the pay period (pay for a week), then divided by the number of working
hours in a week (paragraph 7). Columns: `ordinary_pay`, optional `period_bonus_pay`, and
either `weekly_hours` with `pay_period_days`, or `hours_in_period` (the weekly hours × days /
7 already multiplied out, which gives the same rate).

Accepted spellings, any case:
- sex: Female, F, Woman; Male, M, Man. Blank, "Not known", "Prefer not to say", "Non-binary",
  "Other" or "X" mean not recorded as female or male: the person is left out of the gender
  pay gap (GEO guidance lets an employer leave out someone who does not identify as a man or
  a woman) and counted in its notes. Anything else is an error, so a typo is not lost.
- ethnic group: the 19 Census 2021 categories as ONS writes them, or the answers of the
  standard monitoring question that give them ("Irish", "Any other White background"); blank, "Prefer not to say",
  "Not stated" or "Not known" mean not declared.
- disability: Disabled, Yes, Y; Not disabled, No, N; blank, "Prefer not to say", "Not known"
  mean not declared.
- yes/no: yes, no, y, n, true, false, 1, 0.
- dates: 2026-03-31 or 31/03/2026 (day first), or an Excel date.
- money: 12.50, £12.50, 1,234.56.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from eqtrack.consultations.monitoring import (
    ETHNIC_GROUP,
    SEX,
    categories_of,
    monitoring_question,
    profile_category,
)
from eqtrack.core.cells import cell_unescape
from eqtrack.core.files import FileRefused, InputError, text_decode, zip_check, zip_has

# Census 2021 ethnic group, the 19 categories in ONS's order and wording (TS021): the same
# codes as the consultations' standard monitoring questions, from the one list there.
ETHNIC_GROUPS: tuple[str, ...] = categories_of(ETHNIC_GROUP)
ETHNIC_GROUP_QUESTION = "ethnic_group"  # the monitoring question's key
WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"


def broad_group(ethnic_group: str) -> str:
    """The Census 2021 broad group (of 5) a category belongs to: the words before its colon,
    e.g. "Asian, Asian British or Asian Welsh" or "White"."""
    return ethnic_group.split(":", 1)[0]


BROAD_GROUPS: tuple[str, ...] = tuple(dict.fromkeys(broad_group(g) for g in ETHNIC_GROUPS))

# The monitoring sex question's answers, as the census profile has them.
FEMALE, MALE = categories_of(SEX)
DISABLED, NOT_DISABLED = "Disabled", "Not disabled"

# The fields of a record and whether a file must have a column for each.
REQUIRED_FIELDS = (
    "employee_id",
    "sex",
    "bonus_pay",
    "relevant_employee",
    "full_pay_relevant_employee",
)
OPTIONAL_FIELDS = (
    "ethnic_group",
    "disability",
    "date_of_birth",
    "age",
    "grade",
    "full_time",
    "hourly_pay",
    "ordinary_pay",
    "period_bonus_pay",
    "weekly_hours",
    "pay_period_days",
    "hours_in_period",
    "starter",
    "leaver",
    "promoted",
    "grievance",
)
FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class StaffRecord:
    """One employee at the snapshot date."""

    employee_id: str
    sex: str | None  # "Female", "Male", or None: not recorded as either
    ethnic_group: str | None  # one of ETHNIC_GROUPS, or None: not declared
    disability: str | None  # "Disabled", "Not disabled", or None: not declared
    date_of_birth: dt.date | None
    age: int | None  # at the snapshot date
    grade: str | None
    full_time: bool | None
    hourly_pay: Decimal | None  # Schedule 1 paragraph 6; None only if not full-pay
    bonus_pay: Decimal  # paid in the 12 months ending with the snapshot date (paragraph 4)
    relevant_employee: bool
    full_pay_relevant_employee: bool
    starter: bool | None = None
    leaver: bool | None = None
    promoted: bool | None = None
    grievance: bool | None = None
    line: int = 0  # where the record is in its file, for messages

    @property
    def broad_ethnic_group(self) -> str | None:
        return broad_group(self.ethnic_group) if self.ethnic_group else None


@dataclass(frozen=True)
class StaffFile:
    """The records of one file, the file's own column names, and where it came from."""

    records: list[StaffRecord]
    columns: list[str]
    source: str
    snapshot: dt.date | None = None
    # Fields the file had no column for (their values are None throughout).
    missing_fields: list[str] = field(default_factory=list)


class StaffFileError(InputError):
    """A staff file eqtrack cannot use, with every problem found in it."""

    def __init__(self, source: str, problems: list[str], *, columns: list[str] | None = None):
        self.source = source
        self.problems = problems
        # The file's column headings when it was refused only for columns it lacks, so that
        # mapping them may mend it; None for any other problem.
        self.columns = columns
        shown = problems[:MAX_PROBLEMS_SHOWN]
        message = "\n".join(shown)
        if len(problems) > len(shown):
            message += (
                f"\n{source}: … and {len(problems) - len(shown)} more problems "
                f"({len(problems)} in all)"
            )
        super().__init__(message)


def column_key(text: str) -> str:
    """A column heading or wording compared without case, spacing or underscores."""
    return " ".join(text.replace("_", " ").split()).casefold()


_YES_NO = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "": None,
}
_SEX = {
    "female": FEMALE,
    "f": FEMALE,
    "woman": FEMALE,
    "male": MALE,
    "m": MALE,
    "man": MALE,
    # Not recorded as female or male.
    "": None,
    "not known": None,
    "unknown": None,
    "prefer not to say": None,
    "not stated": None,
    "non-binary": None,
    "non binary": None,
    "other": None,
    "x": None,
}
_NOT_DECLARED = dict.fromkeys(
    ["", "prefer not to say", "not stated", "not known", "unknown", "not declared"]
)
# The 19 categories, and the answers of the monitoring question that give them ("Irish",
# "Any other White background"), for a file from a form that asks the standard question.
_ETHNIC: dict[str, str | None] = (
    {column_key(g): g for g in ETHNIC_GROUPS}
    | {
        column_key(answer): category
        for answer in monitoring_question(ETHNIC_GROUP_QUESTION).options
        if (category := profile_category(ETHNIC_GROUP_QUESTION, answer))
    }
    | _NOT_DECLARED
)
_DISABILITY: dict[str, str | None] = {
    "disabled": DISABLED,
    "yes": DISABLED,
    "y": DISABLED,
    "not disabled": NOT_DISABLED,
    "no": NOT_DISABLED,
    "n": NOT_DISABLED,
} | _NOT_DECLARED
_MONEY = re.compile(r"-?£?-?(?:[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)")
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


_UNREAD = object()


class _Problem(ValueError):
    """What is wrong with one cell."""


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id or a count Excel stored as 1234.0
    return str(value).strip()


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value)
    try:
        return _YES_NO[text.lower()]
    except KeyError:
        raise _Problem(f"{text!r} is not yes or no") from None


def _sex(value: Any) -> str | None:
    text = _text(value)
    try:
        return _SEX[text.lower()]
    except KeyError:
        raise _Problem(f"{text!r} is not Female or Male (nor blank for not recorded)") from None


def _ethnic(value: Any) -> str | None:
    text = _text(value)
    try:
        return _ETHNIC[column_key(text)]
    except KeyError:
        raise _Problem(
            f"{text!r} is not one of the 19 Census 2021 ethnic groups "
            f"(e.g. {WHITE_BRITISH!r}), nor blank for not declared"
        ) from None


def _disability(value: Any) -> str | None:
    text = _text(value)
    try:
        return _DISABILITY[" ".join(text.split()).lower()]
    except KeyError:
        raise _Problem(f"{text!r} is not Disabled or Not disabled (nor blank)") from None


def _decimal(value: Any, *, what: str = "an amount") -> Decimal | None:
    if isinstance(value, bool):
        raise _Problem(f"{value!r} is not {what}")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = _text(value)
        if _PLAIN_NUMBER.fullmatch(text):  # the usual case, quickly
            return Decimal(text)
        if text == "":
            return None
        if not _MONEY.fullmatch(text.replace(" ", "")):
            raise _Problem(f"{text!r} is not {what}")
        try:
            number = Decimal(text.replace(" ", "").replace("£", "").replace(",", ""))
        except InvalidOperation:
            raise _Problem(f"{text!r} is not {what}") from None
    if not number.is_finite():
        raise _Problem(f"{_text(value)!r} is not {what}")
    if number < 0:
        raise _Problem(f"{_text(value)!r} is negative")
    return number


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if text == "":
        return None
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
        day = _UK_DATE.fullmatch(text)
        if day:
            return dt.date(int(day[3]), int(day[2]), int(day[1]))
    except ValueError:
        pass
    raise _Problem(f"{text!r} is not a date like 1980-06-30 or 30/06/1980")


def _age(value: Any) -> int | None:
    number = _decimal(value, what="an age in years")
    if number is None:
        return None
    if number != number.to_integral_value() or number > 120:
        raise _Problem(f"{_text(value)!r} is not an age in years")
    return int(number)


def _age_at(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


_FLAGS = ("full_time", "starter", "leaver", "promoted", "grievance")
_PAY = (
    "hourly_pay",
    "bonus_pay",
    "ordinary_pay",
    "period_bonus_pay",
    "weekly_hours",
    "pay_period_days",
    "hours_in_period",
)
# How each field's cells are read; employee_id and grade are kept as text.
_PARSERS: dict[str, Callable[[Any], Any]] = {
    "sex": _sex,
    "ethnic_group": _ethnic,
    "disability": _disability,
    "date_of_birth": _date,
    "age": _age,
    "relevant_employee": _yes_no,
    "full_pay_relevant_employee": _yes_no,
    **dict.fromkeys(_FLAGS, _yes_no),
    **dict.fromkeys(_PAY, _decimal),
}


def _rows_csv(data: bytes, source: str) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    text = text_decode(data, source=source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise StaffFileError(source, [f"{source}: line 1: the file is empty"]) from None
    except csv.Error as e:
        raise StaffFileError(source, [f"{source}: line 1: {e}"]) from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        end = reader.line_num
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                # Cells eqtrack wrote with a "'" before formula-like text read back as written.
                yield start, [cell_unescape(c) if c[:1] == "'" else c for c in row]
        except csv.Error as e:
            raise StaffFileError(source, [f"{source}: line {end + 1}: {e}"]) from None

    return [cell_unescape(h) for h in header], rows()


def _rows_excel(data: bytes, source: str) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    zip_check(data, source=source)
    # Loaded here: only an Excel file pays for openpyxl.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on a damaged workbook
        raise FileRefused(f"{source}: cannot be read as an Excel workbook ({e})") from None
    sheet = workbook.worksheets[0]
    all_rows = sheet.iter_rows(values_only=True)
    header = next(all_rows, None)
    if header is None:
        raise StaffFileError(source, [f"{source}: line 1: the first sheet is empty"])

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for line, row in enumerate(all_rows, start=2):
            yield line, list(row)

    return [_text(h) for h in header], rows()


def staff_read(
    data: bytes,
    *,
    source: str,
    mapping: dict[str, str] | None = None,
    snapshot: dt.date,
) -> StaffFile:
    """The staff records of a CSV or Excel file, or a StaffFileError listing every problem
    (a FileRefused, as core.files raises it, for a file that is damaged, hostile or not text).

    `mapping` names, for any FIELD, the file's COLUMN that holds it; the other fields are
    looked for under their own names (case, spaces and underscores ignored)."""
    if zip_has(data, "xl/workbook.xml"):
        columns, rows = _rows_excel(data, source)
    else:
        columns, rows = _rows_csv(data, source)
    problems: list[str] = []
    mapping = mapping or {}
    for name in mapping:
        if name not in FIELDS:
            problems.append(
                f"{source}: field {name}: eqtrack has no such field (the fields are "
                f"{', '.join(FIELDS)})"
            )
    at = {column_key(c): i for i, c in reversed(list(enumerate(columns))) if c}
    where: dict[str, int] = {}
    for name in FIELDS:
        column = mapping.get(name, name)
        if column_key(column) in at:
            where[name] = at[column_key(column)]
        elif name in REQUIRED_FIELDS or name in mapping:
            problems.append(
                f"{source}: line 1, field {name}: no column {column!r}"
                + (
                    ""
                    if name in mapping
                    else f" (use --map {name}=COLUMN if it is named otherwise)"
                )
            )
    has_hours = "hours_in_period" in where or {"weekly_hours", "pay_period_days"} <= set(where)
    if "hourly_pay" not in where and not ("ordinary_pay" in where and has_hours):
        problems.append(
            f"{source}: line 1, field hourly_pay: no column 'hourly_pay', nor 'ordinary_pay' "
            "with 'hours_in_period' (or 'weekly_hours' and 'pay_period_days') to work it out from"
        )
    if problems:
        # Only columns missing (no field the mapping named is unknown): mapping may mend it.
        only_columns = all(": line 1, field " in problem for problem in problems)
        raise StaffFileError(
            source, problems, columns=[c for c in columns if c] if only_columns else None
        )

    # Each field's column and reader, worked out once for the file, left to right.
    plan: list[tuple[str, int, Callable[[Any], Any], dict[str, Any]]] = sorted(
        ((name, index, _PARSERS[name], {}) for name, index in where.items() if name in _PARSERS),
        key=lambda step: step[1],
    )
    id_at, grade_at = where["employee_id"], where.get("grade")
    records: list[StaffRecord] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        width = len(row)
        if not any(row) or not any(map(_text, row)):
            continue  # a blank line, often at the end of an export
        values: dict[str, Any] = {}
        bad: list[str] = []
        for name, index, parse, memo in plan:
            raw = row[index] if index < width else None
            # Most cells repeat (Female, yes, a grade's rate): each is read once a file.
            value = memo.get(raw, _UNREAD) if type(raw) is str else _UNREAD
            if value is _UNREAD:
                try:
                    value = parse(raw)
                except _Problem as e:
                    problems.append(f"{source}: line {line}, field {name}: {e}")
                    bad.append(name)
                    continue
                if type(raw) is str:
                    memo[raw] = value
            values[name] = value
        employee_id = _text(row[id_at]) if id_at < width else ""
        grade = _text(row[grade_at]) if grade_at is not None and grade_at < width else ""
        if not employee_id:
            problems.append(f"{source}: line {line}, field employee_id: is empty")
        elif employee_id in seen:
            problems.append(
                f"{source}: line {line}, field employee_id: {employee_id!r} is also on "
                f"line {seen[employee_id]}"
            )
        else:
            seen[employee_id] = line
        record = _record(employee_id, grade, values, bad, line, source, snapshot, problems)
        if record is not None and not bad:
            records.append(record)
    if problems:
        raise StaffFileError(source, problems)
    if not records:
        raise StaffFileError(source, [f"{source}: line 2: the file has no employees"])
    return StaffFile(
        records=records,
        columns=columns,
        source=source,
        snapshot=snapshot,
        missing_fields=[f for f in FIELDS if f not in where],
    )


def _record(
    employee_id: str,
    grade: str,
    values: dict[str, Any],
    bad: list[str],
    line: int,
    source: str,
    snapshot: dt.date,
    problems: list[str],
) -> StaffRecord | None:
    """One row's values, checked together, as a record; or None with the problems added."""
    before = len(problems)

    def problem(name: str, what: str) -> None:
        problems.append(f"{source}: line {line}, field {name}: {what}")

    born = values.get("date_of_birth")
    if born is not None and born >= snapshot:
        problem(
            "date_of_birth",
            f"{born.isoformat()} is not before the snapshot date {snapshot.isoformat()}",
        )
    relevant = values.get("relevant_employee")
    full_pay = values.get("full_pay_relevant_employee")
    for name, value in (("relevant_employee", relevant), ("full_pay_relevant_employee", full_pay)):
        if value is None and name not in bad:
            problem(name, "yes or no is missing")
    if full_pay and relevant is False:
        problem(
            "full_pay_relevant_employee",
            "is yes but relevant_employee is no (a full-pay relevant employee is a relevant "
            "employee)",
        )
    hourly = values.get("hourly_pay")
    if hourly is None and "hourly_pay" not in bad and values.get("ordinary_pay") is not None:
        hourly = _hourly_from_parts(values, problem)
    if full_pay and hourly is None and not bad and len(problems) == before:
        problem("hourly_pay", "is missing for a full-pay relevant employee")
    if bad or len(problems) > before:
        return None
    return StaffRecord(
        employee_id=employee_id,
        sex=values.get("sex"),
        ethnic_group=values.get("ethnic_group"),
        disability=values.get("disability"),
        date_of_birth=born,
        age=_age_at(born, snapshot) if born else values.get("age"),
        grade=grade or None,
        full_time=values.get("full_time"),
        hourly_pay=hourly,
        bonus_pay=values.get("bonus_pay") or Decimal(0),
        relevant_employee=bool(relevant),
        full_pay_relevant_employee=bool(full_pay),
        starter=values.get("starter"),
        leaver=values.get("leaver"),
        promoted=values.get("promoted"),
        grievance=values.get("grievance"),
        line=line,
    )


def hourly_rate_of_pay(
    *,
    ordinary_pay: Decimal,
    period_bonus_pay: Decimal = Decimal(0),
    weekly_hours: Decimal | None = None,
    pay_period_days: Decimal | None = None,
    hours_in_period: Decimal | None = None,
) -> Decimal:
    """SI 2017/353 Schedule 1 paragraph 6: the ordinary pay and bonus pay paid in the relevant
    pay period (a bonus for a longer period already pro-rated to it), × 7 ÷ the days in the
    pay period (a week's pay), ÷ the working hours in a week (paragraph 7). With the hours in
    the period given instead, pay ÷ hours, which is the same when hours = weekly hours × days
    ÷ 7."""
    pay = ordinary_pay + period_bonus_pay
    if hours_in_period is not None:
        return pay / hours_in_period
    if weekly_hours is None or pay_period_days is None:
        raise ValueError("give hours_in_period, or weekly_hours and pay_period_days")
    return pay * 7 / pay_period_days / weekly_hours


def _hourly_from_parts(
    values: dict[str, Any], problem: Callable[[str, str], None]
) -> Decimal | None:
    """Paragraph 6 from a row's ordinary pay, period bonus and hours, or None with a problem."""
    hours = values.get("hours_in_period")
    weekly = values.get("weekly_hours")
    days = values.get("pay_period_days")
    for name, value in (
        ("hours_in_period", hours),
        ("weekly_hours", weekly),
        ("pay_period_days", days),
    ):
        if value == 0:
            problem(name, "is 0")
            return None
    if hours is None and (weekly is None or days is None):
        problem(
            "hours_in_period",
            "is missing, and so are weekly_hours and pay_period_days, so hourly pay cannot be "
            "worked out from ordinary_pay",
        )
        return None
    return hourly_rate_of_pay(
        ordinary_pay=values["ordinary_pay"],
        period_bonus_pay=values.get("period_bonus_pay") or Decimal(0),
        weekly_hours=weekly,
        pay_period_days=days,
        hours_in_period=hours,
    )
