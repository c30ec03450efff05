"""A council's year run from its own pages, in a real browser with JavaScript off and axe-core
on every page, error states included (issue 14): the site operator adds an empty council and
invites its administrator — a member, neither staff nor superuser — who sets a password from
the e-mailed link, uploads last year's report, maps its Lead values to three new teams,
invites three people (each sets a password from their e-mail and signs in) and opens a round.
Each owner is e-mailed, updates and submits; the reviewer is e-mailed and returns one; its
owner is e-mailed with the comment and resubmits; the round closes; a late update is accepted
and the report marks it. No page of the Django admin is opened."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from django.core import mail
from django.core.management import call_command

from eqtrack.accounts.models import Membership, Role
from eqtrack.plans.models import Action, Update

from .browsing import axe_failures

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough pass phrase 7"
LEADS = ("Head of HR", "Community Development Manager", "Head of Housing")


def _last_year_report() -> bytes:
    """Last year's progress report as a council writes it: Ref | Action | Lead | Progress |
    Status, objectives as merged rows."""
    document = docx.Document()
    document.add_heading("Equality action plan: progress report 2025", level=1)
    rows = [
        ("Ref", "Action", "Lead", "Progress", "Status"),
        ("Objective 1: Know our communities",) * 5,
        ("1.1", "Publish a borough equality profile.", LEADS[1], "Profile drafted.", "Green"),
        ("1.2", "Map community groups.", LEADS[1], "Mapping under way.", "Amber"),
        ("1.3", "Survey tenants on access.", LEADS[2], "Survey designed.", "Amber"),
        ("Objective 2: A workforce that reflects the borough",) * 5,
        ("2.1", "Report the ethnicity pay gap.", LEADS[0], "Data being collected.", "Amber"),
        ("2.2", "Train managers in inclusive recruitment.", LEADS[0], "Course chosen.", "Green"),
    ]
    table = document.add_table(rows=0, cols=5)
    for values in rows:
        cells = table.add_row().cells
        if len(set(values)) == 1:
            cells[0].merge(cells[4]).text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Walk:
    """The people of the walkthrough, each in their own browser context (JavaScript off), and
    every page any of them saw, checked with axe-core as it was shown."""

    def __init__(self, browser, live_server):
        self.browser, self.base = browser, live_server.url
        self.failures: list[tuple] = []
        self.visited: list[str] = []

    def person(self):
        context = self.browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.on("request", lambda request: self.visited.append(request.url))
        return page

    def check(self, page, label: str) -> None:
        self.failures += axe_failures(page, label)


def _link_in(message) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def _mail_to(address: str, subject_part: str = "") -> list:
    return [m for m in mail.outbox if address in m.to and subject_part.lower() in m.subject.lower()]


def _accept(walk: Walk, link: str, live_server, *, check_errors: bool = False):
    page = walk.person()
    page.goto(link.replace("http://testserver", live_server.url))
    walk.check(page, "invitation")
    if check_errors:  # two passwords that differ: the form back with the error
        page.fill("#id_new_password1", PASSWORD)
        page.fill("#id_new_password2", PASSWORD + "x")
        page.click("main button[type=submit]")
        assert page.locator(".govuk-error-summary").count() == 1
        walk.check(page, "invitation, error")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("main button[type=submit]")
    return page


def test_a_council_runs_its_year_without_the_django_admin(browser, live_server, settings):
    settings.EQTRACK_BASE_URL = live_server.url
    walk = Walk(browser, live_server)

    # The site operator's one step: the council and its first administrator, invited.
    call_command(
        "council-create",
        "Kentish Borough Council",
        admin_email="ada@kentish.example",
        admin_name="Ada Admin",
    )
    [invitation] = _mail_to("ada@kentish.example")
    admin = _accept(walk, _link_in(invitation), live_server, check_errors=True)
    assert admin.locator("h1").inner_text() == "Kentish Borough Council"  # lands on its page
    walk.check(admin, "council page, administrator")
    member = Membership.objects.get(user__email="ada@kentish.example")
    assert member.role == Role.ADMINISTRATOR
    assert not member.user.is_staff and not member.user.is_superuser
    org = member.organisation.slug
    base = f"{live_server.url}/{org}"

    # Last year's report, uploaded; a bad file first, refused with its name.
    admin.click("text=Import a plan or its reports")
    walk.check(admin, "import")
    admin.set_input_files(
        "#id_files", {"name": "notes.docx", "mimeType": "application/zip", "buffer": b"nonsense"}
    )
    admin.click("main button[type=submit]")
    assert "notes.docx" in admin.locator(".govuk-error-summary").inner_text()
    walk.check(admin, "import, error")
    admin.goto(f"{base}/import/")
    admin.set_input_files(
        "#id_files",
        {
            "name": "progress-2025.docx",
            "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "buffer": _last_year_report(),
        },
    )
    admin.click("main button[type=submit]")
    walk.check(admin, "import check")
    admin.click("button[name=confirm]")
    walk.check(admin, "plan page after import")
    actions = Action.objects.filter(organisation__slug=org)
    assert actions.count() == 5 and not actions.filter(team__isnull=False).exists()
    plan_url = admin.url.split("?")[0].split("#")[0]

    # The Lead column's three values, mapped to three new teams in one form.
    admin.click("text=Assign teams")
    walk.check(admin, "assign teams")
    leads = admin.locator("th[id^=lead-name-]").all_inner_texts()
    assert sorted(leads) == sorted(LEADS)
    names = {LEADS[0]: "HR", LEADS[1]: "Communities", LEADS[2]: "Housing"}
    for i, lead in enumerate(leads):
        admin.fill(f"#new_{i}", names[lead])
    admin.click("text=Assign the teams")
    walk.check(admin, "plan page after assigning teams")
    assert {a.lead: a.team.name for a in actions.select_related("team")} == names

    # Three people invited: two owners and a reviewer; a missing e-mail refused first.
    people = [
        ("Olu Owner", "olu@kentish.example", "owner", ["HR"]),
        ("Oona Owner", "oona@kentish.example", "owner", ["Communities", "Housing"]),
        ("Rae Reviewer", "rae@kentish.example", "reviewer", []),
    ]
    pages = {}
    for n, (name, email, role, teams) in enumerate(people):
        admin.goto(f"{base}/manage/people/invite/")
        walk.check(admin, "invite")
        admin.fill("#id_name", name)
        if n == 0:
            admin.click("main button[type=submit]")
            assert admin.locator(".govuk-error-summary").count() == 1
            walk.check(admin, "invite, error")
        admin.fill("#id_email", email)
        admin.check(f"input[name=role][value={role}]")
        for team in teams:
            admin.get_by_label(team, exact=True).check()
        admin.click("main button[type=submit]")
        walk.check(admin, "invitation sent")
        [message] = _mail_to(email)
        page = _accept(walk, _link_in(message), live_server)
        assert page.locator("h1").inner_text() == "Kentish Borough Council"
        walk.check(page, f"council page, {role}")
        pages[email] = page
    admin.goto(f"{base}/manage/people/")
    walk.check(admin, "people")
    olu, oona, rae = (pages[p[1]] for p in people)

    # The round opened: each owner e-mailed with their actions and the deadline.
    admin.goto(f"{plan_url}rounds/")
    walk.check(admin, "rounds")
    admin.fill("#id_period", "2026")
    admin.fill("#id_deadline", "31/12/2099")
    admin.click("text=Open the round")
    assert admin.locator("h1").inner_text() == "2026 round"
    round_url = admin.url
    walk.check(admin, "round, administrator")
    for email in ("olu@kentish.example", "oona@kentish.example"):
        [opened] = _mail_to(email, "2026")
        assert "31 December 2099" in opened.body and round_url in opened.body
    assert not _mail_to("rae@kentish.example", "2026")

    def write(page, ref: str, progress: str) -> None:
        page.goto(round_url)
        page.click(f"text={ref}:")
        walk.check(page, f"update {ref}")
        page.fill("#id_progress", progress)
        page.select_option("#id_status_category", "on_track")
        page.click("text=Save and submit for review")
        assert "is submitted for review" in page.content()
        walk.check(page, f"update {ref} submitted")

    write(olu, "2.1", "Ethnicity data 80% complete.")
    write(oona, "1.1", "Profile published on the website.")
    submitted = _mail_to("rae@kentish.example", "review")
    assert len(submitted) == 2

    # The reviewer returns one; its owner is e-mailed with the comment and resubmits.
    rae.goto(round_url)
    walk.check(rae, "round, reviewer")
    rae.click("text=Review 2.1")
    walk.check(rae, "review 2.1")
    rae.check("#id_decision_1")
    rae.click("text=Send the decision")
    assert rae.locator(".govuk-error-summary").count() == 1  # a return needs a comment
    walk.check(rae, "review 2.1, error")
    rae.fill("#id_comment", "Say what the gap is so far.")
    rae.click("text=Send the decision")
    walk.check(rae, "update returned")
    [returned] = _mail_to("olu@kentish.example", "returned")
    assert "Say what the gap is so far." in returned.body
    write(olu, "2.1", "Ethnicity data 80% complete; the gap so far is 4.2%.")
    for ref in ("2.1", "1.1"):
        rae.goto(round_url)
        rae.click(f"text=Review {ref}")
        rae.check("#id_decision_0")
        rae.click("text=Send the decision")
    assert _mail_to("olu@kentish.example", "approved")

    # The round closes; then one late update is accepted, and the report marks it.
    admin.goto(round_url)
    admin.click("text=Close the round")
    walk.check(admin, "close the round")
    admin.click("text=Yes, close the round")
    walk.check(admin, "round closed")
    admin.goto(f"{round_url}late/")
    walk.check(admin, "late updates")
    late_action = actions.get(ref="1.2")
    admin.select_option("#id_accept-action", str(late_action.pk))
    admin.fill("#id_accept-progress", "Mapping finished with the CVS.")
    admin.select_option("#id_accept-status_category", "complete")
    admin.click("text=Accept the late update")
    assert admin.locator(".govuk-error-summary").count() == 1  # no reason given
    walk.check(admin, "late updates, error")
    admin.fill("#id_accept-reason", "Sent by e-mail by the Community Development Manager.")
    admin.click("text=Accept the late update")
    walk.check(admin, "late update accepted")
    late = Update.objects.get(action=late_action, period__label="2026")
    assert late.late and late.state == Update.State.APPROVED

    admin.goto(plan_url)
    walk.check(admin, "plan page")
    assert "Download the 2026 report" in admin.content()
    with admin.expect_download() as download:
        admin.click("a[href$='download.html']")
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Mapping finished with the CVS." in report
    assert "received after the round closed" in report.lower()
    assert "the gap so far is 4.2%" in report
    # Statuses chosen from the list are reported, with the late one marked beside its status.
    assert report.count("On track") >= 2
    assert "Complete (received after the round closed)" in report

    assert not [url for url in walk.visited if "/admin/" in url]
    assert walk.failures == []
