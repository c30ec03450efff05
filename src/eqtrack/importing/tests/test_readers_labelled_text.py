"""The labelled-text reader (e-mailed updates) on small e-mails: no action invented from a line
that starts with a year, wrapped labelled lines kept, and the text before the first theme kept
as the introduction while the greeting and signature are left out."""

from eqtrack.importing.readers import reader_for
from eqtrack.importing.readers.labelled_text import LabelledTextReader


def _read(text: str):
    data = text.encode()
    assert reader_for(data, source="e-mail.txt") is LabelledTextReader
    return LabelledTextReader.read(data, source="e-mail.txt")


_YEAR_IN_PROGRESS = """Theme 1: Our workforce
Objective: A workforce that reflects the borough.

1.1 Run the staff survey with equality questions.
Lead: Head of HR
Due: March 2024
Progress:
2023 Staff survey results showed a rise in disabled staff declaring.
Next steps: Share the results with the staff networks.
Status: On track

1.2 Publish our pay gaps.
Lead: Head of HR
Progress: Gender pay gap published.
Status: Complete
"""


def test_a_progress_line_starting_with_a_year_is_no_action():
    report = _read(_YEAR_IN_PROGRESS)
    [theme] = report.themes
    assert [a.ref for a in theme.actions] == ["1.1", "1.2"]
    first = theme.actions[0]
    assert first.progress == [
        "2023 Staff survey results showed a rise in disabled staff declaring."
    ]
    assert first.next_steps == ["Share the results with the staff networks."]
    assert first.status.text == "On track" and first.status.category == "on_track"


def test_an_action_with_no_blank_line_before_it_starts_when_its_ref_is_shaped_like_the_others():
    text = (
        "Theme 1: Our workforce\n"
        "1.1 Run the staff survey.\nLead: Head of HR\nProgress:\n"
        "3 Networks were consulted on the questions.\nStatus: On track\n"
        "1.2 Publish our pay gaps.\nLead: Head of HR\nProgress: Published.\nStatus: Complete\n"
    )
    [theme] = _read(text).themes
    assert [a.ref for a in theme.actions] == ["1.1", "1.2"]
    assert theme.actions[0].progress == ["3 Networks were consulted on the questions."]
    assert theme.actions[1].status.category == "complete"


def test_a_bare_year_is_never_a_reference_even_after_a_blank_line():
    text = (
        "Theme 1: Our workforce\n\n"
        "1.1 Run the staff survey.\nLead: Head of HR\nProgress: Survey closed.\n\n"
        "2023 Results were the best yet.\nNext steps: Publish them.\nStatus: On track\n\n"
        "1.2 Publish our pay gaps.\nLead: Head of HR\nProgress: Published.\nStatus: Complete\n"
    )
    [theme] = _read(text).themes
    assert [a.ref for a in theme.actions] == ["1.1", "1.2"]
    assert theme.actions[0].next_steps == ["Publish them."]
    assert theme.actions[0].status.category == "on_track"


_WRAPPED = """Theme 1: Our workforce

1.1 Run the staff survey.
Lead: Head of HR and the
Organisational Development Manager
Due: March
2024
Progress: Survey closed.
Status: Amber
Some delays due to staffing

1.2 Publish our pay gaps.
Lead: Head of HR
Progress: Published.
Status: Complete
"""


def test_a_wrapped_lead_or_due_line_is_the_rest_of_the_field():
    first = _read(_WRAPPED).themes[0].actions[0]
    assert first.lead == "Head of HR and the Organisational Development Manager"
    assert first.due == "March 2024"
    assert first.progress == ["Survey closed."]


def test_a_wrapped_status_line_is_part_of_the_status_text_and_the_category_from_the_vocabulary():
    first, second = _read(_WRAPPED).themes[0].actions
    assert first.status.text == "Amber Some delays due to staffing"
    assert first.status.category == "at_risk"
    assert second.status.text == "Complete" and second.status.category == "complete"


def test_the_wrapped_status_category_comes_from_the_whole_wording():
    text = (
        "Theme 1: Our workforce\n\n"
        "1.1 Run the staff survey.\nProgress: Questions agreed.\nStatus: Not\nstarted\n\n"
        "1.2 Publish our pay gaps.\nProgress: Published.\nStatus: Complete\n"
    )
    first = _read(text).themes[0].actions[0]
    assert (first.status.text, first.status.category) == ("Not started", "not_started")


_EMAIL = """Subject: Equality action plan - update for Q3

Dear colleagues,

Please find below the latest position on our equality action plan,
for the Corporate Equality Group on 12 January.

Two actions have been merged since the last update.

Theme 1: Our workforce
Objective: A workforce that reflects the borough.

1.1 Run the staff survey.
Lead: Head of HR
Progress: Survey closed.
Status: On track

1.2 Publish our pay gaps.
Lead: Head of HR
Progress: Published.
Status: Complete

Kind regards,

Jane Smith
Equality Officer
"""


def test_the_text_before_the_first_theme_is_the_introduction():
    report = _read(_EMAIL)
    assert report.introduction == [
        "Please find below the latest position on our equality action plan, "
        "for the Corporate Equality Group on 12 January.",
        "Two actions have been merged since the last update.",
    ]
    assert report.themes[0].objective == "A workforce that reflects the borough."
    assert any("introduction" in guess for guess in report.guesses)


def test_the_greeting_and_signature_are_left_out_and_the_notes_say_so():
    report = _read(_EMAIL)
    everything = " ".join(report.introduction)
    assert "Dear" not in everything and "Subject" not in everything
    assert "Jane" not in everything and "regards" not in everything
    [last] = report.themes[0].actions[1:]
    assert last.status.text == "Complete"  # the sign-off is not part of the last action
    assert any("greeting" in note and "signature" in note for note in report.notes)


def test_a_signature_with_no_blank_line_after_the_last_status_is_not_status_text():
    text = _EMAIL.replace("Status: Complete\n\nKind regards,", "Status: Complete\nKind regards,")
    last = _read(text).themes[0].actions[-1]
    assert last.status.text == "Complete"


def test_an_introduction_before_actions_with_no_theme_lines():
    text = (
        "Hi all,\n\nHere is where we are.\n\n"
        "1 Run the staff survey.\nProgress: Survey closed.\nStatus: On track\n\n"
        "2 Publish our pay gaps.\nProgress: Published.\nStatus: Complete\n\nThanks\nPriya\n"
    )
    report = _read(text)
    assert report.introduction == ["Here is where we are."]
    assert [a.ref for a in report.themes[0].actions] == ["1", "2"]


def test_a_progress_line_starting_like_a_sign_off_is_still_progress():
    text = _EMAIL.replace(
        "Progress: Survey closed.\n", "Progress: Survey closed.\nBest practice shared with HR.\n"
    )
    first = _read(text).themes[0].actions[0]
    assert first.progress == ["Survey closed. Best practice shared with HR."]
    assert first.status.category == "on_track"


def test_a_wrapped_objective_line_is_the_rest_of_the_objective():
    text = _EMAIL.replace(
        "Objective: A workforce that reflects the borough.\n",
        "Objective: A workforce that reflects\nthe borough it serves.\n",
    )
    report = _read(text)
    assert report.themes[0].objective == "A workforce that reflects the borough it serves."
    assert not any("outside the actions" in note for note in report.notes)
