"""How a status reads after its category's tag: the writer's words, without saying the
category twice."""

from types import SimpleNamespace

import pytest

from eqtrack.plans.templatetags.plan_tags import status_rest


@pytest.mark.parametrize(
    ("category", "words", "shown"),
    [
        ("on_track", "On track: training booked", "training booked"),
        ("complete", "Complete/on schedule to deliver", "on schedule to deliver"),
        ("complete", "Complete", ""),
        ("complete", "Completed in March 2022", "Completed in March 2022"),
        ("ongoing", "Remain included in action plan", "Remain included in action plan"),
        (None, "Whatever they wrote", "Whatever they wrote"),
        ("on_track", None, ""),
    ],
)
def test_status_words_follow_the_tag_without_repeating_it(category, words, shown):
    update = SimpleNamespace(status_category=category, status_text=words)
    assert status_rest(update) == shown
