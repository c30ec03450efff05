"""WCAG 2.2 AA on the workforce pages: axe-core in a real browser on the administrators'
snapshots page (and its error state), the column mapping step, the retention page, a
snapshot's page with its tables and charts, the public pages and the HTML document."""

import datetime as dt

import pytest

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.census import LICENCE, census_margins
from eqtrack.consultations.services import profile_create
from eqtrack.organisations.models import Organisation
from eqtrack.workforce.illustrative import illustrative_staff_csv
from eqtrack.workforce.services import staff_snapshot_import, staff_upload_keep

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    council = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    census = profile_create(
        organisation=council,
        name="Maidstone, Census 2021",
        margins=census_margins("E07000110"),
        area="Maidstone (E07000110)",
        source="Office for National Statistics, Census 2021 (TS009, TS021, TS038)",
        licence=LICENCE,
    )
    for year in (2025, 2026):
        staff_snapshot_import(
            organisation=council,
            data=illustrative_staff_csv(year=year),
            source=f"staff-{year}.csv",
            snapshot=dt.date(year, 3, 31),
            profile=census,
            publish=True,
        )
    admin = member_create(council, Role.ADMINISTRATOR)
    data = illustrative_staff_csv(people=20).replace(b"employee_id", b"Payroll no", 1)
    upload = staff_upload_keep(
        organisation=council,
        user=admin,
        data=data,
        source="payroll.csv",
        columns=data.decode().splitlines()[0].split(","),
        snapshot=dt.date(2027, 3, 31),
    )
    return {"council": council, "admin": admin, "upload": upload}


def test_the_workforce_pages_have_no_accessibility_violations(
    browser, live_server, world, tmp_path
):
    page = signed_in_page(browser, live_server, world["admin"])
    base = f"{live_server.url}/maidstone"
    failures: list[tuple] = []
    for url in (
        "/workforce/",
        "/workforce/retention/",
        f"/workforce/uploads/{world['upload'].pk}/",
        "/workforce/2026-03-31/",
        "/pay-gaps/",
        "/pay-gaps/2026-03-31/",
    ):
        assert page.goto(base + url).status == 200, url
        failures += axe_failures(page, url)
    # The upload form's error state: a file with a bad row.
    page.goto(base + "/workforce/")
    bad = tmp_path / "staff.csv"
    bad.write_bytes(illustrative_staff_csv(people=12).replace(b",Female,", b",Femail,", 1))
    page.fill("#id_snapshot_0", "31")
    page.fill("#id_snapshot_1", "3")
    page.fill("#id_snapshot_2", "2024")
    page.set_input_files("#id_upload", str(bad))
    page.get_by_role("button", name="Upload", exact=True).click()
    assert page.locator(".govuk-error-summary").count() == 1
    failures += axe_failures(page, "upload error")
    page.context.close()
    assert failures == []


def test_the_html_document_has_no_accessibility_violations(browser, live_server, world):
    page = browser.new_page()
    response = page.request.get(f"{live_server.url}/maidstone/pay-gaps/2026-03-31/pay-gaps.html")
    assert response.status == 200
    page.set_content(response.text())
    failures = axe_failures(page, "document")
    page.close()
    assert failures == []
