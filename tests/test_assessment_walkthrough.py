"""An equality impact assessment in a real browser: a policy from the register through
screening, a negative impact on poverty whose mitigation becomes a plan action, review,
sign-off, publication and a review reminder; a signed-off assessment cannot be edited in
place. axe-core checks every page on the way, forms in their error states included."""

import pytest
from django.core import mail
from django.core.management import call_command

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Assessment, Policy
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

from .test_accessibility_officers import _check, _signed_in

pytestmark = pytest.mark.django_db(transaction=True)
POVERTY = "Poverty and socio-economic disadvantage"


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    plan.published = True
    plan.save()
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="Housing")
    return (
        plan,
        team,
        {
            "author": member_create(org, Role.OWNER, teams=[team], username="author"),
            "reviewer": member_create(org, Role.REVIEWER, username="reviewer"),
            "manager": member_create(org, Role.MANAGER, username="manager"),
        },
    )


def test_a_policy_through_its_assessment(browser, live_server, world):
    plan, team, people = world
    org, failures = plan.organisation.slug, []
    site = live_server.url
    author = _signed_in(browser, live_server, people["author"])
    author.goto(f"{site}/{org}/policies/")
    _check(author, failures, "register, empty")
    author.click("text=Add a policy")
    author.click("button:has-text('Add it')")
    assert "There is a problem" in author.content()
    _check(author, failures, "add policy, error")
    author.fill("#id_title", "Housing allocations policy")
    author.select_option("#id_team", str(team.pk))
    author.fill("#id_next_review_on", "01/05/2031")
    author.click("button:has-text('Add it')")
    _check(author, failures, "policy")
    author.click("button:has-text('Start an assessment')")
    _check(author, failures, "task list, new")
    assessment_url = author.url

    author.click("a:has-text('Screening')")
    author.click("button:has-text('Save and continue')")
    assert "Say whether the proposal is relevant to equality" in author.content()
    _check(author, failures, "screening, error")
    author.check("#id_relevant_0")
    author.fill("#id_reason", "It decides who is offered a home.")
    author.click("button:has-text('Save and continue')")

    author.click("a:has-text('Impact on each characteristic')")
    _check(author, failures, "impacts")
    # Too much evidence for one characteristic: the page back with the reason, nothing saved.
    author.locator("textarea[name^=evidence]").first.fill("x" * 5001)
    author.click("button:has-text('Save the impacts')")
    assert "There is a problem" in author.content()
    _check(author, failures, "impacts, error")
    author.locator("textarea[name^=evidence]").first.fill("")
    for radio in author.locator("input[type=radio][value=neutral]").all():
        radio.check()
    fieldset = author.locator("fieldset", has_text=POVERTY)
    fieldset.locator("input[value=negative]").check()
    fieldset.locator("textarea[name^=evidence]").fill("Bidding for homes is online only.")
    author.click("button:has-text('Save the impacts')")

    author.click("a:has-text('Outcome and review date')")
    author.click("button:has-text('Save and continue')")
    assert "Choose one of the four outcomes" in author.content()
    _check(author, failures, "outcome, error")
    author.check("#id_outcome_1")  # adjust the proposal
    author.fill("#id_review_on", "01/05/2032")
    author.click("button:has-text('Save and continue')")
    assert "a negative impact needs a mitigation" in author.content()
    _check(author, failures, "task list, with a gap flagged")

    # A mitigation joins the plan only once the assessment is signed off: written here first.
    assert "Make the mitigation a plan action" not in author.content()
    author.click("a:has-text('Impact on each characteristic')")
    fieldset = author.locator("fieldset", has_text=POVERTY)
    fieldset.locator("textarea[name^=mitigation]").fill("Assisted bidding in libraries.")
    author.click("button:has-text('Save the impacts')")
    author.click("button:has-text('Submit for review')")

    reviewer = _signed_in(browser, live_server, people["reviewer"])
    reviewer.goto(assessment_url)
    reviewer.click("button:has-text('Return to the author')")
    assert "say what should change" in reviewer.content()
    _check(reviewer, failures, "review, error")
    reviewer.click("button:has-text('Approve for sign-off')")

    manager = _signed_in(browser, live_server, people["manager"])
    manager.goto(assessment_url)
    manager.click("button:has-text('Sign it off')")
    manager.click("button:has-text('Publish it')")
    assert "Signed off by manager" in manager.content()
    _check(manager, failures, "task list, signed off")

    # Signed off: the author makes the mitigation a plan action.
    author.goto(assessment_url)
    author.click("text=Make the mitigation a plan action")
    author.fill("#id_text", "")
    author.click("button:has-text('Add the action to the plan')")
    assert "There is a problem" in author.content()
    _check(author, failures, "mitigation action, error")
    author.fill("#id_text", "We will offer assisted bidding in every library.")
    author.fill("#id_due", "March 2032")
    author.click("button:has-text('Add the action to the plan')")
    assert "is now an action of" in author.content()

    # Locked: the author cannot change it in place; nothing changes.
    author.goto(assessment_url + "screening/")
    author.check("#id_relevant_1")
    author.click("button:has-text('Save and continue')")
    assert "start a new version" in author.content()
    _check(author, failures, "screening, refused: signed off")
    assessment = Assessment.objects.get()
    assert assessment.relevant is True and assessment.locked

    # The public page and the plan action, linked back.
    visitor = browser.new_page()
    visitor.goto(f"{site}/{org}/equality-impact-assessments/")
    _check(visitor, failures, "published list")
    visitor.click("text=Housing allocations policy")
    assert "Bidding for homes is online only." in visitor.content()
    _check(visitor, failures, "published assessment")
    # From the assessment's mitigation to its action in the published plan.
    visitor.click("text=We will offer assisted bidding")
    assert visitor.url.split("#")[1].startswith("action-")
    assert "We will offer assisted bidding in every library." in visitor.content()
    # ... and back: the action says which assessment it mitigates.
    visitor.click("text=Housing allocations policy")
    assert "Bidding for homes is online only." in visitor.content()
    action = Action.objects.get(text="We will offer assisted bidding in every library.")
    assert action.plan == plan and action.team == team
    assert action.assessment_impacts.get().assessment == assessment
    visitor.close()

    # The review reminder (the signed-off assessment set the policy's review date).
    assert str(Policy.objects.get().next_review_on) == "2032-05-01"
    call_command("remind", "--date", "2032-04-20")
    [message] = [m for m in mail.outbox if "Review due" in m.subject]
    assert message.to == ["author@council.example"]
    author.goto(f"{site}/{org}/policies/")
    _check(author, failures, "register, with a policy")
    assert failures == []
