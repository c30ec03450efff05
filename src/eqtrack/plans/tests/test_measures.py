"""Indicators read from progress are suggestions until an action's owner or a reviewer checks
them: the services that confirm, rename and reject them, who may, what each document and page
shows before and after, and the checking pages end to end with their query counts."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action, Measure
from eqtrack.plans.selectors import (
    measures_for_checking,
    measures_to_check_count,
    plan_document,
)
from eqtrack.plans.services import (
    MeasureError,
    measure_confirm,
    measure_reject,
    measure_rename,
    plan_create_from_document,
)

pytestmark = pytest.mark.django_db


def _document(actions: int = 3, *, confirmed: bool = False) -> dict:
    """A generated plan of two periods whose every action counts first aiders (spelt wrong
    the second time, as the seed reports do) and states an age, which is no indicator."""
    document = document_generate(actions=actions, periods=2)
    for theme in document["themes"]:
        for action in theme["actions"]:
            for update, (aiders, word) in zip(
                action["updates"], [(20, "first"), (14, "fist")], strict=True
            ):
                update["indicators"] = [
                    {
                        "label": f"mental health {word} aiders",
                        "value": aiders,
                        "unit": "count",
                        "text": f"{aiders} mental health {word} aiders",
                    },
                    {"label": "age group", "value": 35, "unit": "count", "text": "35 age group"},
                ]
                if confirmed:
                    for indicator in update["indicators"]:
                        indicator["confirmed"] = True
    return document


@pytest.fixture
def plan():
    plan = plan_create_from_document(document=_document())
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(plan=plan, ref="1.1").update(team=hr)
    return plan


def _measure(plan, label: str, ref: str = "1.1") -> Measure:
    return Measure.objects.get(action__plan=plan, action__ref=ref, label=label)


def _indicators(document, ref: str) -> list[list[tuple[str, float, bool]]]:
    """Each period's indicators of the action `ref`: (label, value, confirmed)."""
    action = next(a for t in document["themes"] for a in t["actions"] if a["ref"] == ref)
    return [
        [(i["label"], i["value"], i.get("confirmed", False)) for i in u.get("indicators", [])]
        for u in action["updates"]
    ]


def test_an_imported_indicator_is_a_suggestion_kept_out_of_public_documents(plan):
    aiders = _measure(plan, "mental health first aiders")
    assert aiders.state == Measure.State.SUGGESTED
    assert (aiders.reviewed_by, aiders.reviewed_at) == (None, None)
    public = plan_document(organisation=plan.organisation, slug=plan.slug, approved_only=True)
    assert _indicators(public, "1.1") == [[], []]
    # The officers' export keeps the suggestions, unmarked, so they come back as suggestions.
    export = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert _indicators(export, "1.1") == [
        [("mental health first aiders", 20, False), ("age group", 35, False)],
        [("mental health fist aiders", 14, False), ("age group", 35, False)],
    ]


def test_the_owner_confirms_one_and_rejects_another(plan):
    owner = member_create(plan.organisation, Role.OWNER, teams=["HR"])
    aiders = measure_confirm(measure=_measure(plan, "mental health first aiders"), user=owner)
    age = measure_reject(measure=_measure(plan, "age group"), user=owner)
    assert (aiders.state, aiders.reviewed_by, age.state, age.reviewed_by) == (
        "confirmed",
        owner,
        "rejected",
        owner,
    )
    assert aiders.reviewed_at is not None
    # Confirmed, both periods' values carry its name, so reports compare them; the words each
    # was read from are kept.
    assert list(aiders.values.values_list("label", "text")) == [
        ("mental health first aiders", "20 mental health first aiders"),
        ("mental health first aiders", "14 mental health fist aiders"),
    ]
    public = plan_document(organisation=plan.organisation, slug=plan.slug, approved_only=True)
    assert _indicators(public, "1.1") == [
        [("mental health first aiders", 20, True)],
        [("mental health first aiders", 14, True)],
    ]
    export = plan_document(organisation=plan.organisation, slug=plan.slug)
    assert _indicators(export, "1.1") == _indicators(public, "1.1")  # rejected: never written
    # Other actions' indicators are still to check.
    assert _indicators(public, "2.1") == [[], []]


