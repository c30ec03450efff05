"""Reads about the themes of free-text answers: a question's themes as officers see them (a
merged theme inside the theme it is merged into), each with its name, top words, example
answers, count and share; a theme's answers; the answers in no theme; and each theme's share
broken down by a monitoring question's answers, weighted when weights are given.

Weights are a mapping of response id -> weight (the results' weighting works them out); without
them every response counts 1. With them, a response missing from the mapping counts 0: it was
left out of the weighting. A share is of the responses that answered the free-text question
(blank answers left out), so shares add up to 100% with "In no theme"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Answer, Question, Survey, Theme, ThemeAssignment

EXAMPLES = 3
NO_ANSWER = "No answer"


@dataclass
class ThemeSummary:
    theme: Theme
    name: str  # the officer's name, else the first top words
    top_words: list[str]
    merged: list[Theme]  # themes shown inside this one
    count: int = 0
    share: float = 0.0  # per cent, weighted when weights are given
    examples: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.theme.number


@dataclass
class QuestionThemes:
    themes: list[ThemeSummary]
    answered: int  # responses with a (non-blank) answer
    unthemed: int  # of them, in no theme
    unthemed_share: float
    weighted: bool


def theme_name(theme: Theme) -> str:
    return theme.name or ", ".join(theme.top_words[:3]) or f"Theme {theme.number}"


def free_text_questions(*, organisation: Organisation, survey: Survey) -> QuerySet[Question]:
    """The survey's free-text questions, each with how many themes it has."""
    return (
        Question.objects.filter(
            organisation=organisation, survey=survey, kind=Question.Kind.FREE_TEXT
        )
        .annotate(
            theme_count=Count("themes", filter=Q(themes__merged_into__isnull=True), distinct=True)
        )
        .order_by("position", "id")
    )


def _roots(themes: list[Theme]) -> dict[int, Theme]:
    """Each theme's id -> the theme it is shown under."""
    by_id = {t.pk: t for t in themes}
    roots: dict[int, Theme] = {}
    for theme in themes:
        seen, root = {theme.pk}, theme
        while root.merged_into_id and root.merged_into_id in by_id:
            parent = by_id[root.merged_into_id]
            if parent.pk in seen:
                break
            seen.add(parent.pk)
            root = parent
        roots[theme.pk] = root
    return roots


def _answered(organisation: Organisation, question: Question) -> dict[int, tuple[int, str]]:
    """answer id -> (response id, text) of the question's non-blank submitted answers."""
    rows = Answer.objects.filter(
        organisation=organisation, question=question, response__submitted_at__isnull=False
    ).values_list("pk", "response_id", "text")
    return {pk: (response, text) for pk, response, text in rows if text.strip()}


def _weight(weights: Mapping[int, float] | None, response_id: int) -> float:
    return 1.0 if weights is None else float(weights.get(response_id, 0.0))


def question_themes(
    *,
    organisation: Organisation,
    question: Question,
    weights: Mapping[int, float] | None = None,
) -> QuestionThemes:
    """The question's themes as shown (merged themes inside their target), in number order."""
    themes = list(Theme.objects.filter(organisation=organisation, question=question))
    roots = _roots(themes)
    answered = _answered(organisation, question)
    assignments = ThemeAssignment.objects.filter(
        organisation=organisation, theme__question=question
    ).values_list("theme_id", "answer_id", "strength")
    summaries = {
        t.pk: ThemeSummary(theme=t, name=theme_name(t), top_words=list(t.top_words), merged=[])
        for t in themes
        if roots[t.pk].pk == t.pk
    }
    for theme in themes:
        if roots[theme.pk].pk != theme.pk:
            summaries[roots[theme.pk].pk].merged.append(theme)
    total = sum(_weight(weights, response) for response, _ in answered.values())
    members: dict[int, list[tuple[float, int]]] = {}
    themed_weight = 0.0
    themed = 0
    for theme_id, answer_id, strength in assignments:
        if answer_id not in answered:
            continue  # a blank or unsubmitted answer is in no theme
        summary = summaries[roots[theme_id].pk]
        weight = _weight(weights, answered[answer_id][0])
        summary.count += 1
        summary.share += weight
        themed += 1
        themed_weight += weight
        # The machine's strongest answers first, then officers' (no strength), oldest first.
        members.setdefault(summary.theme.pk, []).append(
            (-(strength if strength is not None else -1.0), answer_id)
        )
    for pk, summary in summaries.items():
        summary.share = 100 * summary.share / total if total else 0.0
        seen: set[str] = set()
        for _, answer_id in sorted(members.get(pk, [])):
            text = " ".join(answered[answer_id][1].split())
            if text.lower() not in seen:
                seen.add(text.lower())
                summary.examples.append(text)
            if len(summary.examples) == EXAMPLES:
                break
    # merged themes listed in number order
    for summary in summaries.values():
        summary.merged.sort(key=lambda t: t.number)
    return QuestionThemes(
        themes=sorted(summaries.values(), key=lambda s: s.number),
        answered=len(answered),
        unthemed=len(answered) - themed,
        unthemed_share=100 * (total - themed_weight) / total if total else 0.0,
        weighted=weights is not None,
    )


