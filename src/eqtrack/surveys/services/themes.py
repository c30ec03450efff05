"""Finding and storing the themes of a survey's free-text question, and the officers' edits to
them (rename, merge and separate again, make a theme, move answers into a theme, split one),
kept when the themes are found again.

The rule when themes are found again (themes_run on a question that has themes already):

1. Answers an officer put in a theme by hand stay there. The machine re-themes every other
   submitted answer.
2. Themes made by hand stay, with their names and answers; the machine never matches them.
3. Each new machine theme is matched to at most one old machine theme, greedily, best first:
   a. by the answers they share, when at least half of the smaller theme's answers are
      shared (most shared answers first; ties by shared top words);
   b. then, among those left, by top words, when they share at least 3 of their 8.
   A matched theme keeps its number, the officer's name and whether it is merged into
   another (and which themes are merged into it); it takes the new top words and answers.
4. A new theme matched to none is added, numbered after the highest number in use.
5. An old machine theme matched to none is removed, unless an officer has touched it
   (renamed it, merged it or merged another into it, or put answers in it by hand): then it
   stays, with its old top words, and holds only what the officers put in it.

A merged theme keeps its own answers and top words; pages show them under the theme it is
merged into, so a merge can be undone and holds through a re-run. Each function checks that
the user may manage the council's consultations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from eqtrack.accounts.permissions import can_manage_consultations
from eqtrack.core.history import change_record
from eqtrack.surveys.models import Answer, Question, Theme, ThemeAssignment
from eqtrack.surveys.themes import ThemesError, themes_find, words_overlap

# A pair of themes is the same theme found again when half the smaller one's answers are in
# both, or (failing that) when they share this many top words.
SHARED_ANSWERS = 0.5
SHARED_WORDS = 3
NAME_LENGTH = 200


@dataclass(frozen=True)
class ThemesRun:
    """What finding the themes again did, for the officer's message."""

    themes: int  # machine themes found
    kept: int  # of them, matched to themes that were there before
    added: int
    removed: int
    notes: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        text = f"{self.themes} theme{'s' if self.themes != 1 else ''} found"
        if self.kept or self.removed:
            text += (
                f": {self.kept} matched the themes there were (their names and merges kept), "
                f"{self.added} new, {self.removed} no longer found"
            )
        return text + "."


def _may_manage(user: User, organisation_id: int) -> None:
    if not can_manage_consultations(user, organisation_id):
        raise PermissionDenied("Only those who manage consultations change themes.")


@dataclass(frozen=True)
class _Candidate:
    key: int  # an old theme's id, or a new theme's number
    number: int
    top_words: Sequence[str]
    answers: frozenset[int]


def themes_match(old: Sequence[_Candidate], new: Sequence[_Candidate]) -> dict[int, int]:
    """new theme's key -> old theme's key, by the rule in the module's docstring (3a, 3b)."""
    pairs = []
    for o in old:
        for n in new:
            shared = len(o.answers & n.answers)
            smaller = min(len(o.answers), len(n.answers))
            if shared and shared >= SHARED_ANSWERS * smaller:
                pairs.append(
                    (-shared, -words_overlap(o.top_words, n.top_words), o.number, n.number, o, n)
                )
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for *_, o, n in sorted(pairs, key=lambda p: p[:4]):
        if n.key not in matched and o.key not in taken:
            matched[n.key] = o.key
            taken.add(o.key)
    by_words = []
    for o in old:
        for n in new:
            if o.key in taken or n.key in matched:
                continue
            overlap = words_overlap(o.top_words, n.top_words)
            if overlap >= min(SHARED_WORDS, len(o.top_words), len(n.top_words)) and overlap:
                by_words.append((-overlap, o.number, n.number, o, n))
    for *_, o, n in sorted(by_words, key=lambda p: p[:3]):
        if n.key not in matched and o.key not in taken:
            matched[n.key] = o.key
            taken.add(o.key)
    return matched


def _submitted_answers(question: Question):
    return Answer.objects.filter(
        organisation_id=question.organisation_id,
        question=question,
        response__submitted_at__isnull=False,
    )


