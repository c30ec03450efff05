"""A survey's questions on paper, for people who answer that way: an accessible Word document
(real headings and lists, title and language set) and a tagged PDF (PDF/UA, the reports' own
writer), each question with its hint, its answers as tick boxes (☐) and its routing written
in words ("If you answered “Yes” to question 3, answer question 4. If not, go to question
5."). Officers type the answers in on the paper response page, numbered the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from eqtrack.reports.writers.pdf import pdf_from_html
from eqtrack.reports.writers.word import word_bytes, word_document

from .answers import OTHER_LABEL
from .models import Question, Survey

BOX = "☐"
# Blank lines left for a written answer, by the kind of question.
_LINES = {"free_text": 6, "number": 1, "date": 1, "postcode": 1}
_INSTRUCTIONS = {
    "one_choice": "Tick one box.",
    "scale": "Tick one box.",
    "several_choices": "Tick all the boxes that apply.",
    "free_text": "Write your answer in the space below.",
    "number": "Write a number.",
    "date": "Write the date as day, month and year, for example 27 3 2007.",
    "postcode": "Write the postcode, for example SW1A 1AA.",
}


@dataclass
class PaperQuestion:
    number: int
    text: str
    hint: str
    instruction: str
    routing: str  # "" for a question everyone answers
    boxes: list[str]  # each answer with its tick box: "☐ Yes"
    write_in: str  # the label of the space to write in ("Other, please say"), or ""
    lines: int  # blank lines to write on
    monitoring: bool
    first_monitoring: bool = False

    @property
    def ruled(self) -> range:
        return range(self.lines)


@dataclass
class PaperCopy:
    title: str
    introduction: str
    how_to: list[str]
    questions: list[PaperQuestion] = field(default_factory=list)
    returns: str = ""


def _quoted(answers: list[str]) -> str:
    quoted = [f"“{a}”" for a in answers]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def routing_words(question: Question, numbers: dict[int, int]) -> str:
    """The question's routing as an instruction: who answers it, and where the others go."""
    if not question.show_if_question_id:
        return ""
    number = numbers[question.pk]
    earlier = numbers.get(question.show_if_question_id)
    if earlier is None or earlier >= number:  # routed on a later question: never honoured
        return ""
    following = number + 1 if number < len(numbers) else None
    otherwise = (
        f"If not, go to question {following}." if following else "If not, you have finished."
    )
    return (
        f"If you answered {_quoted([str(a) for a in question.show_if_answers or []])} to "
        f"question {earlier}, answer question {number}. {otherwise}"
    )


def paper_copy(survey: Survey, questions: list[Question]) -> PaperCopy:
    consultation = survey.consultation
    numbers = {q.pk: i for i, q in enumerate(questions, start=1)}
    out = PaperCopy(
        title=f"{consultation.title}: questions",
        introduction=survey.introduction,
        how_to=[
            f"Answer by ticking a box {BOX} or by writing in the space given.",
            "Some questions are only for some people: each says who answers it.",
            "You can leave out any question you would rather not answer.",
        ],
    )
    closes_on = getattr(consultation, "closes_on", None)
    contact = " ".join(
        v for v in (getattr(consultation, n, "") for n in ("contact_name", "contact_email")) if v
    )
    returns = []
    if isinstance(closes_on, dt.date):
        returns.append(f"Please return your answers by {closes_on:%-d %B %Y}.")
    returns.append(
        f"To return your answers, or to ask for the questions in another format, contact "
        f"{contact or survey.organisation.name}."
    )
    out.returns = " ".join(returns)
    seen_monitoring = False
    for question in questions:
        options = [str(o) for o in question.options or []]
        boxes = [f"{BOX} {o}" for o in options]
        write_in = ""
        if question.other_option:
            boxes.append(f"{BOX} {OTHER_LABEL}")
            write_in = f"{OTHER_LABEL}:"
        lines = _LINES.get(question.kind, 0) or (1 if question.other_option else 0)
        if question.kind in _LINES:
            write_in = {
                "free_text": "Your answer:",
                "number": "Number:",
                "date": "Date (day, month, year):",
                "postcode": "Postcode:",
            }[question.kind]
        monitoring = bool(question.monitoring_key)
        out.questions.append(
            PaperQuestion(
                number=numbers[question.pk],
                text=question.text,
                hint=question.hint,
                instruction=_INSTRUCTIONS.get(question.kind, ""),
                routing=routing_words(question, numbers),
                boxes=boxes,
                write_in=write_in,
                lines=lines,
                monitoring=monitoring,
                first_monitoring=monitoring and not seen_monitoring,
            )
        )
        seen_monitoring = seen_monitoring or monitoring
    return out


MONITORING_NOTE = (
    "The next questions are about you. They help the council check that it hears from every "
    "part of the community. Each has “Prefer not to say”."
)


def questions_pdf(copy: PaperCopy) -> bytes:
    """The paper copy as a tagged PDF (PDF/UA-1), laid out by the reports' PDF writer."""
    html = render_to_string(
        "surveys/results/questions_document.html",
        {"title": copy.title, "copy": copy, "monitoring_note": MONITORING_NOTE},
    )
    return pdf_from_html(html)


def _list_numbering(document) -> int:
    """A list whose items show no bullet of their own (each begins with its tick box), so
    that the answers are a real list for screen readers without a bullet before each box."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", "")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    properties = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), "360")
    indent.set(qn("w:hanging"), "0")
    properties.append(indent)
    level.append(properties)
    abstract.append(level)
    # Word wants every abstract numbering before the numberings that use them.
    first = numbering.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)
    else:
        numbering.append(abstract)
    return numbering.add_num(abstract_id).numId


def _list_item(document, text: str, num_id: int):
    paragraph = document.add_paragraph(text, style="List Paragraph")
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id
    for run in paragraph.runs:
        run.font.size = Pt(12)
    return paragraph


def _write_space(document, label: str, lines: int) -> None:
    """A labelled space to write in: ruled lines (empty paragraphs with a bottom border),
    which a screen reader passes over rather than reading out underscores."""
    document.add_paragraph(label)
    for _ in range(lines):
        paragraph = document.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
            bottom.set(qn(name), value)
        bottom.set(qn("w:color"), "505A5F")
        borders.append(bottom)
        properties.append(borders)
        paragraph.paragraph_format.space_before = Pt(14)


def questions_docx(copy: PaperCopy) -> bytes:
    """The paper copy as a Word document: the title a Heading 1, each question a Heading 2
    ("3. Do you use the park?"), its answers a list of tick boxes."""
    document = word_document(copy.title)
    document.add_heading(copy.title, level=1)
    if copy.introduction:
        for part in copy.introduction.split("\n\n"):
            document.add_paragraph(part.strip())
    document.add_heading("How to answer", level=2)
    for line in copy.how_to:
        document.add_paragraph(line, style="List Bullet")
    if copy.returns:
        document.add_paragraph(copy.returns)
    num_id = _list_numbering(document)
    for question in copy.questions:
        if question.first_monitoring:
            document.add_paragraph(MONITORING_NOTE)
        document.add_heading(f"{question.number}. {question.text}", level=2)
        if question.routing:
            paragraph = document.add_paragraph()
            paragraph.add_run(question.routing).bold = True
        if question.hint:
            document.add_paragraph(question.hint)
        if question.instruction:
            document.add_paragraph(question.instruction)
        for box in question.boxes:
            _list_item(document, box, num_id)
        if question.write_in:
            _write_space(document, question.write_in, question.lines)
    document.add_heading("Thank you", level=2)
    document.add_paragraph("Thank you for your answers.")
    return word_bytes(document)
