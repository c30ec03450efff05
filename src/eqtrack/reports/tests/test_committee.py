"""The committee's view of a period, worked by hand on a plan of seven actions."""

import datetime as dt

import pytest

from eqtrack.plans.planformat import FORMAT
from eqtrack.reports.committee import (
    ATTENTION_ON_PAGE,
    COMMENTARY_WORDS,
    ENDED_CHANGE,
    IMPROVED,
    NO_COMPARISON,
    UNCHANGED,
    WORSENED,
    ActionFacts,
    committee_summary,
    row_positions,
    status_change,
    summary_page,
    words,
)
from eqtrack.reports.data import report_data


def _update(period, category, progress=(), next_steps=()):
    return {
        "period": period,
        "progress": list(progress),
        "next_steps": list(next_steps),
        "status": {"text": category.replace("_", " ").capitalize(), "category": category},
    }


def _action(ref, then, now=None, due=None, **now_words):
    updates = [_update("2021", then)]
    if now:
        updates.append(_update("2022", now, **now_words))
    return {"ref": ref, "text": f"Action {ref}.", "due": due, "updates": updates}


def _plan():
    return {
        "format": FORMAT,
        "title": "Small plan",
        "organisation": "Small Borough Council",
        "periods": ["2021", "2022"],
        "themes": [
            {
                "title": "Services",
                "actions": [
                    _action("A1", "on_track", "at_risk", progress=["Slipped a month."]),
                    _action("A2", "at_risk", "complete"),
                    _action("A3", "ongoing", "watching_brief"),
                    _action(
                        "A4",
                        "ongoing",
                        "off_track",
                        progress=["Funding withdrawn.", {"text": "Bid", "items": ["Refused"]}],
                        next_steps=["Ask the cabinet."],
                    ),
                ],
            },
            {
                "title": "Staff",
                "actions": [
                    # Ongoing in 2021, silent in 2022: still live, so "no update".
                    {
                        "ref": "A5",
                        "text": "Action A5.",
                        "updates": [_update("2021", "ongoing", progress=["Started in 2021."])],
                    },
                    _action("A6", "not_started", "superseded"),
                    _action("A7", "ongoing", "ongoing", due="March 2020"),
                ],
            },
        ],
    }


@pytest.fixture
def summary():
    facts = {(0, 0): ActionFacts(team="Housing", pk=11, page=1)}
    return committee_summary(
        document=_plan(),
        period="2022",
        previous="2021",
        facts=facts,
        today=dt.date(2023, 1, 1),
    )


def test_each_count_beside_its_change_since_the_previous_period(summary):
    by = {c.category: (c.now, c.then, c.change_text) for c in summary.counts}
    assert by == {
        "complete": (1, 0, "+1"),
        "on_track": (0, 1, "−1"),
        "at_risk": (1, 1, "No change"),
        "off_track": (1, 0, "+1"),
        "not_started": (0, 1, "−1"),
        "ongoing": (1, 4, "−3"),
        "watching_brief": (1, 0, "+1"),
        "superseded": (1, 0, "+1"),
        "no_status": (1, 0, "+1"),
    }
    # In the reports' order of categories, then "no status", then the total.
    assert [c.category for c in summary.counts][:3] == ["complete", "on_track", "at_risk"]
    assert (summary.total.now, summary.total.then, summary.total.change_text) == (7, 7, "No change")
    ongoing = next(c for c in summary.counts if c.category == "ongoing")
    assert ongoing.change_words == "3 fewer than 2021"
    assert summary.total.change_words == "the same as 2021"


def test_needs_attention_lists_red_amber_overdue_and_silent_worst_first(summary):
    items = [(i.ref, i.reasons) for i in summary.attention]
    assert items == [
        ("A4", ["off_track"]),
        ("A1", ["at_risk"]),
        ("A7", ["overdue"]),
        ("A5", ["no_update"]),
    ]
    a4, a1, a7, a5 = summary.attention
    # The latest commentary: this period's progress and next steps, nested items flattened.
    assert (a4.commentary_period, a4.progress, a4.next_steps) == (
        "2022",
        ["Funding withdrawn.", "Bid", "Refused"],
        ["Ask the cabinet."],
    )
    assert a4.status_text == "Off track"
    # An action silent this period shows its owners' last words, and when they were.
    assert (a5.commentary_period, a5.progress) == ("2021", ["Started in 2021."])
    assert a7.reason_labels == ["Overdue (due March 2020)"]
    assert a1.facts.team == "Housing" and a1.facts.pk == 11
    assert a4.facts == ActionFacts()  # nothing known from a file


def test_the_needs_attention_list_uses_the_reports_no_update_and_overdue_lists(summary):
    data = report_data(document=_plan(), period="2022", glossary={}, today=dt.date(2023, 1, 1))
    silent = {i.ref for i in summary.attention if "no_update" in i.reasons}
    late = {i.ref for i in summary.attention if "overdue" in i.reasons}
    assert silent == {row.ref for row in data.missing}
    assert late == {row.ref for row in data.overdue}


