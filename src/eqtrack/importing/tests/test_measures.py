"""Indicators read from progress text: the whole list for each sentence, so extras fail too."""

import pytest

from eqtrack.importing.measures import indicators_find


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It had 1453 responses.", [("responses", 1453, "count", None)]),
        (
            "20 Mental Health First Aiders (MHFA) have been trained in teams across the Council.",
            [("mental health first aiders", 20, "count", None)],
        ),
        (
            "There are currently 14 Mental Health fist aiders.",
            [("mental health fist aiders", 14, "count", None)],
        ),
        ("This had a 77% response rate.", [("response rate", 77, "percent", None)]),
        ("There were 356 respondents to the last survey.", [("respondents", 356, "count", None)]),
        ("Approximately 360 clients have been supported.", [("clients", 360, "count", None)]),
        (
            "24 consultations completed for 2020/21, 14 of which were public.",
            [("consultations completed", 24, "count", None)],
        ),
        (
            "20 organisations were funded from the 1st phase of the Fund amounting to £58, 429.00.",
            [("organisations", 20, "count", None), ("funding", 58429, "gbp", None)],
        ),
        ("A budget of £2.1m was agreed.", [("amount", 2_100_000, "gbp", None)]),
        (
            "The team have 9 completed dashboards with another 7 under development. "
            "The team remain on target to achieve 18 by summer 2023.",
            [("completed dashboards", 9, "count", 18)],
        ),
        (
            "around 10% of the contract evaluation to be assessed against social values.",
            [("contract evaluation", 10, "percent", None)],
        ),
        # Not indicators: dates, years, ordinals, durations, codes, ratios, numbered hubs.
        ("Event on 30 November at Trinity House.", []),
        ("Armed Forces Bill 2021 and the Equality Act 2010.", []),
        ("The 2nd phase is due in November 2022.", []),
        ("An 18-month programme of courses.", []),
        ("During COVID-19 the hub stayed open.", []),
        ("There will be 1:1s with funding advisors.", []),
        ("Two hubs – 1 for Economic Development and 1 for Planning.", []),
        ("Timetabled for 2021/22.", []),
    ],
)
def test_indicators_in_progress_text(text, expected):
    found = [(i.label, i.value, i.unit, i.target) for i in indicators_find(text)]
    assert found == expected


def test_an_indicator_keeps_the_words_it_came_from():
    [indicator] = indicators_find("It had 1453 responses.")
    assert indicator.text == "1453 responses"
    assert indicator.as_document() == {
        "label": "responses",
        "value": 1453.0,
        "unit": "count",
        "text": "1453 responses",
    }
