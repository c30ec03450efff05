"""Stored themes: found for a question's submitted answers, officers' edits (rename, merge,
make, assign, split) and the rule that keeps them when the themes are found again; the
selectors' counts, shares, examples and weighted breakdown by a monitoring question."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from eqtrack.surveys.models import Theme, ThemeAssignment
from eqtrack.surveys.selectors.themes import question_themes, theme_answers, theme_breakdown
from eqtrack.surveys.services.themes import (
    _Candidate,
    theme_assign,
    theme_make,
    theme_merge,
    theme_rename,
    theme_split,
    theme_unmerge,
    themes_match,
    themes_run,
)
from eqtrack.surveys.themes import ThemesError

from .test_themes_engine import PARKING
from .themes_data import answers_create, respond, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_create()


def _theme_of(answer) -> Theme | None:
    assignment = ThemeAssignment.objects.filter(answer=answer).select_related("theme").first()
    return assignment.theme if assignment else None


def _topic_themes(made) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for topic, answers in made.items():
        found = {_theme_of(a) for a in answers}
        assert len(found) == 1, (topic, found)
        theme = found.pop()
        assert theme is not None
        themes[topic] = theme
    return themes


def test_first_run_stores_each_topic_as_a_theme(world):
    made = answers_create(world)
    run = themes_run(question=world.question, user=world.admin, themes=3)
    assert run.themes == 3 and run.kept == 0 and run.added == 3
    themes = _topic_themes(made)
    assert sorted(t.number for t in themes.values()) == [1, 2, 3]
    assert "library" in themes["libraries"].top_words[:3]
    # Blank and unsubmitted answers are in no theme.
    assert ThemeAssignment.objects.count() == 15
    overview = question_themes(organisation=world.org, question=world.question)
    assert overview.answered == 15 and overview.unthemed == 0
    assert [(s.count, round(s.share, 1)) for s in overview.themes] == [(5, 33.3)] * 3
    assert all(len(s.examples) == 3 for s in overview.themes)


def test_rename_merge_and_hand_assignment_survive_a_rerun(world):
    made = answers_create(world)
    themes_run(question=world.question, user=world.admin, themes=3)
    themes = _topic_themes(made)
    theme_rename(theme=themes["parking"], name="Parking and cars", user=world.admin)
    theme_merge(theme=themes["libraries"], into=themes["bins"], user=world.admin)
    # One parking answer is really about libraries: moved by hand into the (merged) theme.
    moved = made["parking"][0]
    assert theme_assign(theme=themes["libraries"], answer_ids=[moved.pk], user=world.admin) == 1
    # New answers arrive; the themes are found again.
    for text in ["Parking near the market is impossible", "Bins overflowing by the station"]:
        respond(world, text, "Female")
    run = themes_run(question=world.question, user=world.admin, themes=3)
    assert run.kept == 3 and run.added == 0 and run.removed == 0

    after = {t.pk: t for t in Theme.objects.all()}
    assert after[themes["parking"].pk].name == "Parking and cars"
    assert after[themes["libraries"].pk].merged_into_id == themes["bins"].pk
    assignment = ThemeAssignment.objects.get(answer=moved)
    assert assignment.by_hand and assignment.theme_id == themes["libraries"].pk
    # The other answers are where they were, each topic's answers in its own stored theme.
    for topic in made:
        rest = [a for a in made[topic] if a != moved]
        assert {_theme_of(a).pk for a in rest} == {themes[topic].pk}

    overview = question_themes(organisation=world.org, question=world.question)
    shown = {s.name: s for s in overview.themes}
    assert set(shown) == {"Parking and cars", ", ".join(after[themes["bins"].pk].top_words[:3])}
    assert shown["Parking and cars"].count == 5  # four left, one new
    merged = next(s for s in overview.themes if s.merged)
    assert merged.count == 12 and [t.pk for t in merged.merged] == [themes["libraries"].pk]

    theme_unmerge(theme=after[themes["libraries"].pk], user=world.admin)
    assert len(question_themes(organisation=world.org, question=world.question).themes) == 3


def test_hand_made_theme_and_split_are_kept(world):
    made = answers_create(world)
    themes_run(question=world.question, user=world.admin, themes=3)
    themes = _topic_themes(made)
    split = theme_split(
        theme=themes["parking"],
        answer_ids=[made["parking"][1].pk, made["parking"][4].pk],
        name="Cost of parking",
        user=world.admin,
    )
    assert split.made_by_hand and split.number == 4
    empty = theme_make(question=world.question, name="Street safety", user=world.admin)
    themes_run(question=world.question, user=world.admin, themes=3)
    names = {t.name for t in Theme.objects.filter(made_by_hand=True)}
    assert names == {"Cost of parking", "Street safety"}
    assert {_theme_of(made["parking"][i]).pk for i in (1, 4)} == {split.pk}
    assert Theme.objects.filter(pk=empty.pk).exists()
    listed = theme_answers(organisation=world.org, theme=split, question=world.question)
    assert {a.text for a in listed} == {PARKING[1], PARKING[4]} and all(a.by_hand for a in listed)


def test_untouched_themes_no_longer_found_are_removed(world):
    made = answers_create(world)
    themes_run(question=world.question, user=world.admin, themes=3)
    themes = _topic_themes(made)
    theme_rename(theme=themes["bins"], name="Bins", user=world.admin)
    run = themes_run(question=world.question, user=world.admin, themes=1)
    assert run.themes == 1 and run.kept == 1
    remaining = set(Theme.objects.values_list("pk", flat=True))
    # The renamed theme stays (it was touched); of the two others, the one the single new
    # theme matched stays and the third goes.
    assert themes["bins"].pk in remaining and len(remaining) == 2 and run.removed == 1


def test_matching_by_top_words_when_no_answers_are_shared():
    old = [
        _Candidate(10, 1, ["parking", "car", "spaces", "park"], frozenset({1, 2})),
        _Candidate(11, 2, ["bins", "collection", "rubbish"], frozenset({3, 4})),
    ]
    new = [
        _Candidate(1, 1, ["bins", "rubbish", "collection", "weekly"], frozenset({7, 8})),
        _Candidate(2, 2, ["library", "books"], frozenset({5})),
        _Candidate(3, 3, ["car", "parking", "spaces"], frozenset({1, 9})),
    ]
    # New theme 3 shares answer 1 of old theme 10's two: half, enough; theme 1 matches old 11
    # by three shared top words; the library theme is new.
    assert themes_match(old, new) == {3: 10, 1: 11}


def test_errors_store_nothing_and_others_may_not(world):
    with pytest.raises(ThemesError, match="no answers"):
        themes_run(question=world.question, user=world.admin)
    assert not Theme.objects.exists()
    answers_create(world)
    with pytest.raises(PermissionDenied):
        themes_run(question=world.question, user=world.viewer)
    with pytest.raises(ThemesError, match="free-text"):
        themes_run(question=world.sex, user=world.admin)
    themes_run(question=world.question, user=world.admin, themes=3)
    one, two, three = Theme.objects.order_by("number")
    theme_rename(theme=one, name="Parking", user=world.admin)
    with pytest.raises(ThemesError, match="already a theme called “parking”"):
        theme_rename(theme=two, name="parking", user=world.admin)
    with pytest.raises(ThemesError, match="into itself"):
        theme_merge(theme=one, into=one, user=world.admin)
    theme_merge(theme=two, into=one, user=world.admin)
    with pytest.raises(ThemesError, match="into itself"):
        theme_merge(theme=one, into=two, user=world.admin)  # two is inside one
    with pytest.raises(ThemesError, match="needs a name"):
        theme_rename(
            theme=theme_make(question=world.question, name="Hand", user=world.admin),
            name=" ",
            user=world.admin,
        )
    other = world_create("other")
    stranger = respond(other, "Parking")
    with pytest.raises(ThemesError, match="not answers to this question"):
        theme_assign(theme=three, answer_ids=[stranger.pk], user=world.admin)
    with pytest.raises(PermissionDenied):
        theme_rename(theme=one, name="Mine", user=other.admin)


def test_breakdown_by_sex_weighted_and_not(world):
    made = answers_create(world)
    themes_run(question=world.question, user=world.admin, themes=3)
    themes = _topic_themes(made)
    breakdown = theme_breakdown(organisation=world.org, question=world.question, by=world.sex)
    column = {s.theme.pk: i for i, s in enumerate(breakdown.themes)}
    rows = {r.group: r for r in breakdown.rows}
    assert [r.group for r in breakdown.rows] == ["Female", "Male"]
    # Women: 5 parking, 3 libraries; men: 5 bins, 2 libraries.
    assert rows["Female"].respondents == 8 and rows["Male"].respondents == 7
    assert rows["Female"].shares[column[themes["parking"].pk]] == pytest.approx(62.5)
    assert rows["Male"].shares[column[themes["libraries"].pk]] == pytest.approx(200 / 7)
    assert rows["Female"].shares[-1] == 0  # in no theme

    # Weighted: the women who wrote about libraries count three times over.
    weights = {a.response_id: 1.0 for answers in made.values() for a in answers}
    for answer in made["libraries"]:
        weights[answer.response_id] = 3.0
    weighted = theme_breakdown(
        organisation=world.org, question=world.question, by=world.sex, weights=weights
    )
    female = next(r for r in weighted.rows if r.group == "Female")
    assert female.shares[column[themes["libraries"].pk]] == pytest.approx(100 * 9 / 14)
    assert weighted.weighted and not breakdown.weighted
    overview = question_themes(organisation=world.org, question=world.question, weights=weights)
    share = {s.theme.pk: s.share for s in overview.themes}
    assert share[themes["libraries"].pk] == pytest.approx(100 * 15 / 25)
