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
        # Not indicators: what the sample reports' sentences once gave as nonsense ("Age group
        # identified: 35", "Years staff engagement group: 2", "Provided age: 3584").
        ("Under 35 age group identified as a group where engagement is low.", []),
        ("Staff Survey undertaken and repeated every 2 years", []),
        ("Staff Survey undertaken and repeated every 2 years Staff Engagement Group in place", []),
        (
            "A total of 5027 people responded to the questionnaire, of which 3584 provided age "
            "and gender allowing these responses to be weighted.",
            [("people responded", 5027, "count", None)],
        ),
        # Ages and lengths of time are not what is counted; what is counted stops before them.
        ("Training runs for 3 months and 6 weeks, 2 days a week.", []),
        ("Residents over 65 years old were surveyed.", []),
        ("We reached 120 people aged over 65.", [("people", 120, "count", None)]),
        ("12 gaps identified by the group.", [("gaps", 12, "count", None)]),
        (
            "3 trained volunteers joined; 4 beds.",
            [("trained volunteers joined", 3, "count", None), ("beds", 4, "count", None)],
        ),
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


def test_the_sample_reports_give_these_indicators_and_no_others(seed_paths):
    """Both sample reports read as an import reads them (item by item, joined): every
    indicator found, so a nonsense one creeping back fails here."""
    from eqtrack.importing.parsing import files_parse

    document = files_parse(paths=seed_paths, periods=["2021", "2022"]).document
    found = [
        (action["ref"], update["period"], i["label"], i["value"], i.get("target"))
        for theme in document["themes"]
        for action in theme["actions"]
        for update in action["updates"]
        for i in update.get("indicators", [])
    ]
    assert found == [
        ("CL2", "2021", "responses", 1453, None),
        ("CL2", "2022", "completed dashboards", 9, 18),
        ("CL3", "2022", "organisations", 20, None),
        ("CL3", "2022", "funding", 58429, None),
        ("E1", "2021", "respondents", 356, None),
        ("E1", "2021", "response rate", 77, None),
        ("E3", "2021", "mental health first aiders", 20, None),
        ("E3", "2022", "mental health fist aiders", 14, None),
        ("SP3", "2021", "consultations completed", 24, None),
        ("SP3", "2021", "consultation", 15, None),
        ("SP3", "2022", "people responded", 5027, None),
        ("SP5", "2021", "meetings", 6, None),
        ("SP6", "2021", "clients", 360, None),
        ("SP6", "2022", "clients", 360, None),
        ("SP8", "2022", "contract evaluation", 10, None),
    ]
