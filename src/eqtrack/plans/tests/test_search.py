"""Search on SQLite (FTS5) and PostgreSQL (full-text): CI runs these on both."""

import pytest

from eqtrack.importing.parsing import files_parse
from eqtrack.plans.models import Action, Update
from eqtrack.plans.search import search_actions
from eqtrack.plans.services import plan_create_from_document, record_archive, update_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(seed_paths):
    document = files_parse(paths=seed_paths, periods=["2021", "2022"]).document
    plan = plan_create_from_document(document=document, slug="eap")
    plan.published = True
    plan.save()
    return plan


def _refs(hits):
    return [h.action.ref for h in hits]


def test_words_in_any_periods_progress_find_the_action(plan):
    # "1453 responses" is in CL2's 2021 progress only.
    assert _refs(search_actions(organisation=plan.organisation, query="1453")) == ["CL2"]
    hits = search_actions(organisation=plan.organisation, query="mental health first aiders")
    assert "E3" in _refs(hits)
    assert "Mental Health First Aiders" in hits[_refs(hits).index("E3")].snippet


def test_every_word_must_match_and_a_word_can_be_the_start_of_one(plan):
    assert _refs(search_actions(organisation=plan.organisation, query="rough sleep")) == ["SP6"]
    assert search_actions(organisation=plan.organisation, query="rough sleepers xylophone") == []


def test_other_forms_of_a_word_find_it(plan):
    # The seeds say "disability" and "rough sleepers"; people type other forms.
    disability = _refs(search_actions(organisation=plan.organisation, query="disability"))
    assert disability
    assert _refs(search_actions(organisation=plan.organisation, query="disabilities")) == disability
    assert "SP6" in _refs(search_actions(organisation=plan.organisation, query="sleeping rough"))
    # ... and a word typed in part still finds its whole.
    assert _refs(search_actions(organisation=plan.organisation, query="sleepe rou")) == ["SP6"]


def test_filters_by_status_period_and_theme(plan):
    hits = search_actions(organisation=plan.organisation, query="", status="watching_brief")
    assert _refs(hits) == ["SP5"]
    hits = search_actions(organisation=plan.organisation, query="repository", period="2022")
    assert set(_refs(hits)) >= {"CL3", "SP5"}
    employer = plan.themes.get(title="As an Employer")
    assert set(
        _refs(
            search_actions(organisation=plan.organisation, query="training", theme_id=employer.pk)
        )
    ) <= {"E1", "E2", "E3", "E4", "E5"}


def test_new_words_are_found_and_archived_actions_are_not(plan):
    action = Action.objects.get(plan=plan, ref="CL1")
    period = plan.periods.get(label="2022")
    update_write(
        action=action,
        period=period,
        progress=["Zebra crossing installed."],
        next_steps=[],
        status_text=None,
        status_category=None,
    )
    assert _refs(search_actions(organisation=plan.organisation, query="zebra")) == ["CL1"]
    record_archive(record=Update.objects.get(action=action, period=period))
    assert search_actions(organisation=plan.organisation, query="zebra") == []
    record_archive(record=action)
    assert "CL1" not in _refs(search_actions(organisation=plan.organisation, query="compassionate"))


def test_another_organisations_actions_are_never_found(plan):
    from eqtrack.organisations.services import organisation_get_or_create

    other = organisation_get_or_create(name="Another Council")
    assert search_actions(organisation=other, query="1453") == []


def test_the_search_page(plan, client):
    response = client.get(
        f"/{plan.organisation.slug}/eap/search/", {"q": "1453 <zqx>", "period": "2021"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 actions found" in html  # "zqx" is a word no action has
    assert 'value="1453 &lt;zqx&gt;"' in html
    html = client.get(f"/{plan.organisation.slug}/eap/search/", {"q": "1453"}).content.decode()
    assert "1 action found" in html and "CL2: We will take an evidence-based approach" in html


def test_filter_by_tag(plan):
    action = Action.objects.get(plan=plan, ref="SP7")
    action.tags = ["poverty", "armed forces"]
    action.save()
    assert _refs(search_actions(organisation=plan.organisation, query="", tag="poverty")) == ["SP7"]
    assert search_actions(organisation=plan.organisation, query="", tag="pov") == []


def test_the_search_page_filters_by_team_and_tag(plan, client):
    from eqtrack.accounts.models import Team

    hr = Team.objects.create(organisation=plan.organisation, name="Human Resources")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=hr)
    Action.objects.filter(plan=plan, ref="SP7").update(tags=["poverty"])
    page = client.get(f"/{plan.organisation.slug}/eap/search/").content.decode()
    assert '<option value="poverty">poverty</option>' in page
    assert f'<option value="{hr.pk}">Human Resources</option>' in page
    by_team = client.get(f"/{plan.organisation.slug}/eap/search/", {"team": hr.pk}).content.decode()
    assert "5 actions found" in by_team and "selected>Human Resources" in by_team
    by_tag = client.get(
        f"/{plan.organisation.slug}/eap/search/", {"tag": "poverty"}
    ).content.decode()
    assert "1 action found" in by_tag and "SP7:" in by_tag


@pytest.fixture
def worded():
    """A plan whose actions say each word in one form only (one of them in an update)."""
    from eqtrack.plans.services import action_create
    from eqtrack.plans.tests.factories import PeriodFactory, ThemeFactory

    theme = ThemeFactory()
    texts = {
        "D1": "Become a Disability Confident employer.",
        "D2": "Make the library accessible to people with disabilities.",
        "D3": "Ask disabled residents what they need.",
        "C1": "Consult tenants on the housing strategy.",
        "C2": "Run a consultation on the budget.",
        "W1": "Support the women's network.",
        "W2": "Appoint a woman to every shortlist.",
    }
    for ref, text in texts.items():
        action_create(plan=theme.plan, theme=theme, text=text, ref=ref)
    c3 = action_create(plan=theme.plan, theme=theme, text="Review the parks.", ref="C3")
    update_write(
        action=c3,
        period=PeriodFactory(plan=theme.plan),
        progress=["We consulted 400 park users."],
        next_steps=[],
        status_text=None,
        status_category=None,
    )
    return theme.plan


@pytest.mark.parametrize(
    ("words", "refs"),
    [
        (("disability", "disabilities", "disabled"), {"D1", "D2", "D3"}),
        (("consult", "consultation", "consulted"), {"C1", "C2", "C3"}),
        (("women", "woman"), {"W1", "W2"}),
    ],
)
def test_every_form_of_a_word_finds_the_others(worded, words, refs):
    """On SQLite as on PostgreSQL: CI runs this on both."""
    for word in words:
        found = search_actions(organisation=worded.organisation, query=word)
        assert set(_refs(found)) == refs, word
    hits = search_actions(organisation=worded.organisation, query="disabilities")
    assert "Disability Confident" in hits[_refs(hits).index("D1")].snippet
