"""The glossary and Word template pages: the services directly (who may, what is checked), and
the pages end to end, bad input giving one clear message and changing nothing."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.organisations.models import Organisation
from eqtrack.reports.data import ReportError
from eqtrack.reports.glossary import DEFAULT_GLOSSARY
from eqtrack.reports.models import GlossaryEntry, WordTemplate
from eqtrack.reports.selectors import glossary_for, word_template_for
from eqtrack.reports.services import (
    GlossaryError,
    glossary_entry_add,
    glossary_entry_change,
    glossary_entry_remove,
    word_template_reset,
    word_template_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return Organisation.objects.create(name="Borough", slug="borough")


@pytest.fixture
def admin(council):
    return member_create(council, Role.ADMINISTRATOR, username="ada")


def _make_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Borough Council"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


TEMPLATE = _make_docx()  # made once: a .docx saved a second later differs in its dates


def _docx() -> bytes:
    return TEMPLATE


# The services


def test_the_first_term_starts_the_councils_own_copy_of_the_standard_glossary(council, admin):
    assert glossary_for(organisation=council) == DEFAULT_GLOSSARY
    glossary_entry_add(organisation=council, term="MBC", expansion="Maidstone BC", user=admin)
    assert glossary_for(organisation=council) == DEFAULT_GLOSSARY | {"MBC": "Maidstone BC"}
    # A standard term added with the council's wording keeps the council's wording.
    other = Organisation.objects.create(name="Other", slug="other")
    other_admin = member_create(other, Role.ADMINISTRATOR)
    glossary_entry_add(organisation=other, term="HR", expansion="People team", user=other_admin)
    assert glossary_for(organisation=other)["HR"] == "People team"


def test_terms_are_checked_and_unique_per_council(council, admin):
    entry = glossary_entry_add(organisation=council, term=" EqIA ", expansion="EIA", user=admin)
    assert entry.term == "EqIA"
    before = list(GlossaryEntry.history.values_list("history_id", flat=True))
    for term, expansion, field, message in [
        ("EqIA", "Again", "term", "already has EqIA"),
        ("", "Nothing", "term", "Enter the term"),
        ("X" * 31, "Long", "term", "30 characters or fewer"),
        ("NEW", "  ", "expansion", "Enter what the term stands for"),
        ("NEW", "y" * 201, "expansion", "200 characters or fewer"),
    ]:
        with pytest.raises(GlossaryError, match=message) as raised:
            glossary_entry_add(organisation=council, term=term, expansion=expansion, user=admin)
        assert raised.value.field == field
    assert list(GlossaryEntry.history.values_list("history_id", flat=True)) == before
    # The same term in another council is another council's business.
    other = Organisation.objects.create(name="Other", slug="other")
    glossary_entry_add(
        organisation=other,
        term="EqIA",
        expansion="Equality Impact Assessment",
        user=member_create(other, Role.ADMINISTRATOR),
    )


def test_changing_and_removing_a_term_keep_who_and_why(council, admin):
    entry = glossary_entry_add(organisation=council, term="EqIA", expansion="EIA", user=admin)
    vcs = GlossaryEntry.objects.get(organisation=council, term="VCS")
    with pytest.raises(GlossaryError, match="already has VCS"):
        glossary_entry_change(entry=entry, term="VCS", expansion="x", user=admin)
    glossary_entry_change(entry=entry, term="EqIA", expansion="Impact assessment", user=admin)
    assert GlossaryEntry.objects.get(pk=entry.pk).expansion == "Impact assessment"
    vcs_pk = vcs.pk
    glossary_entry_remove(entry=vcs, user=admin)
    assert not GlossaryEntry.objects.filter(pk=vcs_pk).exists()
    removed = GlossaryEntry.history.filter(id=vcs_pk).order_by("-history_id").first()
    assert (removed.history_type, removed.history_user, removed.history_change_reason) == (
        "-",
        admin,
        "Removed from the glossary",
    )
    changed = entry.history.order_by("-history_id").first()
    assert (changed.history_user, changed.history_change_reason) == (
        admin,
        "Changed in the glossary",
    )


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OWNER, Role.REVIEWER, Role.MANAGER])
def test_only_administrators_change_the_glossary_and_template(council, admin, role):
    person = member_create(council, role)
    entry = glossary_entry_add(organisation=council, term="EqIA", expansion="EIA", user=admin)
    outsider = member_create(Organisation.objects.create(name="O", slug="o"), Role.ADMINISTRATOR)
    for user in (person, outsider):
        with pytest.raises(PermissionDenied):
            glossary_entry_add(organisation=council, term="New", expansion="x", user=user)
        with pytest.raises(PermissionDenied):
            glossary_entry_change(entry=entry, term="EqIA", expansion="x", user=user)
        with pytest.raises(PermissionDenied):
            glossary_entry_remove(entry=entry, user=user)
        with pytest.raises(PermissionDenied):
            word_template_set(organisation=council, filename="t.docx", content=_docx(), user=user)
        with pytest.raises(PermissionDenied):
            word_template_reset(organisation=council, user=user)
    assert GlossaryEntry.objects.get(pk=entry.pk).expansion == "EIA"
    assert not WordTemplate.objects.exists()


def test_a_bad_template_changes_nothing_and_reset_goes_back_to_the_built_in_one(council, admin):
    word_template_set(organisation=council, filename="good.docx", content=_docx(), user=admin)
    with pytest.raises(ReportError, match="bad.docx"):
        word_template_set(organisation=council, filename="bad.docx", content=b"no", user=admin)
    assert WordTemplate.objects.get(organisation=council).filename == "good.docx"
    assert word_template_for(organisation=council) == _docx()
    assert word_template_reset(organisation=council, user=admin) is True
    assert word_template_for(organisation=council) is None
    assert word_template_reset(organisation=council, user=admin) is False
    kept = WordTemplate.history.order_by("-history_id").first()
    assert (kept.history_type, kept.history_user) == ("-", admin)


# The pages


def test_the_glossary_page_lists_terms_in_constant_queries(
    client, council, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    glossary_entry_add(organisation=council, term="MBC", expansion="Maidstone BC", user=admin)
    with django_assert_max_num_queries(12) as few:
        page = client.get("/borough/manage/glossary/")
    for n in range(30):
        GlossaryEntry.objects.create(organisation=council, term=f"T{n}", expansion=f"Term {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/borough/manage/glossary/")
    html = page.content.decode()
    assert "Maidstone BC" in html and "Term 29" in html
    assert "/borough/manage/glossary/" in html


def test_an_empty_glossary_shows_the_standard_one(client, council, admin):
    client.force_login(admin)
    html = client.get("/borough/manage/glossary/").content.decode()
    assert "its reports use the standard one below" in html
    assert "Equality Impact Assessment" in html


def test_a_term_is_added_changed_and_removed_through_the_pages(client, council, admin):
    client.force_login(admin)
    added = client.post("/borough/manage/glossary/", {"term": "MBC", "expansion": "Maidstone"})
    assert added.status_code == 302
    entry = GlossaryEntry.objects.get(organisation=council, term="MBC")
    changed = client.post(
        f"/borough/manage/glossary/{entry.pk}/", {"term": "MBC", "expansion": "Maidstone BC"}
    )
    assert changed.status_code == 302
    assert GlossaryEntry.objects.get(pk=entry.pk).expansion == "Maidstone BC"
    confirm = client.get(f"/borough/manage/glossary/{entry.pk}/remove/").content.decode()
    assert "Remove MBC from the glossary?" in confirm
    client.post(f"/borough/manage/glossary/{entry.pk}/remove/")
    assert not GlossaryEntry.objects.filter(pk=entry.pk).exists()


def test_a_duplicate_term_gives_the_message_and_changes_nothing(client, council, admin):
    client.force_login(admin)
    glossary_entry_add(organisation=council, term="MBC", expansion="Maidstone", user=admin)
    before = list(GlossaryEntry.history.values_list("history_id", flat=True))
    page = client.post("/borough/manage/glossary/", {"term": "MBC", "expansion": "Another"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "The glossary already has MBC: change that one instead" in html
    assert 'href="#id_term"' in html
    too_long = client.post("/borough/manage/glossary/", {"term": "X" * 40, "expansion": "x"})
    assert "The term must be 30 characters or fewer" in too_long.content.decode()
    assert list(GlossaryEntry.history.values_list("history_id", flat=True)) == before


def test_a_term_of_another_council_is_not_found(client, council, admin):
    other = Organisation.objects.create(name="Other", slug="other")
    theirs = GlossaryEntry.objects.create(organisation=other, term="X", expansion="Theirs")
    client.force_login(admin)
    assert client.get(f"/borough/manage/glossary/{theirs.pk}/").status_code == 404
    assert client.post(f"/borough/manage/glossary/{theirs.pk}/remove/").status_code == 404
    assert GlossaryEntry.objects.filter(pk=theirs.pk).exists()


def test_a_template_is_uploaded_shown_downloaded_and_reset(client, council, admin):
    client.force_login(admin)
    page = client.get("/borough/manage/word-template/").content.decode()
    assert "The built-in template" in page
    uploaded = client.post(
        "/borough/manage/word-template/",
        {"upload": SimpleUploadedFile("borough.docx", _docx())},
    )
    assert uploaded.status_code == 302
    page = client.get("/borough/manage/word-template/").content.decode()
    assert "borough.docx" in page and "by ada" in page
    download = client.get("/borough/manage/word-template/download/")
    assert download["Content-Disposition"] == 'attachment; filename="borough.docx"'
    assert b"".join(download) == _docx()
    assert client.post("/borough/manage/word-template/", {"reset": "1"}).status_code == 302
    assert word_template_for(organisation=council) is None


def test_a_bad_template_gives_one_message_and_changes_nothing(client, council, admin):
    client.force_login(admin)
    word_template_set(organisation=council, filename="good.docx", content=_docx(), user=admin)
    before = WordTemplate.history.count()
    page = client.post(
        "/borough/manage/word-template/",
        {"upload": SimpleUploadedFile("broken.docx", b"not a Word file")},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("The file could not be used: broken.docx") == 2  # summary and field
    assert 'href="#id_upload"' in html
    assert WordTemplate.history.count() == before
    assert word_template_for(organisation=council) == _docx()
    nothing = client.post("/borough/manage/word-template/", {})
    assert "Choose a Word template to upload" in nothing.content.decode()


def test_a_template_too_large_is_refused_before_it_is_read(client, council, admin, monkeypatch):
    monkeypatch.setenv("EQTRACK_MAX_UPLOAD_MB", "0.001")
    client.force_login(admin)
    page = client.post(
        "/borough/manage/word-template/", {"upload": SimpleUploadedFile("big.docx", _docx())}
    )
    assert "The file must be smaller than 1 KB" in page.content.decode()
    assert not WordTemplate.objects.exists()
