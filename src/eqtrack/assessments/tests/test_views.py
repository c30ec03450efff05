"""The assessment pages end to end: register, screening, impacts, outcome, a mitigation as a
plan action, review, sign-off, publication, downloads and the public page."""

import io

import pytest
from docx import Document

from eqtrack.accounts.models import Role, Team
from eqtrack.accounts.tests.factories import member_create
from eqtrack.assessments.models import Assessment, Policy
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db
POVERTY = "Poverty and socio-economic disadvantage"


@pytest.fixture
def world():
    plan = plan_create_from_document(document=document_generate(actions=3, periods=1))
    org = plan.organisation
    team = Team.objects.create(organisation=org, name="Housing")
    return (
        plan,
        org,
        {
            "author": member_create(org, Role.OWNER, teams=[team]),
            "reviewer": member_create(org, Role.REVIEWER),
            "manager": member_create(org, Role.MANAGER),
        },
        team,
    )


def test_a_policy_through_its_assessment_to_the_public_page(client, world):
    plan, org, people, team = world
    o = org.slug
    client.force_login(people["author"])
    added = client.post(
        f"/{o}/policies/new/",
        {"title": "Housing allocations", "kind": "policy", "team": team.pk, "next_review_on": ""},
    )
    policy = Policy.objects.get()
    assert added["Location"] == f"/{o}/policies/{policy.pk}/"
    started = client.post(f"/{o}/policies/{policy.pk}/")
    assessment = Assessment.objects.get()
    assert started["Location"] == f"/{o}/assessments/{assessment.pk}/"
    base = started["Location"]

    # Screening with no answer: the error summary and the field's message.
    html = client.post(base + "screening/", {}).content.decode()
    assert "Say whether the proposal is relevant to equality" in html and "Error:" in html
    client.post(base + "screening/", {"relevant": "yes", "reason": "Who gets a home."})
    register = client.get(f"/{o}/policies/").content.decode()
    assert "Yes, by its screening (not yet signed off)" in register

    def impacts_status():
        html = client.get(base).content.decode()
        return html.split('id="impacts-status">')[1].split("</div>")[0]

    assert "Not started" in impacts_status()  # nothing entered yet: not "Incomplete"
    impacts = {i.characteristic.name: i for i in assessment.impacts.all()}
    client.post(base + "impacts/", {f"likely-{impacts[POVERTY].pk}": "not_known"})
    assert "In progress" in impacts_status()
    data = {f"likely-{i.pk}": "neutral" for i in impacts.values()}
    data[f"likely-{impacts[POVERTY].pk}"] = "negative"
    data[f"evidence-{impacts[POVERTY].pk}"] = "Bidding online needs data."
    assert client.post(base + "impacts/", data).status_code == 302
    client.post(base + "outcome/", {"outcome": "adjust", "review_on": "01/04/2027"})
    page = client.get(base).content.decode()
    assert "a negative impact needs a mitigation" in page
    assert "Submit for review</button>" not in page
    # Not signed off: the mitigation is not made a plan action yet.
    assert "Make the mitigation a plan action" not in page
    html = client.post(
        base + f"impacts/{impacts[POVERTY].pk}/action/",
        {"theme": plan.themes.first().pk, "text": "Too soon.", "team": "", "due": "2027"},
    ).content.decode()
    assert "once the assessment is signed off" in html
    assert not Action.objects.filter(text="Too soon.").exists()
    data[f"mitigation-{impacts[POVERTY].pk}"] = "Assisted bidding in every library."
    assert client.post(base + "impacts/", data).status_code == 302
    page = client.get(base).content.decode()
    assert "Submit for review</button>" in page
    client.post(base, {"step": "submit"})

    client.force_login(people["reviewer"])
    # The reviewer sees what they decide on, here and not only in the downloads.
    seen = client.get(base).content.decode()
    assert "Relevant to equality</dd>" not in seen  # the reason follows
    assert "Relevant to equality: Who gets a home." in seen
    assert "Bidding online needs data." in seen and "Review by" in seen
    html = client.post(base, {"step": "return", "comment": ""}).content.decode()
    assert "say what should change" in html
    client.post(base, {"step": "approve"})
    client.force_login(people["manager"])
    client.post(base, {"step": "sign_off"})
    client.post(base, {"step": "publish"})
    assessment.refresh_from_db()
    assert assessment.locked and assessment.published_at
    policy.refresh_from_db()
    assert str(policy.next_review_on) == "2027-04-01"

    # Signed off: its author makes the mitigation a plan action.
    client.force_login(people["author"])
    assert "Make the mitigation a plan action" in client.get(base).content.decode()
    client.post(
        base + f"impacts/{impacts[POVERTY].pk}/action/",
        {
            "theme": plan.themes.first().pk,
            "text": "We will offer assisted bidding in every library.",
            "team": team.pk,
            "due": "March 2027",
        },
    )
    action = Action.objects.get(text="We will offer assisted bidding in every library.")
    assert action.team == team and action.plan == plan and action.archived_at is None
    assert "Plan action:" in client.get(base).content.decode()

    # Locked: the author's edit is refused and nothing changes.
    client.force_login(people["author"])
    html = client.post(
        base + "screening/", {"relevant": "no", "reason": "Changed"}
    ).content.decode()
    assert "start a new version" in html
    assessment.refresh_from_db()
    assert assessment.relevant is True

    client.logout()
    public = client.get(f"/{o}/equality-impact-assessments/{assessment.pk}/").content.decode()
    assert "Housing allocations" in public and "Bidding online needs data." in public
    listed = client.get(f"/{o}/equality-impact-assessments/").content.decode()
    assert f"{assessment.title}</a>, published" in listed  # its policy's name, not twice
    docx = client.get(base + "download.docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    assert document.core_properties.title.startswith("Equality impact assessment")
    assert document.core_properties.language == "en-GB"
    assert any(POVERTY in c.text for t in document.tables for r in t.rows for c in r.cells)
    pdf = client.get(base + "download.pdf")
    assert pdf.content.startswith(b"%PDF-")
    # The register is for members.
    assert client.get(f"/{o}/policies/register.csv").status_code == 302
    client.force_login(people["reviewer"])
    csv = client.get(f"/{o}/policies/register.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("policy,kind,team,adopted,next review")
    assert "Housing allocations,Policy,Housing,,2027-04-01,Yes" in csv


def test_an_unpublished_assessment_is_not_public(client, world):
    _, org, people, _ = world
    from eqtrack.assessments.services import assessment_start, policy_create

    policy = policy_create(organisation=org, title="P", user=people["author"])
    assessment = assessment_start(policy=policy, user=people["author"])
    assert (
        client.get(f"/{org.slug}/equality-impact-assessments/{assessment.pk}/").status_code == 404
    )
    assert client.get(f"/{org.slug}/assessments/{assessment.pk}/download.pdf").status_code == 404


def test_a_policy_with_no_equality_relevance_needs_the_reason(client, world):
    _, org, people, _ = world
    client.force_login(people["author"])
    html = client.post(
        f"/{org.slug}/policies/new/",
        {"title": "Car park charges", "kind": "policy", "equality_relevant": "no"},
    ).content.decode()
    assert "Say why it has no equality relevance" in html and not Policy.objects.exists()
    client.post(
        f"/{org.slug}/policies/new/",
        {
            "title": "Car park charges",
            "kind": "policy",
            "equality_relevant": "no",
            "relevance_reason": "Staff only.",
        },
    )
    policy = Policy.objects.get()
    assert policy.equality_relevant is False and policy.relevance_reason == "Staff only."


def test_characteristics_are_added_and_retired_in_the_admin(client, world, django_user_model):
    from eqtrack.assessments.models import Characteristic
    from eqtrack.assessments.services import characteristics_seed

    _, org, _, _ = world
    characteristics_seed(organisation=org)
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw"))
    added = client.post(
        "/admin/assessments/characteristic/add/",
        {"organisation": org.pk, "name": "Rural isolation", "hint": "", "position": 20},
    )
    assert added.status_code == 302
    carers = Characteristic.objects.get(organisation=org, name="Carers")
    client.post(
        "/admin/assessments/characteristic/",
        {"action": "retire", "_selected_action": [carers.pk]},
    )
    carers.refresh_from_db()
    assert carers.retired_at is not None
    assert Characteristic.objects.filter(organisation=org, name="Rural isolation").exists()


@pytest.mark.parametrize("policies", [2, 12])
def test_the_register_and_its_download_take_a_fixed_number_of_queries(client, world, policies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eqtrack.assessments.services import assessment_start, policy_create

    _, org, people, team = world
    for n in range(policies):
        policy = policy_create(
            organisation=org, title=f"Policy {n}", team=team, user=people["author"]
        )
        assessment_start(policy=policy, user=people["author"])
    client.force_login(people["reviewer"])
    client.get(f"/{org.slug}/policies/")  # the session's once-a-minute save happens here
    with CaptureQueriesContext(connection) as page:
        assert client.get(f"/{org.slug}/policies/").status_code == 200
    with CaptureQueriesContext(connection) as download:
        assert client.get(f"/{org.slug}/policies/register.csv").status_code == 200
    # session, user, organisation, membership and its teams, policies with their teams, their
    # assessments; and the page's reviews due
    assert (len(page), len(download)) == (8, 7), [q["sql"][:70] for q in page.captured_queries]
