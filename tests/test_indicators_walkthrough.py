"""Indicators checked in a real browser, without JavaScript: the owner of the sample plan's
employer actions (and of SP6) finds the indicators to check from the council page, is told to
name one left nameless, confirms the first aiders (E3, 20 then 14) and rejects the clients
(SP6, 360 both years); then a visitor finds only the first aiders on the public plan page and
in the report's year on year comparison. axe checks every page."""

import pytest
from playwright.sync_api import expect

from eqtrack.accounts.models import Membership, Role, Team
from eqtrack.plans.models import Action, Measure

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(django_user_model):
    from pathlib import Path

    from eqtrack.importing.services import plan_import

    root = Path(__file__).resolve().parents[1] / "sample_data"
    plan = plan_import(
        paths=[root / f"equalities-actions-update-{year}.txt" for year in (2021, 2022)],
        slug="eap",
        publish=True,
    ).plan
    hr = Team.objects.create(organisation=plan.organisation, name="HR")
    Action.objects.filter(plan=plan, theme__title="As an Employer").update(team=hr)
    Action.objects.filter(plan=plan, ref="SP6").update(team=hr)
    owner = django_user_model.objects.create_user("owner", password="a long test password 1")
    member = Membership.objects.create(organisation=plan.organisation, user=owner, role=Role.OWNER)
    member.teams.add(hr)
    return plan, owner


def _no_violations(page):
    assert axe_failures(page, page.url) == []


def _card(page, label: str):
    return page.locator(".govuk-summary-card").filter(
        has=page.locator(".govuk-summary-card__title", has_text=label)
    )


def test_an_owner_confirms_one_indicator_and_rejects_another(browser, live_server, setting):
    plan, owner = setting
    council = f"{live_server.url}/{plan.organisation.slug}"
    aiders = Measure.objects.get(action__plan=plan, action__ref="E3")
    clients = Measure.objects.get(action__plan=plan, action__ref="SP6")

    visitor = browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(f"{council}/eap/")
    # Before anyone checks them, no indicator is public.
    assert visitor.locator("caption", has_text="Indicators").count() == 0

    page = signed_in_page(browser, live_server, owner, javascript=False, timeout=10000)
    page.goto(f"{council}/")
    # E1's respondents and response rate, E3's first aiders, SP6's clients.
    page.click("text=4 indicators to check in Equalities Action Plan")
    expect(page.locator("h1")).to_have_text("Indicators to check (4)")
    _no_violations(page)

    # A name left empty is refused, saying so by the field; nothing changes.
    card = _card(page, "Mental health first aiders")
    card.get_by_label("Name of the indicator").fill("")
    card.get_by_role("button", name="Confirm “mental health first aiders”").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the indicator's name")
    expect(page).to_have_title("Error: Indicators to check – Equalities Action Plan – eqtrack")
    _no_violations(page)
    aiders.refresh_from_db()
    assert aiders.state == Measure.State.SUGGESTED

    # Each name field's label says whose it is (visually hidden), so no two are the same.
    labels = page.locator("label.govuk-label").all_text_contents()
    assert len(labels) == 4 and len(set(labels)) == 4, labels
    assert "Name of the indicator “mental health first aiders”, action E3" in labels

    # Enter in the name field saves the name; it does not confirm (publish) the indicator.
    card = _card(page, "Mental health first aiders")
    card.get_by_label("Name of the indicator").fill("Mental health first aiders trained")
    card.get_by_label("Name of the indicator").press("Enter")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Renamed: the indicator is called “Mental health first aiders trained” now"
    )
    expect(page.locator("h1")).to_have_text("Indicators to check (4)")
    aiders.refresh_from_db()
    assert aiders.state == Measure.State.SUGGESTED

    card = _card(page, "Mental health first aiders")
    card.get_by_role("button", name="Confirm “Mental health first aiders trained”").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Confirmed: “Mental health first aiders trained”"
    )
    expect(page.locator("h1")).to_have_text("Indicators to check (3)")
    _card(page, "Clients").get_by_role("button", name="Reject “clients”").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Rejected: “clients” is shown nowhere."
    )
    expect(page.locator("h1")).to_have_text("Indicators to check (2)")
    expect(page.locator("#rejected")).to_have_text("Rejected (1)")
    _no_violations(page)
    # Each action's page has them all, to change one's mind.
    _card(page, "Clients").get_by_role("link", name="Every indicator of action SP6").click()
    expect(page.locator("h1")).to_have_text("Indicators of action SP6")
    expect(page.locator("#rejected")).to_have_text("Rejected (1)")
    _no_violations(page)
    # At 320 px (a phone, or 400% zoom) the page reflows: nothing sticks out sideways.
    for url in (page.url, f"{council}/eap/indicators/"):
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(url)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), url
    aiders.refresh_from_db()
    clients.refresh_from_db()
    assert (aiders.state, aiders.label, aiders.reviewed_by) == (
        "confirmed",
        "Mental health first aiders trained",
        owner,
    )
    assert (clients.state, clients.reviewed_by) == ("rejected", owner)

    # The public plan page: the first aiders' trend, and not the clients'.
    visitor.goto(f"{council}/eap/")
    trend = visitor.locator("table", has=visitor.locator("caption", has_text="Indicators"))
    expect(trend).to_have_count(1)
    expect(trend).to_contain_text("Mental health first aiders trained")
    expect(trend).to_contain_text("2021: 20; 2022: 14")
    _no_violations(visitor)

    # The report, year on year: the confirmed indicator, under its new name, and no other.
    report = visitor.request.get(f"{council}/eap/download.html?compare=2021")
    assert report.status == 200
    html = report.text()
    compared = html.split("Indicators stated in both periods", 1)[1].split("</table>", 1)[0]
    assert compared.count('<th scope="row">') == 1
    assert (
        '<th scope="row">E3</th><td>Mental health first aiders trained</td>'
        '<td class="num">20</td><td class="num">14</td><td>Fell</td>'
    ) in compared
    # Confirmed, the clients would be here: SP6 states 360 in both periods.
    assert "SP6" not in compared and "Clients" not in compared
