"""The score sheet and debrief letter downloads end to end: who gets them, as what file, and the
page saying they are not ready yet (409) until the agreed scores, or the award, are in."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.procurement.models import Bid, ModeratedScore, TenderStage

from .documents_example import evaluated_tender

pytestmark = pytest.mark.django_db


@pytest.fixture
def tender():
    return evaluated_tender(stage=TenderStage.AWARDED)


def _sheet(tender, file_format: str) -> str:
    return reverse(
        "procurement-tender-score-sheet", args=[tender.organisation.slug, tender.pk, file_format]
    )


def _debrief(tender, bid, file_format: str) -> str:
    return reverse(
        "procurement-tender-debrief",
        args=[tender.organisation.slug, tender.pk, bid.pk, file_format],
    )


@pytest.mark.parametrize(
    ("file_format", "content_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_a_viewer_downloads_the_score_sheet(
    tender, client, file_format, content_type, django_assert_max_num_queries
):
    client.force_login(member_create(tender.organisation, Role.VIEWER))
    # A fixed number of queries, whatever the number of bids: the session (read, and saved
    # in three), the person, council and membership (two), then the tender, its measures,
    # bids, their commitments and measures, the evaluators' and agreed scores, lots, evaluators.
    with django_assert_max_num_queries(17):
        response = client.get(_sheet(tender, file_format))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="score-sheet-w-relative.{file_format}"'
    )
    if file_format == "xlsx":
        from openpyxl import load_workbook

        lot = load_workbook(io.BytesIO(response.content))["Lot 1"]
        assert [r[6] for r in lot.iter_rows(min_row=2, values_only=True)] == [
            88.85,
            85.63,
            81.31,
        ]


def test_the_score_sheet_is_not_ready_until_every_agreed_score_is_in(tender, client):
    ModeratedScore.objects.filter(bid__supplier="Cam Ltd", criterion="quality").delete()
    client.force_login(member_create(tender.organisation, Role.PROCUREMENT))
    response = client.get(_sheet(tender, "pdf"))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "The score sheet is not ready yet" in page
    assert "once every bid in every lot has its agreed scores" in page


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.OWNER])
def test_evaluators_and_other_members_find_no_score_sheet(tender, client, role):
    client.force_login(member_create(tender.organisation, role))
    assert client.get(_sheet(tender, "xlsx")).status_code == 404


def test_visitors_are_sent_to_sign_in(tender, client):
    url = _sheet(tender, "pdf")
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_procurement_officer_downloads_a_debrief_letter(tender, client):
    import docx

    client.force_login(member_create(tender.organisation, Role.PROCUREMENT))
    cam = Bid.objects.get(supplier="Cam Ltd")
    response = client.get(_debrief(tender, cam, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="debrief-w-relative-cam-ltd.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == (
        "Assessment summary for Cam Ltd: W-relative Worked example"
    )
    response = client.get(_debrief(tender, cam, "pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_debrief_letters_wait_for_the_award(tender, client):
    tender.stage = TenderStage.MODERATION
    tender.save()
    client.force_login(member_create(tender.organisation, Role.ADMINISTRATOR))
    response = client.get(_debrief(tender, Bid.objects.get(supplier="Cam Ltd"), "pdf"))
    assert response.status_code == 409
    assert "ready once the contract is awarded" in response.content.decode()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRACT_MANAGER, Role.EVALUATOR])
def test_only_procurement_officers_and_administrators_have_debrief_letters(tender, client, role):
    client.force_login(member_create(tender.organisation, role))
    response = client.get(_debrief(tender, Bid.objects.get(supplier="Cam Ltd"), "docx"))
    assert response.status_code == 404


def test_an_unknown_format_or_bid_is_not_found(tender, client):
    client.force_login(member_create(tender.organisation, Role.PROCUREMENT))
    cam = Bid.objects.get(supplier="Cam Ltd")
    assert client.get(_debrief(tender, cam, "xlsx")).status_code == 404
    assert client.get(_sheet(tender, "csv")).status_code == 404
    url = reverse("procurement-tender-debrief", args=["worked", tender.pk, 999999, "pdf"])
    assert client.get(url).status_code == 404
