"""The procurement permission matrix's cases for the evaluation pages (see test_permissions.py).

Besides the world's tender being evaluated (its one evaluator has declared no conflict), a
tender in moderation is added here: both evaluators have submitted, the procurement officer has
recorded the agreed scores, nobody has confirmed them yet. Cases run in order on one world, so
the changes come last and the confirmation before any further agreed score."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from eqtrack.procurement.models import (
    Bid,
    Evaluator,
    EvaluatorScore,
    Lot,
    ModeratedScore,
    Tender,
    TenderStage,
)

ROLE_ORDER = (
    "anonymous",
    "outsider",
    "viewer",
    "owner",
    "procurement",
    "evaluator",
    "other_evaluator",
    "contract_manager",
    "administrator",
)


def _expect(**given: int) -> dict[str, int]:
    base = {"anonymous": 302, "outsider": 404, "owner": 404}
    return {role: given.get(role, base.get(role, 0)) for role in ROLE_ORDER}


def _read(evaluator: int = 200, other_evaluator: int = 404, readers: int = 200) -> dict[str, int]:
    """Those who read tenders, and the tender's evaluators."""
    return _expect(
        viewer=readers,
        procurement=readers,
        contract_manager=readers,
        administrator=readers,
        evaluator=evaluator,
        other_evaluator=other_evaluator,
    )


def _manage(ok: int, other_evaluator: int = 404) -> dict[str, int]:
    """Procurement officers and administrators; readers and evaluators are refused."""
    return _expect(
        viewer=403,
        procurement=ok,
        contract_manager=403,
        administrator=ok,
        evaluator=403,
        other_evaluator=other_evaluator,
    )


def _own(evaluator: int, other_evaluator: int = 404) -> dict[str, int]:
    """The tender's evaluators themselves; readers are refused."""
    return _expect(
        viewer=403,
        procurement=403,
        contract_manager=403,
        administrator=403,
        evaluator=evaluator,
        other_evaluator=other_evaluator,
    )


