"""A tender's score sheet (the award report) as accessible XLSX, tagged PDF and Word, and each
bidder's debrief letter (its assessment summary) as Word and tagged PDF: the contents worked out
once from `results.tender_results`, then one writer per format, as workforce.snapshot_documents
does it, with the committee reports' writers' helpers.

Every figure is the scoring engine's, shown to two decimal places (`scoring.shown`); in the
spreadsheet it is a number, not text, so that a council can check the sums."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from docx.enum.section import WD_ORIENT

from eqtrack.core.cells import sheet_append
from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.spreadsheets import XLSX
from eqtrack.reports.writers.word import word_bytes, word_document, word_table

from .models import (
    MINIMUM_SOCIAL_VALUE_WEIGHT,
    Bid,
    Contract,
    Criterion,
    QuantitativeMethod,
    TenderStage,
)
from .results import Agreed, BidLine, LotResults, ScoreGiven, TenderResults
from .scoring import shown

SCORE_SHEET_FORMATS = ("xlsx", "pdf", "docx", "html")
DEBRIEF_FORMATS = ("docx", "pdf", "html")
CONTENT_TYPES = {
    "xlsx": XLSX,
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}

# The citations every score sheet and letter ends with (the research notes' strings).
SOURCES = [
    "Award: the most advantageous tender assessed against the award criteria (Procurement Act "
    "2023, s.19(2)); the award criteria and their weighting as a percentage of their total "
    "importance (Procurement Act 2023, s.23(2) and s.23(3)(b)(i)).",
    "Social value: the council considers how what it procures might improve the economic, "
    "social and environmental well-being of its area (Public Services (Social Value) Act 2012, "
    "s.1(3)); PPN 002, Taking account of social value in the award of central government "
    "contracts (Cabinet Office, 13 February 2025), asks for social value to carry at least 10% "
    "of the total score.",
]
STATUTE_50 = (
    "This letter is the assessment summary that section 50 of the Procurement Act 2023 asks "
    "for: your bid's scores against the award criteria, the scores of the most advantageous "
    "tender, and the reasons for them."
)

EVALUATOR_HEADINGS = ["Evaluator", "Declared on", "Conflict of interest", "Details"]
COMMITMENT_HEADINGS = ["Supplier", "Measure", "Quantity", "By"]
MODERATION_HEADINGS = ["Supplier", "Criterion", "Each evaluator's score", "Agreed score", "Reason"]

CRITERIA = (
    (Criterion.QUALITY, "Quality"),
    (Criterion.SOCIAL_VALUE, "Social value (answer)"),
)


# The spreadsheet's number formats: scores to two places, pounds, quantities, ranks, dates.
TWO_DP = "0.00"
POUNDS = '"£"#,##0.00'
QUANTITY = "#,##0.##"
WHOLE = "0"
DATE = "d mmmm yyyy"


class DocumentNotReady(ValueError):
    """The tender is not at the stage the document needs; the message says what is missing."""


# --- What every format shows ------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One line of the tender and its evaluation model; `number` (with its spreadsheet number
    format) where the spreadsheet keeps it as a number."""

    label: str
    text: str
    number: Decimal | None = None
    number_format: str = ""


@dataclass(frozen=True)
class RankingRow:
    supplier: str
    price: Decimal
    price_score: Decimal
    quality: Decimal
    answer: Decimal
    commitments: Decimal
    total: Decimal
    rank: int
    tied: bool

    @property
    def price_shown(self) -> str:
        return pounds(self.price)

    @property
    def rank_label(self) -> str:
        """The rank, marked "=" where another bid has the same total."""
        return f"={self.rank}" if self.tied else str(self.rank)

    def shown_cells(self) -> list[str]:
        return [
            self.supplier,
            pounds(self.price),
            *(str(v) for v in (self.price_score, self.quality, self.answer, self.commitments)),
            str(self.total),
            self.rank_label,
        ]


@dataclass(frozen=True)
class CommitmentRow:
    supplier: str
    code: str
    measure: str
    quantity: Decimal
    unit: str
    due_on: dt.date

    @property
    def quantity_shown(self) -> str:
        return plain(self.quantity)

    def shown_cells(self, *, with_supplier: bool = True) -> list[str]:
        cells = [
            f"{self.code} {self.measure}",
            f"{self.quantity_shown} {self.unit}",
            long_date(self.due_on),
        ]
        return [self.supplier, *cells] if with_supplier else cells


