"""Issue 19's Done-when walkthrough in a real browser with JavaScript off, axe-core on every
page, error states included: a procurement officer adds a measure to the library and sets up a
tender (a 5% social value weight without a reason refused first), records three bids and opens
the evaluation; two evaluators, each in their own browser, declare and score; moderation changes
one score with a reason (refused without one); the officer may not confirm it (four eyes), an
administrator does, the officer awards; the results rank the bids and the award report downloads
as XLSX, PDF and Word; the winner's commitments become the contract's KPIs; the supplier, from
the e-mailed link on a 390 px phone, files a return; the contract manager accepts it; and the
plan's public page shows the social value delivered on the action the measure serves."""

import datetime as dt
import io
import re
import time

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document
from eqtrack.procurement.models import KPI, Bid, Contract, SocialValueMeasure, Tender
from eqtrack.procurement.services.library import measure_add, outcome_add, theme_add

from .browsing import axe_failures, signed_in_page

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Each bidder: price, commitments (SV1 weeks, SV2 hours), and the two evaluators' scores
# (quality, social value answer). The second evaluator scores Brook's quality lower.
BIDS = {
    "Alder Ltd": ("400000", ("20", "300"), ((4, 4), (4, 4))),
    "Brook Ltd": ("380000", ("10", "100"), ((3, 3), (2, 3))),
    "Cedar Ltd": ("450000", ("5", "50"), ((2, 2), (2, 2))),
}


