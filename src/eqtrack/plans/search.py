"""Search across every action and the progress text of every period: SQLite's FTS5 or
PostgreSQL's full-text search, behind one selector.

Each action keeps `search_text`: its own words and those of its approved updates in periods
the public may see (no reporting round, or a closed one: plans.selectors.public_period_q), and
`search_stems`: the same words stemmed (core/fts.py). The services refresh both when they
write; SQLite indexes the stems in an FTS5 table kept by triggers (migration 0017), PostgreSQL
the text in a GIN index on its 'english' tsvector (migration 0007), which stems it alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from eqtrack.core.fts import fts5_match, query_words, stems, tsquery, word_forms
from eqtrack.organisations.models import Organisation

from .models import Action, StatusCategory, Update
from .planformat import item_texts
from .selectors import public_period_q


def search_text_for(action_text: str, updates: list[dict[str, Any]] | list[Update]) -> str:
    """The text an action is found by: its wording, then each update's progress, next steps
    and status, whether given as plan-format dicts or Update rows."""
    parts = [action_text]
    for update in updates:
        if isinstance(update, Update):
            parts += (
                item_texts(update.progress)
                + item_texts(update.next_steps)
                + [update.status_text or ""]
            )
        else:
            parts += item_texts(update.get("progress", [])) + item_texts(
                update.get("next_steps", [])
            )
            parts.append((update.get("status") or {}).get("text") or "")
    return "\n".join(p for p in parts if p)


def search_fields(text: str) -> dict[str, str]:
    """An action's search fields for its search text: the text, and its stems."""
    return {"search_text": text, "search_stems": stems(text)}


def _searchable_updates() -> QuerySet[Update]:
    # Approved updates only, and none of a round still open: search is open to visitors, and
    # neither drafts nor a period before its round closes are theirs to read (issue 15).
    return (
        Update.objects.live()
        .filter(public_period_q("period__"), state=Update.State.APPROVED)
        .order_by("period__position")
    )


def search_text_refresh(action: Action) -> None:
    """Recompute one action's search text from its live updates (after a write)."""
    text = search_text_for(action.text, list(_searchable_updates().filter(action=action)))
    Action.objects.filter(pk=action.pk).update(**search_fields(text))


def search_text_refresh_period(*, period_id: int) -> None:
    """Recompute the search text of every action with an update in the period, in a fixed
    number of queries: when its round opens or closes, the period's text leaves search or
    joins it."""
    actions = list(
        Action.objects.filter(
            pk__in=Update.objects.live().filter(period_id=period_id).values("action_id")
        ).only("pk", "text")
    )
    by_action: dict[int, list[Update]] = {a.pk: [] for a in actions}
    for update in _searchable_updates().filter(action_id__in=list(by_action)):
        by_action[update.action_id].append(update)
    for action in actions:
        for field, value in search_fields(
            search_text_for(action.text, by_action[action.pk])
        ).items():
            setattr(action, field, value)
    Action.objects.bulk_update(actions, ["search_text", "search_stems"], batch_size=500)


def search_refresh_for(record: Any) -> None:
    """Keep search in step when an action, or one of its updates, has changed."""
    if isinstance(record, Update):
        search_text_refresh(record.action)
    elif isinstance(record, Action):
        search_text_refresh(record)


@dataclass
class Hit:
    action: Action
    snippet: str


@dataclass
class SearchFilters:
    """What a plan's search page was asked (its GET form), as typed and as the search takes it."""

    query: str
    theme: str
    status: str
    period: str
    team: str
    tag: str

    @classmethod
    def from_query(cls, params: Any) -> SearchFilters:
        """From the page's query string: words and tag cut to length, anything else as sent."""
        return cls(
            query=params.get("q", "").strip()[:200],
            theme=params.get("theme", ""),
            status=params.get("status", ""),
            period=params.get("period", ""),
            team=params.get("team", ""),
            tag=params.get("tag", "")[:100],
        )

    def as_form(self) -> dict[str, str]:
        """The filters as the page's form shows them again."""
        return {
            "theme": self.theme,
            "status": self.status,
            "period": self.period,
            "team": self.team,
            "tag": self.tag,
        }

    @property
    def asked(self) -> bool:
        return bool(self.query or any(self.as_form().values()))