def test_confirming_under_a_new_name_renames_every_periods_value(plan):
    reviewer = member_create(plan.organisation, Role.REVIEWER)
    measure = measure_confirm(
        measure=_measure(plan, "mental health first aiders"),
        user=reviewer,
        label="  Mental Health  First Aiders trained ",
    )
    assert (measure.label, measure.state) == ("Mental Health First Aiders trained", "confirmed")
    assert set(measure.values.values_list("label", flat=True)) == {measure.label}


def test_a_rename_leaves_the_state_as_it_was(plan):
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    measure = measure_rename(measure=_measure(plan, "age group"), user=admin, label="Under 35s")
    assert (measure.label, measure.state, measure.reviewed_by) == ("Under 35s", "suggested", None)
    measure = measure_confirm(measure=measure, user=admin)
    measure = measure_rename(measure=measure, user=admin, label="Under-35s reached")
    assert (measure.label, measure.state) == ("Under-35s reached", "confirmed")


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("", "enter the indicator's name"),
        ("   ", "enter the indicator's name"),
        ("x" * 201, "keep the indicator's name to 200 characters or fewer"),
    ],
)
def test_a_name_must_be_given_and_fit(plan, label, message):
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    measure = _measure(plan, "age group")
    for decide in (measure_rename, measure_confirm):
        with pytest.raises(MeasureError, match=message) as caught:
            decide(measure=measure, user=admin, label=label)
        assert caught.value.field == "label"
    measure.refresh_from_db()
    assert (measure.label, measure.state) == ("age group", "suggested")


@pytest.mark.parametrize(
    ("role", "teams", "allowed"),
    [
        (Role.OWNER, ["HR"], True),
        (Role.OWNER, ["IT"], False),  # another team's action
        (Role.REVIEWER, [], True),
        (Role.ADMINISTRATOR, [], True),
        (Role.MANAGER, [], False),
        (Role.VIEWER, [], False),
    ],
)
def test_who_may_check_an_actions_indicators(plan, role, teams, allowed):
    person = member_create(plan.organisation, role, teams=teams)
    measure = _measure(plan, "age group")
    for decide in (measure_reject, measure_confirm):
        if allowed:
            assert decide(measure=measure, user=person).reviewed_by == person
        else:
            with pytest.raises(PermissionDenied):
                decide(measure=measure, user=person)
    measure.refresh_from_db()
    assert measure.state == ("confirmed" if allowed else "suggested")