def test_status_changes_are_classed_by_the_order_of_categories(summary):
    moved = {c.ref: (c.then, c.now, c.change) for c in summary.changes}
    assert moved == {
        "A1": ("on_track", "at_risk", WORSENED),
        "A2": ("at_risk", "complete", IMPROVED),
        "A3": ("ongoing", "watching_brief", UNCHANGED),  # the same level
        "A4": ("ongoing", "off_track", WORSENED),
        "A6": ("not_started", "superseded", ENDED_CHANGE),
    }  # A7 stayed ongoing, and A5 went silent (no comparison): counted, not listed
    assert summary.change_counts == [
        ("improved", "Improved", 1),
        ("worsened", "Worsened", 2),
        ("unchanged", "Unchanged", 2),
        ("ended", "Ended", 1),
        ("no_comparison", "No comparison", 1),
    ]
    assert [c.ref for c in summary.changed(WORSENED)] == ["A1", "A4"]


@pytest.mark.parametrize(
    ("then", "now", "change"),
    [
        ("off_track", "at_risk", IMPROVED),
        ("at_risk", "not_started", IMPROVED),
        ("not_started", "ongoing", IMPROVED),
        ("watching_brief", "on_track", IMPROVED),
        ("on_track", "complete", IMPROVED),
        ("complete", "on_track", WORSENED),
        ("ongoing", "watching_brief", UNCHANGED),
        ("on_track", "on_track", UNCHANGED),
        ("on_track", "not_carried_forward", ENDED_CHANGE),
        (None, "superseded", ENDED_CHANGE),
        ("superseded", "superseded", UNCHANGED),
        ("superseded", "ongoing", NO_COMPARISON),
        (None, "on_track", NO_COMPARISON),
        ("no_status", "on_track", NO_COMPARISON),
        ("on_track", "no_status", NO_COMPARISON),
    ],
)
def test_status_change(then, now, change):
    assert status_change(then, now) == change


def test_the_first_reported_period_has_no_comparison():
    summary = committee_summary(document=_plan(), period="2021", previous=None)
    assert summary.previous is None and summary.changes == [] and summary.change_counts == []
    assert all(c.then is None and c.change_text == "–" for c in summary.counts)
    # A "previous" period that is not earlier is no previous period.
    later = committee_summary(document=_plan(), period="2021", previous="2022")
    assert later.previous is None


def test_rows_are_traced_to_their_actions_past_those_a_report_leaves_out():
    document = _plan()
    # An action that starts in a later period is left out of 2021's report.
    document["themes"][0]["actions"].insert(
        1, {"ref": "A1", "text": "Action A1.", "updates": [_update("2022", "on_track")]}
    )
    data = report_data(document=document, period="2021", glossary={})
    positions = row_positions(document, data.rows)
    assert positions[:2] == [(0, 0), (0, 2)]  # the second A1 (same words) was skipped
    assert len(positions) == len(data.rows)


def test_the_one_page_summary_cuts_long_lists_and_says_so():
    document = _plan()
    document["themes"][1]["actions"] += [
        _action(f"B{n}", "ongoing", "off_track", progress=["word " * 60]) for n in range(11)
    ]
    page = summary_page(committee_summary(document=document, period="2022", previous="2021"))
    attention = next(t for t in page.tables if t.heading == "Needs attention")
    assert len(attention.rows) == ATTENTION_ON_PAGE
    # 4 of the small plan's and 11 off track: 15 in all, the rest not on the page.
    assert attention.note.startswith(f"And {15 - ATTENTION_ON_PAGE} more actions need attention: ")
    assert attention.note.endswith("(see the dashboard).")
    assert attention.rows[0][0] == "A4: Action A4."
    cut = attention.rows[1][3]
    assert cut.endswith("…") and len(cut.split()) == COMMENTARY_WORDS
    counts = page.tables[0]
    assert counts.header == ["Status", "2022", "Change since 2021"]
    assert counts.rows[-1] == ["All actions", "18", "No change (the same as 2021)"]
    assert ["Off track", "12", "+12 (12 more than 2021)"] in counts.rows


def test_words_cuts_at_a_word():
    assert words(["one two", "three"], 2) == "one two…"
    assert words(["one two"], 5) == "one two"
    assert words([], 3) == ""


def test_a_row_written_otherwise_than_its_action_still_finds_its_place():
    document = _plan()
    data = report_data(document=document, period="2022", glossary={})
    data.rows[0].text = "Words the report chose."  # the reference still matches
    first = data.themes[0].rows[1]
    first.ref, first.text = None, "Neither matches."
    assert row_positions(document, data.rows)[:3] == [(0, 0), (0, 1), (0, 2)]


def test_a_cut_list_names_what_it_leaves_out_in_the_singular_and_plural():
    from types import SimpleNamespace

    from eqtrack.reports.committee import _more

    items = [SimpleNamespace(ref=f"A{n}") for n in range(4)]
    words = ("action's status moved", "actions' status moved")
    assert _more(items, 3, words) == "And 1 more action's status moved: A3 (see the dashboard)."
    assert _more(items, 2, words) == "And 2 more actions' status moved: A2, A3 (see the dashboard)."
    assert _more(items, 4, words) is None