@transaction.atomic
def themes_run(*, question: Question, user: User, themes: int | None = None) -> ThemesRun:
    """Find the themes of a free-text question's submitted answers and store them, keeping
    the officers' edits (see the module's docstring). Nothing is stored if no themes can be
    found (a ThemesError says why)."""
    _may_manage(user, question.organisation_id)
    if question.kind != Question.Kind.FREE_TEXT:
        raise ThemesError("Only a free-text question's answers have themes.")
    # One run at a time for a question: a second waits here for the first to finish.
    Question.objects.select_for_update().filter(pk=question.pk).first()
    answers = list(_submitted_answers(question).order_by("id").values_list("id", "text"))
    found = themes_find([text for _, text in answers], themes=themes)

    assignments = ThemeAssignment.objects.filter(
        organisation_id=question.organisation_id, theme__question=question
    )
    by_hand = set(assignments.filter(by_hand=True).values_list("answer_id", flat=True))
    hand_themes = set(assignments.filter(by_hand=True).values_list("theme_id", flat=True))
    old_answers: dict[int, set[int]] = {}
    for theme_id, answer_id in assignments.filter(by_hand=False).values_list(
        "theme_id", "answer_id"
    ):
        old_answers.setdefault(theme_id, set()).add(answer_id)
    existing = list(
        Theme.objects.filter(organisation_id=question.organisation_id, question=question)
    )
    merge_targets = {t.merged_into_id for t in existing if t.merged_into_id}
    machine = [t for t in existing if not t.made_by_hand]

    new_answers: dict[int, set[int]] = {}
    for (answer_id, _), number in zip(answers, found.assignments, strict=True):
        if number is not None:
            new_answers.setdefault(number, set()).add(answer_id)
    matched = themes_match(
        [
            _Candidate(t.pk, t.number, t.top_words, frozenset(old_answers.get(t.pk, ())))
            for t in machine
        ],
        [
            _Candidate(f.number, f.number, f.top_words, frozenset(new_answers.get(f.number, ())))
            for f in found.themes
        ],
    )

    assignments.filter(by_hand=False).delete()
    by_id = {t.pk: t for t in existing}
    theme_for: dict[int, Theme] = {}  # found number -> stored theme
    next_number = max((t.number for t in existing), default=0) + 1
    for f in found.themes:
        if f.number in matched:
            theme = by_id[matched[f.number]]
            theme.top_words = f.top_words
            change_record(theme, user=user, reason="themes found again")
            theme.save(update_fields=["top_words"])
        else:
            theme = Theme(
                organisation_id=question.organisation_id,
                question=question,
                number=next_number,
                top_words=f.top_words,
            )
            next_number += 1
            change_record(theme, user=user, reason="themes found")
            theme.save()
        theme_for[f.number] = theme

    removed = 0
    still = {t.pk for t in theme_for.values()}
    for theme in machine:
        touched = (
            theme.name
            or theme.merged_into_id
            or theme.pk in merge_targets
            or theme.pk in hand_themes
        )
        if theme.pk not in still and not touched:
            change_record(theme, user=user, reason="no longer found")
            theme.delete()
            removed += 1

    ThemeAssignment.objects.bulk_create(
        ThemeAssignment(
            organisation_id=question.organisation_id,
            answer_id=answer_id,
            theme_id=theme_for[number].pk,
            strength=strength,
        )
        for (answer_id, _), number, strength in zip(
            answers, found.assignments, found.strengths, strict=True
        )
        if number is not None and answer_id not in by_hand
    )
    return ThemesRun(
        themes=len(found.themes),
        kept=len(matched),
        added=len(found.themes) - len(matched),
        removed=removed,
        notes=found.notes,
    )


