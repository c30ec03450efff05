"""The status vocabulary: each wording councils' reports use, the category it is read as, and
whether that was a known wording or a guess by a near word."""

import pytest

from eqtrack.importing.readers.text import status_category as readers_status_category
from eqtrack.importing.statuses import (
    CATEGORY_WORDS,
    VOCABULARY,
    status_category,
    status_read,
    wording_normalise,
)
from eqtrack.plans.models import StatusCategory


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # The wordings issue 16 names.
        ("Behind schedule", "off_track"),
        ("Slipped", "off_track"),
        ("Some slippage", "at_risk"),
        ("Paused", "off_track"),
        ("On hold", "off_track"),
        ("Achieved", "complete"),
        ("Closed", "complete"),
        ("Not yet due", "not_started"),
        ("In progress", "ongoing"),
        ("Started", "ongoing"),
        ("Delivered", "complete"),
        ("No longer required", "not_carried_forward"),
        ("Merged into the Workforce Strategy action 4.2", "superseded"),
        ("Merged with 3.1", "superseded"),
        # A percentage with a word.
        ("75% complete", "ongoing"),
        ("50% - in progress", "ongoing"),
        ("0% not started", "not_started"),
        ("100% achieved", "complete"),
        ("100%", "complete"),
        ("40% – delayed", "off_track"),
        # Ticks and yes/done.
        ("✓", "complete"),
        ("✔", "complete"),
        ("☑", "complete"),
        ("√", "complete"),
        ("Yes", "complete"),
        ("Done", "complete"),
        # A RAG word with a label.
        ("Status: Green", "on_track"),
        ("RAG: R", "off_track"),
        ("RAG rating - Amber", "at_risk"),
        # RAG letters and words; a split rating is the worse of the two.
        ("R", "off_track"),
        ("A", "at_risk"),
        ("G", "on_track"),
        ("Red/Amber", "off_track"),
        ("Amber / Green", "at_risk"),
        ("Green/Amber", "at_risk"),
        ("A/G", "at_risk"),
        ("Blue", "complete"),
        ("B", "complete"),
        # What councils' status keys commonly say.
        ("Not due to start", "not_started"),
        ("Not yet started", "not_started"),
        ("Pending", "not_started"),
        ("Deferred", "off_track"),
        ("Postponed", "off_track"),
        ("Suspended", "off_track"),
        ("Rescheduled", "off_track"),
        ("Cancelled", "not_carried_forward"),
        ("Removed", "not_carried_forward"),
        ("Withdrawn", "not_carried_forward"),
        ("Business as usual", "ongoing"),
        ("BAU", "ongoing"),
        ("Embedded", "ongoing"),
        ("Achieved and ongoing", "ongoing"),
        ("Complete - ongoing", "ongoing"),
        ("Complete – ongoing", "ongoing"),
        ("Partially achieved", "at_risk"),
        ("Significant delay", "off_track"),
        ("Minor delay", "at_risk"),
        ("No progress", "off_track"),
        ("On course", "on_track"),
        ("On-track", "on_track"),
        ("At risk of slipping", "at_risk"),
        ("Target met", "complete"),
        ("Target not met", "off_track"),
        ("Not achieved", "off_track"),
        ("Under review", "at_risk"),
        ("Monitoring", "watching_brief"),
        ("Keep under review", "watching_brief"),
        ("Overdue", "off_track"),
        ("Under control", "on_track"),
        ("Superseded", "superseded"),
        ("Replaced by the Inclusive Recruitment programme", "superseded"),
        # The sample reports' key, exactly.
        ("Complete/on schedule to deliver", "complete"),
        ("Ongoing/remain included in action plan", "ongoing"),
        ("Incomplete/cannot be carried forward", "not_carried_forward"),
        # Punctuation, case and spacing do not matter.
        ("  ON   HOLD. ", "off_track"),
        ("in\u00a0progress", "ongoing"),
        # RAG as emoji, with or without the emoji presentation selector.
        ("🟢", "on_track"),
        ("🟠", "at_risk"),
        ("🟡", "at_risk"),
        ("🔴", "off_track"),
        ("🔵", "complete"),
        ("✔\ufe0f", "complete"),
    ],
)
def test_known_wordings_are_read_without_a_guess(text, category):
    reading = status_read(text)
    assert (reading.category, reading.how) == (category, "known")
    assert status_category(text) == readers_status_category(text) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A RAG word opening a sentence.
        ("Amber – some delays due to staffing", "at_risk"),
        ("Green - all milestones met", "on_track"),
        ("Red: recruitment frozen", "off_track"),
        ("Complete (March 2023)", "complete"),
        ("Slipped - now due Q3", "off_track"),
        # The sample reports' phrases, as they always were.
        ("Ongoing – to pick up in new action plan", "ongoing"),
        ("To continue to monitor and lead the equalities action plan", "ongoing"),
        ("To be picked new action plan as action relating to Culture Change project", "superseded"),
        # A telling word inside.
        ("Work has slipped because of the restructure", "off_track"),
        ("Some slippage expected in Q4", "at_risk"),
        ("Project paused pending funding decision", "off_track"),
        ("Not yet started: waiting for the new system", "not_started"),
        ("Action under review by the new board", "at_risk"),
        ("Policy to be kept under review annually", "watching_brief"),
    ],
)
def test_near_words_are_guesses(text, category):
    reading = status_read(text)
    assert reading.category == category
    assert reading.guessed, f"{text!r} should be a guess, was {reading.how}"


