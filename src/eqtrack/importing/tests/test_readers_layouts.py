"""Other councils' layouts: refs, leads, due dates and RAG columns; objectives as headings
between tables, as merged rows, or as a column; bullets as separate paragraphs; and two
rounds of one plan in which an action moved objective, one was reworded, one dropped and
one added."""

import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from eqtrack.importing.linking import reports_link
from eqtrack.importing.parsing import files_parse
from eqtrack.importing.readers.web_page import WebPageReader
from eqtrack.importing.readers.word import WordReader


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _refs_lead_due_rag(document) -> None:
    """Layout A: one table, objectives as merged rows, Ref | Action | Lead officer | Due date
    | Progress update | RAG, the RAG sometimes only a colour; the header repeated."""
    document.add_heading("Equality Action Plan 2024–2028: progress report", level=1)
    rows = [
        ("Ref", "Action", "Lead officer", "Due date", "Progress update", "RAG"),
        ("Objective 1: Know our communities",) * 6,
        (
            "1.1",
            "Publish a borough equality profile.",
            "Head of Insight",
            "March 2025",
            "Profile drafted from Census 2021 tables.",
            "G",
        ),
        (
            "1.2",
            "Map community groups by protected characteristic.",
            "Community Development Manager",
            "June 2025",
            "Mapping under way with the CVS.",
            "",
        ),
        ("Ref", "Action", "Lead officer", "Due date", "Progress update", "RAG"),
        ("Objective 2: A workforce that reflects the borough",) * 6,
        (
            "2.1",
            "Report the ethnicity and disability pay gaps.",
            "HR Manager",
            "Annually",
            "Gender pay gap published; ethnicity data incomplete.",
            "Amber",
        ),
    ]
    table = document.add_table(rows=0, cols=6)
    for values in rows:
        cells = table.add_row().cells
        if len(set(values)) == 1:
            merged = cells[0].merge(cells[5])
            merged.text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    _shade(table.rows[3].cells[5], "FF0000")  # 1.2's RAG is a red cell with no text


def test_refs_leads_due_dates_and_rag_with_objectives_as_merged_rows():
    report = WordReader.read(_docx(_refs_lead_due_rag), source="a.docx")
    assert [t.title for t in report.themes] == [
        "Objective 1: Know our communities",
        "Objective 2: A workforce that reflects the borough",
    ]
    first, second = report.themes[0].actions
    assert (first.ref, first.lead, first.due) == ("1.1", "Head of Insight", "March 2025")
    assert (first.status.text, first.status.category) == ("G", "on_track")
    assert (second.status.text, second.status.category) == ("Red", "off_track")
    [third] = report.themes[1].actions
    assert third.ref == "2.1" and third.status.category == "at_risk"
    assert third.progress == ["Gender pay gap published; ethnicity data incomplete."]


