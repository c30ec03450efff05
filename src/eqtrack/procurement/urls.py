"""The procurement pages: the social value measures library under "<council>/social-value/",
tenders under "<council>/tenders/", contracts under "<council>/contracts/" and the suppliers'
return links under "<council>/supplier-returns/". Included before the plan's catch-all."""

from django.urls import path  # noqa: F401 (each area adds its paths below)

from .views import delivery, evaluation, library, tenders  # noqa: F401

urlpatterns = [
    # --- library (measures library) ---
    # --- end library ---
    # --- tenders (setting a tender up) ---
    # --- end tenders ---
    # --- evaluation (bids, evaluators, scores, moderation, award, score sheets) ---
    # --- end evaluation ---
    # --- delivery (contracts, KPIs, supplier returns, ratings) ---
    path(
        "<slug:organisation_slug>/contracts/",
        delivery.contract_list_page,
        name="procurement-contract-list",
    ),
    path(
        "<slug:organisation_slug>/contracts/<int:pk>/",
        delivery.contract_detail_page,
        name="procurement-contract-detail",
    ),
    path(
        "<slug:organisation_slug>/contracts/<int:pk>/return-links/",
        delivery.return_link_send_page,
        name="procurement-return-link-send",
    ),
    path(
        "<slug:organisation_slug>/contracts/<int:pk>/return-links/<int:link_pk>/revoke/",
        delivery.return_link_revoke_page,
        name="procurement-return-link-revoke",
    ),
    path(
        "<slug:organisation_slug>/contracts/<int:pk>/returns/<int:return_pk>/",
        delivery.return_detail_page,
        name="procurement-return-detail",
    ),
    path(
        "<slug:organisation_slug>/contracts/<int:pk>/kpis/<int:kpi_pk>/rate/",
        delivery.kpi_rate_page,
        name="procurement-kpi-rate",
    ),
    # The supplier's pages: the form first, or "form" would be taken for a link's secret.
    path(
        "<slug:organisation_slug>/supplier-returns/form/",
        delivery.return_form_page,
        name="procurement-return-form",
    ),
    path(
        "<slug:organisation_slug>/supplier-returns/<str:secret>/",
        delivery.return_open_page,
        name="procurement-return-open",
    ),
    # --- end delivery ---
]
