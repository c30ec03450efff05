"""Status wordings: guesses by a near word named in the summary; a wording eqtrack does not know
mapped once and remembered for the organisation's next import (and only its own)."""

import io
import logging
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.importing.errors import ImportingError
from eqtrack.importing.models import StatusWording
from eqtrack.importing.parsing import files_parse
from eqtrack.importing.selectors import status_wording_list, status_wordings_chosen
from eqtrack.importing.services import (
    plan_import,
    status_wording_forget,
    status_wording_remember,
)
from eqtrack.importing.summary import summary_build
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Update


def report_page(rows: list[tuple[str, str, str]], *, year: str = "2024") -> str:
    """A council's progress report as a web page: one theme, a table of ref, action, progress
    and status."""
    body = "".join(
        f"<tr><td>{ref}</td><td>{action}</td><td>Progress on {ref}.</td><td>{status}</td></tr>"
        for ref, action, status in rows
    )
    return (
        f"<!doctype html><html><body><h1>Equality action plan progress {year}</h1>"
        "<h2>Theme 1: Our workforce</h2><table><tr><th>Ref</th><th>Action</th>"
        f"<th>Progress</th><th>Status</th></tr>{body}</table></body></html>"
    )


ROWS = [
    ("1.1", "Publish the ethnicity pay gap.", "Awaiting HR sign-off"),
    ("1.2", "Train every manager in inclusive recruitment.", "Slipped - now Q3"),
    ("1.3", "Run the staff survey with equality questions.", "Slipped - now Q3"),
    ("1.4", "Review the flexible working policy.", "Amber – some delays due to staffing"),
    ("1.5", "Set up a disabled staff network.", "Achieved"),
]


def _admin(organisation: Organisation):
    return member_create(organisation, Role.ADMINISTRATOR)


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "progress-2024.html"
    path.write_text(report_page(ROWS), encoding="utf-8")
    return path


def _statuses(document) -> dict[str, tuple[str, str | None]]:
    return {
        a["ref"]: (a["updates"][0]["status"]["text"], a["updates"][0]["status"]["category"])
        for t in document["themes"]
        for a in t["actions"]
    }


def test_a_near_word_is_a_guess_named_once_per_wording_and_an_unknown_one_is_kept(report):
    parsed = files_parse(paths=[report], periods=["2024"])
    assert _statuses(parsed.document) == {
        "1.1": ("Awaiting HR sign-off", None),
        "1.2": ("Slipped - now Q3", "off_track"),
        "1.3": ("Slipped - now Q3", "off_track"),
        "1.4": ("Amber – some delays due to staffing", "at_risk"),
        "1.5": ("Achieved", "complete"),
    }
    assert parsed.guesses == [
        f"{report}: status 'Slipped - now Q3' (2 actions) read as off track",
        f"{report}: status 'Amber – some delays due to staffing' (ref 1.4) read as at risk",
    ]
    assert parsed.unknown_statuses == ["Awaiting HR sign-off"]
    lines = summary_build(
        document=parsed.document, decisions=[], warnings=[], guesses=parsed.guesses
    ).lines()
    assert "status not recognised (1.1, 2024): Awaiting HR sign-off" in lines
    assert f"guess: {report}: status 'Slipped - now Q3' (2 actions) read as off track" in lines


@pytest.mark.django_db
def test_a_remembered_wording_is_read_as_chosen_and_said_so_not_guessed(report):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    user = _admin(council)
    status_wording_remember(
        organisation=council, wording="Awaiting HR sign-off.", category="at_risk", user=user
    )
    # Remembered choices come before the vocabulary: this council's "slipped" is amber.
    status_wording_remember(
        organisation=council, wording="slipped  -  NOW q3", category="at_risk", user=user
    )
    result = plan_import(paths=[report], periods=["2024"], organisation=council, dry_run=True)
    assert _statuses(result.document)["1.1"] == ("Awaiting HR sign-off", "at_risk")
    assert _statuses(result.document)["1.2"] == ("Slipped - now Q3", "at_risk")
    assert result.unknown_statuses == []
    day = StatusWording.objects.filter(organisation=council).first().created_at
    chose = f"as your organisation chose on {day.day} {day:%B %Y}"
    assert result.chosen == [
        f"{report}: status 'Awaiting HR sign-off' (ref 1.1) read as at risk, {chose}",
        f"{report}: status 'Slipped - now Q3' (2 actions) read as at risk, {chose}",
    ]
    assert not any("Slipped" in g or "Awaiting" in g for g in result.guesses)
    summary = summary_build(
        document=result.document, decisions=[], warnings=[], chosen=result.chosen
    )
    assert summary.notes == []  # nothing left unrecognised
    assert result.chosen[0] in summary.lines()


@pytest.mark.django_db
def test_another_councils_choice_does_not_apply(report):
    kent = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    other = Organisation.objects.create(name="Other District Council", slug="other")
    status_wording_remember(
        organisation=other, wording="Awaiting HR sign-off", category="complete", user=_admin(other)
    )
    result = plan_import(paths=[report], periods=["2024"], organisation=kent, dry_run=True)
    assert _statuses(result.document)["1.1"] == ("Awaiting HR sign-off", None)
    assert result.unknown_statuses == ["Awaiting HR sign-off"] and result.chosen == []
    assert status_wordings_chosen(organisation=kent) == {}
    assert list(status_wordings_chosen(organisation=other)) == ["awaiting hr sign off"]


