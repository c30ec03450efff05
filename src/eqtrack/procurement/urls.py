"""The procurement pages: the social value measures library under "<council>/social-value/",
tenders under "<council>/tenders/", contracts under "<council>/contracts/" and the suppliers'
return links under "<council>/supplier-returns/". Included before the plan's catch-all."""

from django.urls import path  # noqa: F401 (each area adds its paths below)

from .views import delivery, documents, evaluation, library, tenders  # noqa: F401

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
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/",
        evaluation.evaluation_hub,
        name="procurement-tender-evaluation",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/open/",
        evaluation.evaluation_open,
        name="procurement-evaluation-open",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/bids/add/",
        evaluation.evaluation_bid,
        name="procurement-evaluation-bid-add",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/bids/<int:bid_pk>/",
        evaluation.evaluation_bid,
        name="procurement-evaluation-bid",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/bids/<int:bid_pk>/withdraw/",
        evaluation.evaluation_bid_withdraw,
        name="procurement-evaluation-bid-withdraw",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/evaluators/",
        evaluation.evaluation_evaluators,
        name="procurement-evaluation-evaluators",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/evaluators/<int:evaluator_pk>/remove/",
        evaluation.evaluation_evaluator_remove,
        name="procurement-evaluation-evaluator-remove",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/declaration/",
        evaluation.evaluation_declare,
        name="procurement-evaluation-declare",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/my-scores/",
        evaluation.evaluation_scores,
        name="procurement-evaluation-scores",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/moderation/open/",
        evaluation.evaluation_moderation_open,
        name="procurement-evaluation-moderation-open",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/moderation/",
        evaluation.evaluation_moderation,
        name="procurement-evaluation-moderation",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/moderation/<int:bid_pk>/<str:criterion>/",
        evaluation.evaluation_moderated_score,
        name="procurement-evaluation-moderated-score",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/moderation/confirm/",
        evaluation.evaluation_confirm,
        name="procurement-evaluation-confirm",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/evaluation/award/",
        evaluation.evaluation_award,
        name="procurement-evaluation-award",
    ),
    path(
        "<slug:organisation_slug>/tenders/<int:pk>/results/",
        evaluation.evaluation_results,
        name="procurement-tender-results",
    ),
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