def moderated_tender(w: dict) -> Tender:
    """A tender in moderation, its agreed scores recorded by the procurement officer."""
    if "moderated" in w:
        return w["moderated"]
    org, people, now = w["org"], w["people"], timezone.now()
    tender = Tender.objects.create(
        organisation=org,
        title="Catering",
        reference="T-003",
        value=Decimal("300000"),
        stage=TenderStage.MODERATION,
        moderated_by=people["procurement"],
    )
    tender.measures.add(w["measure"])
    lot = Lot.objects.create(organisation=org, tender=tender, name="Lot 1")
    bid = Bid.objects.create(
        organisation=org, tender=tender, lot=lot, supplier="Able Ltd", price=Decimal("300000")
    )
    for person, quality in (("evaluator", "60"), ("other_evaluator", "70")):
        evaluator = Evaluator.objects.create(
            organisation=org,
            tender=tender,
            user=people[person],
            declared_at=now,
            scores_submitted_at=now,
        )
        for criterion, score in (("quality", quality), ("social_value", "50")):
            EvaluatorScore.objects.create(
                organisation=org,
                evaluator=evaluator,
                bid=bid,
                criterion=criterion,
                score=Decimal(score),
                rationale="Because",
            )
    for criterion, score, reason in (
        ("quality", "65", "Met in the middle"),
        ("social_value", "50", ""),
    ):
        ModeratedScore.objects.create(
            organisation=org,
            bid=bid,
            criterion=criterion,
            score=Decimal(score),
            reason=reason,
            recorded_by=people["procurement"],
        )
    w["moderated"] = tender
    w["moderated_bid"] = bid
    return tender


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell."""
    org, tender, bid, measure = w["org"], w["tender"], w["bid"], w["measure"]
    t = f"/{org.slug}/tenders/{tender.pk}/"
    moderated = moderated_tender(w)
    m = f"/{org.slug}/tenders/{moderated.pk}/"
    able = w["moderated_bid"]
    awarded = f"/{org.slug}/tenders/{w['awarded'].pk}/"
    bid_data = {
        "lot": str(w["lot"].pk),
        "supplier": "New Ltd",
        "price": "350000",
        f"quantity_{measure.pk}": "10",
        f"due_on_{measure.pk}": "31/03/2028",
    }
    scores = {
        f"score_{bid.pk}_quality": "60",
        f"rationale_{bid.pk}_quality": "Sound method",
        f"score_{bid.pk}_social_value": "55",
        f"rationale_{bid.pk}_social_value": "Local jobs",
        "submit": "no",
    }
    moderated_read = _read(evaluator=403, other_evaluator=403)
    return [
        # Reading.
        ("procurement-tender-evaluation", "get", f"{t}evaluation/", {}, _read()),
        ("procurement-tender-evaluation", "get", f"{m}evaluation/", {}, _read(200, 200)),
        ("procurement-tender-evaluation", "get", f"{awarded}evaluation/", {}, _read(404)),
        ("procurement-evaluation-bid-add", "get", f"{t}evaluation/bids/add/", {}, _manage(200)),
        # The world's awarded tender already has its contract: nothing waits for one. Its
        # evaluator is not one of this tender's.
        (
            "procurement-evaluation-contract",
            "get",
            f"{awarded}contract/",
            {},
            _manage(404, other_evaluator=404) | {"evaluator": 404},
        ),
        (
            "procurement-evaluation-contract",
            "get",
            f"{t}contract/",
            {},
            _manage(404),
        ),
        ("procurement-evaluation-bid", "get", f"{t}evaluation/bids/{bid.pk}/", {}, _manage(200)),
        (
            "procurement-evaluation-evaluators",
            "get",
            f"{t}evaluation/evaluators/",
            {},
            _manage(200),
        ),
        ("procurement-evaluation-declare", "get", f"{t}evaluation/declaration/", {}, _own(200)),
        ("procurement-evaluation-scores", "get", f"{t}evaluation/my-scores/", {}, _own(200)),
        ("procurement-evaluation-scores", "get", f"{m}evaluation/my-scores/", {}, _own(200, 200)),
        (
            "procurement-evaluation-moderation",
            "get",
            f"{t}evaluation/moderation/",
            {},
            _read(403, 404, readers=403),
        ),
        (
            "procurement-evaluation-moderation",
            "get",
            f"{m}evaluation/moderation/",
            {},
            moderated_read,
        ),
        ("procurement-tender-results", "get", f"{t}results/", {}, _read(403, 404, readers=403)),
        ("procurement-tender-results", "get", f"{m}results/", {}, moderated_read),
        ("procurement-tender-results", "get", f"{awarded}results/", {}, _read(404)),
        (
            "procurement-evaluation-moderated-score",
            "get",
            f"{m}evaluation/moderation/{able.pk}/quality/",
            {},
            _manage(200, 403),
        ),
        # Changing: refusals first (shown on the page), then what succeeds.
        ("procurement-evaluation-scores", "post", f"{t}evaluation/my-scores/", scores, _own(302)),
        ("procurement-evaluation-open", "post", f"{t}evaluation/open/", {}, _manage(200)),
        (
            "procurement-evaluation-moderation-open",
            "post",
            f"{t}evaluation/moderation/open/",
            {},
            _manage(200),
        ),
        ("procurement-evaluation-award", "post", f"{m}evaluation/award/", {}, _manage(200, 403)),
        (
            "procurement-evaluation-confirm",
            "post",
            f"{m}evaluation/moderation/confirm/",
            {},
            # The procurement officer recorded the agreed scores: four eyes.
            {**_manage(302, 403), "procurement": 403},
        ),
        (
            "procurement-evaluation-moderated-score",
            "post",
            f"{m}evaluation/moderation/{able.pk}/quality/",
            {"score": "65", "reason": "Met in the middle"},
            # The administrator confirmed just before, so their change is refused on the page.
            _manage(302, 403) | {"administrator": 200},
        ),
        (
            "procurement-evaluation-bid-add",
            "post",
            f"{t}evaluation/bids/add/",
            bid_data,
            _manage(302),
        ),
        (
            "procurement-evaluation-evaluator-remove",
            "post",
            f"{t}evaluation/evaluators/{w['evaluator'].pk}/remove/",
            {},
            _manage(302),
        ),
        (
            "procurement-evaluation-bid-withdraw",
            "post",
            f"{t}evaluation/bids/{bid.pk}/withdraw/",
            {},
            _manage(302),
        ),
    ]
