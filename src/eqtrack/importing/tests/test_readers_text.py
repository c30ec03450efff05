"""Text cleaning, status recognition, choosing a reader by content, and odd input."""

import contextlib

import pytest

from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.base import ReaderError
from eqtrack.importing.readers.plain_text import PlainTextReader
from eqtrack.importing.readers.tabbed_text import TabbedTextReader
from eqtrack.importing.readers.text import clean_text, is_debris, is_status_line, status_category


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>We will  review&nbsp;it.</p>", "We will review it."),
        ("Progress\u00a0\u00a0–\u00a02022", "Progress – 2022"),
        ("‘lived experience’ &amp; “quotes”", "‘lived experience’ & “quotes”"),
        ('<ul style="list-style-type: none"> text', "text"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("line", "debris"),
    [
        ("--\t--\t---", True),
        ("--\t--\t--", True),
        ("", False),
        ("Well-being", False),
        ("- item", False),
    ],
)
def test_table_rule_debris(line, debris):
    assert is_debris(line) is debris


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Complete/on schedule to deliver", "complete"),
        ("Ongoing/remain included in action plan", "ongoing"),
        ("Incomplete/cannot be carried forward", "not_carried_forward"),
        (
            "A watching brief to be maintained and issues reported to the Policy, Communities and Engagement team -",
            "watching_brief",
        ),
        ("To continue to monitor and lead the equalities action plan", "ongoing"),
        ("Ongoing – to pick up in new action plan", "ongoing"),
        (
            "Ongoing/training included in new action plan with focus on cultural competencies and champion roles",
            "ongoing",
        ),
        ("Focus on training included in new action plan", "ongoing"),
        ("To be picked new action plan as action relating to Culture Change project", "superseded"),
        ("Red", "off_track"),
        ("AMBER", "at_risk"),
        ("g", "on_track"),
        ("Blue", "complete"),
        ("Not started", "not_started"),
        ("Something nobody says", None),
    ],
)
def test_status_category(text, category):
    assert status_category(text) == category


def test_long_paragraphs_are_not_statuses_even_if_they_begin_like_one():
    assert is_status_line("Ongoing/remain included in action plan")
    assert not is_status_line("Ongoing " + "work with partners continues across the borough. " * 4)
    assert not is_status_line("The team remain on target to achieve 18 by summer 2023.")


def test_layouts_are_told_apart_by_content():
    tabbed = "As a Leader\nObjective\nTo lead.\nAgreed Actions\tProgress\tIssues & Next steps\n<p>We will act.</p>\t<ul> • Done.\t\n"
    plain = "As a Leader\n\nTo lead.\n\nAgreed Actions   Progress – 2023   Status\n\nWe will act.\n\nDone.\n"
    assert reader_for(tabbed.encode(), source="a") is TabbedTextReader
    assert reader_for(plain.encode(), source="b") is PlainTextReader
    with pytest.raises(ReaderError, match="c: no recognisable action plan"):
        reader_for(b"Minutes of the meeting\nApologies were received.\n", source="c")


def test_small_reports_of_each_layout():
    tabbed = "As a Leader\nObjective\n<p>To lead.</p>\nAgreed Actions\tProgress\tIssues & Next steps\n<p>We will act.</p>\t<ul> • Done. <ul> ◦ Sub.\t<p>Next.</p>\n"
    report = TabbedTextReader.read(tabbed.encode(), source="t")
    [theme] = report.themes
    assert (theme.title, theme.objective) == ("As a Leader", "To lead.")
    [action] = theme.actions
    assert action.text == "We will act."
    assert action.progress[0].text == "Done." and action.progress[0].items == ["Sub."]
    assert action.next_steps == ["Next."]

    plain = "As a Leader\n\nTo lead.\n\nAgreed Actions   Progress – 2023   Status\n\nWe will act.\n\n·  Done.\n\nRed\n"
    report = PlainTextReader.read(plain.encode(), source="p")
    assert report.period == "2023"
    [action] = report.themes[0].actions
    assert (action.text, action.progress, action.status.category) == (
        "We will act.",
        ["Done."],
        "off_track",
    )


@pytest.mark.parametrize(
    ("reader", "text", "message"),
    [
        (
            TabbedTextReader,
            "<p>We will act.</p>\t<ul> • Done.\n",
            "t: line 1: a table row before any theme heading",
        ),
        (TabbedTextReader, "\t\t\n", "t: no theme headings found"),
        (
            PlainTextReader,
            "Agreed Actions  Progress  Status\n",
            "t: line 1: a table with no theme heading above it",
        ),
        (
            PlainTextReader,
            "Leader\n\nTo lead.\n\nAgreed Actions Progress Status\n\nStray text\n",
            "t: line 7: text before the first agreed action",
        ),
        (PlainTextReader, "Nothing here\n", "t: no table headed 'Agreed Actions' found"),
    ],
)
def test_text_a_reader_cannot_use_is_one_clear_error(reader, text, message):
    with pytest.raises(ReaderError, match=message):
        reader.read(text.encode(), source="t")


@pytest.mark.parametrize(
    "garbage",
    ["", "\t", "\x00\x01", "<ul><ul><ul>\t•\t◦", "Objective\n\tObjective\n", "We will\n" * 3],
)
def test_garbage_never_crashes(garbage):
    for reader in (TabbedTextReader, PlainTextReader):
        with contextlib.suppress(ReaderError):
            reader.read(garbage.encode(), source="g")


def test_an_email_of_numbered_actions_with_labelled_lines():
    from eqtrack.importing.readers.labelled_text import LabelledTextReader

    text = (
        b"Dear all,\n\nHere is where we are. 2023 was a busy year.\n\n"
        b"Theme 1: Workforce\nObjective: A diverse workforce.\n\n"
        b"CL1 Publish our pay gaps.\nLead officer: Head of HR\nDue: March 2024\n"
        b"Progress:\n- Gender gap published.\n  - Median 6.2%.\n- Ethnicity gap next,\n"
        b"  once data is in.\nStatus: On track\n\n"
        b"CL2 Train managers.\nProgress: 82% trained.\nRAG status: Amber\n\n"
        b"Thanks,\nPriya\n"
    )
    assert reader_for(text, source="t") is LabelledTextReader
    report = LabelledTextReader.read(text, source="t")
    [theme] = report.themes
    assert (theme.title, theme.objective) == ("Workforce", "A diverse workforce.")
    first, second = theme.actions
    assert (first.ref, first.text, first.lead, first.due) == (
        "CL1",
        "Publish our pay gaps.",
        "Head of HR",
        "March 2024",
    )
    assert first.progress[0].items == ["Median 6.2%."]
    assert first.progress[1] == "Ethnicity gap next, once data is in."
    assert first.status.category == "on_track" and second.status.category == "at_risk"
    assert second.progress == ["82% trained."]