@dataclass(frozen=True)
class ThemedAnswer:
    pk: int
    text: str
    by_hand: bool
    theme: Theme | None  # the theme it is stored in (a merged theme, say)


def theme_answers(
    *, organisation: Organisation, theme: Theme | None, question: Question
) -> list[ThemedAnswer]:
    """The answers shown in a theme (its own and its merged themes'), the machine's strongest
    first; with theme=None, the non-blank answers in no theme."""
    answered = _answered(organisation, question)
    if theme is None:
        taken = set(
            ThemeAssignment.objects.filter(
                organisation=organisation, theme__question=question
            ).values_list("answer_id", flat=True)
        )
        return [
            ThemedAnswer(pk, text, False, None)
            for pk, (_, text) in sorted(answered.items())
            if pk not in taken
        ]
    themes = list(Theme.objects.filter(organisation=organisation, question=question))
    roots = _roots(themes)
    by_id = {t.pk: t for t in themes}
    inside = [pk for pk, root in roots.items() if root.pk == theme.pk]
    rows = ThemeAssignment.objects.filter(
        organisation=organisation, theme_id__in=inside
    ).values_list("answer_id", "theme_id", "by_hand", "strength")
    ordered = sorted(
        (r for r in rows if r[0] in answered),
        key=lambda r: (-(r[3] if r[3] is not None else -1.0), r[0]),
    )
    return [
        ThemedAnswer(answer_id, answered[answer_id][1], by_hand, by_id[theme_id])
        for answer_id, theme_id, by_hand, _ in ordered
    ]


@dataclass
class BreakdownRow:
    group: str  # an answer to the monitoring question, or "No answer"
    respondents: int  # who answered the free-text question, in this group
    shares: list[float]  # per cent in each theme, in QuestionThemes order; then "In no theme"


@dataclass
class Breakdown:
    by: Question
    themes: list[ThemeSummary]
    rows: list[BreakdownRow]
    weighted: bool


def theme_breakdown(
    *,
    organisation: Organisation,
    question: Question,
    by: Question,
    weights: Mapping[int, float] | None = None,
) -> Breakdown:
    """Each theme's share among the respondents giving each answer to `by` (a monitoring or
    other choice question of the same survey), weighted when weights are given. A respondent
    who chose several answers counts in each of their groups."""
    overview = question_themes(organisation=organisation, question=question, weights=weights)
    themes = list(Theme.objects.filter(organisation=organisation, question=question))
    roots = _roots(themes)
    column = {s.theme.pk: i for i, s in enumerate(overview.themes)}
    answered = _answered(organisation, question)
    theme_of_response: dict[int, int] = {}
    for theme_id, answer_id in ThemeAssignment.objects.filter(
        organisation=organisation, theme__question=question
    ).values_list("theme_id", "answer_id"):
        if answer_id in answered:
            theme_of_response[answered[answer_id][0]] = column[roots[theme_id].pk]
    groups_of: dict[int, list[str]] = {}
    for response_id, text, choices, other in Answer.objects.filter(
        organisation=organisation, question=by, response__submitted_at__isnull=False
    ).values_list("response_id", "text", "choices", "other"):
        chosen = list(choices) if by.kind == Question.Kind.SEVERAL_CHOICES else [text]
        if other and not chosen:
            chosen = ["Other"]
        groups_of[response_id] = [c for c in chosen if c] or [NO_ANSWER]
    unthemed = len(overview.themes)
    sums: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for response_id, _ in answered.values():
        weight = _weight(weights, response_id)
        for group in groups_of.get(response_id, [NO_ANSWER]):
            row = sums.setdefault(group, [0.0] * (unthemed + 1))
            row[theme_of_response.get(response_id, unthemed)] += weight
            counts[group] = counts.get(group, 0) + 1
    order = [o for o in by.options if o in sums]
    order += sorted(g for g in sums if g not in order and g != NO_ANSWER)
    order += [NO_ANSWER] if NO_ANSWER in sums else []
    rows = []
    for group in order:
        total = sum(sums[group])
        rows.append(
            BreakdownRow(
                group=group,
                respondents=counts[group],
                shares=[100 * v / total if total else 0.0 for v in sums[group]],
            )
        )
    return Breakdown(by=by, themes=overview.themes, rows=rows, weighted=weights is not None)


def breakdown_questions(*, organisation: Organisation, survey: Survey) -> QuerySet[Question]:
    """The questions a theme breakdown can be by: choice questions, the monitoring set first."""
    return (
        Question.objects.filter(
            organisation=organisation,
            survey=survey,
            kind__in=[Question.Kind.ONE_CHOICE, Question.Kind.SEVERAL_CHOICES],
        )
        .annotate(
            standard=Case(
                When(monitoring_key="", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("standard", "position", "id")
    )
