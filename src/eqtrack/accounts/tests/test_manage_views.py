"""The council administrators' pages end to end: invite someone, who follows the e-mailed link,
chooses a password and lands on their council's page; change, deactivate and reactivate a
person; teams; the council's details and logo; landing after signing in; and the council
page's counts of one's own work."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.accounts.tests.test_services import PNG
from eqtrack.organisations.models import Organisation
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.rounds.selectors import actions_due
from eqtrack.rounds.services import round_open, update_save_draft, update_submit

pytestmark = pytest.mark.django_db
PASSWORD = "a long test password 1"


@pytest.fixture
def council(client):
    plan = plan_create_from_document(document=document_generate(actions=4, periods=1))
    org = plan.organisation
    admin = member_create(org, Role.ADMINISTRATOR, username="admin")
    client.force_login(admin)
    return {"org": org, "plan": plan, "admin": admin, "slug": org.slug}


def test_invite_accept_and_land(council, client, django_capture_on_commit_callbacks):
    slug = council["slug"]
    hr = Team.objects.create(organisation=council["org"], name="HR")
    page = client.get(f"/{slug}/manage/people/invite/")
    assert page.status_code == 200 and "HR" in page.content.decode()
    bad = client.post(f"/{slug}/manage/people/invite/", {"name": "", "email": "nope", "role": ""})
    text = bad.content.decode()
    assert "There is a problem" in text and "like name@example.org" in text
    assert "Enter the full name" in text and Membership.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"/{slug}/manage/people/invite/",
            {
                "name": "Sam Patel",
                "email": "sam@council.example",
                "role": "owner",
                "teams": [hr.pk],
            },
        )
    assert sent.status_code == 302 and sent["Location"] == f"/{slug}/manage/people/"
    assert len(mail.outbox) == 1
    listing = client.get(f"/{slug}/manage/people/").content.decode()
    assert "Sam Patel" in listing and "Invited" in listing and "sam@council.example" in listing
    link = re.search(r"/invitation/[^\s]+/", mail.outbox[0].body).group(0)
    client.logout()
    form = client.get(link)
    assert "Choose your password" in form.content.decode()
    weak = client.post(link, {"new_password1": "123", "new_password2": "123"})
    assert "There is a problem" in weak.content.decode()
    done = client.post(
        link, {"new_password1": "a long new password 9", "new_password2": "a long new password 9"}
    )
    assert done.status_code == 302 and done["Location"] == f"/{slug}/"
    home = client.get(f"/{slug}/")
    assert home.context["user"].email == "sam@council.example"
    assert "Your work" in home.content.decode()
    # Used: the link now says to ask for a new one.
    client.logout()
    again = client.get(link).content.decode()
    assert "ask your council" in again.lower() and "new invitation" in again


def test_person_page_change_deactivate_reactivate_and_resend(
    council, client, django_capture_on_commit_callbacks
):
    slug = council["slug"]
    viewer = member_create(council["org"], Role.VIEWER)
    m = Membership.objects.get(user=viewer)
    url = f"/{slug}/manage/people/{m.pk}/"
    assert client.get(url).status_code == 200
    missing = client.post(url, {"step": "change", "role": "reviewer", "reason": ""})
    assert "Say why you are making this change" in missing.content.decode()
    changed = client.post(url, {"step": "change", "role": "reviewer", "reason": "Promoted"})
    assert changed.status_code == 302
    m.refresh_from_db()
    assert m.role == Role.REVIEWER
    assert "Promoted" in client.get(url).content.decode()  # in the history
    client.post(url, {"step": "deactivate", "status-reason": "Left"})
    m.refresh_from_db()
    assert m.is_archived
    assert "Deactivated" in client.get(f"/{slug}/manage/people/").content.decode()
    client.post(url, {"step": "reactivate", "status-reason": "Back"})
    m.refresh_from_db()
    assert not m.is_archived
    # Oneself: the page says so, and a forged post is refused with the reason.
    own = Membership.objects.get(user=council["admin"])
    own_url = f"/{slug}/manage/people/{own.pk}/"
    assert "You cannot deactivate yourself" in client.get(own_url).content.decode()
    refused = client.post(own_url, {"step": "deactivate", "status-reason": "x"})
    assert "You cannot deactivate yourself" in refused.content.decode()
    own.refresh_from_db()
    assert not own.is_archived
    # An invited person's invitation is sent again from their page.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/{slug}/manage/people/invite/",
            {"name": "New Person", "email": "new@council.example", "role": "viewer"},
        )
        invited = Membership.objects.get(user__email="new@council.example")
        client.post(f"/{slug}/manage/people/{invited.pk}/", {"step": "resend"})
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["new@council.example"]


def test_people_list_query_count_is_constant(council, client, django_assert_max_num_queries):
    hr = Team.objects.create(organisation=council["org"], name="HR")
    for _ in range(15):
        member_create(council["org"], Role.OWNER, teams=[hr])
    with django_assert_max_num_queries(12):
        assert client.get(f"/{council['slug']}/manage/people/").status_code == 200


def test_teams_pages(council, client):
    slug = council["slug"]
    assert client.post(f"/{slug}/manage/teams/", {"name": "Housing"}).status_code == 302
    assert client.post(f"/{slug}/manage/teams/", {"name": "Housing Options"}).status_code == 302
    dup = client.post(f"/{slug}/manage/teams/", {"name": "housing"})
    assert "There is already a team called “Housing”" in dup.content.decode()
    a = Team.objects.get(name="Housing")
    b = Team.objects.get(name="Housing Options")
    Action.objects.filter(plan=council["plan"]).update(team=a)
    url = f"/{slug}/manage/teams/{a.pk}/"
    empty = client.post(url, {"step": "merge", "into": ""})
    assert "Choose the team to merge it into" in empty.content.decode()
    merged = client.post(url, {"step": "merge", "into": str(b.pk)})
    assert merged.status_code == 302 and merged["Location"] == f"/{slug}/manage/teams/{b.pk}/"
    assert Action.objects.filter(team=b).count() == 4
    listing = client.get(f"/{slug}/manage/teams/").content.decode()
    assert "Archived" in listing
    client.post(url, {"step": "restore"})
    client.post(url, {"step": "rename", "name": "Old Housing"})
    a.refresh_from_db()
    assert a.name == "Old Housing" and not a.is_archived


def test_council_details_and_logo_pages(council, client):
    slug = council["slug"]
    url = f"/{slug}/manage/council/"
    page = client.get(url).content.decode()
    assert "Turn this off only if the council has too few managers" in page
    bad = client.post(
        url,
        {
            "name": council["org"].name,
            "website": "not a website",
            "separate_reviewer_and_signer": "yes",
            "logo": SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png"),
        },
    )
    assert "There is a problem" in bad.content.decode()
    wrong = client.post(
        url,
        {
            "name": council["org"].name,
            "separate_reviewer_and_signer": "yes",
            "logo": SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png"),
        },
    )
    assert "The logo must be a PNG or JPEG image" in wrong.content.decode()
    saved = client.post(
        url,
        {
            "name": "New Name Council",
            "contact_email": "eq@council.example",
            "website": "https://council.example",
            "separate_reviewer_and_signer": "no",
            "logo": SimpleUploadedFile("logo.bin", PNG, content_type="application/octet-stream"),
        },
    )
    assert saved.status_code == 302
    org = Organisation.objects.get(pk=council["org"].pk)
    assert org.name == "New Name Council" and org.logo_content_type == "image/png"
    assert not org.separate_reviewer_and_signer
    logo = client.get(f"/{slug}/logo")
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert logo.content == PNG
    client.logout()
    front = client.get(f"/{slug}/").content.decode()
    assert f'src="/{slug}/logo"' in front and "New Name Council logo" in front


def test_landing_after_sign_in(client):
    one = Organisation.objects.create(name="One", slug="one")
    two = Organisation.objects.create(name="Two", slug="two")
    member_create(one, Role.VIEWER, username="single")
    both = member_create(one, Role.VIEWER, username="double")
    Membership.objects.create(organisation=two, user=both, role=Role.VIEWER)
    signed = client.post("/sign-in/", {"username": "single", "password": PASSWORD})
    assert signed["Location"] == "/signed-in/"
    assert client.get("/signed-in/")["Location"] == "/one/"
    client.logout()
    client.post("/sign-in/", {"username": "double", "password": PASSWORD})
    assert client.get("/signed-in/")["Location"] == "/"


def _queries(client, url):
    """How many SQL queries the page took, and its HTML (counted by a wrapper, as the
    connection's own log of queries is capped and a long test fills it)."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        page = client.get(url).content.decode()
    return count, page


def test_your_work_counts_link_to_the_work(client):
    plan = plan_create_from_document(document=document_generate(actions=12, periods=1))
    org = plan.organisation
    hr = Team.objects.create(organisation=org, name="HR")
    owner = member_create(org, Role.OWNER, teams=[hr])
    reviewer = member_create(org, Role.REVIEWER)
    admin = member_create(org, Role.ADMINISTRATOR)
    round = round_open(plan=plan, period_label="2031", deadline=dt.date(2031, 1, 1), user=admin)
    # Three of the actions the round asks an update for are HR's (the others ended earlier).
    actions = list(actions_due(round=round).order_by("pk"))
    assert len(actions) >= 5
    Action.objects.filter(pk__in=[a.pk for a in actions[:3]]).update(team=hr)
    actions[0].refresh_from_db()
    update = update_save_draft(
        round=round,
        action=actions[0],
        progress=["Done."],
        next_steps=[],
        status_text=None,
        status_category="on_track",
        user=owner,
    )
    update_submit(round=round, update=update, user=owner)
    client.force_login(owner)
    first, page = _queries(client, f"/{org.slug}/")
    assert first <= 20
    assert "2 actions to update" in page and f'href="/{org.slug}/rounds/{round.pk}/"' in page
    client.force_login(reviewer)
    page = client.get(f"/{org.slug}/").content.decode()
    assert "1 update to review" in page and "actions to update" not in page
    # More actions and updates: no more queries.
    Action.objects.filter(plan=plan).update(team=hr)
    client.force_login(owner)
    second, page = _queries(client, f"/{org.slug}/")
    assert second == first
    assert f"{len(actions) - 1} actions to update" in page