def test_another_councils_member_may_not_check_them(plan):
    other = plan_create_from_document(
        document=document_generate(actions=1, periods=1) | {"organisation": "Other"}
    )
    outsider = member_create(other.organisation, Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        measure_confirm(measure=_measure(plan, "age group"), user=outsider)


def test_an_eqtrack_export_comes_back_with_its_confirmations():
    first = plan_create_from_document(document=_document())
    admin = member_create(first.organisation, Role.ADMINISTRATOR)
    measure_confirm(measure=_measure(first, "mental health first aiders"), user=admin)
    measure_reject(measure=_measure(first, "age group"), user=admin)
    exported = plan_document(organisation=first.organisation, slug=first.slug)
    again = plan_create_from_document(document=copy.deepcopy(exported), slug="again")
    states = dict(
        Measure.objects.filter(action__plan=again, action__ref="1.1").values_list("label", "state")
    )
    # Confirmed stays confirmed; rejected is not in the export; the other actions' are still
    # suggestions.
    assert states == {"mental health first aiders": "confirmed"}
    assert set(
        Measure.objects.filter(action__plan=again, action__ref="2.1").values_list(
            "state", flat=True
        )
    ) == {"suggested"}
    assert plan_document(organisation=again.organisation, slug="again") == exported


def test_a_file_marking_indicators_confirmed_imports_them_confirmed():
    plan = plan_create_from_document(document=_document(confirmed=True))
    assert set(Measure.objects.filter(action__plan=plan).values_list("state", flat=True)) == {
        "confirmed"
    }


def test_each_person_gets_the_indicators_they_may_check(plan):
    owner = member_create(plan.organisation, Role.OWNER, teams=["HR"])
    reviewer = member_create(plan.organisation, Role.REVIEWER)
    viewer = member_create(plan.organisation, Role.VIEWER)
    measure_reject(measure=_measure(plan, "age group"), user=owner)
    mine = measures_for_checking(plan=plan, user=owner)
    assert [(m.action.ref, m.label) for m in mine.suggested] == [
        ("1.1", "mental health first aiders")
    ]
    assert [m.label for m in mine.rejected] == ["age group"]
    assert mine.confirmed == []
    everyone = measures_for_checking(plan=plan, user=reviewer)
    assert len(everyone.suggested) == 5 and len(everyone.rejected) == 1
    assert measures_for_checking(plan=plan, user=viewer).suggested == []
    counts = {
        who: measures_to_check_count(organisation=plan.organisation, user=person)
        for who, person in (("owner", owner), ("reviewer", reviewer), ("viewer", viewer))
    }
    assert counts == {"owner": {plan.pk: 1}, "reviewer": {plan.pk: 5}, "viewer": {}}


# The pages.


def _url(plan, rest="indicators/"):
    return f"/{plan.organisation.slug}/{plan.slug}/{rest}"


def test_the_owner_checks_them_on_the_page(client, plan):
    owner = member_create(plan.organisation, Role.OWNER, teams=["HR"])
    client.force_login(owner)
    council = client.get(f"/{plan.organisation.slug}/").content.decode()
    assert f"2 indicators to check in {plan.title}</a>" in council
    page = client.get(_url(plan, "")).content.decode()
    assert ">Indicators to check (2)</a>" in page
    html = client.get(_url(plan)).content.decode()
    assert '<h1 class="govuk-heading-l">Indicators to check (2)</h1>' in html
    assert "read from “14 mental health fist aiders”" in html
    assert html.count('class="govuk-summary-card"') == 2  # action 1.1's only: the HR team's
    aiders, age = _measure(plan, "mental health first aiders"), _measure(plan, "age group")
    response = client.post(
        _url(plan),
        {
            "measure": aiders.pk,
            f"m{aiders.pk}-decision": "confirm",
            f"m{aiders.pk}-label": "First aiders",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Confirmed: “First aiders” is shown on the plan&#x27;s page and in its reports." in html
    assert "Indicators to check (1)" in html
    response = client.post(
        _url(plan), {"measure": age.pk, f"m{age.pk}-decision": "reject"}, follow=True
    )
    html = response.content.decode()
    assert "Rejected: “age group” is shown nowhere." in html
    assert "Indicators to check (0)" in html
    assert "Confirmed (1)" in html and "Rejected (1)" in html
    aiders.refresh_from_db()
    age.refresh_from_db()
    assert (aiders.label, aiders.state, age.state) == ("First aiders", "confirmed", "rejected")
    assert "indicators to check" not in client.get(f"/{plan.organisation.slug}/").content.decode()


def test_each_name_field_says_whose_it_is_and_enter_saves_the_name(client, plan):
    import re

    client.force_login(member_create(plan.organisation, Role.REVIEWER))
    html = client.get(_url(plan)).content.decode()
    labels = re.findall(
        r'<label class="govuk-label govuk-label--s" for="[^"]*">(.*?)</label>', html
    )
    assert len(labels) == len(set(labels)) == 6  # every indicator of the plan, each its own
    aiders = _measure(plan, "mental health first aiders")
    assert (
        f'for="id_m{aiders.pk}-label">Name of the indicator<span class="govuk-visually-hidden">'
        " “mental health first aiders”, action 1.1</span></label>"
    ) in html
    # Enter in a name field presses its form's first button: "Save the name", not "Confirm".
    for form in re.findall(r"<form method=\"post\" novalidate>.*?</form>", html, flags=re.S):
        assert re.findall(r'name="m\d+-decision" value="(\w+)"', form)[0] == "rename"


def test_a_missing_name_is_said_by_the_field(client, plan):
    client.force_login(member_create(plan.organisation, Role.REVIEWER))
    age = _measure(plan, "age group", ref="2.1")
    response = client.post(
        _url(plan, f"actions/{age.action_id}/indicators/"),
        {"measure": age.pk, f"m{age.pk}-decision": "rename", f"m{age.pk}-label": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Indicators of action 2.1" in html
    assert f'<a href="#id_m{age.pk}-label">Enter the indicator&#x27;s name</a>' in html
    assert f'id="id_m{age.pk}-label-error"' in html
    response = client.post(
        _url(plan, f"actions/{age.action_id}/indicators/"),
        {"measure": age.pk, f"m{age.pk}-decision": "publish", f"m{age.pk}-label": "Age"},
    )
    assert "Choose whether to confirm, rename or reject the indicator" in response.content.decode()
    age.refresh_from_db()
    assert (age.label, age.state) == ("age group", "suggested")


def test_an_indicator_of_another_action_or_plan_is_not_found_there(client, plan):
    client.force_login(member_create(plan.organisation, Role.ADMINISTRATOR))
    other = _measure(plan, "age group", ref="2.1")
    action = Action.objects.get(plan=plan, ref="1.1")
    response = client.post(
        _url(plan, f"actions/{action.pk}/indicators/"),
        {"measure": other.pk, f"m{other.pk}-decision": "reject"},
    )
    assert response.status_code == 404
    for wrong in ("", "x", "999999"):
        response = client.post(_url(plan), {"measure": wrong})
        assert response.status_code == 404


def _queries_for_list(client, measures_per_action: int) -> int:
    plan = plan_create_from_document(
        document=_document(measures_per_action), slug=f"p{measures_per_action}"
    )
    client.force_login(member_create(plan.organisation, Role.REVIEWER))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(plan))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-summary-card"') == 2 * measures_per_action
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_indicators(client):
    small, large = _queries_for_list(client, 2), _queries_for_list(client, 30)
    assert small == large
    assert small <= 12


def test_only_confirmed_indicators_are_in_the_report_and_open_data(client, plan):
    plan.published = True
    plan.save()
    url = _url(plan, "download.html?compare=Q1 2020")
    before = client.get(url).content.decode()
    assert "No indicator is stated in both periods." in before
    reviewer = member_create(plan.organisation, Role.REVIEWER)
    measure_confirm(measure=_measure(plan, "mental health first aiders"), user=reviewer)
    measure_reject(measure=_measure(plan, "age group"), user=reviewer)
    html = client.get(url).content.decode()
    assert (
        '<th scope="row">1.1</th><td>Mental health first aiders</td>'
        '<td class="num">20</td><td class="num">14</td><td>Fell</td>'
    ) in html
    assert "Age group" not in html and "age group" not in html
    # Actions 2.1 and 3.1 count first aiders too, but theirs are still suggestions.
    assert html.count("Mental health first aiders") == 1
    data = client.get(_url(plan, "download.json")).json()
    assert _indicators(data, "1.1") == [
        [("mental health first aiders", 20, True)],
        [("mental health first aiders", 14, True)],
    ]
    assert _indicators(data, "2.1") == [[], []]


def test_a_comparison_with_no_such_period_says_so(client, plan):
    plan.published = True
    plan.save()
    response = client.get(_url(plan, "download.pdf?compare=1999"))
    assert response.status_code == 400
    assert response.content.decode() == (
        "Compare: the plan has no period '1999' (it has Q1 2020, Q2 2020)\n"
    )
