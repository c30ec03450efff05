"""The fidelity scorer on tiny hand-worked examples."""

import pytest

from eqtrack.importing.fidelity import (
    Counts,
    actions_match,
    below_thresholds,
    combined,
    f1,
    item_texts,
    overlap,
    report_score,
    tokens,
)
from eqtrack.importing.readers.base import NestedItem, ReadAction, ReadReport, ReadStatus, ReadTheme


def _report(*actions: ReadAction, title: str = "Workforce", objective: str = "") -> ReadReport:
    return ReadReport(source="t", period=None, themes=[ReadTheme(title, objective, list(actions))])


def test_token_f1_of_a_b_c_against_a_b_d_is_two_thirds():
    assert f1(*overlap(tokens("a b c"), tokens("a b d"))) == pytest.approx(2 / 3)


def test_f1_counts_repeated_tokens_and_ignores_case_and_punctuation():
    assert overlap(tokens("The, the cat."), tokens("the cat")) == (2, 3, 2)
    assert f1(2, 3, 2) == pytest.approx(0.8)
    assert f1(0, 0, 0) == 1.0 and f1(0, 3, 0) == 0.0


def test_nested_items_are_flattened_in_order():
    assert item_texts(["a", NestedItem("b", ["c", NestedItem("d", ["e"])])]) == list("abcde")


def test_actions_match_by_reference_then_by_wording():
    read = [
        ReadAction("Publish the pay gap report", ref="2.1"),
        ReadAction("Train all managers in inclusive leadership skills"),
    ]
    expected = [
        ReadAction("Train all managers in inclusive leadership"),
        ReadAction("Publish the pay gap report", ref="2.1"),
        ReadAction("Something never read"),
    ]
    assert actions_match(read, expected) == [read[1], read[0], None]


def test_a_worked_report():
    expected = _report(
        ReadAction(
            "Publish pay gaps",
            ref="1.1",
            lead="Head of HR",
            due="March 2024",
            progress=["a b c"],
            status=ReadStatus("On track", "on_track"),
        ),
        ReadAction(
            "Train managers", ref="1.2", lead="Head of HR", status=ReadStatus("Done", "complete")
        ),
        ReadAction("Review recruitment", ref="1.3"),
    )
    read = _report(
        ReadAction(
            "Publish pay gaps",
            ref="1.1",
            lead="Head  of HR",
            due="Mar 2024",
            progress=["a b d"],
            status=ReadStatus("Green", "on_track"),
        ),
        ReadAction("Train managers", ref="1.2", lead="Head of HR", status=None),
    )
    counts = report_score(read, expected)
    scores = counts.scores()
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["precision"] == 1.0  # both actions read are expected ones
    assert scores["text_f1"] == pytest.approx(2 / 3)
    assert scores["status"] == pytest.approx(1 / 2)
    # 1.1: ref, lead (spacing only) right, due wrong; 1.2: ref and lead right.
    assert scores["fields"] == pytest.approx(4 / 5)
    assert scores["themes"] == 1.0
    assert scores["introduction"] == 1.0  # none expected, none read
    assert combined(scores) == pytest.approx(1 / 2)
    assert "1.3: not found" in counts.misses


def test_a_theme_whose_actions_were_read_under_another_is_wrong():
    action = ReadAction("Publish pay gaps", ref="1.1")
    expected = _report(action)
    read = ReadReport(
        source="t",
        period=None,
        themes=[ReadTheme("Workforce", "", []), ReadTheme("Note: merged", "", [action])],
    )
    assert report_score(read, expected).scores()["themes"] == 0.0


def test_an_action_invented_from_a_stray_line_counts_against_precision_not_recall():
    # The phantom of a progress line starting with a year: "2023 Staff survey results showed…"
    # read as action "2023", taking 1.1's next steps and status with it.
    expected = _report(
        ReadAction(
            "Run the staff survey",
            ref="1.1",
            progress=["2023 Staff survey results showed a rise"],
            next_steps=["Share the results"],
            status=ReadStatus("On track", "on_track"),
        ),
        ReadAction("Publish pay gaps", ref="1.2", status=ReadStatus("Complete", "complete")),
    )
    read = _report(
        ReadAction("Run the staff survey", ref="1.1"),
        ReadAction(
            "Staff survey results showed a rise",
            ref="2023",
            next_steps=["Share the results"],
            status=ReadStatus("On track", "on_track"),
        ),
        ReadAction("Publish pay gaps", ref="1.2", status=ReadStatus("Complete", "complete")),
    )
    counts = report_score(read, expected)
    scores = counts.scores()
    assert scores["recall"] == 1.0
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["status"] == pytest.approx(1 / 2)  # 1.1 lost its status to the phantom
    # 1.1 read 0 of its 9 tokens (6 progress, 3 next steps); 1.2 has none either side.
    assert scores["text_f1"] == 0.0
    assert "2023: read, but no expected action" in counts.misses
    failures = below_thresholds({"email": counts})
    assert "overall precision 0.667 < 0.98" in failures
    assert "email: precision 0.667 < 0.9" in failures