@dataclass(frozen=True)
class ModerationRow:
    """One bid's scores on one criterion: each evaluator's own, and the agreed one."""

    supplier: str
    criterion: str
    agreed: Agreed

    @property
    def agreed_score(self) -> str:
        return str(shown(self.agreed.score))

    @property
    def outcome(self) -> str:
        if not self.agreed.given:
            return "No evaluator's own score is recorded; the agreed score stands alone."
        if self.agreed.changed:
            return self.agreed.reason or "No reason recorded."
        return "Not changed: every evaluator gave the agreed score."

    def given_lines(self) -> list[str]:
        return [
            f"{g.evaluator}: {shown(g.score)}" + (f" ({g.rationale})" if g.rationale else "")
            for g in self.agreed.given
        ] or ["None recorded"]


@dataclass(frozen=True)
class LotSheet:
    name: str
    ranking: list[RankingRow]
    commitments: list[CommitmentRow]
    moderation: list[ModerationRow]


@dataclass(frozen=True)
class EvaluatorRow:
    name: str
    declared: str
    conflict: str
    details: str


@dataclass(frozen=True)
class Model:
    """The evaluation model as every document states it."""

    facts: list[Fact]
    low_weighting_reason: str | None
    descriptors: list[tuple[str, str]]
    formulas: list[tuple[str, str]]
    ranking_headings: list[str]


@dataclass(frozen=True)
class ScoreSheet:
    title: str
    organisation: str
    model: Model
    evaluators: list[EvaluatorRow]
    lots: list[LotSheet]
    made_on: dt.date
    sources: list[str] = field(default_factory=lambda: list(SOURCES))


def pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def plain(value: Decimal) -> str:
    """A weight or quantity without trailing zeros: 50, 7.5, 104."""
    return format(value.normalize(), "f")


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _person(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def _model(results: TenderResults, *, internal: bool = True) -> Model:
    """The evaluation model; `internal` adds who recorded and confirmed the agreed scores
    (the award report's, not a letter's)."""
    tender, model = results.tender, results.model
    scale = tender.get_scale_display()
    facts = [
        Fact("Title", tender.title),
        Fact("Reference", tender.reference),
        Fact("Estimated contract value", pounds(tender.value), tender.value, POUNDS),
        Fact("Stage", tender.get_stage_display()),
        Fact("Price weight (%)", plain(model.price_weight), model.price_weight, TWO_DP),
        Fact("Quality weight (%)", plain(model.quality_weight), model.quality_weight, TWO_DP),
        Fact(
            "Social value weight (%)",
            plain(model.social_value_weight),
            model.social_value_weight,
            TWO_DP,
        ),
        Fact(
            "Of which, the qualitative answer (%)",
            plain(model.qualitative_weight),
            model.qualitative_weight,
            TWO_DP,
        ),
        Fact(
            "Of which, the commitments (%)",
            plain(model.quantitative_weight),
            model.quantitative_weight,
            TWO_DP,
        ),
        Fact("How the commitments are scored", tender.get_quantitative_method_display()),
        Fact("Scoring scale for quality and the social value answer", scale),
    ]
    for measure in tender.measures.all():
        proxy = (
            f"; proxy value {pounds(measure.proxy_value)} a unit"
            if measure.proxy_value is not None
            else ""
        )
        facts.append(
            Fact(f"Measure {measure.code}", f"{measure.name} (counted in {measure.unit}{proxy})")
        )
    if internal and tender.moderated_by_id:
        confirmed = (
            f", confirmed by {_person(tender.moderation_confirmed_by)}"
            if tender.moderation_confirmed_by_id
            else ", not yet confirmed by a second person"
        )
        facts.append(
            Fact("Agreed scores", f"Recorded by {_person(tender.moderated_by)}{confirmed}")
        )
    low = None
    if tender.social_value_weight < MINIMUM_SOCIAL_VALUE_WEIGHT:
        low = tender.low_weighting_reason or "No reason is recorded."
    descriptors = []
    for item in tender.descriptors or []:
        if isinstance(item, dict):
            descriptors.append((str(item.get("score", "")), str(item.get("descriptor", ""))))
    if model.quantitative_share == 0:
        commitments = "Not scored: the whole social value weight is on the answer."
    elif tender.quantitative_method == QuantitativeMethod.PROXY_VALUE:
        commitments = (
            "social value weight × quantitative share × the bid's commitments in pounds (each "
            "quantity × its measure's proxy value, summed) ÷ the largest such total in the lot"
        )
    else:
        commitments = (
            "social value weight × quantitative share × the average, over the tender's "
            "measures, of the bid's quantity ÷ the largest quantity any bid in the lot offers "
            "(0 where no bid offers any)"
        )
    formulas = [
        ("Price", "price weight × the lowest price in the lot ÷ the bid's price"),
        ("Quality", "quality weight × the agreed score ÷ the top of the scale"),
        (
            "Social value (answer)",
            "social value weight × (1 − quantitative share) × the agreed score ÷ the top of "
            "the scale",
        ),
        ("Social value (commitments)", commitments),
        (
            "Total and rank",
            "the sum of the four scores; bids are ranked on their unrounded totals, and equal "
            "totals share a rank (marked =). Every figure is shown to two decimal places, "
            "halves rounded up.",
        ),
    ]
    out_of = (
        ("Price score", model.price_weight),
        ("Quality", model.quality_weight),
        ("Social value (answer)", model.qualitative_weight),
        ("Social value (commitments)", model.quantitative_weight),
        ("Total", Decimal(100)),
    )
    headings = [
        "Supplier",
        "Price",
        *(f"{name} (out of {plain(weight)})" for name, weight in out_of),
        "Rank",
    ]
    return Model(facts, low, descriptors, formulas, headings)


def _ranking_row(line: BidLine) -> RankingRow:
    result = line.result
    if result is None:  # score_sheet checks results.complete first
        raise DocumentNotReady(f"{line.bid.supplier}: the agreed scores are not all recorded")
    return RankingRow(
        supplier=line.bid.supplier,
        price=line.bid.price,
        price_score=shown(result.price_score),
        quality=shown(result.quality_score),
        answer=shown(result.qualitative_score),
        commitments=shown(result.quantitative_score),
        total=shown(result.total),
        rank=result.rank,
        tied=result.tied,
    )


def _commitment_rows(bid: Bid) -> list[CommitmentRow]:
    # The bid's commitments come prefetched with their measures (results.tender_results).
    return [
        CommitmentRow(
            bid.supplier, c.measure.code, c.measure.name, c.quantity, c.measure.unit, c.due_on
        )
        for c in bid.commitments.all()
    ]


def _lot_sheet(lot: LotResults) -> LotSheet:
    moderation = [
        ModerationRow(line.bid.supplier, label, line.agreed[criterion])
        for line in lot.lines
        for criterion, label in CRITERIA
        if criterion in line.agreed
    ]
    return LotSheet(
        name=lot.lot.name,
        ranking=[_ranking_row(line) for line in lot.lines],
        commitments=[row for line in lot.lines for row in _commitment_rows(line.bid)],
        moderation=moderation,
    )


def _evaluators(results: TenderResults) -> list[EvaluatorRow]:
    rows = []
    for evaluator in results.tender.evaluators.select_related("user").order_by("pk"):
        if evaluator.declared_at is None:
            declared, conflict = "Not yet declared", "Not yet declared"
        else:
            declared = long_date(timezone.localtime(evaluator.declared_at).date())
            conflict = (
                "Declared a conflict of interest, so scored nothing"
                if evaluator.has_conflict
                else "No conflict of interest"
            )
        rows.append(
            EvaluatorRow(
                _person(evaluator.user), declared, conflict, evaluator.conflict_details or "None"
            )
        )
    return rows


def score_sheet_content(results: TenderResults) -> ScoreSheet:
    """The score sheet's contents, for every format alike; refused until every lot's bids have
    their agreed scores."""
    if not results.complete:
        raise DocumentNotReady(
            "The score sheet is ready once every bid in every lot has its agreed scores "
            "(quality and the social value answer) from moderation."
        )
    tender = results.tender
    return ScoreSheet(
        title=f"Score sheet: {tender.reference} {tender.title}",
        organisation=tender.organisation.name,
        model=_model(results),
        evaluators=_evaluators(results),
        lots=[_lot_sheet(lot) for lot in results.lots],
        made_on=timezone.localdate(),
    )


def score_sheet(results: TenderResults, *, file_format: str) -> bytes:
    """The award report: the tender and its evaluation model (with the reason for a social
    value weighting under 10% where there is one), the evaluators and their declarations, each
    lot's bids ranked with their commitments, and the moderation record. As "xlsx", "pdf",
    "docx", or "html" (the PDF's source)."""
    if file_format not in SCORE_SHEET_FORMATS:
        raise ValueError(
            f"{file_format!r}: a score sheet is one of {', '.join(SCORE_SHEET_FORMATS)}"
        )
    sheet = score_sheet_content(results)
    if file_format == "xlsx":
        return _score_sheet_xlsx(sheet)
    if file_format == "docx":
        return _score_sheet_docx(sheet)
    html = render_to_string(
        "procurement/documents_score_sheet.html", {"sheet": sheet, "title": sheet.title}
    )
    if file_format == "html":
        return html.encode()
    return pdf_from_html(html)


# --- The spreadsheet --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Num:
    """A spreadsheet cell kept as a number (or date), with how it is shown."""

    value: Decimal | int | dt.date
    number_format: str


def _sheet(worksheet: Any, header: list[str], rows: Iterable[list[Any]], widths: list[int]) -> None:
    """A sheet of one table: a bold, frozen header row, wrapped text, the columns' widths;
    text always a string cell (never a formula), numbers numbers."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet_append(worksheet, header)
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet_append(worksheet, [c.value if isinstance(c, _Num) else c for c in row])
        for cell, value in zip(worksheet[worksheet.max_row], row, strict=True):
            if isinstance(value, _Num):
                cell.number_format = value.number_format
            else:
                cell.alignment = wrap
    worksheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width


def _sheet_name(name: str, used: set[str]) -> str:
    """A worksheet name from a lot's: no character Excel refuses, at most 31 characters, and
    none used twice (the fixed sheets' names included)."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in name).strip(" '") or "Lot"
    candidate, n = cleaned[:31], 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _score_sheet_xlsx(sheet: ScoreSheet) -> bytes:
    # openpyxl takes a third of a second to load: only a spreadsheet download pays for it.
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    model = workbook.active
    model.title = "Model"
    used = {"model", "evaluators", "commitments", "moderation"}
    rows: list[list[Any]] = []
    # The reason for a low weighting goes first, in bold, where no reader can miss it.
    if sheet.model.low_weighting_reason is not None:
        rows.append(["Why social value weighs less than 10%", sheet.model.low_weighting_reason])
    rows += [["Score sheet", sheet.title], ["Council", sheet.organisation]]
    rows += [
        [f.label, _Num(f.number, f.number_format) if f.number is not None else f.text]
        for f in sheet.model.facts
    ]
    rows += [
        [f"Score {score} on the scale means", words] for score, words in sheet.model.descriptors
    ]
    rows += [[f"Formula: {part}", words] for part, words in sheet.model.formulas]
    rows += [["Source", source] for source in sheet.sources]
    rows.append(["Made on", _Num(sheet.made_on, DATE)])
    _sheet(model, ["Item", "Value"], rows, [45, 100])
    if sheet.model.low_weighting_reason is not None:
        for cell in model[2]:
            cell.font = Font(bold=True)

    evaluators = workbook.create_sheet("Evaluators")
    _sheet(
        evaluators,
        EVALUATOR_HEADINGS,
        [[e.name, e.declared, e.conflict, e.details] for e in sheet.evaluators],
        [30, 20, 45, 60],
    )
    for lot in sheet.lots:
        worksheet = workbook.create_sheet(_sheet_name(lot.name, used))
        _sheet(
            worksheet,
            [*sheet.model.ranking_headings, "Tied with another bid"],
            [
                [
                    r.supplier,
                    _Num(r.price, POUNDS),
                    *(
                        _Num(v, TWO_DP)
                        for v in (r.price_score, r.quality, r.answer, r.commitments, r.total)
                    ),
                    _Num(r.rank, WHOLE),
                    "Yes" if r.tied else "No",
                ]
                for r in lot.ranking
            ],
            [30, 16, 16, 16, 18, 20, 14, 8, 12],
        )
    commitments = workbook.create_sheet("Commitments")
    _sheet(
        commitments,
        ["Lot", "Supplier", "Measure code", "Measure", "Quantity", "Unit", "By"],
        [
            [
                lot.name,
                c.supplier,
                c.code,
                c.measure,
                _Num(c.quantity, QUANTITY),
                c.unit,
                _Num(c.due_on, DATE),
            ]
            for lot in sheet.lots
            for c in lot.commitments
        ],
        [16, 30, 14, 45, 12, 14, 18],
    )
    moderation = workbook.create_sheet("Moderation")
    moderation_rows: list[list[Any]] = []
    for lot in sheet.lots:
        for m in lot.moderation:
            agreed = _Num(shown(m.agreed.score), TWO_DP)
            changed = "Yes" if m.agreed.changed else "No"
            given: list[ScoreGiven | None] = list(m.agreed.given) or [None]
            for g in given:
                moderation_rows.append(
                    [
                        lot.name,
                        m.supplier,
                        m.criterion,
                        g.evaluator if g else "None recorded",
                        _Num(shown(g.score), TWO_DP) if g else None,
                        g.rationale if g else "",
                        agreed,
                        changed,
                        m.outcome,
                    ]
                )
    _sheet(
        moderation,
        [
            "Lot",
            "Supplier",
            "Criterion",
            "Evaluator",
            "Evaluator's score",
            "Evaluator's reasons",
            "Agreed score",
            "Changed at moderation",
            "Reason for the agreed score",
        ],
        moderation_rows,
        [16, 30, 22, 26, 12, 50, 12, 14, 50],
    )
    workbook.properties.title = sheet.title
    workbook.properties.language = "en-GB"
    workbook.properties.creator = sheet.organisation
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- The Word document ------------------------------------------------------------------------


def _landscape(document: Any) -> None:
    """The ranking table is wide: landscape pages, as councils print it."""
    for section in document.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width


def _low_weighting_docx(document: Any, reason: str | None) -> None:
    if reason is None:
        return
    document.add_heading("Social value weighs less than 10%", level=2)
    paragraph = document.add_paragraph()
    paragraph.add_run(
        "PPN 002 asks for social value to carry at least 10% of the total score. The reason "
        "recorded for this tender's lower weighting: "
    )
    paragraph.add_run(reason).bold = True


def _model_docx(document: Any, model: Model, *, level: int) -> None:
    word_table(document, ["Item", "Value"], [[f.label, f.text] for f in model.facts])
    document.add_heading("The scoring scale", level=level + 1)
    if model.descriptors:
        word_table(document, ["Score", "What it means"], [list(d) for d in model.descriptors])
    else:
        document.add_paragraph("No descriptors are recorded for the scale.")
    document.add_heading("How each score is worked out", level=level + 1)
    word_table(document, ["Score", "Formula"], [list(f) for f in model.formulas])


def _score_sheet_docx(sheet: ScoreSheet) -> bytes:
    document = word_document(sheet.title)
    _landscape(document)
    document.core_properties.author = sheet.organisation
    document.add_paragraph(sheet.organisation)
    document.add_heading(sheet.title, level=1)
    _low_weighting_docx(document, sheet.model.low_weighting_reason)
    document.add_heading("The tender and its evaluation model", level=2)
    _model_docx(document, sheet.model, level=2)
    document.add_heading("Evaluators and their declarations", level=2)
    if sheet.evaluators:
        word_table(
            document,
            EVALUATOR_HEADINGS,
            [[e.name, e.declared, e.conflict, e.details] for e in sheet.evaluators],
        )
    else:
        document.add_paragraph("No evaluators are recorded.")
    for lot in sheet.lots:
        document.add_heading(lot.name, level=2)
        document.add_heading("Bids ranked by total score", level=3)
        word_table(document, sheet.model.ranking_headings, [r.shown_cells() for r in lot.ranking])
        document.add_heading("Commitments", level=3)
        if lot.commitments:
            word_table(
                document,
                COMMITMENT_HEADINGS,
                [c.shown_cells() for c in lot.commitments],
            )
        else:
            document.add_paragraph("No bid in this lot made a commitment.")
        document.add_heading("Moderation record", level=3)
        word_table(
            document,
            MODERATION_HEADINGS,
            [
                [m.supplier, m.criterion, "\n".join(m.given_lines()), m.agreed_score, m.outcome]
                for m in lot.moderation
            ],
        )
    document.add_heading("Sources", level=2)
    for source in sheet.sources:
        document.add_paragraph(source)
    document.add_paragraph(f"Made by eqtrack on {long_date(sheet.made_on)}.")
    return word_bytes(document)


# --- The debrief letter -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reasons:
    """Why one bid scored as it did on one criterion: its agreed score, the moderation's reason
    for a change, and what the evaluators wrote (without their names)."""

    criterion: str
    agreed: str
    moderation: str
    written: list[str]


@dataclass(frozen=True)
class BidSummary:
    supplier: str
    row: RankingRow
    reasons: list[Reasons]
    commitments: list[CommitmentRow]


@dataclass(frozen=True)
class Debrief:
    title: str
    organisation: str
    tender_line: str
    lot: str
    bids: int
    own: BidSummary
    winner: BidSummary | None  # None when the bid is the winner
    outcome: str
    score_headings: list[str]
    score_rows: list[list[str]]
    model: Model
    made_on: dt.date
    statute: str = STATUTE_50
    sources: list[str] = field(default_factory=lambda: list(SOURCES))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reasons(line: BidLine, scale: str) -> list[Reasons]:
    reasons = []
    for criterion, label in CRITERIA:
        agreed = line.agreed.get(criterion)
        if agreed is None:
            continue
        written = []
        for given in agreed.given:
            if given.rationale and given.rationale not in written:
                written.append(given.rationale)
        reasons.append(
            Reasons(
                label,
                f"{shown(agreed.score)} on the scale {scale}",
                agreed.reason if agreed.changed else "",
                written,
            )
        )
    return reasons


def _summary(line: BidLine, scale: str) -> BidSummary:
    return BidSummary(
        line.bid.supplier, _ranking_row(line), _reasons(line, scale), _commitment_rows(line.bid)
    )


def _winning_line(lot: LotResults) -> BidLine:
    """The lot's winning bid: the one it was awarded to (Lot.awarded_bid), else the one its
    contract names, else the one bid ranked first on its own."""
    awarded = set(Contract.objects.live().filter(bid__lot=lot.lot).values_list("bid_id", flat=True))
    if lot.lot.awarded_bid_id is not None:
        awarded = {lot.lot.awarded_bid_id}
    for line in lot.lines:
        if line.bid.pk in awarded:
            return line
    first = [line for line in lot.lines if line.result is not None and line.result.rank == 1]
    if len(first) != 1:
        raise DocumentNotReady(
            f"{lot.lot.name}: the top bids have equal totals, and no contract names the winner"
        )
    return first[0]


def debrief_content(results: TenderResults, bid: Bid) -> Debrief:
    """The letter's contents: this bid's scores and rank, the winning bid's scores, and the
    reasons for both; nothing of any other bid. Refused until the tender is awarded."""
    if results.tender.stage != TenderStage.AWARDED:
        raise DocumentNotReady("The debrief letters are ready once the contract is awarded.")
    lot = next(
        (lot for lot in results.lots if any(line.bid.pk == bid.pk for line in lot.lines)), None
    )
    if lot is None:
        raise DocumentNotReady(f"{bid.supplier}: not a bid of {results.tender.reference}")
    if not lot.complete:
        raise DocumentNotReady(
            f"{lot.lot.name}: the letters are ready once every bid has its agreed scores"
        )
    tender = results.tender
    scale = tender.get_scale_display()
    own_line = next(line for line in lot.lines if line.bid.pk == bid.pk)
    winning_line = _winning_line(lot)
    own = _summary(own_line, scale)
    winner = None if winning_line.bid.pk == bid.pk else _summary(winning_line, scale)
    model = _model(results, internal=False)
    place = f"{'joint ' if own.row.tied else ''}{ordinal(own.row.rank)} of {len(lot.lines)}"
    if winner is None:
        outcome = (
            f"Your bid scored {own.row.total} out of 100 and ranked {place}: it is the most "
            "advantageous tender (Procurement Act 2023, s.19(2))."
        )
    else:
        outcome = (
            f"Your bid scored {own.row.total} out of 100 and ranked {place}. The most "
            f"advantageous tender (Procurement Act 2023, s.19(2)) was {winner.supplier}'s, "
            f"which scored {winner.row.total}."
        )
    # The ranking table's score columns ("Quality (out of 35)", …), one row each here.
    headings = model.ranking_headings[2:-1]
    attributes = ("price_score", "quality", "answer", "commitments", "total")
    rows = []
    for heading, attribute in zip(headings, attributes, strict=True):
        cells = [heading, str(getattr(own.row, attribute))]
        if winner is not None:
            cells.append(str(getattr(winner.row, attribute)))
        rows.append(cells)
    score_headings = ["Score", "Your bid"] + (
        [f"{winner.supplier} (winning bid)"] if winner else []
    )
    return Debrief(
        title=f"Assessment summary for {bid.supplier}: {tender.reference} {tender.title}",
        organisation=tender.organisation.name,
        tender_line=f"{tender.reference} {tender.title}",
        lot=lot.lot.name,
        bids=len(lot.lines),
        own=own,
        winner=winner,
        outcome=outcome,
        score_headings=score_headings,
        score_rows=rows,
        model=model,
        made_on=timezone.localdate(),
    )


def debrief_letter(results: TenderResults, bid: Bid, *, file_format: str) -> bytes:
    """One bidder's debrief letter: the assessment summary that the Procurement Act 2023,
    section 50, asks a contracting authority to give each supplier that submitted an assessed
    tender before it enters into the contract. It gives the bidder's own scores and rank, the
    winning bid's scores, and the reasons for both (the agreed scores, any change made at
    moderation and why, and what the evaluators wrote, without their names); no other losing
    bidder's name or figures. As "docx", "pdf", or "html" (the PDF's source)."""
    if file_format not in DEBRIEF_FORMATS:
        raise ValueError(
            f"{file_format!r}: a debrief letter is one of {', '.join(DEBRIEF_FORMATS)}"
        )
    letter = debrief_content(results, bid)
    if file_format == "docx":
        return _debrief_docx(letter)
    html = render_to_string(
        "procurement/documents_debrief.html", {"letter": letter, "title": letter.title}
    )
    if file_format == "html":
        return html.encode()
    return pdf_from_html(html)


def _bid_reasons_docx(document: Any, summary: BidSummary, *, whose: str) -> None:
    for reasons in summary.reasons:
        document.add_heading(reasons.criterion, level=3)
        document.add_paragraph(f"The agreed score is {reasons.agreed}.")
        if reasons.moderation:
            document.add_paragraph(
                f"The moderation meeting changed the evaluators' scores: {reasons.moderation}"
            )
        if reasons.written:
            document.add_paragraph("What the evaluators wrote:")
            for text in reasons.written:
                document.add_paragraph(text, style="List Bullet")
    document.add_heading("Social value (commitments)", level=3)
    if summary.commitments:
        document.add_paragraph(f"What {whose} committed to:")
        for c in summary.commitments:
            document.add_paragraph(
                f"{c.code} {c.measure}: {c.quantity_shown} {c.unit} by {long_date(c.due_on)}",
                style="List Bullet",
            )
    else:
        document.add_paragraph("No commitments.")


def _debrief_docx(letter: Debrief) -> bytes:
    document = word_document(letter.title)
    document.core_properties.author = letter.organisation
    document.add_paragraph(letter.organisation)
    document.add_paragraph(long_date(letter.made_on))
    document.add_heading(letter.title, level=1)
    document.add_paragraph(
        f"To {letter.own.supplier}: the outcome of {letter.tender_line}, {letter.lot}."
    )
    document.add_paragraph(letter.statute)
    _low_weighting_docx(document, letter.model.low_weighting_reason)
    document.add_heading("The outcome", level=2)
    document.add_paragraph(letter.outcome)
    document.add_heading("The scores", level=2)
    word_table(document, letter.score_headings, letter.score_rows)
    document.add_heading("Why your bid scored as it did", level=2)
    document.add_paragraph(f"Your price: {letter.own.row.price_shown}")
    _bid_reasons_docx(document, letter.own, whose="your bid")
    if letter.winner is not None:
        document.add_heading(f"Why {letter.winner.supplier}'s bid scored as it did", level=2)
        _bid_reasons_docx(document, letter.winner, whose="the winning bid")
    document.add_heading("How the bids were scored", level=2)
    _model_docx(document, letter.model, level=2)
    document.add_heading("Sources", level=2)
    for source in letter.sources:
        document.add_paragraph(source)
    return word_bytes(document)
