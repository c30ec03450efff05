"""The round page end to end: "my actions" a page at a time, with a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.services import round_open

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actions", [10, 120])
def test_my_actions_fifty_a_page_in_a_fixed_number_of_queries(client, actions):
    plan = plan_create_from_document(document=document_generate(actions=actions, periods=1))
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    client.force_login(admin)
    url = f"/{plan.organisation.slug}/rounds/{round.pk}/"
    client.get(url)  # the session's once-a-minute save happens here, not below
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    # session, user, the round with its organisation, membership and its teams, the page of
    # actions and their updates (and its count), reviews waiting, progress (2), and (for an
    # administrator) the teams of the actions with no update yet; and, for each of the three
    # (the page, progress, teams), the two that decide which actions are due (actions_due)
    assert len(queries) == 18, [q["sql"][:80] for q in queries.captured_queries]
    # The generated plan has every status, so some actions ended before the round.
    from eqtrack.rounds.selectors import actions_due

    due = actions_due(round=round).count()
    assert due < actions
    assert html.count('<tr class="govuk-table__row"><th scope="row"') == min(due, 50)
    if due > 100:
        assert f"(1 to 50 of {due})" in html and 'href="?page=3"' in html
        last = client.get(url + "?page=3").content.decode()
        assert last.count('<tr class="govuk-table__row"><th scope="row"') == due - 100


def test_my_actions_show_a_change_at_once_with_the_cache_on(client, settings):
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import update_save_draft

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"}
    }
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    admin = member_create(plan.organisation, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    client.force_login(admin)
    url = f"/{plan.organisation.slug}/rounds/{round.pk}/"
    assert '<td class="govuk-table__cell">Draft</td>' not in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 6  # the table and the counts came from the cache
    action = Action.objects.filter(plan=plan).order_by("position").first()
    update_save_draft(
        round=round,
        action=action,
        progress=["x"],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=admin,
    )
    assert '<td class="govuk-table__cell">Draft</td>' in client.get(url).content.decode()


# The trial's findings, end to end through the pages, on the sample plan (21 actions, the five
# "As an Employer" ones the HR team's).
from .test_services import people  # noqa: E402, F401


@pytest.fixture
def open_round(people):  # noqa: F811
    plan, users = people
    round = round_open(
        plan=plan, period_label="2023", deadline=dt.date(2099, 11, 30), user=users["administrator"]
    )
    base = f"/{plan.organisation.slug}/rounds/{round.pk}/"
    return plan, users, round, base


def _summary(html: str) -> str:
    """The GOV.UK error summary's text, or "" when the page has none."""
    if "govuk-error-summary" not in html:
        return ""
    return html.split('class="govuk-error-summary"')[1].split("</ul>")[0]


def test_an_empty_update_is_refused_naming_what_is_missing_and_nothing_is_lost(client, open_round):
    from eqtrack.plans.models import Action, Update

    plan, users, round, base = open_round
    e1 = Action.objects.get(plan=plan, ref="E1")
    url = f"{base}actions/{e1.pk}/"
    client.force_login(users["owner"])
    empty = {"progress": "", "next_steps": "", "status_text": "", "status_category": ""}
    response = client.post(url, {**empty, "revision": "0", "submit": "1"})
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert (
        '<a href="#id_progress">Add the progress made and choose a status before submitting '
        "the update</a>" in summary
    )
    assert not Update.objects.filter(action=e1, period=round.period).exists()
    # Progress but no status: the form comes back with the words in it, linked to the status.
    written = {**empty, "progress": "Venues booked.\n  Town hall", "revision": "0"}
    html = client.post(url, {**written, "submit": "1"}).content.decode()
    assert (
        '<a href="#id_status_category">Choose a status before submitting the update</a>'
        in _summary(html)
    )
    assert ">Venues booked.\n  Town hall</textarea>" in html
    assert not Update.objects.filter(action=e1, period=round.period).exists()
    # A partial draft is still saved ...
    assert client.post(url, {**written, "draft": "1"}).status_code == 302
    update = Update.objects.get(action=e1, period=round.period)
    assert update.state == Update.State.DRAFT and update.status_category is None
    # ... and, with a status, submitted.
    done = {**written, "status_category": "on_track", "revision": str(update.revision)}
    assert client.post(url, {**done, "submit": "1"}).status_code == 302
    update.refresh_from_db()
    assert update.state == Update.State.SUBMITTED


