"""The procurement pages: the social value measures library under "<council>/social-value/",
tenders under "<council>/tenders/", contracts under "<council>/contracts/" and the suppliers'
return links under "<council>/supplier-returns/". Included before the plan's catch-all."""

from django.urls import path  # noqa: F401 (each area adds its paths below)

from .views import delivery, evaluation, library, tenders  # noqa: F401

urlpatterns: list = [
    # --- library (measures library) ---
    path(
        "<slug:organisation_slug>/social-value/",
        library.library_page,
        name="procurement-library",
    ),
    path(
        "<slug:organisation_slug>/social-value/measures.csv",
        library.library_export,
        name="procurement-library-export",
    ),
    path(
        "<slug:organisation_slug>/social-value/import/",
        library.library_import_page,
        name="procurement-library-import",
    ),
    path(
        "<slug:organisation_slug>/social-value/ppn-002/",
        library.library_seed_page,
        name="procurement-library-seed",
    ),
    path(
        "<slug:organisation_slug>/social-value/themes/new/",
        library.theme_add_page,
        name="procurement-library-theme-add",
    ),
    path(
        "<slug:organisation_slug>/social-value/themes/<int:pk>/change/",
        library.theme_change_page,
        name="procurement-library-theme-change",
    ),
    path(
        "<slug:organisation_slug>/social-value/themes/<int:pk>/archive/",
        library.theme_archive_page,
        name="procurement-library-theme-archive",
    ),
    path(
        "<slug:organisation_slug>/social-value/outcomes/new/",
        library.outcome_add_page,
        name="procurement-library-outcome-add",
    ),
    path(
        "<slug:organisation_slug>/social-value/outcomes/<int:pk>/change/",
        library.outcome_change_page,
        name="procurement-library-outcome-change",
    ),
    path(
        "<slug:organisation_slug>/social-value/outcomes/<int:pk>/archive/",
        library.outcome_archive_page,
        name="procurement-library-outcome-archive",
    ),
    path(
        "<slug:organisation_slug>/social-value/measures/new/",
        library.measure_add_page,
        name="procurement-library-measure-add",
    ),
    path(
        "<slug:organisation_slug>/social-value/measures/<int:pk>/change/",
        library.measure_change_page,
        name="procurement-library-measure-change",
    ),
    path(
        "<slug:organisation_slug>/social-value/measures/<int:pk>/archive/",
        library.measure_archive_page,
        name="procurement-library-measure-archive",
    ),
    # --- end library ---
    # --- tenders (setting a tender up) ---
    path("<slug:organisation_slug>/tenders/", tenders.tender_list_page, name="procurement-tenders"),
    path(
        "<slug:organisation_slug>/tenders/new/",
        tenders.tender_add_page,
        name="procurement-tender-add",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/",
        tenders.tender_page,
        name="procurement-tender",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/change/",
        tenders.tender_change_page,
        name="procurement-tender-change",
    ),
    # --- end tenders ---
    # --- evaluation (bids, evaluators, scores, moderation, award, score sheets) ---
    # --- end evaluation ---
    # --- delivery (contracts, KPIs, supplier returns, ratings) ---
    # --- end delivery ---
]
