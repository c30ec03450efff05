"""The procurement permission matrix's cases for the tenders pages (see test_permissions.py)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from eqtrack.procurement.models import Lot, Tender

MEMBERS = ("viewer", "owner", "procurement", "evaluator", "other_evaluator", "contract_manager")
LIST = {"anonymous": 302, "outsider": 404, "administrator": 200} | {r: 200 for r in MEMBERS}
WRITE = LIST | {r: 403 for r in MEMBERS if r != "procurement"}
# Bids are confidential: an evaluator reads the tender they score; an action owner, or an
# evaluator not asked to score it, is told it does not exist.
READ = LIST | {"owner": 404, "other_evaluator": 404}
CHANGE = READ | {"viewer": 403, "evaluator": 403, "contract_manager": 403}
DRAFT_READ = READ | {"evaluator": 404}
DRAFT_CHANGE = DRAFT_READ | {"viewer": 403, "contract_manager": 403}


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell."""
    org = w["org"].slug
    draft = Tender.objects.create(
        organisation=w["org"], title="Catering", reference="T-002", value=Decimal("100000")
    )
    Lot.objects.create(organisation=w["org"], tender=draft, name="Lot 1")
    tender = w["tender"]
    bad = {"title": "Catering", "reference": "T-009", "value": "1", "lots": "Lot 1"}
    return [
        ("procurement-tenders", "get", reverse("procurement-tenders", args=[org]), {}, LIST),
        ("procurement-tender-add", "get", reverse("procurement-tender-add", args=[org]), {}, WRITE),
        # Weights missing: refused, nothing saved.
        (
            "procurement-tender-add",
            "post",
            reverse("procurement-tender-add", args=[org]),
            bad,
            WRITE,
        ),
        (
            "procurement-tender",
            "get",
            reverse("procurement-tender", args=[org, tender.pk]),
            {},
            READ,
        ),
        (
            "procurement-tender",
            "get",
            reverse("procurement-tender", args=[org, draft.pk]),
            {},
            DRAFT_READ,
        ),
        (
            "procurement-tender-change",
            "get",
            reverse("procurement-tender-change", args=[org, tender.pk]),
            {},
            CHANGE,
        ),
        (
            "procurement-tender-change",
            "get",
            reverse("procurement-tender-change", args=[org, draft.pk]),
            {},
            DRAFT_CHANGE,
        ),
        # Being evaluated, the tender's setup is refused: the form comes back with the reason.
        (
            "procurement-tender-change",
            "post",
            reverse("procurement-tender-change", args=[org, tender.pk]),
            bad
            | {
                "reference": "T-001",
                "price_weight": "50",
                "quality_weight": "40",
                "social_value_weight": "10",
                "quantitative_share": "50",
                "quantitative_method": "relative",
                "scale": "0-5",
            },
            CHANGE,
        ),
    ]
