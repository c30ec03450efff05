"""A consultation in the web app: uploaded, weighted to a profile, linked to an action as its
evidence, and shown to officers."""

import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eqtrack.consultations.models import Consultation
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.consultations.weighting import Margin, WeightingError
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


def _responses_csv() -> bytes:
    frame = pd.DataFrame(
        {"age": ["Under 35"] * 30 + ["35 and over"] * 170, "q1": ["Yes"] * 120 + ["No"] * 80}
    )
    return frame.to_csv(index=False).encode()


@pytest.fixture
def setting():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    plan.published = True
    plan.save()
    profile = profile_create(
        organisation=plan.organisation,
        name="Borough 2021",
        margins=[Margin("age", {"Under 35": 30, "35 and over": 70})],
    )
    action = Action.objects.filter(plan=plan).order_by("pk").first()
    return plan, profile, action


def test_a_consultation_keeps_its_weighting_who_answered_and_weighted_answers(setting):
    plan, profile, action = setting
    consultation = consultation_create(
        organisation=plan.organisation,
        title="Resident survey 2022",
        responses_filename="survey.csv",
        responses=_responses_csv(),
        profile=profile,
        questions=["q1"],
        action=action,
    )
    assert consultation.diagnostics["converged"] and consultation.diagnostics["respondents"] == 200
    under = next(s for s in consultation.shares if s["category"] == "Under 35")
    assert under["under_represented"] and under["ratio"] == pytest.approx(0.5)
    assert {r["answer"] for r in consultation.results} == {"Yes", "No"}
    weighted = pd.read_csv(io.BytesIO(bytes(consultation.weighted)))
    assert weighted.weight.mean() == pytest.approx(1.0)
    assert list(action.consultations.all()) == [consultation]


def test_another_organisations_profile_is_refused(setting):
    plan, profile, _ = setting
    other = plan_create_from_document(
        document={**document_generate(actions=1, periods=1), "organisation": "Other"}
    )
    with pytest.raises(WeightingError, match="that profile belongs to another organisation"):
        consultation_create(
            organisation=other.organisation,
            title="x",
            responses_filename="s.csv",
            responses=_responses_csv(),
            profile=profile,
        )


def test_officers_upload_in_the_admin_and_read_it_from_the_plan(setting, client, django_user_model):
    plan, profile, action = setting
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post(
        "/admin/consultations/consultation/add/",
        {
            "organisation": plan.organisation.pk,
            "title": "Resident survey 2022",
            "profile": profile.pk,
            "action": action.pk,
            "question_columns": "q1",
            "upload": SimpleUploadedFile("survey.csv", _responses_csv()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get()
    plan_page = client.get(f"/{plan.organisation.slug}/{plan.slug}/").content.decode()
    url = f"/{plan.organisation.slug}/consultations/{consultation.pk}/"
    assert f'<a class="govuk-link" href="{url}">Resident survey 2022</a>' in plan_page
    page = client.get(url).content.decode()
    assert "Under 35" in page and "Yes</strong>" in page and "converged: yes" in page
    download = client.get(url + "weighted.csv")
    assert (
        download["Content-Type"].startswith("text/csv")
        and b"weight" in download.content.splitlines()[0]
    )


def test_a_bad_upload_is_one_message_and_stores_nothing(setting, client, django_user_model):
    plan, profile, _ = setting
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post(
        "/admin/consultations/consultation/add/",
        {
            "organisation": plan.organisation.pk,
            "title": "Bad",
            "profile": profile.pk,
            "upload": SimpleUploadedFile("survey.csv", b"ward\\nHigh Street\\n"),
        },
    )
    assert response.status_code == 200
    assert "the responses have no column &#x27;age&#x27;" in response.content.decode()
    assert not Consultation.objects.exists()


def test_visitors_see_no_evidence_and_cannot_open_it(setting, client):
    plan, profile, action = setting
    consultation = consultation_create(
        organisation=plan.organisation,
        title="Resident survey 2022",
        responses_filename="survey.csv",
        responses=_responses_csv(),
        profile=profile,
        action=action,
    )
    assert (
        "Resident survey 2022"
        not in client.get(f"/{plan.organisation.slug}/{plan.slug}/").content.decode()
    )
    response = client.get(f"/{plan.organisation.slug}/consultations/{consultation.pk}/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
