"""The procurement pages: the social value measures library under "<council>/social-value/",
tenders under "<council>/tenders/", contracts under "<council>/contracts/" and the suppliers'
return links under "<council>/supplier-returns/". Included before the plan's catch-all."""

from django.urls import path  # noqa: F401 (each area adds its paths below)

from .views import delivery, evaluation, library, tenders  # noqa: F401

urlpatterns: list = [
    # --- library (measures library) ---
    # --- end library ---
    # --- tenders (setting a tender up) ---
    # --- end tenders ---
    # --- evaluation (bids, evaluators, scores, moderation, award, score sheets) ---
    # --- end evaluation ---
    # --- delivery (contracts, KPIs, supplier returns, ratings) ---
    # --- end delivery ---
]
