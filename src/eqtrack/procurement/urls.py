"""The procurement pages: the social value measures library under "<council>/social-value/",
tenders under "<council>/tenders/", contracts under "<council>/contracts/" and the suppliers'
return links under "<council>/supplier-returns/". Included before the plan's catch-all."""

from django.urls import path  # noqa: F401 (each area adds its paths below)

from .views import delivery, documents, evaluation, library, tenders  # noqa: F401

urlpatterns: list = [
    # --- library (measures library) ---
    # --- end library ---
    # --- tenders (setting a tender up) ---
    # --- end tenders ---
    # --- evaluation (bids, evaluators, scores, moderation, award, score sheets) ---
    # --- end evaluation ---
    # --- delivery (contracts, KPIs, supplier returns, ratings) ---
    # --- end delivery ---
    # --- documents (score sheets, award report, debrief letters) ---
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/score-sheet.<str:file_format>",
        documents.tender_score_sheet,
        name="procurement-tender-score-sheet",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/debrief/<int:bid_pk>.<str:file_format>",
        documents.tender_debrief,
        name="procurement-tender-debrief",
    ),
    # --- end documents ---
]