def test_one_action_read_as_two_counts_once_found_and_once_extra():
    expected = _report(ReadAction("Publish the pay gap report for gender and ethnicity", ref="2.1"))
    read = _report(
        ReadAction("Publish the pay gap report for gender and ethnicity", ref="2.1"),
        ReadAction("and ethnicity", ref="2.1"),
    )
    scores = report_score(read, expected).scores()
    assert (scores["recall"], scores["precision"]) == (1.0, 0.5)


def test_a_status_read_where_none_is_expected_is_a_status_miss():
    expected = _report(
        ReadAction("Publish pay gaps", ref="1.1", status=ReadStatus("On track", "on_track")),
        ReadAction("Train managers", ref="1.2"),
        ReadAction("Review recruitment", ref="1.3"),
    )
    read = _report(
        ReadAction("Publish pay gaps", ref="1.1", status=ReadStatus("Green", "on_track")),
        ReadAction("Train managers", ref="1.2", status=ReadStatus("Amber", "at_risk")),
        ReadAction("Review recruitment", ref="1.3"),
    )
    counts = report_score(read, expected)
    # One status expected and right, one read where none is given: 1 right of 2.
    assert (counts.statuses, counts.statuses_right) == (2, 1)
    assert counts.scores()["status"] == pytest.approx(1 / 2)
    assert "1.2: status 'Amber' read, expected none" in counts.misses


def test_the_introduction_is_scored_by_token_f1():
    action = ReadAction("Publish pay gaps", ref="1.1")
    expected = _report(action)
    expected.introduction = ["The table below lists our commitments.", "Key: R = off track"]
    read = _report(action)
    # 6 + 4 = 10 tokens expected ("key r off track"); read: the first paragraph (6) and a
    # cookie banner (4).
    read.introduction = ["The table below lists our commitments.", "We use cookies here"]
    counts = report_score(read, expected)
    assert (counts.intro_common, counts.intro_read, counts.intro_expected) == (6, 10, 10)
    precision, recall = 6 / 10, 6 / 10
    assert counts.scores()["introduction"] == pytest.approx(
        2 * precision * recall / (precision + recall)
    )
    assert any(m.startswith("introduction ") for m in counts.misses)


def test_an_introduction_read_where_none_is_expected_scores_nothing():
    action = ReadAction("Publish pay gaps", ref="1.1")
    read = _report(action)
    read.introduction = ["Dear colleagues,"]
    assert report_score(read, _report(action)).scores()["introduction"] == 0.0
    read.introduction = []
    assert report_score(read, _report(action)).scores()["introduction"] == 1.0


def test_overall_figures_are_micro_averages_and_every_layout_has_a_floor():
    good = Counts(expected_actions=99, found_actions=99)
    poor = Counts(expected_actions=1, found_actions=0)
    assert (good + poor).scores()["recall"] == pytest.approx(0.99)
    assert below_thresholds({"good": good, "poor": poor}) == ["poor: recall 0.000 < 0.9"]
    assert below_thresholds({"good": good}) == []
    # Precision too: 99 read, all expected, and 1 expected read as 4.
    good = Counts(expected_actions=99, read_actions=99, found_actions=99)
    split = Counts(expected_actions=1, read_actions=4, found_actions=1)
    assert (good + split).scores()["precision"] == pytest.approx(100 / 103)
    assert below_thresholds({"good": good, "split": split}) == [
        "overall precision 0.971 < 0.98",
        "split: precision 0.250 < 0.9",
    ]


def test_a_parsed_plan_scores_like_the_report_it_came_from(tmp_path):
    from eqtrack.importing.fidelity import report_from_document
    from eqtrack.importing.parsing import files_parse
    from eqtrack.importing.readers import reader_for

    from .corpus import LAYOUTS

    layout = next(x for x in LAYOUTS if x.name == "word-theme-headings")
    name, data = layout.file()
    path = tmp_path / name
    path.write_bytes(data)
    document = files_parse(paths=[path], periods=["2023/24"]).document
    parsed = report_score(report_from_document(document), layout.expected)
    read = report_score(reader_for(data, source=name).read(data, source=name), layout.expected)
    assert parsed.scores() == read.scores() == dict.fromkeys(parsed.scores(), 1.0)