def _objective_headings(round_two: bool) -> bytes:
    """Layout B: a web page, objectives as headings between tables, Action | Responsible
    officer | Timescale | Commentary | Status, with nested lists."""
    objective_1 = [
        (
            "We will publish an annual equality information report.",
            "Policy Officer",
            "Each January",
            "<ul><li>2024 report published.<ul><li>Read 312 times.</li></ul></li></ul>",
            "Complete",
        ),
        (
            "We will train all managers in inclusive recruitment.",
            "HR Business Partner",
            "2025",
            "<p>60% of managers trained.</p>",
            "On track",
        ),
        (
            "We will review how residents can request information in other formats.",
            "Customer Services",
            "2025",
            "Review started.",
            "On track",
        ),
    ]
    objective_2 = [
        (
            "We will carry out equality impact assessments on all budget proposals.",
            "Finance",
            "Each budget",
            "All 2024/25 proposals assessed.",
            "Complete",
        ),
    ]
    if round_two:
        # Reworded; the recruitment action moved to objective 2; the formats review dropped;
        # a new action added.
        objective_1 = [
            (
                "We will publish an annual equality information report every January.",
                "Policy Officer",
                "Each January",
                "2025 report published.",
                "Complete",
            ),
            (
                "We will set up a disabled residents' reference group.",
                "Engagement Lead",
                "2026",
                "First meeting held in May.",
                "On track",
            ),
        ]
        objective_2 = [
            objective_2[0],
            (
                "We will train all managers in inclusive recruitment.",
                "HR Business Partner",
                "2025",
                "<p>85% of managers trained.</p>",
                "Amber",
            ),
        ]
    parts = ["<!DOCTYPE html><html><body><h1>Equality plan update</h1>"]
    for title, rows in (
        ("Objective 1: Fair and accessible services", objective_1),
        ("Objective 2: Fair decisions", objective_2),
    ):
        parts.append(f"<h2>{title}</h2><p>What we want to achieve.</p><table>")
        parts.append(
            "<tr><th>Action</th><th>Responsible officer</th><th>Timescale</th>"
            "<th>Commentary</th><th>Status</th></tr>"
        )
        for action, lead, due, commentary, status in rows:
            parts.append(
                f"<tr><td>{action}</td><td>{lead}</td><td>{due}</td><td>{commentary}</td>"
                f"<td>{status}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def test_objectives_as_headings_between_tables():
    report = WebPageReader.read(_objective_headings(False), source="b.html")
    assert [t.title for t in report.themes] == [
        "Objective 1: Fair and accessible services",
        "Objective 2: Fair decisions",
    ]
    assert report.themes[0].objective == "What we want to achieve."
    first = report.themes[0].actions[0]
    assert first.lead == "Policy Officer" and first.due == "Each January"
    assert [dict(text=i.text, items=i.items) for i in first.progress] == [
        {"text": "2024 report published.", "items": ["Read 312 times."]}
    ]
    assert report.themes[0].actions[1].status.category == "on_track"


def test_two_rounds_with_a_move_a_rewording_a_drop_and_an_addition(tmp_path):
    paths = []
    for n, round_two in ((1, False), (2, True)):
        path = tmp_path / f"round-{n}.html"
        path.write_bytes(_objective_headings(round_two))
        paths.append(path)
    parsed = files_parse(paths=paths, periods=["Q1 2025/26", "Q2 2025/26"])
    themes = parsed.document["themes"]
    by_text = {a["text"]: (t["title"], a) for t in themes for a in t["actions"]}
    # Reworded: one action, two updates, the old wording kept on the first.
    title, reworded = by_text[
        "We will publish an annual equality information report every January."
    ]
    assert [u["period"] for u in reworded["updates"]] == ["Q1 2025/26", "Q2 2025/26"]
    assert (
        reworded["updates"][0]["action_text"]
        == "We will publish an annual equality information report."
    )
    # Moved: now under objective 2, with both updates.
    title, moved = by_text["We will train all managers in inclusive recruitment."]
    assert title == "Objective 2: Fair decisions"
    assert [u["status"]["category"] for u in moved["updates"]] == ["on_track", "at_risk"]
    # Dropped: kept with its one update; added: starts at its period.
    title, dropped = by_text[
        "We will review how residents can request information in other formats."
    ]
    assert [u["period"] for u in dropped["updates"]] == ["Q1 2025/26"]
    title, added = by_text["We will set up a disabled residents' reference group."]
    assert [u["period"] for u in added["updates"]] == ["Q2 2025/26"]
    kinds = sorted(d.kind for d in parsed.decisions)
    assert kinds == ["dropped", "matched", "matched", "moved", "new"]


def _objective_column(document) -> None:
    """Layout C: one big table with an objective column, bullets typed as characters in
    separate paragraphs, an unrecognised column, and the header row's period."""
    document.add_paragraph("Equalities action plan")
    table = document.add_table(rows=1, cols=8)
    for cell, text in zip(
        table.rows[0].cells,
        [
            "Equality objective",
            "No.",
            "What we will do",
            "Owner",
            "Target date",
            "Update Q2 2024/25",
            "Rating",
            "Budget",
        ],
        strict=True,
    ):
        cell.text = text
    rows = [
        (
            "Tackle poverty",
            "1",
            "Promote the Household Support Fund to eligible residents.",
            "Revenues",
            "Mar 2025",
            [
                "• 1,204 awards made.",
                "◦ 38% to families with children.",
                "• Leaflets in 6 languages.",
            ],
            "100%",
            "£2.1m",
        ),
        (
            "Tackle poverty",
            "2",
            "Add poverty to our equality impact assessments.",
            "Policy",
            "Sep 2024",
            ["Template updated."],
            "Blue",
            "",
        ),
        (
            "Include everyone",
            "3",
            "Make the website meet WCAG 2.2 AA.",
            "Digital",
            "Dec 2025",
            ["Audit done; 41 issues fixed."],
            "Unsure",
            "",
        ),
    ]
    for objective, ref, action, owner, due, update, rating, budget in rows:
        cells = table.add_row().cells
        for cell, value in zip(
            cells, [objective, ref, action, owner, due, None, rating, budget], strict=True
        ):
            if value is not None:
                cell.text = value
        cells[5].text = update[0]
        for line in update[1:]:
            cells[5].add_paragraph(line)


def test_one_big_table_with_an_objective_column_and_typed_bullets():
    report = WordReader.read(_docx(_objective_column), source="c.docx")
    assert report.period == "Q2 2024/25"
    assert [t.title for t in report.themes] == ["Tackle poverty", "Include everyone"]
    first = report.themes[0].actions[0]
    assert first.ref == "1" and first.lead == "Revenues" and first.due == "Mar 2025"
    assert [i if isinstance(i, str) else (i.text, i.items) for i in first.progress] == [
        ("1,204 awards made.", ["38% to families with children."]),
        "Leaflets in 6 languages.",
    ]
    assert (first.status.text, first.status.category) == ("100%", "complete")
    assert first.extra == {"Budget": "£2.1m"}
    assert report.themes[0].actions[1].status.category == "complete"  # Blue
    unsure = report.themes[1].actions[0].status
    assert (unsure.text, unsure.category) == ("Unsure", None)
    assert "column 'Budget' not recognised; kept as an extra field" in report.notes


def test_link_overrides_join_and_keep_apart():
    one = WebPageReader.read(_objective_headings(False), source="1")
    two = WebPageReader.read(_objective_headings(True), source="2")
    # Positions as the summary shows them: 1.3 is round one's formats review, 1.2 round
    # two's reference group. Join them by hand, and keep the rewording apart.
    result = reports_link(
        [one, two],
        ["1", "2"],
        title="Plan",
        organisation="C",
        links={"1.3": "1.2"},
        kept_apart={"1.1"},
    )
    kinds = {(d.kind, d.earlier_ref, d.ref) for d in result.decisions}
    assert ("linked", "1.3", "1.2") in kinds
    assert ("dropped", None, "1.1") in kinds
    with pytest.raises(ValueError, match="no report has an action NOPE"):
        reports_link([one, two], ["1", "2"], title="P", organisation="C", links={"NOPE": "1.1"})


def _continued_actions(document) -> None:
    """A council's own actions that say "(continued)": one in the middle of a table, one with a
    reference of its own at the top of a table going on from the last."""
    document.add_heading("Our workforce", level=2)
    first = [
        ("Ref", "Action", "Progress"),
        ("W1", "Staff network meetings", "Four held."),
        ("W2", "Staff network meetings (continued)", "The networks now meet monthly."),
        ("W3", "Mentoring scheme", "Ten pairs."),
    ]
    second = [("W4", "Mentoring scheme (continued)", "Twelve pairs.")]
    for rows in (first, second):
        table = document.add_table(rows=0, cols=3)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value


def test_an_action_of_its_own_that_says_continued_is_kept():
    report = WordReader.read(_docx(_continued_actions), source="c.docx")
    [theme] = report.themes
    assert [(a.ref, a.text, a.progress) for a in theme.actions] == [
        ("W1", "Staff network meetings", ["Four held."]),
        ("W2", "Staff network meetings (continued)", ["The networks now meet monthly."]),
        ("W3", "Mentoring scheme", ["Ten pairs."]),
        ("W4", "Mentoring scheme (continued)", ["Twelve pairs."]),
    ]


def test_quarter_columns_and_merged_cells():
    """One table: Theme (merged down) | Ref | Action | Lead (merged over two actions) | Q1 |
    Q2 | Status."""

    def build(document) -> None:
        table = document.add_table(rows=1, cols=7)
        headings = ["Theme", "Ref", "Action", "Lead", "Q1 2023/24", "Q2 2023/24", "Status"]
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = text
        for values in (
            ("Workforce", "W1", "Publish pay gaps.", "Head of HR", "Drafted.", "", "On track"),
            ("", "W2", "Train managers.", "", "", "82% trained.", "Complete"),
        ):
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        table.cell(1, 0).merge(table.cell(2, 0)).text = "Workforce"
        table.cell(1, 3).merge(table.cell(2, 3)).text = "Head of HR"

    report = WordReader.read(_docx(build), source="q.docx")
    assert report.period == "2023/24"
    [theme] = report.themes
    assert theme.title == "Workforce"
    first, second = theme.actions
    assert [first.lead, second.lead] == ["Head of HR", "Head of HR"]
    assert first.progress[0].text == "Q1 2023/24" and first.progress[0].items == ["Drafted."]
    assert second.progress[0].text == "Q2 2023/24" and len(second.progress) == 1
