"""The themes of a survey's free-text answers, for those who manage the council's
consultations: the free-text questions (find their themes, or find them again), a question's
themes with their breakdown by a monitoring question (rename, merge, make a theme), and a
theme's answers (rename, move answers into another theme or a new one, separate merged themes).
Thin views: the services check permissions and refuse bad edits with one sentence."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from eqtrack.accounts.kept_forms import form_data, signed_in, signed_in_user
from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.consultations.models import Consultation
from eqtrack.consultations.selectors import consultation_get, organisation_for_member
from eqtrack.core.context import organisation_context
from eqtrack.organisations.models import Organisation
from eqtrack.surveys.models import Question, Survey, Theme
from eqtrack.surveys.selectors.themes import (
    QuestionThemes,
    breakdown_questions,
    free_text_questions,
    question_themes,
    theme_answers,
    theme_breakdown,
    theme_name,
)
from eqtrack.surveys.services.themes import (
    theme_assign,
    theme_make,
    theme_merge,
    theme_rename,
    theme_split,
    theme_unmerge,
    themes_run,
)
from eqtrack.surveys.themes import MOST_THEMES, ThemesError

ANSWERS_A_PAGE = 100
NEW_THEME = "new"


class RunForm(forms.Form):
    themes = forms.IntegerField(
        label="How many themes? (optional)",
        help_text=f"Leave it empty to let eqtrack choose (2 to {MOST_THEMES}, more for more "
        "answers).",
        required=False,
        min_value=1,
        max_value=50,
        error_messages={
            "invalid": "Enter the number of themes as a whole number, like 6",
            "min_value": "Enter 1 or more themes",
            "max_value": "Enter 50 themes or fewer",
        },
    )


class RenameForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="Leave it empty to name the theme by its top words again.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter a name of 200 characters or fewer"},
    )


class MakeForm(forms.Form):
    name = forms.CharField(
        label="Name of the new theme",
        max_length=200,
        error_messages={
            "required": "Enter a name for the new theme",
            "max_length": "Enter a name of 200 characters or fewer",
        },
    )


class MergeForm(forms.Form):
    theme = forms.TypedChoiceField(
        label="Merge this theme", coerce=int, error_messages={"required": "Choose a theme to merge"}
    )
    into = forms.TypedChoiceField(
        label="into this theme",
        coerce=int,
        error_messages={"required": "Choose the theme to merge it into"},
    )

    def __init__(self, *args, themes=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a theme"), *themes]
        self.fields["theme"].choices = choices
        self.fields["into"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("theme") and data.get("theme") == data.get("into"):
            self.add_error("into", "Choose two different themes")
        return data


class MoveForm(forms.Form):
    answers = forms.TypedMultipleChoiceField(
        label="Answers",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the answers to move"},
    )
    to = forms.ChoiceField(
        label="Move the chosen answers to",
        error_messages={"required": "Choose where to move the answers"},
    )
    name = forms.CharField(
        label="Name of the new theme",
        help_text="Only when moving the answers to a new theme.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter a name of 200 characters or fewer"},
    )

    def __init__(self, *args, answers=(), themes=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [(pk, str(pk)) for pk in answers]
        self.fields["to"].choices = [
            ("", "Choose a theme"),
            *themes,
            (NEW_THEME, "A new theme (name it below)"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("to") == NEW_THEME and not (data.get("name") or "").strip():
            self.add_error("name", "Enter a name for the new theme")
        return data


def _survey(request: HttpRequest, organisation_slug: str, pk: int):
    """The council and the consultation's survey, for those who may manage consultations; its
    other members are refused, anyone else finds nothing."""
    organisation = organisation_for_member(user=request.user, organisation_slug=organisation_slug)
    if not can_manage_consultations(request.user, organisation.pk):
        raise PermissionDenied("Only those who manage consultations see and change themes.")
    consultation: Consultation | None = consultation_get(organisation=organisation, pk=pk)
    survey = (
        Survey.objects.filter(organisation=organisation, consultation=consultation).first()
        if consultation
        else None
    )
    if survey is None:
        raise Http404("No such survey")
    return organisation, consultation, survey


def _question(organisation: Organisation, survey: Survey, question_pk: int) -> Question:
    question = Question.objects.filter(
        organisation=organisation, survey=survey, pk=question_pk, kind=Question.Kind.FREE_TEXT
    ).first()
    if question is None:
        raise Http404("No such free-text question")
    return question


def _theme_choices(overview: QuestionThemes) -> list[tuple[int, str]]:
    """The themes shown (merged ones are inside others), as choices: "3. Parking"."""
    return [(s.number, f"{s.number}. {s.name}") for s in overview.themes]


def _theme(organisation: Organisation, question: Question, number: int) -> Theme:
    theme = Theme.objects.filter(
        organisation=organisation, question=question, number=number
    ).first()
    if theme is None:
        raise Http404("No such theme")
    return theme


@signed_in
def themes_questions(request: HttpRequest, organisation_slug: str, pk: int) -> HttpResponse:
    """The survey's free-text questions, each with its themes, found or to find."""
    organisation, consultation, survey = _survey(request, organisation_slug, pk)
    questions = list(free_text_questions(organisation=organisation, survey=survey))
    error = None
    if request.method == "POST":
        chosen = next((q for q in questions if str(q.pk) == request.POST.get("question")), None)
        if chosen is None:
            raise Http404("No such free-text question")
        try:
            run = themes_run(question=chosen, user=signed_in_user(request))
        except ThemesError as e:
            error = (chosen.pk, str(e))
        else:
            messages.success(request, run.sentence())
            return redirect("survey-question-themes", organisation.slug, consultation.pk, chosen.pk)
    return render(
        request,
        "surveys/themes/questions.html",
        organisation_context(
            organisation, consultation=consultation, survey=survey, questions=questions, error=error
        ),
    )


