"""The consultation and population profile screens, end to end with the test client: an
administrator starts a consultation (title, upload, profile, columns, answers, check), replaces
its responses, adds profiles from Census 2021 and from a file of shares, and archives one; a
bad file is refused with one message and changes nothing; other members read but cannot change."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation, ConsultationDraft, PopulationProfile
from eqtrack.consultations.services import consultation_create, profile_create
from eqtrack.consultations.weighting import Margin
from eqtrack.plans.generated import document_generate
from eqtrack.plans.models import Action
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db


def _survey(n_young: int = 40, n_old: int = 160) -> bytes:
    frame = pd.DataFrame(
        {
            "Respondent": [str(i) for i in range(n_young + n_old)],
            "Your age": ["18-34"] * n_young + ["35+"] * (n_old - 10) + ["Prefer not to say"] * 10,
            "Sex": (["F", "M"] * (n_young + n_old))[: n_young + n_old],
            "Support the plan?": (["Yes", "No", "Yes"] * 200)[: n_young + n_old],
        }
    )
    return frame.to_csv(index=False).encode()


def _small() -> bytes:
    return b"age,sex\nUnder 35,Female\n35 and over,Male\nUnder 35,Male\n35 and over,Female\n"


@pytest.fixture
def council():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    profile = profile_create(
        organisation=org,
        name="Borough",
        margins=[
            Margin("age", {"Under 35": 30, "35 and over": 70}),
            Margin("sex", {"Female": 51, "Male": 49}),
        ],
    )
    return {
        "plan": plan,
        "org": org,
        "profile": profile,
        "action": Action.objects.filter(plan=plan).order_by("pk").first(),
        "admin": member_create(org, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
        "owner": member_create(org, Role.OWNER),
    }


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_an_administrator_starts_a_consultation_from_title_to_weighted_page(council, client):
    org, profile, action = council["org"], council["profile"], council["action"]
    client.force_login(council["admin"])
    page = client.get(f"/{org.slug}/consultations/")
    assert "Start a consultation" in page.content.decode()

    response = client.post(
        f"/{org.slug}/consultations/new/", {"title": "Parks survey", "action": action.pk}
    )
    draft = ConsultationDraft.objects.get()
    base = f"/{org.slug}/consultations/new/{draft.pk}"
    assert response["Location"] == f"{base}/responses/"

    response = client.post(f"{base}/responses/", {"upload": _upload("parks.csv", _survey())})
    assert response["Location"] == f"{base}/profile/"
    # The back button: the upload page says what is kept, and continuing without a file keeps it.
    page = client.get(f"{base}/responses/").content.decode()
    assert "parks.csv" in page and "200 responses" in page
    assert client.post(f"{base}/responses/", {})["Location"] == f"{base}/profile/"

    response = client.post(f"{base}/profile/", {"profile": profile.pk})
    assert response["Location"] == f"{base}/columns/"
    page = client.get(f"{base}/columns/").content.decode()
    assert "Which column holds age?" in page and "Which column holds sex?" in page
    # Headings that name a characteristic are offered already; the others are not.
    assert '<option value="Sex" selected>' in page
    assert '<option value="Your age" selected>' in page
    assert '<option value="Respondent" selected>' not in page
    response = client.post(
        f"{base}/columns/", {"c0": "Your age", "c1": "Sex", "questions": ["Support the plan?"]}
    )
    assert response["Location"] == f"{base}/answers/"

    page = client.get(f"{base}/answers/").content.decode()
    # None of these answers is a category's name: each is shown for the officer to decide,
    # except "Prefer not to say", left out already.
    assert "did not match a category" in page
    assert "“18-34”" in page and "“Prefer not to say”" in page
    response = client.post(f"{base}/answers/", {"a0_0": "35 and over"})
    assert response.status_code == 200  # the others not chosen: errors, nothing kept
    assert "Choose what “18-34” in Your age means" in response.content.decode()
    draft.refresh_from_db()
    assert draft.mapping["age"]["answers"] == {}
    form = {}
    for name, label in _answer_fields(page):
        form[name] = {
            "35+": "35 and over",
            "18-34": "Under 35",
            "Prefer not to say": "__exclude__",
            "F": "Female",
            "M": "Male",
        }[label]
    response = client.post(f"{base}/answers/", form)
    assert response["Location"] == f"{base}/check/"

    page = client.get(f"{base}/check/").content.decode()
    assert "Parks survey" in page and "parks.csv" in page and "Left out: Prefer not to say" in page
    response = client.post(f"{base}/check/", {"save": "1"})
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/{org.slug}/consultations/{consultation.pk}/"
    assert consultation.action == action and consultation.profile == profile
    assert consultation.diagnostics["respondents"] == 200
    assert consultation.diagnostics["weighted"] == 190  # the ten who preferred not to say
    under = next(s for s in consultation.shares if s["category"] == "Under 35")
    assert under["respondents"] == 40
    assert {r["answer"] for r in consultation.results} == {"Yes", "No"}
    assert consultation.history.get().history_user == council["admin"]
    draft.refresh_from_db()
    assert draft.archived_at is not None and bytes(draft.responses) == b""
    page = client.get(response["Location"]).content.decode()
    assert "Parks survey" in page and "Under 35" in page
    # The draft is done: its pages are gone.
    assert client.get(f"{base}/check/").status_code == 404


def _answer_fields(page: str) -> list[tuple[str, str]]:
    """(field name, answer) for each answer's select on the answers page."""
    import re

    labels = dict(
        re.findall(r'<label class="govuk-label govuk-label--s" for="id_(a\d+_\d+)">“([^”]+)”', page)
    )
    return list(labels.items())