def _name_clean(question_id: int, name: str, *, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if len(name) > NAME_LENGTH:
        raise ThemesError(f"A theme's name must be {NAME_LENGTH} characters or fewer.")
    others = Theme.objects.filter(question_id=question_id, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if name and others.exists():
        raise ThemesError(f"There is already a theme called “{name}”.")
    return name


@transaction.atomic
def theme_rename(*, theme: Theme, name: str, user: User) -> Theme:
    """Give a theme the officer's name; an empty name gives a machine theme back its top
    words as its name. Kept when the themes are found again."""
    _may_manage(user, theme.organisation_id)
    name = _name_clean(theme.question_id, name, exclude=theme.pk)
    if not name and theme.made_by_hand:
        raise ThemesError("A theme made by hand needs a name.")
    theme.name = name
    change_record(theme, user=user, reason="renamed")
    theme.save(update_fields=["name"])
    return theme


def theme_root(theme: Theme, themes: Iterable[Theme] | None = None) -> Theme:
    """The theme a theme is shown under: itself, or the theme it is merged into (in turn)."""
    by_id = {t.pk: t for t in themes} if themes is not None else None
    seen = {theme.pk}
    while theme.merged_into_id:
        parent = by_id.get(theme.merged_into_id) if by_id is not None else theme.merged_into
        if parent is None or parent.pk in seen:  # a loop cannot be saved, but never hang
            break
        seen.add(parent.pk)
        theme = parent
    return theme


@transaction.atomic
def theme_merge(*, theme: Theme, into: Theme, user: User) -> Theme:
    """Show `theme` (and the themes merged into it) as part of `into`. It keeps its own
    answers and top words, so the merge holds when themes are found again, and can be undone."""
    _may_manage(user, theme.organisation_id)
    if into.question_id != theme.question_id or into.organisation_id != theme.organisation_id:
        raise ThemesError("Themes can only be merged with another theme of the same question.")
    target = theme_root(into)
    if target.pk == theme.pk:
        raise ThemesError("A theme cannot be merged into itself.")
    theme.merged_into = target
    change_record(theme, user=user, reason=f"merged into theme {target.number}")
    theme.save(update_fields=["merged_into"])
    return theme


@transaction.atomic
def theme_unmerge(*, theme: Theme, user: User) -> Theme:
    """Show a merged theme on its own again."""
    _may_manage(user, theme.organisation_id)
    theme.merged_into = None
    change_record(theme, user=user, reason="separated again")
    theme.save(update_fields=["merged_into"])
    return theme


@transaction.atomic
def theme_make(*, question: Question, name: str, user: User) -> Theme:
    """A theme made by hand, named by the officer, for answers they put in it."""
    _may_manage(user, question.organisation_id)
    if question.kind != Question.Kind.FREE_TEXT:
        raise ThemesError("Only a free-text question's answers have themes.")
    Question.objects.select_for_update().filter(pk=question.pk).first()
    name = _name_clean(question.pk, name)
    if not name:
        raise ThemesError("Give the new theme a name.")
    number = (Theme.objects.filter(question=question).aggregate(n=Max("number"))["n"] or 0) + 1
    theme = Theme(
        organisation_id=question.organisation_id,
        question=question,
        number=number,
        name=name,
        made_by_hand=True,
    )
    change_record(theme, user=user, reason="made by hand")
    theme.save()
    return theme


@transaction.atomic
def theme_assign(*, theme: Theme, answer_ids: Iterable[int], user: User) -> int:
    """Put answers in a theme by hand (kept when the themes are found again); how many."""
    _may_manage(user, theme.organisation_id)
    ids = set(answer_ids)
    if not ids:
        raise ThemesError("Choose the answers to move.")
    answers = list(
        Answer.objects.filter(
            organisation_id=theme.organisation_id,
            question_id=theme.question_id,
            response__submitted_at__isnull=False,
            pk__in=ids,
        ).values_list("pk", flat=True)
    )
    if len(answers) != len(ids):
        raise ThemesError("Some of the answers chosen are not answers to this question.")
    for answer_id in answers:
        ThemeAssignment.objects.update_or_create(
            answer_id=answer_id,
            defaults={
                "organisation_id": theme.organisation_id,
                "theme": theme,
                "by_hand": True,
                "strength": None,
            },
        )
    return len(answers)


@transaction.atomic
def theme_split(*, theme: Theme, answer_ids: Iterable[int], name: str, user: User) -> Theme:
    """Split answers off a theme into a new theme made by hand, named `name`."""
    ids = set(answer_ids)
    if not ids:
        raise ThemesError("Choose the answers to move.")
    new = theme_make(question=theme.question, name=name, user=user)
    theme_assign(theme=new, answer_ids=ids, user=user)
    return new