@signed_in
def themes_question(
    request: HttpRequest, organisation_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    """A question's themes: find them again, merge two, make one; the breakdown by a
    monitoring question (?by=)."""
    organisation, consultation, survey = _survey(request, organisation_slug, pk)
    question = _question(organisation, survey, question_pk)
    user = signed_in_user(request)
    # Read before any change: a change redirects, and a refused one changed nothing.
    overview = question_themes(organisation=organisation, question=question)
    choices = _theme_choices(overview)
    action = request.POST.get("action") if request.method == "POST" else None
    run_form = RunForm(form_data(request) if action == "run" else None)
    merge_form = MergeForm(form_data(request) if action == "merge" else None, themes=choices)
    make_form = MakeForm(form_data(request) if action == "make" else None)
    again = redirect("survey-question-themes", organisation.slug, consultation.pk, question.pk)
    if action == "run" and run_form.is_valid():
        try:
            run = themes_run(question=question, user=user, themes=run_form.cleaned_data["themes"])
        except ThemesError as e:
            run_form.add_error("themes", str(e))
        else:
            messages.success(request, " ".join([run.sentence(), *run.notes]))
            return again
    elif action == "merge" and merge_form.is_valid():
        theme = _theme(organisation, question, merge_form.cleaned_data["theme"])
        into = _theme(organisation, question, merge_form.cleaned_data["into"])
        try:
            theme_merge(theme=theme, into=into, user=user)
        except ThemesError as e:
            merge_form.add_error("into", str(e))
        else:
            messages.success(request, f"“{theme_name(theme)}” is merged into “{theme_name(into)}”.")
            return again
    elif action == "make" and make_form.is_valid():
        try:
            theme = theme_make(question=question, name=make_form.cleaned_data["name"], user=user)
        except ThemesError as e:
            make_form.add_error("name", str(e))
        else:
            messages.success(
                request, f"Theme {theme.number}, “{theme.name}”, is made: move answers into it."
            )
            return redirect(
                "survey-theme", organisation.slug, consultation.pk, question.pk, theme.number
            )
    elif action not in (None, "run", "merge", "make"):
        raise Http404("No such change")

    by_questions = list(breakdown_questions(organisation=organisation, survey=survey))
    by = next((q for q in by_questions if str(q.pk) == request.GET.get("by")), None)
    if by is None and by_questions and overview.themes:
        by = next((q for q in by_questions if q.monitoring_key), None)
    breakdown = (
        theme_breakdown(organisation=organisation, question=question, by=by)
        if by and overview.themes
        else None
    )
    forms_with_errors = [f for f in (run_form, merge_form, make_form) if f.errors]
    return render(
        request,
        "surveys/themes/question.html",
        organisation_context(
            organisation,
            consultation=consultation,
            survey=survey,
            question=question,
            overview=overview,
            run_form=run_form,
            merge_form=merge_form,
            make_form=make_form,
            form=forms_with_errors[0] if forms_with_errors else None,
            by_questions=by_questions,
            by=by,
            breakdown=breakdown,
        ),
    )


@signed_in
def themes_theme(
    request: HttpRequest,
    organisation_slug: str,
    pk: int,
    question_pk: int,
    number: int | None = None,
) -> HttpResponse:
    """One theme's answers (or, without a number, the answers in no theme): rename it, move
    answers to another theme or a new one, separate the themes merged into it."""
    organisation, consultation, survey = _survey(request, organisation_slug, pk)
    question = _question(organisation, survey, question_pk)
    theme = _theme(organisation, question, number) if number is not None else None
    user = signed_in_user(request)
    here = (
        redirect("survey-theme", organisation.slug, consultation.pk, question.pk, theme.number)
        if theme
        else redirect("survey-themes-unthemed", organisation.slug, consultation.pk, question.pk)
    )
    if theme and theme.merged_into_id:
        # A merged theme is shown inside the theme it is merged into.
        root = theme
        while root.merged_into_id:
            root = root.merged_into  # type: ignore[assignment]
        return redirect(
            "survey-theme", organisation.slug, consultation.pk, question.pk, root.number
        )
    answers = theme_answers(organisation=organisation, theme=theme, question=question)
    overview = question_themes(organisation=organisation, question=question)
    choices = [c for c in _theme_choices(overview) if not theme or c[0] != theme.number]
    action = request.POST.get("action") if request.method == "POST" else None
    rename_form = RenameForm(
        form_data(request) if action == "rename" else None,
        initial={"name": theme.name if theme else ""},
    )
    move_form = MoveForm(
        form_data(request) if action == "move" else None,
        answers=[a.pk for a in answers],
        themes=[(str(n), label) for n, label in choices],
    )
    if action == "rename" and theme and rename_form.is_valid():
        try:
            theme_rename(theme=theme, name=rename_form.cleaned_data["name"], user=user)
        except ThemesError as e:
            rename_form.add_error("name", str(e))
        else:
            messages.success(request, f"The theme is now called “{theme_name(theme)}”.")
            return here
    elif action == "move" and move_form.is_valid():
        chosen = move_form.cleaned_data["answers"]
        to = move_form.cleaned_data["to"]
        try:
            if to == NEW_THEME:
                target = (
                    theme_split(
                        theme=theme,
                        answer_ids=chosen,
                        name=move_form.cleaned_data["name"],
                        user=user,
                    )
                    if theme
                    else theme_make(
                        question=question, name=move_form.cleaned_data["name"], user=user
                    )
                )
                if not theme:
                    theme_assign(theme=target, answer_ids=chosen, user=user)
            else:
                target = _theme(organisation, question, int(to))
                theme_assign(theme=target, answer_ids=chosen, user=user)
        except ThemesError as e:
            move_form.add_error("to", str(e))
        else:
            messages.success(
                request,
                f"{len(chosen)} answer{'s' if len(chosen) != 1 else ''} moved to theme "
                f"{target.number}, “{theme_name(target)}”.",
            )
            return here
    elif action == "unmerge" and theme:
        number_posted = request.POST.get("merged", "")
        merged = Theme.objects.filter(
            organisation=organisation,
            question=question,
            merged_into=theme,
            number=int(number_posted) if number_posted.isdigit() else 0,
        ).first()
        if merged is None:
            raise Http404("No such merged theme")
        theme_unmerge(theme=merged, user=user)
        messages.success(request, f"“{theme_name(merged)}” is a theme of its own again.")
        return here
    elif action not in (None, "rename", "move", "unmerge"):
        raise Http404("No such change")

    summary = next((s for s in overview.themes if theme and s.theme.pk == theme.pk), None)
    page = Paginator(answers, ANSWERS_A_PAGE).get_page(request.GET.get("page"))
    forms_with_errors = [f for f in (rename_form, move_form) if f.errors]
    return render(
        request,
        "surveys/themes/theme.html",
        organisation_context(
            organisation,
            consultation=consultation,
            question=question,
            theme=theme,
            summary=summary,
            page=page,
            count=len(answers),
            rename_form=rename_form,
            move_form=move_form,
            chosen={str(v) for v in (move_form["answers"].value() or [])},
            form=forms_with_errors[0] if forms_with_errors else None,
        ),
    )
