"""The procurement permission matrix's cases for the score sheets and debrief letters (see
test_permissions.py). The world has no agreed scores, so those who may have a score sheet are
told it is not ready (409); test_documents_views.py downloads them once it is."""

from __future__ import annotations

from django.urls import reverse


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell, 409 that it
    exists but is not ready."""
    slug = w["org"].slug
    nobody = {
        "anonymous": 302,
        "outsider": 404,
        "viewer": 404,
        "owner": 404,
        "procurement": 404,
        "evaluator": 404,
        "other_evaluator": 404,
        "contract_manager": 404,
        "administrator": 404,
    }
    # can_read_tenders: viewers, procurement officers, contract managers, administrators.
    readers_not_ready = {
        **nobody,
        "viewer": 409,
        "procurement": 409,
        "contract_manager": 409,
        "administrator": 409,
    }
    # can_manage_procurement: procurement officers and administrators.
    managers_not_ready = {**nobody, "procurement": 409, "administrator": 409}
    won = w["contract"].bid
    return [
        (
            "procurement-tender-score-sheet",
            "get",
            reverse("procurement-tender-score-sheet", args=[slug, w["tender"].pk, "xlsx"]),
            {},
            readers_not_ready,
        ),
        (
            "procurement-tender-score-sheet",
            "get",
            reverse("procurement-tender-score-sheet", args=[slug, w["awarded"].pk, "pdf"]),
            {},
            readers_not_ready,
        ),
        (
            "procurement-tender-score-sheet",
            "get",
            reverse("procurement-tender-score-sheet", args=[slug, w["tender"].pk, "csv"]),
            {},
            nobody,
        ),
        (
            "procurement-tender-score-sheet",
            "get",
            reverse(
                "procurement-tender-score-sheet", args=["other-council", w["tender"].pk, "pdf"]
            ),
            {},
            nobody,
        ),
        (
            # Awarded, but without agreed scores: not ready.
            "procurement-tender-debrief",
            "get",
            reverse("procurement-tender-debrief", args=[slug, w["awarded"].pk, won.pk, "docx"]),
            {},
            managers_not_ready,
        ),
        (
            # Still being evaluated: not ready.
            "procurement-tender-debrief",
            "get",
            reverse("procurement-tender-debrief", args=[slug, w["tender"].pk, w["bid"].pk, "pdf"]),
            {},
            managers_not_ready,
        ),
        (
            # A bid of another tender is no bid of this one.
            "procurement-tender-debrief",
            "get",
            reverse("procurement-tender-debrief", args=[slug, w["tender"].pk, won.pk, "pdf"]),
            {},
            nobody,
        ),
    ]
