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
    assert scores["text_f1"] == pytest.approx(2 / 3)
    assert scores["status"] == pytest.approx(1 / 2)
    # 1.1: ref, lead (spacing only) right, due wrong; 1.2: ref and lead right.
    assert scores["fields"] == pytest.approx(4 / 5)
    assert scores["themes"] == 1.0
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


def test_overall_figures_are_micro_averages_and_every_layout_has_a_floor():
    good = Counts(expected_actions=99, found_actions=99)
    poor = Counts(expected_actions=1, found_actions=0)
    assert (good + poor).scores()["recall"] == pytest.approx(0.99)
    assert below_thresholds({"good": good, "poor": poor}) == ["poor: recall 0.000 < 0.9"]
    assert below_thresholds({"good": good}) == []


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