def _excel(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_excel_upload_is_read_and_a_bad_upload_changes_nothing(council, client):
    org = council["org"]
    client.force_login(council["admin"])
    client.post(f"/{org.slug}/consultations/new/", {"title": "Survey"})
    draft = ConsultationDraft.objects.get()
    base = f"/{org.slug}/consultations/new/{draft.pk}"
    workbook = _excel([["age", "sex"], ["Under 35", "Female"], ["35 and over", "Male"]])
    response = client.post(f"{base}/responses/", {"upload": _upload("s.xlsx", workbook)})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.columns == ["age", "sex"] and draft.respondents == 2
    for name, data, message in [
        ("broken.csv", b'a,b\n1,2\n"3,4\n5,6,7\n', "broken.csv"),
        ("twice.csv", b"age,age\n1,2\n", "broken"),
        ("empty.csv", b"", "empty.csv: is empty"),
        ("headings.csv", b"age,sex\n", "headings.csv: has headings but no responses"),
        ("fake.xlsx", b"PK\x03\x04 not really a workbook", "fake.xlsx"),
        ("latin.csv", "âge\nvieux\n".encode("latin-1"), "latin.csv"),
    ]:
        response = client.post(f"{base}/responses/", {"upload": _upload(name, data)})
        assert response.status_code == 200, name
        text = response.content.decode()
        main = text[text.find("<main") : text.find("</main")]
        assert "There is a problem" in text and (message in text or name in text), main
        draft.refresh_from_db()
        assert bytes(draft.responses) == workbook and draft.responses_filename == "s.xlsx", name
    response = client.post(
        f"{base}/responses/", {"upload": _upload("twice.csv", b"age,Age\n1,2\n")}
    )
    assert "line 1: the heading" in response.content.decode()


def test_changing_a_consultation_replaces_its_responses_and_records_why(council, client):
    org, profile = council["org"], council["profile"]
    mapping = (
        b"variable,column,answer,category\n"
        b"age,Your age,18-34,Under 35\nage,Your age,35+,35 and over\n"
        b"sex,Sex,F,Female\nsex,Sex,M,Male\n"
    )
    consultation = consultation_create(
        organisation=org,
        title="Parks",
        responses_filename="first.csv",
        responses=_survey(),
        profile=profile,
        mapping=mapping,
    )
    client.force_login(council["admin"])
    assert client.get(f"/{org.slug}/consultations/{consultation.pk}/change/").status_code == 200
    response = client.post(
        f"/{org.slug}/consultations/{consultation.pk}/change/", {"step": "responses"}
    )
    draft = ConsultationDraft.objects.get()
    base = f"/{org.slug}/consultations/new/{draft.pk}"
    assert response["Location"] == f"{base}/responses/"
    # The stored mapping is shown answer by answer on the answers page.
    assert draft.mapping["age"] == {
        "column": "Your age",
        "answers": {"35+": "35 and over", "18-34": "Under 35", "Prefer not to say": ""},
    }
    client.post(f"{base}/responses/", {"upload": _upload("second.csv", _survey(100, 100))})
    page = client.get(f"{base}/check/").content.decode()
    assert "second.csv" in page
    response = client.post(f"{base}/check/", {"save": "1"})
    assert response["Location"] == f"/{org.slug}/consultations/{consultation.pk}/"
    consultation.refresh_from_db()
    assert consultation.responses_filename == "second.csv"
    assert consultation.diagnostics["respondents"] == 200
    assert next(s for s in consultation.shares if s["category"] == "Under 35")["respondents"] == 100
    latest = consultation.history.order_by("-history_id").first()
    assert latest.history_user == council["admin"]
    assert "responses replaced by second.csv" in latest.history_change_reason
    assert "responses replaced by second.csv" in client.get(response["Location"]).content.decode()


def test_a_weighting_that_fails_saves_nothing_and_says_why(council, client):
    org, profile = council["org"], council["profile"]
    client.force_login(council["admin"])
    client.post(f"/{org.slug}/consultations/new/", {"title": "Small"})
    draft = ConsultationDraft.objects.get()
    base = f"/{org.slug}/consultations/new/{draft.pk}"
    only_old = pd.DataFrame({"age": ["35 and over"] * 5}).to_csv(index=False).encode()
    client.post(f"{base}/responses/", {"upload": _upload("old.csv", only_old)})
    client.post(f"{base}/profile/", {"profile": profile.pk})
    client.post(f"{base}/columns/", {"c0": "age", "c1": ""})
    client.post(f"{base}/answers/", {"a0_0": "35 and over"})
    response = client.post(f"{base}/check/", {"save": "1"})
    text = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved" in text
    assert "no respondent is in &#x27;Under 35&#x27;" in text
    assert Consultation.objects.count() == 0
    # Cancelling archives the draft and keeps nothing.
    response = client.post(f"{base}/check/", {"cancel": "1"})
    assert response["Location"] == f"/{org.slug}/consultations/"
    assert not ConsultationDraft.objects.live().exists()


def test_members_read_the_lists_but_only_administrators_change(council, client):
    org = council["org"]
    client.force_login(council["viewer"])
    page = client.get(f"/{org.slug}/consultations/").content.decode()
    assert "Start a consultation" not in page
    assert client.get(f"/{org.slug}/consultations/new/").status_code == 403
    assert client.post(f"/{org.slug}/consultations/new/", {"title": "x"}).status_code == 403
    assert not ConsultationDraft.objects.exists()
    page = client.get(f"/{org.slug}/population-profiles/").content.decode()
    assert "Borough" in page and "Add a population profile" not in page
    assert client.get(f"/{org.slug}/population-profiles/new/").status_code == 403


def test_an_administrator_adds_a_census_profile_and_it_cites_its_source(council, client):
    org = council["org"]
    client.force_login(council["admin"])
    response = client.post(f"/{org.slug}/population-profiles/new/", {"source": "census"})
    assert response["Location"] == f"/{org.slug}/population-profiles/new/census/"
    page = client.get(response["Location"]).content.decode()
    assert "Maidstone (E07000110)" in page
    response = client.post(
        f"/{org.slug}/population-profiles/new/census/",
        {
            "name": "Maidstone 2021",
            "area": "E07000110",
            "characteristics": ["sex", "ethnic group (5)"],
        },
    )
    profile = PopulationProfile.objects.get(name="Maidstone 2021")
    assert response["Location"] == f"/{org.slug}/population-profiles/{profile.pk}/"
    assert set(profile.counts.values_list("variable", flat=True)) == {"sex", "ethnic group (5)"}
    page = client.get(response["Location"]).content.decode()
    assert "Office for National Statistics, Census 2021" in page
    assert "Open Government Licence v3.0" in page
    assert "Female" in page and "50.5%" in page  # 88,817 of 175,781
    assert "Asian, Asian British or Asian Welsh" in page
    # Both ethnic groupings at once is refused, naming the problem; nothing is added.
    response = client.post(
        f"/{org.slug}/population-profiles/new/census/",
        {
            "name": "Twice",
            "area": "E07000110",
            "characteristics": ["ethnic group (5)", "ethnic group (19)"],
        },
    )
    assert "choose the ethnic groups once" in response.content.decode().lower()
    assert not PopulationProfile.objects.filter(name="Twice").exists()


def test_a_profile_from_a_file_of_shares_and_its_mistakes(council, client):
    org = council["org"]
    client.force_login(council["admin"])
    url = f"/{org.slug}/population-profiles/new/upload/"
    good = (
        b"characteristic,category,share\nsex,Female,50.6\nsex,Male,49.2\nage,Young,40\nage,Old,60\n"
    )
    for data, message in [
        (b"characteristic,category,share\nsex,Female,-1\nsex,Male,101\n", "line 2: share"),
        (b"characteristic,category,share\nsex,Female,50\nsex,Male,49\n", "lines 2 to 3"),
        (b"characteristic,category,share\nsex,Female,fifty\n", "line 2: share &#x27;fifty&#x27;"),
        (b"who,what\nsex,Female\n", "line 1: expected the columns"),
        (b"characteristic,category,share\nsex,Female,50\nsex,Female,50\n", "line 3"),
    ]:
        response = client.post(url, {"name": "Shares", "upload": _upload("shares.csv", data)})
        text = response.content.decode()
        assert response.status_code == 200 and "shares.csv" in text and message in text, message
        assert not PopulationProfile.objects.filter(name="Shares").exists()
    response = client.post(
        url,
        {"name": "Shares", "source": "Our survey of 2024", "upload": _upload("s.csv", good)},
    )
    profile = PopulationProfile.objects.get(name="Shares")
    assert response["Location"] == f"/{org.slug}/population-profiles/{profile.pk}/"
    assert dict(profile.counts.filter(variable="sex").values_list("category", "population")) == {
        "Female": 50.6,
        "Male": 49.2,
    }
    # The same name again is refused on the name.
    response = client.post(url, {"name": "Shares", "upload": _upload("s.csv", good)})
    assert "there is a profile called" in response.content.decode().lower()


def test_a_profile_is_archived_only_when_no_consultation_uses_it(council, client):
    org, profile = council["org"], council["profile"]
    consultation_create(
        organisation=org,
        title="Uses it",
        responses_filename="s.csv",
        responses=_small(),
        profile=profile,
    )
    client.force_login(council["admin"])
    page = client.get(f"/{org.slug}/population-profiles/{profile.pk}/").content.decode()
    assert "cannot be archived" in page
    response = client.post(f"/{org.slug}/population-profiles/{profile.pk}/archive/")
    assert response["Location"] == f"/{org.slug}/population-profiles/{profile.pk}/"
    profile.refresh_from_db()
    assert profile.archived_at is None
    spare = profile_create(organisation=org, name="Spare", margins=[Margin("sex", {"F": 1})])
    response = client.post(f"/{org.slug}/population-profiles/{spare.pk}/archive/")
    assert response["Location"] == f"/{org.slug}/population-profiles/"
    spare.refresh_from_db()
    assert spare.archived_at is not None
    assert spare.history.order_by("-history_id").first().history_user == council["admin"]
    assert '">Spare</a>' not in client.get(f"/{org.slug}/population-profiles/").content.decode()


def test_the_lists_take_a_fixed_number_of_queries(council, client, django_assert_max_num_queries):
    org, profile, action = council["org"], council["profile"], council["action"]
    for i in range(12):
        consultation_create(
            organisation=org,
            title=f"Survey {i}",
            responses_filename="s.csv",
            responses=_small(),
            profile=profile,
            action=action,
        )
        profile_create(organisation=org, name=f"P{i}", margins=[Margin("sex", {"F": 1})])
    from eqtrack.consultations.services import draft_start

    for i in range(3):  # unfinished ones, listed for the administrator
        draft_start(organisation=org, user=council["admin"], title=f"Draft {i}")
    client.force_login(council["admin"])
    with django_assert_max_num_queries(10):
        page = client.get(f"/{org.slug}/consultations/")
    assert "Draft 2" in page.content.decode()
    assert page.content.decode().count("Survey ") >= 12
    with django_assert_max_num_queries(10):
        page = client.get(f"/{org.slug}/population-profiles/")
    assert "P11" in page.content.decode()


def test_new_responses_with_a_new_answer_must_have_it_decided_before_saving(council, client):
    org, profile = council["org"], council["profile"]
    consultation = consultation_create(
        organisation=org,
        title="Parks",
        responses_filename="first.csv",
        responses=_small(),
        profile=profile,
    )
    client.force_login(council["admin"])
    client.post(f"/{org.slug}/consultations/{consultation.pk}/change/", {"step": "responses"})
    draft = ConsultationDraft.objects.get()
    base = f"/{org.slug}/consultations/new/{draft.pk}"
    newer = _small() + b"Under 35,Non-binary\n"
    client.post(f"{base}/responses/", {"upload": _upload("newer.csv", newer)})
    page = client.get(f"{base}/check/").content.decode()
    assert "Not decided yet: Non-binary" in page and "Weigh again and save" not in page
    response = client.post(f"{base}/check/", {"save": "1"})
    assert "Say what &#x27;Non-binary&#x27; in sex means" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.responses_filename == "first.csv"
    page = client.get(f"{base}/answers/").content.decode()
    form = {
        name: {"Under 35": "Under 35", "35 and over": "35 and over", "Female": "Female"}.get(
            label, {"Male": "Male"}.get(label, "__exclude__")
        )
        for name, label in _answer_fields(page)
    }
    assert client.post(f"{base}/answers/", form)["Location"] == f"{base}/check/"
    response = client.post(f"{base}/check/", {"save": "1"})
    assert response["Location"] == f"/{org.slug}/consultations/{consultation.pk}/"
    consultation.refresh_from_db()
    assert consultation.responses_filename == "newer.csv"
    assert consultation.diagnostics["respondents"] == 5
    assert consultation.diagnostics["weighted"] == 4  # Non-binary left out of the weighting
