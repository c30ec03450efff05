"""A consultation's public page: the services that write it (details, documents, questions and
answers, the results page) tested directly, and the pages end to end — the officers' with
permission, the public's anonymously ("have your say", a page, its results, its documents)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.consultations.models import Consultation, ConsultationDocument, ConsultationFAQ
from eqtrack.consultations.page_selectors import consultation_list_public
from eqtrack.consultations.page_services import (
    PageError,
    consultation_page_change,
    consultation_page_create,
    document_add,
    document_remove,
    faq_add,
    faq_change,
    faq_move,
    faq_remove,
    results_page_change,
    results_page_publish,
    results_page_unpublish,
)
from eqtrack.consultations.services import (
    consultation_create,
    draft_from_consultation,
    profile_create,
)
from eqtrack.consultations.weighting import Margin
from eqtrack.organisations.models import Organisation
from eqtrack.plans.generated import document_generate
from eqtrack.plans.services import plan_create_from_document

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def council():
    plan = plan_create_from_document(document=document_generate(actions=2, periods=1))
    org = plan.organisation
    profile = profile_create(
        organisation=org,
        name="Borough",
        margins=[Margin("age", {"Under 35": 30, "35 and over": 70})],
    )
    return {
        "org": org,
        "profile": profile,
        "admin": member_create(org, Role.ADMINISTRATOR),
        "viewer": member_create(org, Role.VIEWER),
    }


def _page(council, title="Parks strategy", **kwargs):
    consultation = consultation_page_create(
        organisation=council["org"], user=council["admin"], title=title
    )
    details = {
        "title": title,
        "summary": "We want to know how you use the parks.",
        "opens_on": TODAY - 5 * DAY,
        "closes_on": TODAY + 10 * DAY,
        "contact_name": "Parks team",
        "contact_email": "parks@example.org",
        "contact_phone": "01234 567890",
        "is_public": True,
        **kwargs,
    }
    return consultation_page_change(consultation=consultation, user=council["admin"], **details)


def _uploaded(council, title="Resident survey"):
    frame = pd.DataFrame(
        {"age": ["Under 35"] * 30 + ["35 and over"] * 170, "q1": ["Yes"] * 120 + ["No"] * 80}
    )
    return consultation_create(
        organisation=council["org"],
        title=title,
        responses_filename="survey.csv",
        responses=frame.to_csv(index=False).encode(),
        profile=council["profile"],
        questions=["q1"],
    )


# The model: status from the dates


def test_status_follows_the_dates_both_days_included():
    c = Consultation(opens_on=dt.date(2027, 3, 1), closes_on=dt.date(2027, 3, 31))
    assert c.status_on(dt.date(2027, 2, 28)) == "upcoming"
    assert c.status_on(dt.date(2027, 3, 1)) == "open"
    assert c.status_on(dt.date(2027, 3, 31)) == "open"
    assert c.status_on(dt.date(2027, 4, 1)) == "closed"
    assert Consultation().status_on(dt.date(2027, 1, 1)) == "upcoming"
    # Responses uploaded from a consultation run elsewhere: it has closed.
    assert Consultation(responses_filename="s.csv").status_on(dt.date(2027, 1, 1)) == "closed"


# Services


def test_a_page_starts_with_no_responses_and_its_changes_are_recorded(council):
    consultation = consultation_page_create(
        organisation=council["org"], user=council["admin"], title="  Parks  "
    )
    consultation.refresh_from_db()
    assert consultation.title == "Parks" and consultation.profile is None
    assert bytes(consultation.responses) == b"" and not consultation.has_responses
    assert consultation.status == "upcoming" and not consultation.is_public
    consultation_page_change(
        consultation=consultation,
        user=council["admin"],
        title="Parks",
        summary="Why.",
        opens_on=TODAY,
        closes_on=TODAY + DAY,
        contact_email=" parks@example.org ",
        is_public=True,
    )
    consultation.refresh_from_db()
    assert consultation.is_public and consultation.contact_email == "parks@example.org"
    reasons = list(consultation.history.values_list("history_change_reason", flat=True))
    assert any("shown publicly" in (r or "") for r in reasons)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": " "}, "title", "title"),
        ({"closes_on": TODAY - 10 * DAY}, "closes_on", "on or after the opening date"),
        ({"contact_email": "not an address"}, "contact_email", "correct format"),
        ({"summary": ""}, "summary", "summary"),
        ({"opens_on": None}, "opens_on", "opening date"),
        ({"closes_on": None}, "closes_on", "closing date"),
    ],
)
def test_a_bad_page_change_names_its_field_and_changes_nothing(council, change, field, words):
    consultation = _page(council)
    before = Consultation.history.count()
    good = {
        "title": "Parks strategy",
        "summary": "Why.",
        "opens_on": TODAY,
        "closes_on": TODAY + DAY,
        "contact_email": "",
        "is_public": True,
    }
    with pytest.raises(PageError) as e:
        consultation_page_change(
            consultation=consultation, user=council["admin"], **{**good, **change}
        )
    assert e.value.field == field and words in str(e.value)
    consultation.refresh_from_db()
    assert consultation.summary == "We want to know how you use the parks."
    assert Consultation.history.count() == before


def test_only_those_who_manage_consultations_change_a_page(council):
    consultation = _page(council)
    with pytest.raises(PermissionDenied):
        faq_add(consultation=consultation, user=council["viewer"], question="Q?", answer="A.")
    with pytest.raises(PermissionDenied):
        consultation_page_create(organisation=council["org"], user=council["viewer"], title="X")
    assert not ConsultationFAQ.objects.exists()


def test_documents_by_link_or_file_and_bad_files_refused(council, monkeypatch):
    consultation = _page(council)
    admin = council["admin"]
    link = document_add(
        consultation=consultation, user=admin, title="Strategy", url="https://example.org/s.pdf"
    )
    kept = document_add(
        consultation=consultation, user=admin, title="Map", filename="C:\\maps\\map.pdf", data=PDF
    )
    assert link.filename == "" and bytes(link.content) == b""
    assert kept.filename == "map.pdf" and kept.content_type == "application/pdf"
    assert bytes(kept.content) == PDF and kept.size == len(PDF)
    # A browser may send a name of 255 characters; the record keeps 200 (PostgreSQL refused).
    long = document_add(
        consultation=consultation, user=admin, title="Long", filename="m" * 250 + ".pdf", data=PDF
    )
    assert long.filename == "m" * 196 + ".pdf"
    for kwargs, words in [
        ({"title": ""}, "title"),
        ({"title": "X"}, "web address, or choose its file"),
        ({"title": "X", "url": "javascript:alert(1)"}, "correct format"),
        ({"title": "X", "filename": "page.html", "data": b"<script>"}, "page.html: must be one of"),
        ({"title": "X", "filename": "fake.pdf", "data": b"MZ\x90"}, "fake.pdf: is not a PDF"),
        ({"title": "X", "filename": "empty.pdf", "data": b""}, "empty.pdf: is empty"),
        ({"title": "X", "filename": "notes.txt", "data": b"\xff\xfe\xfa"}, "not UTF-8"),
    ]:
        with pytest.raises(PageError, match=words):
            document_add(consultation=consultation, user=admin, **kwargs)
    monkeypatch.setenv("EQTRACK_MAX_UPLOAD_MB", "0.0001")
    with pytest.raises(PageError, match="big.pdf: is .* MB, over the 0 MB limit"):
        document_add(
            consultation=consultation, user=admin, title="Big", filename="big.pdf", data=PDF * 10
        )
    assert ConsultationDocument.objects.count() == 3
    document_remove(document=link, user=admin)
    assert list(consultation.documents.values_list("title", flat=True)) == ["Map", "Long"]
    reasons = list(consultation.history.values_list("history_change_reason", flat=True))
    assert "document added: Map" in reasons and "document removed: Strategy" in reasons


def test_questions_and_answers_are_added_changed_moved_and_removed(council):
    consultation = _page(council)
    admin = council["admin"]
    first, second, third = (
        faq_add(consultation=consultation, user=admin, question=q, answer="Yes.")
        for q in ("Who?", "When?", "Why?")
    )

    def order():
        return list(consultation.faqs.order_by("position", "pk").values_list("question", flat=True))

    assert order() == ["Who?", "When?", "Why?"]
    faq_move(faq=third, user=admin, direction="up")
    assert order() == ["Who?", "Why?", "When?"]
    faq_move(faq=first, user=admin, direction="up")  # at the top already: stays
    assert order() == ["Who?", "Why?", "When?"]
    faq_move(faq=first, user=admin, direction="down")
    assert order() == ["Why?", "Who?", "When?"]
    with pytest.raises(PageError, match="answer"):
        faq_change(faq=second, user=admin, question="When?", answer="  ")
    faq_change(faq=second, user=admin, question="When does it close?", answer="Soon.")
    faq_remove(faq=first, user=admin)
    assert order() == ["Why?", "When does it close?"]
    assert ConsultationFAQ.history.filter(history_change_reason="removed").count() == 1


def test_the_results_page_is_published_only_when_closed_public_and_written(council):
    consultation = _uploaded(council)
    admin = council["admin"]
    with pytest.raises(PageError, match="no chart 'question:q9'"):
        results_page_change(
            consultation=consultation,
            user=admin,
            we_asked="a",
            you_said="b",
            we_did="c",
            charts=["question:q9"],
        )
    results_page_change(
        consultation=consultation,
        user=admin,
        we_asked="We asked about the parks.",
        you_said="",
        we_did="We kept them open.",
        charts=["representativeness", "question:q1"],
    )
    with pytest.raises(PageError, match="show the consultation publicly"):
        results_page_publish(consultation=consultation, user=admin)
    consultation_page_change(
        consultation=consultation,
        user=admin,
        title=consultation.title,
        summary="Parks.",
        opens_on=TODAY - 30 * DAY,
        closes_on=TODAY + DAY,
        is_public=True,
    )
    with pytest.raises(PageError, match="once the consultation has closed"):
        results_page_publish(consultation=consultation, user=admin)
    consultation.closes_on = TODAY - DAY
    consultation.save()
    with pytest.raises(PageError, match="you said") as e:
        results_page_publish(consultation=consultation, user=admin)
    assert e.value.field == "you_said"
    consultation.you_said = "Keep them open."
    consultation.save()
    results_page_publish(consultation=consultation, user=admin)
    consultation.refresh_from_db()
    assert consultation.results_published_at is not None
    results_page_unpublish(consultation=consultation, user=admin)
    consultation.refresh_from_db()
    assert consultation.results_published_at is None


def test_the_public_list_orders_open_then_upcoming_then_closed(council):
    _page(council, "Closed long ago", opens_on=TODAY - 90 * DAY, closes_on=TODAY - 60 * DAY)
    _page(council, "Closed lately", opens_on=TODAY - 30 * DAY, closes_on=TODAY - DAY)
    _page(council, "Opens later", opens_on=TODAY + 30 * DAY, closes_on=TODAY + 60 * DAY)
    _page(council, "Opens soon", opens_on=TODAY + DAY, closes_on=TODAY + 60 * DAY)
    _page(council, "Closes later", closes_on=TODAY + 30 * DAY)
    _page(council, "Closes soon", closes_on=TODAY)
    _page(council, "Not public", is_public=False)
    _uploaded(council)  # not public either
    titles = [c.title for c in consultation_list_public(organisation=council["org"])]
    assert titles == [
        "Closes soon",
        "Closes later",
        "Opens soon",
        "Opens later",
        "Closed lately",
        "Closed long ago",
    ]


def test_a_consultation_with_no_responses_can_have_them_uploaded_later(council):
    consultation = _page(council)
    draft = draft_from_consultation(consultation=consultation, user=council["admin"])
    assert draft.responses_filename == "" and draft.profile is None
    assert draft.title == "Parks strategy"


# Pages, end to end


def test_the_officers_page_of_a_consultation_with_no_responses(council, client):
    consultation = _page(council)
    org = council["org"]
    client.force_login(council["viewer"])
    for url in (f"/{org.slug}/consultations/", f"/{org.slug}/consultations/{consultation.pk}/"):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert "None yet" in text and "Change the page" not in text
    assert (
        client.get(f"/{org.slug}/consultations/{consultation.pk}/weighted.csv").status_code == 404
    )
    assert client.get(f"/{org.slug}/consultations/{consultation.pk}/page/").status_code == 403
    client.force_login(council["admin"])
    text = client.get(f"/{org.slug}/consultations/{consultation.pk}/").content.decode()
    assert "Change the page" in text and "Add a document" in text and "Upload responses" in text
    assert "parks@example.org" in text


def test_an_officer_writes_the_page_adds_documents_and_questions(council, client):
    org, admin = council["org"], council["admin"]
    client.force_login(admin)
    response = client.post(f"/{org.slug}/consultations/new-page/", {"title": ""})
    assert "Enter the consultation&#x27;s title" in response.content.decode()
    response = client.post(f"/{org.slug}/consultations/new-page/", {"title": "Libraries"})
    consultation = Consultation.objects.get(title="Libraries")
    base = f"/{org.slug}/consultations/{consultation.pk}"
    assert response.url == f"{base}/page/"
    form = {
        "title": "Libraries",
        "summary": "Opening hours.\n\nTell us what suits you.",
        "opens_on_day": str(TODAY.day),
        "opens_on_month": str(TODAY.month),
        "opens_on_year": str(TODAY.year),
        "closes_on_day": "31",
        "closes_on_month": "2",
        "closes_on_year": "2030",
        "is_public": "on",
    }
    page = client.post(f"{base}/page/", form)
    assert "Closing date must be a real date" in page.content.decode()
    page = client.post(f"{base}/page/", {**form, "closes_on_day": "28", "summary": ""})
    assert "Enter a summary before showing the consultation publicly" in page.content.decode()
    assert client.post(f"{base}/page/", {**form, "closes_on_day": "28"}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_public and consultation.closes_on == dt.date(2030, 2, 28)

    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(f"{base}/documents/new/", {"title": "The plan", "upload": upload}).status_code
        == 302
    )
    bad = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>")
    page = client.post(f"{base}/documents/new/", {"title": "Evil", "upload": bad})
    assert "evil.html: must be one of" in page.content.decode()
    assert (
        client.post(
            f"{base}/documents/new/", {"title": "Online", "url": "https://example.org/x"}
        ).status_code
        == 302
    )
    for question in ("When?", "Where?"):
        client.post(f"{base}/questions/new/", {"question": question, "answer": "Soon."})
    where = ConsultationFAQ.objects.get(question="Where?")
    client.post(f"{base}/questions/{where.pk}/move/", {"direction": "up"})
    text = client.get(f"{base}/").content.decode()
    assert text.index("Where?") < text.index("When?")
    assert "The plan" in text and "plan.pdf" in text

    # What the public sees, signed out.
    client.logout()
    text = client.get(f"/{org.slug}/have-your-say/{consultation.pk}/").content.decode()
    assert "Tell us what suits you." in text and "The plan" in text
    assert text.index("Where?") < text.index("When?")
    document = consultation.documents.get(title="The plan")
    file = client.get(f"/{org.slug}/have-your-say/{consultation.pk}/documents/{document.pk}/")
    assert file.content == PDF and file["Content-Type"] == "application/pdf"
    assert file["X-Content-Type-Options"] == "nosniff"
    link = consultation.documents.get(title="Online")
    assert (
        client.get(f"/{org.slug}/have-your-say/{consultation.pk}/documents/{link.pk}/").status_code
        == 404
    )


def test_the_public_see_only_public_consultations_of_that_council(council, client):
    shown = _page(council, "Shown")
    hidden = _page(council, "Hidden", is_public=False)
    other = Organisation.objects.create(name="Other Council", slug="other-council")
    org = council["org"]
    text = client.get(f"/{org.slug}/have-your-say/").content.decode()
    assert "Shown" in text and "Hidden" not in text
    assert client.get(f"/{org.slug}/have-your-say/{hidden.pk}/").status_code == 404
    assert client.get(f"/{other.slug}/have-your-say/{shown.pk}/").status_code == 404
    assert client.get(f"/{org.slug}/have-your-say/{shown.pk}/results/").status_code == 404
    # A viewer is not shown a preview; an administrator is, marked as one.
    client.force_login(council["viewer"])
    assert client.get(f"/{org.slug}/have-your-say/{hidden.pk}/").status_code == 404
    client.force_login(council["admin"])
    text = client.get(f"/{org.slug}/have-your-say/{hidden.pk}/").content.decode()
    assert "Preview: this consultation is not on the public list" in text
    # The council's front page links to the list.
    client.logout()
    assert f'href="/{org.slug}/have-your-say/"' in client.get(f"/{org.slug}/").content.decode()


def test_an_open_survey_is_linked_from_the_list_and_the_page(council, client):
    from eqtrack.surveys.models import Survey

    consultation = _page(council)
    org = council["org"]
    survey = Survey.objects.create(
        organisation=org, consultation=consultation, status=Survey.Status.DRAFT
    )
    url = f"/{org.slug}/surveys/{survey.pk}/"
    assert url not in client.get(f"/{org.slug}/have-your-say/").content.decode()
    survey.status = Survey.Status.OPEN
    survey.save()
    assert url in client.get(f"/{org.slug}/have-your-say/").content.decode()
    assert url in client.get(f"/{org.slug}/have-your-say/{consultation.pk}/").content.decode()


def test_the_public_list_takes_a_fixed_number_of_queries(
    council, client, django_assert_max_num_queries
):
    from eqtrack.surveys.models import Survey

    for n in range(12):
        c = _page(council, f"Consultation {n}", opens_on=TODAY - (n % 3) * 20 * DAY)
        if n % 2:
            Survey.objects.create(organisation=council["org"], consultation=c, status="open")
    with django_assert_max_num_queries(4):
        page = client.get(f"/{council['org'].slug}/have-your-say/")
    assert page.status_code == 200 and page.content.decode().count("Answer the survey") == 6


def test_an_officer_writes_and_publishes_the_results_page_with_charts(council, client):
    consultation = _uploaded(council)
    org, admin = council["org"], council["admin"]
    consultation_page_change(
        consultation=consultation,
        user=admin,
        title=consultation.title,
        summary="The resident survey.",
        opens_on=TODAY - 60 * DAY,
        closes_on=TODAY - 30 * DAY,
        is_public=True,
    )
    client.force_login(admin)
    url = f"/{org.slug}/consultations/{consultation.pk}/results-page/"
    page = client.get(url).content.decode()
    assert "Who answered, against the population" in page and "Answers to “q1”" in page
    form = {
        "we_asked": "We asked whether you support the plan.",
        "you_said": "",
        "we_did": "We changed it.",
        "charts": ["representativeness", "question:q1"],
    }
    page = client.post(url, {**form, "publish": "1"}).content.decode()
    assert "Write what you said before publishing the results" in page
    consultation.refresh_from_db()
    assert consultation.results_published_at is None
    assert consultation.we_asked == ""  # nothing of a refused publish is kept
    response = client.post(url, {**form, "you_said": "Most said yes.", "publish": "1"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.results_published_at is not None

    client.logout()
    page = client.get(f"/{org.slug}/have-your-say/{consultation.pk}/results/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "We asked whether you support the plan." in text and "Most said yes." in text
    assert text.count("<svg") == 2 and "age: Under 35" in text
    assert "Weighted share of each answer" in text
    listing = client.get(f"/{org.slug}/have-your-say/").content.decode()
    assert "Closed consultations" in listing and "We asked, you said, we did" in listing

    client.force_login(admin)
    client.post(url, {**form, "unpublish": "1"})
    client.logout()
    assert client.get(f"/{org.slug}/have-your-say/{consultation.pk}/results/").status_code == 404


def test_responses_are_uploaded_to_a_consultation_that_has_none(council, client):
    consultation = _page(council)
    org = council["org"]
    client.force_login(council["admin"])
    base = f"/{org.slug}/consultations/{consultation.pk}"
    assert "Upload the responses" in client.get(f"{base}/change/").content.decode()
    response = client.post(f"{base}/change/", {"step": "responses"})
    draft = consultation.drafts.get()
    assert response.url == f"/{org.slug}/consultations/new/{draft.pk}/responses/"
    frame = pd.DataFrame({"age": ["Under 35"] * 3 + ["35 and over"] * 7})
    upload = SimpleUploadedFile("later.csv", frame.to_csv(index=False).encode())
    client.post(f"/{org.slug}/consultations/new/{draft.pk}/responses/", {"upload": upload})
    client.post(
        f"/{org.slug}/consultations/new/{draft.pk}/profile/", {"profile": council["profile"].pk}
    )
    client.post(f"/{org.slug}/consultations/new/{draft.pk}/columns/", {"c0": "age"})
    client.post(
        f"/{org.slug}/consultations/new/{draft.pk}/answers/",
        {"a0_0": "35 and over", "a0_1": "Under 35"},
    )
    client.post(f"/{org.slug}/consultations/new/{draft.pk}/check/", {"save": "1"})
    consultation.refresh_from_db()
    assert consultation.responses_filename == "later.csv"
    assert consultation.diagnostics["respondents"] == 10 and consultation.profile is not None
    # The page is as it was.
    assert consultation.is_public and consultation.contact_name == "Parks team"


def test_a_consultation_whose_survey_closed_early_has_closed(db):
    """Closing the survey before the closing date closes the consultation: its public page
    says so and its results can be published, with no date to move."""
    import datetime as dt

    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.consultations.page_services import consultation_page_create
    from eqtrack.organisations.models import Organisation
    from eqtrack.surveys.models import Survey

    org = Organisation.objects.create(name="Early Borough", slug="early")
    admin = member_create(org, Role.ADMINISTRATOR)
    consultation = consultation_page_create(organisation=org, user=admin, title="Parks")
    today = dt.date(2026, 12, 1)
    consultation.opens_on, consultation.closes_on = dt.date(2026, 11, 1), dt.date(2027, 1, 31)
    consultation.save()
    assert consultation.status_on(today) == "open"
    survey = Survey.objects.create(organisation=org, consultation=consultation, status="open")
    consultation.refresh_from_db()
    assert consultation.status_on(today) == "open"
    survey.status = "closed"
    survey.save()
    consultation.refresh_from_db()
    assert consultation.status_on(today) == "closed"


def test_an_administrator_chooses_the_population_a_hosted_consultation_is_compared_with(db, client):
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.consultations.page_services import PageError, consultation_profile_set
    from eqtrack.consultations.services import profile_create_from_census
    from eqtrack.organisations.models import Organisation

    org = Organisation.objects.create(name="Population Borough", slug="population")
    other = Organisation.objects.create(name="Other Borough", slug="other")
    admin = member_create(org, Role.ADMINISTRATOR)
    consultation = consultation_page_create(organisation=org, user=admin, title="Parks")
    census = profile_create_from_census(
        organisation=org,
        user=admin,
        name="Maidstone",
        area_code="E07000110",
        characteristics=["sex"],
    )
    theirs = profile_create_from_census(
        organisation=other,
        user=member_create(other, Role.ADMINISTRATOR),
        name="Theirs",
        area_code="E07000110",
        characteristics=["sex"],
    )
    with pytest.raises(PageError, match="one of the council's population profiles"):
        consultation_profile_set(consultation=consultation, user=admin, profile=theirs)
    client.force_login(admin)
    url = f"/{org.slug}/consultations/{consultation.pk}/population/"
    refused = client.post(url, {})
    assert (
        refused.status_code == 200 and "Choose the population profile" in refused.content.decode()
    )
    done = client.post(url, {"profile": census.pk})
    assert done.status_code == 302
    consultation.refresh_from_db()
    assert consultation.profile == census
    assert consultation.history.first().history_change_reason == "compared with Maidstone"
    page = client.get(f"/{org.slug}/consultations/{consultation.pk}/").content.decode()
    assert "Maidstone" in page and "/population/" in page


def test_results_wait_for_the_survey_to_close_and_a_closed_consultation_links_no_survey(db, client):
    """Found in review: a consultation past its closing date whose survey was left open
    offered the survey on the public list and let its results be published unweighted."""
    from eqtrack.accounts.models import Role
    from eqtrack.accounts.tests.factories import member_create
    from eqtrack.consultations.page_services import (
        PageError,
        results_page_change,
        results_page_publish,
    )
    from eqtrack.organisations.models import Organisation
    from eqtrack.surveys.models import Survey

    org = Organisation.objects.create(name="Late Borough", slug="late")
    admin = member_create(org, Role.ADMINISTRATOR)
    consultation = consultation_page_create(organisation=org, user=admin, title="Parks")
    today = timezone.localdate()
    consultation.summary, consultation.is_public = "About parks", True
    consultation.opens_on = today - dt.timedelta(days=30)
    consultation.closes_on = today - dt.timedelta(days=1)
    consultation.save()
    Survey.objects.create(organisation=org, consultation=consultation, status="open")
    consultation.refresh_from_db()
    assert "/surveys/" not in client.get(f"/{org.slug}/have-your-say/").content.decode()
    results_page_change(
        consultation=consultation, user=admin, we_asked="a", you_said="b", we_did="c", charts=[]
    )
    with pytest.raises(PageError, match="close the consultation's survey first"):
        results_page_publish(consultation=consultation, user=admin)
