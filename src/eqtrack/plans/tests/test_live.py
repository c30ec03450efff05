"""The rule of which actions a period asks an update of (plans.planformat.live)."""

from __future__ import annotations

import pytest

from eqtrack.plans.planformat import (
    FORMAT,
    PlanFormatError,
    action_live,
    document_action_live,
    document_validate,
)


@pytest.mark.parametrize("category", ["complete", "superseded", "not_carried_forward"])
def test_a_final_status_in_an_earlier_period_ends_the_action(category):
    assert not action_live(period=2, reported=[(0, "on_track"), (1, category)])
    # ... in every later period, however far on.
    assert not action_live(period=5, reported=[(1, category)])


@pytest.mark.parametrize("category", ["ongoing", "at_risk", "off_track", "watching_brief", None])
def test_any_other_status_leaves_it_live(category):
    assert action_live(period=2, reported=[(1, category)])


def test_an_update_in_the_period_always_counts():
    assert action_live(period=2, reported=[(1, "complete"), (2, "on_track")])
    assert action_live(period=0, reported=[(0, None)], added_after=3)


def test_a_missing_update_ends_nothing():
    # Reported in the first period only: still a gap two periods on.
    assert action_live(period=2, reported=[(0, "ongoing")])
    # Reopened after it ended: its latest status before the period decides.
    assert action_live(period=3, reported=[(0, "complete"), (2, "ongoing")])
    assert not action_live(period=1, reported=[(0, "complete"), (2, "ongoing")])


def test_an_action_added_later_is_not_a_gap_before_it():
    assert not action_live(period=1, reported=[], added_after=1)
    assert not action_live(period=0, reported=[], added_after=1)
    assert action_live(period=2, reported=[], added_after=1)
    # First reported in a later period: it joined the plan then.
    assert not action_live(period=0, reported=[(1, "on_track")])
    # Never reported, nothing known of when it came: live.
    assert action_live(period=0, reported=[])
    # An earlier update shows it was in the plan by then, whatever added_after says.
    assert action_live(period=1, reported=[(0, "ongoing")], added_after=1)


def _document(added_after=None):
    action = {"ref": "1", "text": "Act.", "updates": [{"period": "2021", "status": None}]}
    if added_after:
        action = {"ref": "1", "text": "Act.", "updates": [], "added_after": added_after}
    return {
        "format": FORMAT,
        "title": "T",
        "periods": ["2021", "2022", "2023"],
        "themes": [{"title": "Theme", "actions": [action]}],
    }


def test_a_documents_action_follows_the_same_rule():
    document = _document()
    action = document["themes"][0]["actions"][0]
    periods = document["periods"]
    assert [document_action_live(action, p, periods) for p in periods] == [True, True, True]
    action["updates"][0]["status"] = {"text": "Done", "category": "complete"}
    assert [document_action_live(action, p, periods) for p in periods] == [True, False, False]
    later = _document(added_after="2022")
    document_validate(later)
    action = later["themes"][0]["actions"][0]
    assert [document_action_live(action, p, periods) for p in periods] == [False, False, True]


def test_added_after_must_name_one_of_the_periods():
    with pytest.raises(PlanFormatError, match=r"actions\[0\]\.added_after: '2030' is not one"):
        document_validate(_document(added_after="2030"))