def test_a_tender_from_setup_to_the_social_value_delivered(live_server, browser):
    started = time.monotonic()
    plan = plan_create_from_document(
        document=document_generate(actions=2, periods=1), published=True
    )
    org = plan.organisation
    action = Action.objects.filter(plan=plan).order_by("pk").last()
    people = {
        name: member_create(org, role, username=name)
        for name, role in (
            ("officer", Role.PROCUREMENT),
            ("administrator", Role.ADMINISTRATOR),
            ("eval-one", Role.EVALUATOR),
            ("eval-two", Role.EVALUATOR),
            ("manager", Role.CONTRACT_MANAGER),
        )
    }
    theme = theme_add(organisation=org, name="Jobs and skills")
    outcome = outcome_add(organisation=org, theme=theme, name="More local people in work")
    measure_add(
        organisation=org,
        outcome=outcome,
        code="SV2",
        name="Hours volunteered in the community",
        unit="hours",
        proxy_value="15",
    )
    failures: list[tuple] = []

    def check(p, label: str) -> None:
        assert "/admin/" not in p.url
        failures.extend(axe_failures(p, label))

    def phone_check(p, label: str) -> None:
        width = p.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (label, width)
        check(p, label)

    def main(p) -> str:
        return p.locator("main").inner_text()

    def summary(p) -> str:
        return p.locator(".govuk-error-summary").inner_text()

    base = f"{live_server.url}/{org.slug}"
    officer = signed_in_page(browser, live_server, people["officer"], javascript=False)

    # 1. The officer adds the measure the plan's action is served by, through the library.
    officer.goto(f"{base}/social-value/")
    check(officer, "library")
    officer.get_by_role("link", name="Add a measure to More local people in work").click()
    check(officer, "add a measure")
    officer.get_by_label("Code", exact=True).fill("SV1")
    officer.get_by_label("Measure's name").fill("Weeks of apprenticeship for local people")
    officer.get_by_label("Unit", exact=True).fill("weeks")
    officer.get_by_label("Proxy value in pounds a unit (optional)").fill("250")
    officer.select_option("#id_action", str(action.pk))
    officer.get_by_role("button", name="Add the measure").click()
    assert "Measure SV1 added." in main(officer)
    check(officer, "library, measure added")
    sv1 = SocialValueMeasure.objects.get(organisation=org, code="SV1")
    sv2 = SocialValueMeasure.objects.get(organisation=org, code="SV2")
    assert sv1.action == action

    # 2. The tender: 5% social value without a reason is refused, then 15% is set up.
    officer.goto(f"{base}/tenders/")
    check(officer, "tenders")
    officer.get_by_role("link", name="Set up a tender").click()
    check(officer, "set up a tender")
    officer.get_by_label("Title", exact=True).fill("Grounds maintenance")
    officer.get_by_label("Reference", exact=True).fill("T-2027-004")
    officer.get_by_label("Estimated value in pounds").fill("450000")
    officer.get_by_label("Lots", exact=True).fill("Lot 1")
    officer.get_by_label("Price weight (%)").fill("60")
    officer.get_by_label("Quality weight (%)").fill("35")
    officer.get_by_label("Social value weight (%)").fill("5")
    officer.get_by_label("Share of the social value score from commitments (%)").fill("50")
    officer.check("input[name=quantitative_method][value=relative]")
    officer.check("input[name=scale][value='0-5']")
    officer.get_by_label("Jobs and skills: More local people in work").check()
    officer.get_by_label(re.compile(r"^SV1 Weeks of apprenticeship")).check()
    officer.get_by_label(re.compile(r"^SV2 Hours volunteered")).check()
    officer.get_by_role("button", name="Set up the tender").click()
    assert "Reason for a social value weight under 10%" in summary(officer)
    assert officer.locator(".govuk-error-summary a[href='#id_low_weighting_reason']").count()
    check(officer, "set up a tender, 5% without a reason")
    assert not Tender.objects.exists()
    officer.get_by_label("Price weight (%)").fill("50")
    officer.get_by_label("Social value weight (%)").fill("15")
    officer.get_by_role("button", name="Set up the tender").click()
    tender = Tender.objects.get(reference="T-2027-004")
    assert officer.url.endswith(f"/tenders/{tender.pk}/")
    text = main(officer)
    assert "Grounds maintenance" in text and "SV1" in text and "SV2" in text
    check(officer, "tender overview")
    assert (tender.price_weight, tender.quality_weight, tender.social_value_weight) == (50, 35, 15)

    # 3. Three bids with their commitments, two evaluators, the evaluation opened.
    officer.get_by_role("link", name="the tender's evaluation").click()
    check(officer, "evaluation hub, draft")
    due = dt.date(timezone.localdate().year + 2, 3, 31)
    for n, (supplier, (price, (weeks, hours), _scores)) in enumerate(BIDS.items()):
        officer.get_by_role("link", name="Record a bid").click()
        if n == 0:
            check(officer, "record a bid")
        officer.get_by_label("Supplier's name").fill(supplier)
        officer.get_by_label("Supplier's e-mail address (optional)").fill(
            f"returns@{supplier.split()[0].lower()}.example"
        )
        officer.get_by_label("Price in pounds").fill(price)
        officer.get_by_label("The bid's social value answer (optional)").fill(
            f"{supplier} will recruit and train local people."
        )
        for measure, quantity in ((sv1, weeks), (sv2, hours)):
            officer.fill(f"#id_quantity_{measure.pk}", quantity)
            if not (n == 0 and measure == sv2):
                officer.fill(f"#id_due_on_{measure.pk}", due.strftime("%d/%m/%Y"))
        officer.get_by_role("button", name="Save the bid").click()
        if n == 0:
            # A quantity without its date is refused, naming the measure.
            assert "Enter the date SV2 is due by" in summary(officer)
            check(officer, "record a bid, no date")
            officer.fill(f"#id_due_on_{sv2.pk}", due.strftime("%d/%m/%Y"))
            officer.get_by_role("button", name="Save the bid").click()
        assert f"{supplier}'s bid is recorded." in main(officer)
    check(officer, "evaluation hub, three bids")
    bids = {b.supplier: b for b in Bid.objects.filter(tender=tender)}
    assert len(bids) == 3

    officer.get_by_role("link", name="Choose the evaluators").click()
    check(officer, "evaluators")
    for name in ("eval-one", "eval-two"):
        officer.select_option("#id_member", str(people[name].pk))
        officer.get_by_role("button", name="Add", exact=True).click()
        assert f"{name} is an evaluator." in main(officer)
    check(officer, "evaluators, two chosen")
    officer.get_by_role("link", name="Back to the evaluation").click()
    officer.get_by_role("button", name="Open evaluation").click()
    tender.refresh_from_db()
    assert tender.stage == "evaluating"
    check(officer, "evaluation hub, evaluating")

    # 4. Each evaluator, in their own browser: no conflict, a score and a reason for each bid.
    for i, name in enumerate(("eval-one", "eval-two")):
        ev = signed_in_page(browser, live_server, people[name], javascript=False)
        ev.goto(f"{base}/tenders/{tender.pk}/evaluation/")
        check(ev, f"{name}: hub")
        ev.get_by_role("link", name="Declare your interests").click()
        check(ev, f"{name}: declaration")
        ev.get_by_role("button", name="Declare").click()
        assert summary(ev)
        check(ev, f"{name}: declaration, nothing chosen")
        ev.check("#id_has_conflict_0")
        ev.get_by_role("button", name="Declare").click()
        assert "Your declaration is recorded." in main(ev)
        ev.get_by_role("link", name="Score the bids").click()
        check(ev, f"{name}: scores")
        for supplier, (_price, _c, scores) in BIDS.items():
            bid = bids[supplier]
            quality, social = scores[i]
            for criterion, score in (("quality", quality), ("social_value", social)):
                ev.select_option(f"#id_score_{bid.pk}_{criterion}", str(score))
                ev.fill(
                    f"#id_rationale_{bid.pk}_{criterion}",
                    f"{name}: {supplier} meets the {criterion} question at level {score}.",
                )
        if i == 0:
            # A score without its reason is refused, naming the bid; nothing is submitted.
            ev.fill(f"#id_rationale_{bids['Cedar Ltd'].pk}_quality", "")
            ev.get_by_role("button", name="Save and submit").click()
            assert "Say why Cedar Ltd scores 2 on quality" in summary(ev)
            check(ev, f"{name}: scores, a reason missing")
            ev.fill(f"#id_rationale_{bids['Cedar Ltd'].pk}_quality", "Thin on method.")
        ev.get_by_role("button", name="Save and submit").click()
        assert "Your scores are submitted." in main(ev)
        check(ev, f"{name}: scores submitted")
        ev.context.close()

    # 5. Moderation: the agreed scores; Brook's quality differs from one evaluator's.
    officer.reload()
    assert "Every evaluator has submitted their scores." in main(officer)
    officer.get_by_role("button", name="Open moderation").click()
    check(officer, "hub, moderation")
    officer.get_by_role("link", name="Go to the moderation sheet").click()
    check(officer, "moderation sheet")
    agreed = {"Alder Ltd": (4, 4), "Brook Ltd": (3, 3), "Cedar Ltd": (2, 2)}
    for supplier, (quality, social) in agreed.items():
        for words, score in (("quality", quality), ("social value", social)):
            officer.get_by_role(
                "link", name=re.compile(rf"^Record the agreed {words}.* score for {supplier}$")
            ).click()
            if supplier == "Alder Ltd" and words == "quality":
                check(officer, "agreed score")
            officer.get_by_label("Agreed score").fill(str(score))
            officer.get_by_role("button", name="Record the agreed score").click()
            if supplier == "Brook Ltd" and words == "quality":
                assert "Give the reason for the agreed score" in summary(officer)
                check(officer, "agreed score, no reason")
                officer.get_by_label(
                    "Reason (required if it differs from any evaluator's score)"
                ).fill(
                    "Agreed at the meeting: eval-two had missed the staffing plan in appendix B."
                )
                officer.get_by_role("button", name="Record the agreed score").click()
            assert officer.url.endswith("/evaluation/moderation/")
    assert "missed the staffing plan" in main(officer)
    check(officer, "moderation sheet, all agreed")

    # 6. Four eyes: the officer who recorded the scores is not offered the confirmation, and
    # is refused if they post it anyway; the administrator confirms; the officer awards.
    assert officer.get_by_role("button", name="Confirm the agreed scores").count() == 0
    officer.get_by_role("link", name="Back to the evaluation").click()
    assert officer.get_by_role("button", name="Confirm the agreed scores").count() == 0
    assert "Someone other than whoever recorded the agreed scores" in main(officer)
    check(officer, "hub, waiting for a second person")
    token = officer.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = officer.request.post(
        f"{base}/tenders/{tender.pk}/evaluation/moderation/confirm/",
        form={"csrfmiddlewaretoken": token},
        max_redirects=0,
    )
    assert refused.status == 403
    tender.refresh_from_db()
    assert tender.moderation_confirmed_by is None

    admin = signed_in_page(browser, live_server, people["administrator"], javascript=False)
    admin.goto(f"{base}/tenders/{tender.pk}/evaluation/")
    check(admin, "administrator: hub")
    admin.get_by_role("button", name="Confirm the agreed scores").click()
    check(admin, "administrator: confirmed")
    admin.context.close()
    tender.refresh_from_db()
    assert tender.moderation_confirmed_by == people["administrator"]

    officer.reload()
    assert "The agreed scores were confirmed by administrator." in main(officer)
    officer.get_by_role("button", name="Award each lot to its top-ranked bid").click()
    tender.refresh_from_db()
    assert tender.stage == "awarded"
    assert "Lot 1: Alder Ltd." in main(officer)
    check(officer, "hub, awarded")

    # 7. The results rank the bids; the award report downloads in three formats.
    officer.get_by_role("link", name="See the results and ranking").click()
    rows = officer.locator("table tbody tr")
    ranking = [rows.nth(n).locator("th").inner_text() for n in range(rows.count())]
    assert ranking == ["Alder Ltd", "Brook Ltd", "Cedar Ltd"]
    text = main(officer)
    assert "missed the staffing plan" in text  # what moderation changed, and why
    check(officer, "results")
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Download the score sheet as Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    assert book.sheetnames == ["Model", "Evaluators", "Lot 1", "Commitments", "Moderation"]
    cells = [str(c) for row in book["Lot 1"].iter_rows(values_only=True) for c in row if c]
    suppliers = [c for c in cells if c in BIDS]
    assert suppliers[0] == "Alder Ltd", suppliers
    for fmt, content_type in (("xlsx", XLSX), ("pdf", "application/pdf"), ("docx", DOCX)):
        link = officer.get_by_role("link", name=re.compile(rf"score sheet as .*{fmt.upper()}"))
        response = officer.request.get(live_server.url + link.get_attribute("href"))
        assert response.status == 200, fmt
        assert response.headers["content-type"] == content_type, fmt
        body = response.body()
        if fmt == "xlsx":
            openpyxl.load_workbook(io.BytesIO(body))
        elif fmt == "pdf":
            assert body.startswith(b"%PDF")
        else:
            assert body.startswith(b"PK")

    # 8. The contract: the winner's commitments become its KPIs.
    officer.get_by_role("link", name="Back to the evaluation").click()
    officer.get_by_role("link", name="Set up the contract").click()
    check(officer, "set up the contract")
    officer.get_by_role("button", name="Set up the contract").click()
    assert summary(officer)
    check(officer, "set up the contract, no dates")
    today = timezone.localdate()
    starts, ends = today - dt.timedelta(days=120), today + dt.timedelta(days=1000)
    for name, day in (("starts_on", starts), ("ends_on", ends)):
        officer.fill(f"input[name={name}_day]", str(day.day))
        officer.fill(f"input[name={name}_month]", str(day.month))
        officer.fill(f"input[name={name}_year]", str(day.year))
    officer.select_option("#id_manager", str(people["manager"].pk))
    officer.get_by_role("button", name="Set up the contract").click()
    contract = Contract.objects.get(tender=tender)
    assert officer.url.endswith(f"/contracts/{contract.pk}/")
    text = main(officer)
    assert "Alder Ltd's commitments are its KPIs" in text
    assert "SV1 Weeks of apprenticeship for local people" in text and "20 weeks" in text
    assert "SV2 Hours volunteered in the community" in text and "300 hours" in text
    check(officer, "contract")
    officer.context.close()
    kpis = {k.measure.code: k for k in KPI.objects.filter(contract=contract)}
    assert set(kpis) == {"SV1", "SV2"}

    # 9. The contract manager asks for the first quarter's return; the supplier files it on a
    # phone from the e-mailed link; the contract manager accepts it.
    manager = signed_in_page(browser, live_server, people["manager"], javascript=False)
    manager.goto(f"{base}/contracts/")
    check(manager, "manager: contracts")
    manager.get_by_role("link", name=re.compile("Grounds maintenance")).first.click()
    check(manager, "manager: contract")
    mail.outbox.clear()
    manager.get_by_role("button", name="Send the link").click()
    assert "We have e-mailed Alder Ltd a link" in main(manager)
    check(manager, "manager: link sent")
    [message] = mail.outbox
    assert message.to == ["returns@alder.example"]
    path = re.search(r"http://[^/\s]+(/\S+/supplier-returns/\S+/)", message.body)[1]

    phone = browser.new_context(viewport=PHONE, java_script_enabled=False)
    supplier = phone.new_page()
    supplier.set_default_timeout(15000)
    supplier.goto(live_server.url + path)
    assert "Your social value return for" in main(supplier)
    phone_check(supplier, "supplier: the link")
    supplier.get_by_role("button", name="Start your return").click()
    phone_check(supplier, "supplier: the return form")
    supplier.fill(f"#id_delivered_{kpis['SV1'].pk}", "four")
    supplier.fill(f"#id_delivered_{kpis['SV2'].pk}", "60")
    supplier.get_by_label("Your name").fill("Sam Alder")
    supplier.get_by_role("button", name="Send the return").click()
    assert summary(supplier)
    phone_check(supplier, "supplier: the return form, a bad number")
    supplier.fill(f"#id_delivered_{kpis['SV1'].pk}", "4")
    supplier.fill(
        f"#id_evidence_{kpis['SV1'].pk}", "Two apprentices started in May, payroll attached."
    )
    supplier.fill(f"#id_evidence_{kpis['SV2'].pk}", "Volunteering log for the park clean-ups.")
    supplier.get_by_role("button", name="Send the return").click()
    assert "Return sent" in main(supplier)
    phone_check(supplier, "supplier: return sent")
    phone.close()

    manager.reload()
    quarter = f"{starts:%-d %B %Y} to "
    manager.locator("main table").get_by_role("link", name=re.compile(f"^{quarter}")).click()
    assert "Two apprentices started in May" in main(manager)
    check(manager, "manager: the return")
    manager.get_by_role("button", name="Save the decision").click()
    assert summary(manager)
    check(manager, "manager: the return, no decision")
    manager.check("input[name=decision][value=accept]")
    manager.get_by_role("button", name="Save the decision").click()
    assert "Return accepted" in main(manager)
    check(manager, "manager: return accepted")
    manager.context.close()

    # 10. A visitor reads the plan: the action shows the social value delivered.
    visitor = browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(f"{base}/{plan.slug}/")
    check(visitor, "public plan page")
    table = visitor.locator(f"#social-value-{action.pk}").locator("xpath=ancestor::table")
    text = table.text_content()
    assert "Alder Ltd" in text and "Weeks of apprenticeship" in text
    assert re.search(r"\b4\s*weeks", text), text
    assert "@" not in visitor.content().split("<main", 1)[1]
    visitor.context.close()

    assert failures == [], failures
    print(f"walkthrough took {time.monotonic() - started:.0f} s")