@pytest.mark.parametrize("revision", [None, "", "two"])
def test_a_post_without_the_forms_revision_is_a_form_error_and_saves_nothing(
    client, open_round, revision
):
    from eqtrack.plans.models import Action, Update

    plan, users, round, base = open_round
    e1 = Action.objects.get(plan=plan, ref="E1")
    url = f"{base}actions/{e1.pk}/"
    client.force_login(users["owner"])
    words = {"progress": "Venues booked.", "status_category": "on_track", "draft": "1"}
    assert client.post(url, {**words, "revision": "0"}).status_code == 302
    update = Update.objects.get(action=e1, period=round.period)
    sent = {**words, "progress": "Written over."}
    if revision is not None:
        sent["revision"] = revision
    response = client.post(url, sent)
    assert response.status_code == 200
    assert "sent without the version of the update it was opened at" in _summary(
        response.content.decode()
    )
    assert Update.objects.get(pk=update.pk).progress == ["Venues booked."]
    assert Update.objects.get(pk=update.pk).revision == update.revision


def test_a_submitted_update_is_shown_read_only_and_a_returned_one_is_editable(client, open_round):
    from eqtrack.plans.models import Action, Update
    from eqtrack.rounds.services import update_review, update_save_and_submit

    plan, users, round, base = open_round
    e1 = Action.objects.get(plan=plan, ref="E1")
    update = update_save_and_submit(
        round=round,
        action=e1,
        progress=["Venues booked.", {"text": "Trainers", "items": ["Two found"]}],
        next_steps=["Book the dates."],
        status_text="On track: training booked",
        status_category="on_track",
        user=users["owner"],
    )
    url = f"{base}actions/{e1.pk}/"
    client.force_login(users["owner"])
    html = client.get(url).content.decode()
    assert "<textarea" not in html and "Save and submit for review" not in html
    assert '<div class="govuk-inset-text">This update is with the reviewers.' in html
    assert '<dt class="govuk-summary-list__key">Progress</dt>' in html
    assert "<li>Two found</li>" in html and "<li>Book the dates.</li>" in html
    assert "On track: training booked" in html
    # The reviewer sees the status chosen, not "None given".
    client.force_login(users["reviewer"])
    review = client.get(f"{base}updates/{update.pk}/review/").content.decode()
    assert "None given" not in review and "On track: training booked" in review
    client.force_login(users["owner"])
    # A form left open in another tab: refused with the reason, nothing changed.
    stale = {"progress": "Changed", "revision": str(update.revision), "submit": "1"}
    response = client.post(url, stale, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The update is submitted for review; it cannot be edited now" in (
        response.content.decode()
    )
    update.refresh_from_db()
    assert update.progress[0] == "Venues booked." and update.state == Update.State.SUBMITTED

    update_review(round=round, update=update, user=users["reviewer"], approve=False, comment="?")
    update.refresh_from_db()
    html = client.get(url).content.decode()
    assert '<textarea class="govuk-textarea" id="id_progress"' in html
    assert "Save and submit for review" in html

    update_save_and_submit(
        round=round,
        action=e1,
        progress=["Venues booked."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=users["owner"],
        based_on=update.revision,
    )
    update.refresh_from_db()
    update_review(round=round, update=update, user=users["reviewer"], approve=True)
    html = client.get(url).content.decode()
    assert "<textarea" not in html
    assert '<div class="govuk-inset-text">This update is approved.' in html


def test_closing_asks_first_with_the_rounds_counts(client, open_round):
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import update_save_and_submit

    plan, users, round, base = open_round
    update_save_and_submit(
        round=round,
        action=Action.objects.get(plan=plan, ref="E1"),
        progress=["Done."],
        next_steps=[],
        status_text=None,
        status_category="complete",
        user=users["owner"],
    )
    client.force_login(users["administrator"])
    page = client.get(base).content.decode()
    # The round page's button only leads to the question: it is a link, not a form that closes.
    assert f'<a href="{base}?close=confirm" role="button"' in page
    assert 'name="close"' not in page
    html = client.get(f"{base}?close=confirm").content.decode()
    assert '<h1 class="govuk-heading-l">Are you sure you want to close the 2023 round?</h1>' in (
        html
    )
    rows = dict(re.findall(r'__key">([^<]+)</dt><dd class="govuk-summary-list__value">(\d+)', html))
    assert rows == {
        "Approved": "0",
        "Awaiting review": "1",
        "Drafts and returned, not submitted": "0",
        "Missing": "17",  # less E2, CL1 and CL2, which ended in 2022
    }
    assert "Closing the round cannot be undone." in html
    assert (
        'class="govuk-button govuk-button--warning" data-module="govuk-button">Yes, close' in html
    )
    assert f'<a class="govuk-link" href="{base}">No, go back to the round</a>' in html
    round.refresh_from_db()
    assert round.is_open  # asking closed nothing
    response = client.post(base, {"close": "1"}, follow=True)
    assert "The 2023 round is closed." in response.content.decode()
    round.refresh_from_db()
    assert not round.is_open
    # Asked again once it is closed: back to the round, with the reason as a sentence.
    again = client.get(f"{base}?close=confirm", follow=True)
    assert again.redirect_chain == [(base, 302)]
    assert "The 2023 round is closed" in again.content.decode()


def test_only_an_administrator_is_asked(client, open_round):
    _, users, round, base = open_round
    for role in ("reviewer", "owner", "viewer"):
        client.force_login(users[role])
        assert client.get(f"{base}?close=confirm").status_code == 403
        assert "?close=confirm" not in client.get(base).content.decode()


def test_a_second_open_round_is_refused_with_a_form_error(client, open_round):
    plan, users, round, _ = open_round
    client.force_login(users["administrator"])
    url = f"/{plan.organisation.slug}/{plan.slug}/rounds/"
    response = client.post(url, {"period": "2024", "deadline": "30/11/2099"})
    assert response.status_code == 200
    assert "<li>The 2023 round is still open: close it before opening another</li>" in _summary(
        response.content.decode()
    )
    assert not plan.periods.filter(label="2024").exists()


def test_round_errors_on_forms_start_with_a_capital(client, open_round):
    from eqtrack.plans.models import Action
    from eqtrack.rounds.services import round_close, update_save_draft

    plan, users, round, base = open_round
    draft = update_save_draft(
        round=round,
        action=Action.objects.get(plan=plan, ref="E1"),
        progress=["x"],
        next_steps=[],
        status_text=None,
        status_category=None,
        user=users["owner"],
    )
    client.force_login(users["administrator"])
    review = client.post(f"{base}updates/{draft.pk}/review/", {"decision": "approve"})
    assert "<li>Only a submitted update can be reviewed</li>" in _summary(review.content.decode())
    round_close(round=round, user=users["administrator"])
    url = f"/{plan.organisation.slug}/{plan.slug}/rounds/"
    html = client.post(url, {"period": "2023", "deadline": "30/11/2099"}).content.decode()
    assert '<a href="#id_period">There is already a round for 2023</a>' in _summary(html)
    assert 'id="id_period-error"><span class="govuk-visually-hidden">Error:</span> There is' in html


def test_each_person_sees_their_part_of_the_round_page(client, open_round):
    plan, users, round, base = open_round
    org = plan.organisation.slug
    client.force_login(users["administrator"])
    admin = client.get(base).content.decode()
    assert '<h2 class="govuk-heading-l">All actions</h2>' in admin
    assert "My actions" not in admin
    assert '<th scope="col" class="govuk-table__header">Team</th>' in admin
    # Less E2, CL1 and CL2, which ended in 2022.
    assert admin.count('<td class="govuk-table__cell">HR</td>') == 4
    assert admin.count('<td class="govuk-table__cell">No team</td>') == 14
    # Who has not started: "Missing 18" with the teams behind it.
    missing = admin.split('__key">Missing</dt>')[1].split("</dd>")[0]
    assert missing.startswith('<dd class="govuk-summary-list__value">18')
    assert "<li>HR: 4</li><li>No team: 14</li>" in missing
    # Breadcrumbs: the plans, the plan, its rounds.
    crumbs = admin.split('class="govuk-breadcrumbs"')[1].split("</nav>")[0]
    assert (
        f'href="/{org}/{plan.slug}/"' in crumbs and f'href="/{org}/{plan.slug}/rounds/"' in crumbs
    )
    assert '<li class="govuk-breadcrumbs__list-item" aria-current="page">2023 round</li>' in crumbs

    client.force_login(users["reviewer"])
    reviewer = client.get(base).content.decode()
    assert "My actions" not in reviewer and "You have no actions" not in reviewer
    assert '<h2 class="govuk-heading-l">To review</h2>' in reviewer
    assert "No update is waiting for review." in reviewer
    assert "HR: 5" not in reviewer  # the teams to chase are the administrator's

    client.force_login(users["owner"])
    owner = client.get(base).content.decode()
    assert '<h2 class="govuk-heading-l">My actions</h2>' in owner and "To review" not in owner
    assert "The actions you write updates for" in owner
    assert '<th scope="col" class="govuk-table__header">Team</th>' not in owner
    assert owner.count('<tr class="govuk-table__row"><th scope="row"') == 4  # not E2, ended

    client.force_login(users["viewer"])
    assert "You have no actions to update in this round." in client.get(base).content.decode()


def test_the_owner_sees_last_periods_update_and_the_reviewer_what_changed_since_returning(
    client, open_round
):
    from eqtrack.plans.models import Action, Update
    from eqtrack.rounds.services import update_review, update_save_and_submit

    plan, users, round, base = open_round
    e3 = Action.objects.get(plan=plan, ref="E3")
    last = Update.objects.get(action=e3, period__label="2022")
    client.force_login(users["owner"])
    form = client.get(f"{base}actions/{e3.pk}/").content.decode()
    assert "What was reported for 2022</span>" in form
    from django.utils.html import escape

    from eqtrack.plans.planformat import item_texts

    assert escape(item_texts(last.progress)[0]) in form

    update = update_save_and_submit(
        round=round,
        action=e3,
        progress=["16 first aiders trained."],
        next_steps=[],
        status_text=None,
        status_category="ongoing",
        user=users["owner"],
    )
    review_url = f"{base}updates/{update.pk}/review/"
    client.force_login(users["reviewer"])
    assert "Changed since it was returned" not in client.get(review_url).content.decode()
    update_review(
        round=round, update=update, approve=False, comment="Where?", user=users["reviewer"]
    )
    client.force_login(users["owner"])
    client.post(
        f"{base}actions/{e3.pk}/",
        {
            "progress": "16 first aiders trained, in every directorate.",
            "next_steps": "",
            "status_text": "",
            "status_category": "ongoing",
            "revision": str(Update.objects.get(pk=update.pk).revision),
            "submit": "1",
        },
    )
    client.force_login(users["reviewer"])
    review = client.get(review_url).content.decode()
    assert "Changed since it was returned" in review
    assert "<li><del>16 first aiders trained.</del></li>" in review
    assert "<li><ins>16 first aiders trained, in every directorate.</ins></li>" in review


def test_the_open_a_round_form_gives_way_to_the_open_round(client, open_round):
    plan, users, round, base = open_round
    client.force_login(users["administrator"])
    html = client.get(f"/{plan.organisation.slug}/{plan.slug}/rounds/").content.decode()
    assert "Open the round</button>" not in html
    assert "is open, with updates due by 30 November 2099. Close it before opening another." in html