@pytest.mark.parametrize(
    "text",
    [
        "Something nobody says",
        "Not yet complete",  # a negation stops the cheerful words
        "Training now being delivered",  # complete is never guessed from a word inside
        "Awaiting information from HR",
        "",
        "✗",
    ],
)
def test_unknown_wordings_have_no_category(text):
    reading = status_read(text)
    assert (reading.category, reading.how) == (None, "unknown")


def test_every_wording_in_the_vocabulary_is_normalised_and_has_a_real_category():
    for wording, category in VOCABULARY:
        assert category in StatusCategory.values, wording
        assert wording_normalise(wording.removesuffix(" …")) == wording.removesuffix(" …")
    wordings = [w for w, _ in VOCABULARY]
    assert len(wordings) == len(set(wordings)), "a wording is in the table twice"


def test_the_summary_words_for_categories_are_the_plan_formats():
    assert {c.value: c.label.lower() for c in StatusCategory} == CATEGORY_WORDS


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Behind schedule.", "behind schedule"),
        ("  BEHIND\tschedule ", "behind schedule"),
        ("Red / Amber", "red/amber"),
        ("Complete – ongoing!", "complete - ongoing"),
        ("on-going", "on going"),
        ("✔\ufe0f", "✔"),
    ],
)
def test_wordings_are_keyed_without_case_spacing_or_closing_punctuation(raw, key):
    assert wording_normalise(raw) == key


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Behind schedule", "off_track"),
        ("Slipped", "off_track"),
        ("On hold", "off_track"),
        ("Achieved", "complete"),
        ("In progress", "ongoing"),
        ("No longer required", "not_carried_forward"),
    ],
)
def test_common_wordings_main_left_without_a_category_now_have_one(text, category):
    """Fails on 0d5e176, where each of these was kept with no category."""
    assert readers_status_category(text) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A delay denied is on schedule, not off track; a pause denied says work goes on.
        ("No slippage", "on_track"),
        ("No delays", "on_track"),
        ("No delays expected", "on_track"),
        ("Not delayed", "on_track"),
        ("Progressing with no delays", "on_track"),
        ("Not at risk", "on_track"),
        ("Not on hold", "ongoing"),
        # Done in part is at risk; nearly done is ongoing: neither is complete.
        ("Partially completed", "at_risk"),
        ("Part complete", "at_risk"),
        ("Achieved in part", "at_risk"),
        ("Completed in part", "at_risk"),
        ("Yes - partly", "at_risk"),
        ("Largely complete", "ongoing"),
        ("Mostly complete", "ongoing"),
        ("Nearly complete", "ongoing"),
        ("Almost complete", "ongoing"),
        ("Substantially complete", "ongoing"),
        # Done but continuing is ongoing, however it is joined.
        ("Complete (ongoing)", "ongoing"),
        ("Delivered - ongoing", "ongoing"),
        ("Achieved - continuing", "ongoing"),
        ("Complete/Ongoing", "ongoing"),
        ("Achieved/ongoing", "ongoing"),
        # Two ratings together: the worse of the two.
        ("Ongoing - at risk", "at_risk"),
        ("In progress - delayed", "off_track"),
        ("Not started - delayed", "off_track"),
        ("Green/Blue", "on_track"),
        ("Green - complete", "on_track"),
        ("Ongoing: on track", "on_track"),
        # A label, not a rating: R/A/G is not R.
        ("R/A/G: Green", "on_track"),
        ("RAG: Amber", "at_risk"),
    ],
)
def test_qualified_negated_and_split_wordings_are_known_as_what_they_say(text, category):
    """Each was stored wrongly on 346ebd1 (off track, complete, not carried forward…)."""
    assert status_read(text).category == category


@pytest.mark.parametrize(
    "text",
    [
        # When it will be done says neither whether it has started nor whether it is on time.
        "Due to complete March 2025",
        "To be completed by December 2024",
        "Expected to be delivered in Q3",
        "Will be implemented in 2025",
        # Not done, said otherwise than the sample's own key: not "cannot be carried forward".
        "Incomplete",
        "Incomplete - work continues",
        # Halves that disagree about whether it is done.
        "Complete - delayed",
        "Delivered, but not yet signed off",
        # Complete is never guessed with a qualifier nor from a word inside a sentence.
        "Completed in part of the borough",
        "Complete - due to sign off in May",
        "Training was delivered to 40 staff",
        "100% of staff will be trained",
    ],
)
def test_a_wording_that_does_not_say_which_category_is_left_for_the_check_page(text):
    assert status_read(text) == status_read("Something nobody says")
    assert status_read(text).category is None


def test_the_2022_samples_exact_key_stays_not_carried_forward():
    assert status_read("Incomplete/cannot be carried forward").category == "not_carried_forward"
