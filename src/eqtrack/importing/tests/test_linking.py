"""Linking rounds: matched, reworded, new and dropped actions across periods."""

from eqtrack.importing.linking import reports_link
from eqtrack.importing.readers.base import ReadAction, ReadReport, ReadStatus, ReadTheme
from eqtrack.plans.planformat import document_validate


def _report(period, *texts, theme="As an Employer"):
    return ReadReport(
        source=f"{period}.txt",
        period=period,
        themes=[
            ReadTheme(
                theme,
                "Objective.",
                [ReadAction(text=t, progress=[f"{t} progress {period}"]) for t in texts],
            )
        ],
    )


def _link(*reports):
    return reports_link(list(reports), [r.period for r in reports], title="Plan", organisation="C")


def test_a_reworded_action_stays_one_action_with_the_newest_wording():
    result = _link(
        _report("2021", "We will review Equalities Impact Assessment processes."),
        _report("2022", "We will review the Equalities Impact Assessment processes."),
    )
    [action] = result.document["themes"][0]["actions"]
    assert action["text"] == "We will review the Equalities Impact Assessment processes."
    assert [u["period"] for u in action["updates"]] == ["2021", "2022"]
    assert (
        action["updates"][0]["action_text"]
        == "We will review Equalities Impact Assessment processes."
    )
    assert "action_text" not in action["updates"][1]
    [decision] = result.decisions
    assert decision.kind == "matched" and 0.9 < decision.similarity < 1


def test_new_and_dropped_actions_are_reported_and_start_or_stop_at_their_period():
    result = _link(
        _report("2021", "We will run a staff survey.", "We will train mental health first aiders."),
        _report("2022", "We will run a staff survey.", "We will publish our pay gap."),
    )
    actions = result.document["themes"][0]["actions"]
    # A dropped action keeps its place after the action it followed.
    assert [a["text"] for a in actions] == [
        "We will run a staff survey.",
        "We will train mental health first aiders.",
        "We will publish our pay gap.",
    ]
    assert [[u["period"] for u in a["updates"]] for a in actions] == [
        ["2021", "2022"],
        ["2021"],
        ["2022"],
    ]
    kinds = {(d.kind, d.text) for d in result.decisions}
    assert ("new", "We will publish our pay gap.") in kinds
    assert ("dropped", "We will train mental health first aiders.") in kinds


def test_same_wording_in_two_themes_stays_in_its_own_theme():
    a = _report("2021", "We will appoint an Equalities Group.", theme="As a Community Leader")
    a.themes += _report(
        "2021", "We will appoint an Equalities Group.", theme="As a Service Provider"
    ).themes
    b = _report("2022", "We will appoint an Equalities Group.", theme="As a Community Leader")
    b.themes += _report(
        "2022", "We will appoint an Equalities Group.", theme="As a Service Provider"
    ).themes
    themes = _link(a, b).document["themes"]
    assert [len(t["actions"]) for t in themes] == [1, 1]
    assert all(len(t["actions"][0]["updates"]) == 2 for t in themes)


def test_refs_are_assigned_from_theme_initials_when_the_source_has_none():
    report = _report("2021", "One.", "Two.", theme="As a Community Leader")
    report.themes[0].actions[0].status = ReadStatus("Complete", "complete")
    actions = _link(report).document["themes"][0]["actions"]
    assert [a["ref"] for a in actions] == ["CL1", "CL2"]
    assert actions[0]["updates"][0]["status"] == {"text": "Complete", "category": "complete"}


def test_refs_match_before_wording():
    old = _report("2021", "Completely different words.")
    old.themes[0].actions[0].ref = "2.1"
    new = _report("2022", "Nothing alike at all here.")
    new.themes[0].actions[0].ref = "2.1"
    [action] = _link(old, new).document["themes"][0]["actions"]
    assert action["ref"] == "2.1" and len(action["updates"]) == 2


def test_each_decision_is_put_in_plain_words_for_the_import_check_page():
    from eqtrack.importing.linking import LinkDecision

    uncertain = LinkDecision("2022", "As an Employer", "uncertain", "Train staff", similarity=0.957)
    assert uncertain.in_words == (
        "Perhaps the same as an action in the earlier report: not linked (wording 96% alike)"
    )
    assert LinkDecision("2022", "T", "new", "x").in_words == "New in this report"
    assert "similarity" not in LinkDecision("2022", "T", "moved", "x", similarity=0.8).in_words


def test_a_blank_introduction_paragraph_is_dropped_as_the_plan_format_refuses_it():
    report = _report("2022", "We will run a staff survey.")
    report.introduction = [" ", "The table below lists our actions.", ""]
    document = _link(report).document
    assert document["introduction"] == ["The table below lists our actions."]
    document_validate(document)
    only_blank = _report("2022", "We will run a staff survey.")
    only_blank.introduction = ["\u00a0"]
    assert "introduction" not in _link(only_blank).document
