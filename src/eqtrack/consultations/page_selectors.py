"""Reads for consultations' public pages: the council's public list (open first, then upcoming,
then closed), one consultation's page with its documents and questions, and the charts its
results page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from eqtrack.organisations.models import Organisation

from .chart import answers_svg, representativeness_svg
from .evidence import GroupShare
from .models import Consultation, ConsultationDocument, ConsultationFAQ

# The charts a results page may show: who answered against the population, and each question's
# weighted answers ("question:" and the question).
REPRESENTATIVENESS = "representativeness"
QUESTION_CHART = "question:"

# What the public list reads of each consultation: never the uploaded files or the results.
_LIST_FIELDS = (
    "pk",
    "organisation_id",
    "title",
    "summary",
    "opens_on",
    "closes_on",
    "responses_filename",
    "is_public",
    "results_published_at",
    "created_at",
)

_ORDER: dict[str, int] = {
    Consultation.Status.OPEN: 0,
    Consultation.Status.UPCOMING: 1,
    Consultation.Status.CLOSED: 2,
}


def consultation_list_public(
    *, organisation: Organisation, today: dt.date | None = None
) -> list[Consultation]:
    """The council's consultations on its public list: open ones first (closing soonest
    first), then upcoming (opening soonest first), then closed (most recently closed first).
    Each comes with its survey, if it has one (the surveys app, reached through the relation
    as the plan reaches its evidence), in the same query."""
    today = today or timezone.localdate()
    found = list(
        Consultation.objects.live()
        .filter(organisation=organisation, is_public=True)
        .select_related("survey")
        .only(*_LIST_FIELDS, "survey__id", "survey__status")
    )
    far = dt.date.max

    def key(c: Consultation) -> tuple:
        status = c.status_on(today)
        if status == Consultation.Status.OPEN:
            when = (c.closes_on or far).toordinal()
        elif status == Consultation.Status.UPCOMING:
            when = (c.opens_on or far).toordinal()
        else:
            when = -(c.closes_on or dt.date.min).toordinal()
        return (_ORDER[status], when, c.title.lower())

    return sorted(found, key=key)


def survey_of(consultation: Consultation) -> Any:
    """The consultation's survey, or None (the relation raises when there is none)."""
    return getattr(consultation, "survey", None)


def consultation_page_get(*, organisation: Organisation, pk: int, preview: bool) -> Consultation:
    """A consultation's page with its documents (not their files) and questions; a page not on
    the public list is found only for a `preview` (an officer who manages consultations)."""
    found = (
        Consultation.objects.live()
        .filter(organisation=organisation, pk=pk)
        .defer("responses", "weighted", "mapping")
        .select_related("survey", "organisation")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=ConsultationDocument.objects.defer("content").order_by("created_at", "pk"),
            ),
            Prefetch("faqs", queryset=ConsultationFAQ.objects.order_by("position", "pk")),
        )
        .first()
    )
    if found is None or not (found.is_public or preview):
        raise Http404("No such consultation")
    return found


def document_get(
    *, organisation: Organisation, consultation_pk: int, pk: int
) -> ConsultationDocument:
    document = (
        ConsultationDocument.objects.filter(
            organisation=organisation,
            consultation_id=consultation_pk,
            consultation__archived_at__isnull=True,
            pk=pk,
        )
        .select_related("consultation")
        .first()
    )
    if document is None:
        raise Http404("No such document")
    return document


def faq_get(*, organisation: Organisation, consultation_pk: int, pk: int) -> ConsultationFAQ:
    faq = (
        ConsultationFAQ.objects.filter(
            organisation=organisation, consultation_id=consultation_pk, pk=pk
        )
        .select_related("consultation")
        .first()
    )
    if faq is None:
        raise Http404("No such question")
    return faq


def group_shares(consultation: Consultation) -> list[GroupShare]:
    return [GroupShare(**{k: v for k, v in s.items() if k != "ratio"}) for s in consultation.shares]


def results_charts(consultation: Consultation) -> list[dict]:
    """The charts the officer chose for the results page, in their order, each with its SVG
    (every text in it escaped as it is built) and the rows of the table that is its text
    alternative. A chart whose figures have gone (responses weighted again without that
    question) is left out."""
    charts = []
    for n, key in enumerate(consultation.results_charts):
        if key == REPRESENTATIVENESS and consultation.shares:
            shares = group_shares(consultation)
            charts.append(
                {
                    "kind": "representativeness",
                    "title": "Who answered, against the population",
                    "svg": representativeness_svg(shares),
                    "shares": shares,
                }
            )
        elif key.startswith(QUESTION_CHART):
            question = key.removeprefix(QUESTION_CHART)
            answers = [r for r in consultation.results if r["question"] == question]
            if answers:
                charts.append(
                    {
                        "kind": "question",
                        "title": question,
                        "svg": answers_svg(question, answers, key=f"chart-{n}"),
                        "answers": answers,
                    }
                )
    return charts


def chart_choices(consultation: Consultation) -> list[tuple[str, str]]:
    """The charts this consultation's results page can show, as (key, label)."""
    choices = []
    if consultation.shares:
        choices.append((REPRESENTATIVENESS, "Who answered, against the population"))
    questions = list(dict.fromkeys(r["question"] for r in consultation.results))
    choices += [(QUESTION_CHART + q, f"Answers to “{q}”, weighted") for q in questions]
    return choices
