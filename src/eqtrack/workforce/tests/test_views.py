"""The workforce pages end to end with the test client: upload (with the mapping step for a
file named otherwise), the snapshot page with its tables and charts, publishing to the public
pages, downloads, deletion; who may see what; and the query count of the main page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.census import LICENCE, census_margins
from eqtrack.consultations.services import profile_create
from eqtrack.organisations.models import Organisation
from eqtrack.reports.tests.structure import pdf_structure, word_structure
from eqtrack.workforce.illustrative import illustrative_staff_csv
from eqtrack.workforce.models import StaffMember, StaffSnapshot, StaffUpload, WorkforceSettings
from eqtrack.workforce.services import staff_snapshot_import

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 31)


@pytest.fixture
def council():
    return Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")


@pytest.fixture
def census(council):
    return profile_create(
        organisation=council,
        name="Maidstone, Census 2021",
        margins=census_margins("E07000110"),
        area="Maidstone (E07000110)",
        source="Office for National Statistics, Census 2021 (TS009, TS021, TS038)",
        licence=LICENCE,
    )


@pytest.fixture
def admin(council, client):
    user = member_create(council, Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def _post_upload(client, data: bytes, name="staff.csv", **extra):
    return client.post(
        "/maidstone/workforce/",
        {
            "snapshot_day": "31",
            "snapshot_month": "3",
            "snapshot_year": "2026",
            "upload": SimpleUploadedFile(name, data, content_type="text/csv"),
            **extra,
        },
    )


def test_upload_then_the_snapshot_page_with_every_section(client, admin, census):
    response = _post_upload(client, illustrative_staff_csv(), profile=str(census.pk))
    assert response.status_code == 302
    assert response["Location"] == "/maidstone/workforce/2026-03-31/"
    page = client.get(response["Location"]).content.decode()
    for heading in (
        "Gender pay gap",
        "Pay quartiles",
        "Ethnicity pay gap",
        "Disability pay gap",
        "The staff against the borough",
        "Staff by grade",
    ):
        assert f">{heading}</h2>" in page
    snapshot = StaffSnapshot.objects.get()
    mean = snapshot.figures["sex"]["DiffMeanHourlyPercent"]
    assert f'<td class="govuk-table__cell govuk-table__cell--numeric">{mean:.1f}%</td>' in page
    assert "TS009, TS021, TS038" in page and "Open Government Licence" in page
    assert page.count("<svg") >= 6
    assert "did not declare" in page


def test_a_bad_file_keeps_nothing_and_lists_its_problems(client, admin):
    bad = illustrative_staff_csv(people=20).replace(
        b"ILLUSTRATIVE-0003,Female", b"ILLUSTRATIVE-0003,Femail", 1
    )
    bad = bad.replace(b"ILLUSTRATIVE-0003,Male", b"ILLUSTRATIVE-0003,Femail", 1)
    response = _post_upload(client, bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "staff.csv cannot be used: nothing was kept" in page
    assert "staff.csv: line 4, field sex: &#x27;Femail&#x27; is not Female or Male" in page
    assert not StaffSnapshot.objects.exists() and not StaffUpload.objects.exists()


def test_columns_named_otherwise_go_to_the_mapping_step_and_are_remembered(client, admin):
    data = illustrative_staff_csv(people=30).replace(b"employee_id,sex,", b"Payroll no,Gender,", 1)
    response = _post_upload(client, data)
    upload = StaffUpload.objects.get()
    assert response["Location"] == f"/maidstone/workforce/uploads/{upload.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Which column is which" in page and "Payroll no" in page
    # Same-named columns are chosen already; the two named otherwise are to choose.
    assert '<option value="bonus_pay" selected>' in page
    fields = {
        "employee_id": "Payroll no",
        "sex": "Gender",
        "ethnic_group": "ethnic_group",
        "disability": "disability",
        "date_of_birth": "date_of_birth",
        "grade": "grade",
        "hourly_pay": "hourly_pay",
        "bonus_pay": "bonus_pay",
        "relevant_employee": "relevant_employee",
        "full_pay_relevant_employee": "full_pay_relevant_employee",
    }
    response = client.post(f"/maidstone/workforce/uploads/{upload.pk}/", fields)
    assert response["Location"] == "/maidstone/workforce/2026-03-31/"
    assert StaffSnapshot.objects.get().employees == 30
    assert not StaffUpload.objects.exists()
    mapping = WorkforceSettings.objects.get().column_mapping
    assert mapping["employee_id"] == "Payroll no" and mapping["sex"] == "Gender"
    # Next year the same columns go straight in.
    next_year = _post_upload(client, data).get("Location")
    assert next_year is None or "uploads" not in next_year


def test_publish_puts_the_figures_on_the_public_pages(client, admin, census):
    staff_snapshot_import(
        organisation=admin.memberships.first().organisation,
        data=illustrative_staff_csv(),
        source="s.csv",
        snapshot=DAY,
        profile=census,
    )
    visitor = client.__class__()
    assert visitor.get("/maidstone/pay-gaps/2026-03-31/").status_code == 404
    assert "Staff at 31 March 2026" not in visitor.get("/maidstone/pay-gaps/").content.decode()
    client.post("/maidstone/workforce/2026-03-31/", {"step": "publish"})
    public = visitor.get("/maidstone/pay-gaps/2026-03-31/")
    assert public.status_code == 200
    page = public.content.decode()
    assert "Gender pay gap" in page and "Publish the figures" not in page
    assert "s.csv" not in page  # the file and who uploaded it are not public
    assert visitor.get("/maidstone/pay-gaps/2026-03-31/pay-gaps.html").status_code == 200
    client.post("/maidstone/workforce/2026-03-31/", {"step": "unpublish"})
    assert visitor.get("/maidstone/pay-gaps/2026-03-31/").status_code == 404


def test_delete_removes_the_rows_and_the_page(client, admin):
    staff_snapshot_import(
        organisation=admin.memberships.first().organisation,
        data=illustrative_staff_csv(people=40),
        source="s.csv",
        snapshot=DAY,
    )
    response = client.post("/maidstone/workforce/2026-03-31/", {"step": "delete"})
    assert response["Location"] == "/maidstone/workforce/"
    assert not StaffMember.objects.exists()
    assert client.get("/maidstone/workforce/2026-03-31/").status_code == 404


def test_the_retention_period_is_set_on_its_page(client, admin):
    response = client.post(
        "/maidstone/workforce/retention/",
        {"keep_personal_months": "12", "reference_ethnic_group": "White"},
    )
    assert response.status_code == 302
    settings = WorkforceSettings.objects.get()
    assert (settings.keep_personal_months, settings.reference_ethnic_group) == (12, "White")
    # The next file's ethnicity pay gaps are against every White group together.
    snapshot = staff_snapshot_import(
        organisation=settings.organisation,
        data=illustrative_staff_csv(people=100),
        source="s.csv",
        snapshot=DAY,
    )
    assert snapshot.figures["ethnicity"]["reference"] == "White"
    page = client.post("/maidstone/workforce/retention/", {"keep_personal_months": "0"})
    assert "Ensure this value is greater than or equal to 1" in page.content.decode()


def test_downloads_in_each_format(client, admin, census):
    staff_snapshot_import(
        organisation=admin.memberships.first().organisation,
        data=illustrative_staff_csv(),
        source="s.csv",
        snapshot=DAY,
        profile=census,
    )
    html = client.get("/maidstone/workforce/2026-03-31/pay-gaps.html")
    assert html["Content-Type"].startswith("text/html")
    assert b"<svg" in html.content and b"Gender pay gap" in html.content
    title = "Pay gaps and workforce profile, Maidstone Borough Council, 31 March 2026"
    docx = client.get("/maidstone/workforce/2026-03-31/pay-gaps.docx")
    word_structure(docx.content, title=title)
    pdf = client.get("/maidstone/workforce/2026-03-31/pay-gaps.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    pdf_structure(pdf.content, title=title)
    assert client.get("/maidstone/workforce/2026-03-31/pay-gaps.exe").status_code == 404


def test_other_members_are_refused_and_other_councils_find_nothing(client, council):
    staff_snapshot_import(
        organisation=council, data=illustrative_staff_csv(people=40), source="s.csv", snapshot=DAY
    )
    client.force_login(member_create(council, Role.REVIEWER))
    assert client.get("/maidstone/workforce/").status_code == 403
    assert client.get("/maidstone/workforce/2026-03-31/").status_code == 403
    other = Organisation.objects.create(name="Other Council", slug="other")
    client.force_login(member_create(other, Role.ADMINISTRATOR))
    assert client.get("/maidstone/workforce/").status_code == 404
    assert client.get("/maidstone/workforce/2026-03-31/").status_code == 404
    assert client.get("/other/workforce/2026-03-31/").status_code == 404
    assert b"No staff file has been uploaded yet" in client.get("/other/workforce/").content


def test_the_snapshot_page_takes_a_fixed_number_of_queries(
    client, admin, census, django_assert_num_queries
):
    organisation = admin.memberships.first().organisation
    for year in (2024, 2025, 2026):
        staff_snapshot_import(
            organisation=organisation,
            data=illustrative_staff_csv(year=year),
            source=f"{year}.csv",
            snapshot=dt.date(year, 3, 31),
            profile=census,
        )
    client.get("/maidstone/workforce/2026-03-31/")  # the session and membership, once
    # The session, the person, the council, their membership and teams; the snapshot, the
    # population's counts, the trend, and the council's profiles to choose from.
    with django_assert_num_queries(9):
        response = client.get("/maidstone/workforce/2026-03-31/")
    page = response.content.decode()
    assert ">Year on year</h2>" in page
    # Every measure year on year: the quartiles by sex, and the comparisons' gaps and shares.
    for row in (
        "Women in the top quartile</th>",
        "Men in the lower middle quartile</th>",
        "Ethnic minority: mean bonus gap</th>",
        "Disabled: share in the upper middle quartile</th>",
        "Disabled: paid a bonus</th>",
    ):
        assert row in page