def plan_search(
    *, organisation: Organisation, plan_slug: str, filters: SearchFilters, published_only: bool
) -> list[Hit] | None:
    """The search's hits for these filters (a filter that is not a valid choice is ignored),
    or None if nothing was asked."""
    if not filters.asked:
        return None
    return search_actions(
        organisation=organisation,
        query=filters.query,
        plan_slug=plan_slug,
        theme_id=int(filters.theme) if filters.theme.isdigit() else None,
        status=filters.status if filters.status in StatusCategory.values else None,
        period=filters.period or None,
        team_id=int(filters.team) if filters.team.isdigit() else None,
        tag=filters.tag or None,
        published_only=published_only,
    )


def search_actions(
    *,
    organisation: Organisation,
    query: str,
    plan_slug: str | None = None,
    theme_id: int | None = None,
    status: str | None = None,
    period: str | None = None,
    tag: str | None = None,
    team_id: int | None = None,
    published_only: bool = False,
    limit: int = 100,
) -> list[Hit]:
    """Live actions of the organisation's live plans whose words or updates match every word of
    the query, in any of its forms (core/fts.py), best first, with filters."""
    terms = query_words(query, limit=12)
    actions: QuerySet[Action] = Action.objects.live().filter(
        organisation=organisation, plan__archived_at__isnull=True
    )
    if published_only:
        actions = actions.filter(plan__published=True)
    if plan_slug:
        actions = actions.filter(plan__slug=plan_slug)
    if theme_id:
        actions = actions.filter(theme_id=theme_id)
    if team_id:
        actions = actions.filter(team_id=team_id)
    if tag:
        actions = (
            actions.filter(tags__contains=[tag])
            if connection.vendor == "postgresql"
            else actions.filter(tags__icontains=f'"{tag}"')
        )
    if status or period:
        updates = Update.objects.live()
        if published_only:
            # A visitor filters by what they may read: approved updates in periods whose round
            # has closed, never a draft's status nor a round still open (issue 15).
            updates = updates.filter(public_period_q("period__"), state=Update.State.APPROVED)
        if status:
            updates = updates.filter(status_category=status)
        if period:
            updates = updates.filter(period__label=period)
        actions = actions.filter(pk__in=updates.values("action_id"))
    if not terms:
        ranked = list(
            actions.select_related("plan", "theme").order_by("plan", "theme__position", "position")[
                :limit
            ]
        )
        return [Hit(a, a.text[:200]) for a in ranked]
    if connection.vendor == "postgresql":
        ranked = _postgres(actions, terms, limit)
    else:
        ranked = _sqlite(actions, terms, limit)
    return [Hit(a, _snippet(a.search_text, terms)) for a in ranked]


def _postgres(actions: QuerySet[Action], terms: list[str], limit: int) -> list[Action]:
    # The same expression as the GIN index of migration 0007, so the index is used.
    vector = SearchVector("search_text", config="english")
    search = SearchQuery(tsquery(terms), search_type="raw", config="english")
    return list(
        actions.annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .select_related("plan", "theme")
        .order_by("-rank", "position")[:limit]
    )


def _sqlite(actions: QuerySet[Action], terms: list[str], limit: int) -> list[Action]:
    match = fts5_match(terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM plans_action_search WHERE plans_action_search MATCH %s ORDER BY rank LIMIT %s",
            [match, limit * 5],
        )
        order = [row[0] for row in cursor.fetchall()]
    found = {a.pk: a for a in actions.filter(pk__in=order).select_related("plan", "theme")}
    return [found[pk] for pk in order if pk in found][:limit]


def _snippet(text: str, terms: list[str], width: int = 200) -> str:
    """The passage around the first matching word, so a reader sees why it was found: the word
    as typed or, failing that, its stem or other forms ("disabilities" shows "disability")."""
    lowered = text.lower()
    looked_for = terms + [form for t in terms for form, _ in word_forms(t)]
    positions = [lowered.find(t) for t in looked_for if lowered.find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    passage = " ".join(text[start : start + width].split())
    return ("…" if start else "") + passage + ("…" if start + width < len(text) else "")