@pytest.mark.django_db
def test_choosing_again_replaces_and_forgetting_returns_to_the_vocabulary(report):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    user = member_create(council, Role.ADMINISTRATOR)
    status_wording_remember(
        organisation=council, wording="Behind  schedule", category="at_risk", user=user
    )
    status_wording_remember(
        organisation=council, wording="behind schedule.", category="off_track", user=user
    )
    [remembered] = status_wording_list(organisation=council)
    assert (remembered.wording, remembered.category) == ("behind schedule", "off_track")
    assert remembered.created_by == user
    assert status_wording_forget(organisation=council, wording="Behind schedule", user=user)
    assert not StatusWording.objects.live().exists()
    assert not status_wording_forget(organisation=council, wording="Behind schedule", user=user)
    result = plan_import(paths=[report], periods=["2024"], organisation=council, dry_run=True)
    assert result.chosen == []


@pytest.mark.django_db(transaction=True)
def test_remembering_is_recorded_in_the_audit_log(caplog):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    with caplog.at_level(logging.INFO, logger="eqtrack.security"):
        status_wording_remember(
            organisation=council,
            wording="Paused (funding)",
            category="at_risk",
            user=_admin(council),
        )
    assert "status wording: kent 'paused (funding)' read as at risk" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("wording", "category"),
    [
        ("", "at_risk"),
        ("  ...  ", "at_risk"),
        ("---", "at_risk"),
        ("Behind schedule", "late"),
        ("x" * 501, "at_risk"),
        ("x" * 141, "at_risk"),  # longer than a status: progress text
    ],
)
def test_a_wording_or_category_that_cannot_be_remembered_is_refused(wording, category):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    with pytest.raises(ImportingError):
        status_wording_remember(
            organisation=council, wording=wording, category=category, user=_admin(council)
        )
    assert not StatusWording.objects.exists()


@pytest.mark.django_db
def test_the_import_command_applies_the_named_organisations_choices(report):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    status_wording_remember(
        organisation=council,
        wording="Awaiting HR sign-off",
        category="at_risk",
        user=_admin(council),
    )
    err = io.StringIO()
    call_command(
        "import",
        str(report),
        "--period",
        "2024",
        "--organisation",
        "Kent Borough Council",
        "--plan",
        "workforce-plan",  # not "workforce": that is the address of the council's own pages
        stdout=io.StringIO(),
        stderr=err,
    )
    update = Update.objects.get(action__ref="1.1")
    assert (update.status_text, update.status_category) == ("Awaiting HR sign-off", "at_risk")
    assert "status 'Awaiting HR sign-off' (ref 1.1) read as at risk, as your organisation" in (
        err.getvalue()
    )
    assert "status not recognised" not in err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "viewer", "another councils administrator", "no one"])
def test_only_the_councils_administrators_remember_or_forget_a_wording(who):
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    other = Organisation.objects.create(name="Other District Council", slug="other")
    user = {
        "owner": lambda: member_create(council, Role.OWNER),
        "viewer": lambda: member_create(council, Role.VIEWER),
        "another councils administrator": lambda: member_create(other, Role.ADMINISTRATOR),
        "no one": lambda: None,
    }[who]()
    with pytest.raises(PermissionDenied):
        status_wording_remember(
            organisation=council, wording="Behind target", category="off_track", user=user
        )
    assert not StatusWording.objects.exists()
    status_wording_remember(
        organisation=council, wording="Behind target", category="off_track", user=_admin(council)
    )
    with pytest.raises(PermissionDenied):
        status_wording_forget(organisation=council, wording="Behind target", user=user)
    assert StatusWording.objects.live().get().category == "off_track"


@pytest.mark.django_db
def test_a_wordings_history_keeps_each_change_and_who_first_chose_it():
    council = Organisation.objects.create(name="Kent Borough Council", slug="kent")
    first, second = _admin(council), _admin(council)
    status_wording_remember(
        organisation=council, wording="Behind target", category="at_risk", user=first
    )
    status_wording_remember(
        organisation=council, wording="behind target.", category="off_track", user=second
    )
    assert status_wording_forget(organisation=council, wording="Behind target", user=first)
    assert status_wordings_chosen(organisation=council) == {}
    assert list(status_wording_list(organisation=council)) == []
    status_wording_remember(
        organisation=council, wording="Behind target", category="complete", user=second
    )
    [remembered] = StatusWording.objects.all()
    assert (remembered.created_by, remembered.changed_by) == (first, second)
    assert remembered.created_at < remembered.changed_at
    assert (remembered.category, remembered.archived_at) == ("complete", None)
    versions = [
        (v.category, v.archived_at is not None, v.history_user, v.history_change_reason)
        for v in remembered.history.order_by("history_date", "history_id")
    ]
    assert versions == [
        ("at_risk", False, first, "Chosen: read as at risk"),
        ("off_track", False, second, "Changed from at risk to off track"),
        ("off_track", True, first, "Forgotten"),
        ("complete", False, second, "Changed from forgotten to complete"),
    ]
