"""Importing from the web: upload, check the summary and link decisions, then import or
cancel; bad files get one message naming them and store nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Plan

from .documents import INTRO, PLAIN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path


@pytest.fixture
def admin(client):
    organisation = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    user = member_create(organisation, Role.ADMINISTRATOR)
    client.force_login(user)
    return organisation


def _upload(client, paths, **fields):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    return client.post(
        "/maidstone/import/",
        {"files": files, "periods": "2021, 2022", "target": "new", **fields},
    )


def test_upload_check_and_import_the_seed_reports(client, admin, seed_paths, data_dir):
    sent = _upload(client, seed_paths, publish="on")
    assert sent.status_code == 302
    check = client.get(sent["Location"])
    html = check.content.decode()
    assert check.status_code == 200
    assert "equalities-actions-update-2021.txt<br>equalities-actions-update-2022.txt" in html
    assert "3 themes, 21 actions" in html and "over 2 period(s): 2021, 2022" in html
    assert "Decisions worth checking" in html
    assert not Plan.objects.exists()  # the check stores nothing
    done = client.post(sent["Location"], {"confirm": "1", "links": "", "kept_apart": ""})
    assert done.status_code == 302
    plan = Plan.objects.get()
    assert plan.organisation == admin and plan.published
    assert done["Location"] == f"/maidstone/{plan.slug}/"
    assert plan.actions.count() == 21
    assert not any((data_dir / "uploads").iterdir())  # the staged files are gone


def test_the_check_page_names_each_guess_and_the_plan_keeps_the_introduction(
    client, admin, tmp_path
):
    path = tmp_path / "plan-2023.txt"
    path.write_text(PLAIN, encoding="utf-8")
    sent = _upload(client, [path], periods="2023")
    html = client.get(sent["Location"]).content.decode()
    guessed = html[html.index("What eqtrack guessed") :]
    assert (
        "plan-2023.txt: took the paragraph after the heading &#x27;As an Employer&#x27; as "
        "its objective: &#x27;To be an inclusive employer.&#x27;</li>" in guessed
    )
    assert "kept 3 paragraphs that belong to no one theme" in guessed
    client.post(sent["Location"], {"confirm": "1", "links": "", "kept_apart": ""})
    plan = Plan.objects.get()
    assert plan.introduction[0] == INTRO
    assert [t.objective for t in plan.themes.order_by("position")] == [
        "To be an inclusive employer.",
        "",
    ]


def test_cancel_deletes_the_files_and_imports_nothing(client, admin, seed_paths, data_dir):
    sent = _upload(client, seed_paths)
    cancelled = client.post(sent["Location"], {"cancel": "1"})
    assert cancelled.status_code == 302 and cancelled["Location"] == "/maidstone/import/"
    assert not Plan.objects.exists()
    assert not any((data_dir / "uploads").iterdir())
    assert client.get(sent["Location"]).status_code == 404


def test_a_bad_file_gets_one_message_naming_it_and_nothing_is_stored(client, admin):
    bad = SimpleUploadedFile("plan.json", b'{"format": "eqtrack-plan/1", "title": ')
    sent = client.post("/maidstone/import/", {"files": [bad], "target": "new"})
    html = client.get(sent["Location"]).content.decode()
    assert "These files cannot be imported" in html
    assert "plan.json: line 1 column" in html and "uploads" not in html
    assert "Import the plan</button>" not in html
    assert not Plan.objects.exists()


def test_the_import_page_opens_without_errors(client, admin):
    html = client.get("/maidstone/import/").content.decode()
    assert "There is a problem" not in html and "This field is required" not in html
    assert "<title>Import a plan" in html


def test_no_file_is_an_error_on_the_form(client, admin):
    response = client.post("/maidstone/import/", {"target": "new"})
    html = response.content.decode()
    assert response.status_code == 200 and "Choose the files to import" in html
    assert "<title>Error: Import a plan" in html


@override_settings()
def test_files_over_the_size_limit_are_refused(client, admin, monkeypatch):
    monkeypatch.setenv("EQTRACK_MAX_UPLOAD_MB", "0.001")
    big = SimpleUploadedFile("big.txt", b"x" * 5000)
    html = client.post("/maidstone/import/", {"files": [big], "target": "new"}).content.decode()
    assert "big.txt: is 0.0 MB, over the 0 MB limit" in html


def test_a_token_from_elsewhere_is_not_found(client, admin):
    assert client.get("/maidstone/import/..%2F..%2Fetc/").status_code == 404
    assert client.get("/maidstone/import/abcdefghijklmnopqrstuvwxyz/").status_code == 404


def test_only_administrators_import(client, admin, seed_paths):
    client.force_login(member_create(admin, Role.OWNER))
    assert client.get("/maidstone/import/").status_code == 403
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in seed_paths]
    assert client.post("/maidstone/import/", {"files": files, "target": "new"}).status_code == 403
    assert not Plan.objects.exists()


def test_after_importing_actions_with_leads_the_administrator_is_sent_to_assign_teams(
    client, admin, tmp_path
):
    import json

    from eqtrack.plans.generated import document_generate
    from eqtrack.plans.models import Action

    path = tmp_path / "plan.json"
    document = document_generate(actions=66, periods=1) | {"organisation": admin.name}
    path.write_text(json.dumps(document))
    sent = _upload(client, [path], periods="")
    check = client.get(sent["Location"]).content.decode()
    assert "22 actions name a lead in the Lead column" in check
    done = client.post(sent["Location"], {"confirm": "1", "links": "", "kept_apart": ""})
    plan = Plan.objects.get()
    page = client.get(done["Location"]).content.decode()
    assert "22 actions name a lead but have no team" in page
    assert f'href="/maidstone/{plan.slug}/teams/"' in page
    # Teams given to the leads once are given again on the next import.
    # The page lists the leads in order: the first is row 0.
    lead = min(Action.objects.filter(plan=plan).exclude(lead=None).values_list("lead", flat=True))
    client.post(
        f"/maidstone/{plan.slug}/teams/",
        {"scope": "unassigned", "lead_0": lead.casefold(), "new_0": "Policy"},
    )
    assert Action.objects.filter(plan=plan, team__name="Policy").exists()
    sent = _upload(client, [path], periods="")
    done = client.post(sent["Location"], {"confirm": "1", "links": "", "kept_apart": ""})
    again = Plan.objects.exclude(pk=plan.pk).get()
    teams = set(Action.objects.filter(plan=again, lead=lead).values_list("team__name", flat=True))
    assert teams == {"Policy"}
