"""Which actions a period asks an update of: the one rule that reports' "no update" and
"overdue", the dashboard and a reporting round's counts all follow, so that they agree."""

from __future__ import annotations

from collections.abc import Iterable

from .types import ActionDocument, UpdateDocument

# Statuses that end an action: finished, replaced by another action or programme, or dropped
# ("Incomplete/cannot be carried forward"). A later period asks it for no update.
FINAL_CATEGORIES = frozenset({"complete", "superseded", "not_carried_forward"})


def action_live(
    *,
    period: int,
    reported: Iterable[tuple[int, str | None]],
    added_after: int | None = None,
) -> bool:
    """Whether an action is live in a period: the period asks it for an update, and a missing
    one is a gap. Periods are their positions in the plan (0 the first).

    `reported` are the periods the action has an update in, each with that update's status
    category (None for none); `added_after` is the latest period that had already been
    reported when the action was added to the plan (None: it was there from the start).

    - An update in the period itself: live, whatever came before.
    - Added after the period, with no update before it: not live. So too an action first
      reported in a later period (it joined the plan later).
    - Ended: not live when its latest update before the period has a final status (complete,
      superseded, not carried forward). An update that merely went missing ends nothing.
    """
    updates = sorted(reported)
    if any(at == period for at, _ in updates):
        return True
    earlier = [category for at, category in updates if at < period]
    if not earlier:
        # An earlier update shows the action was in the plan by then, whatever `added_after`
        # says (an update imported for a period before the action was made in eqtrack).
        if added_after is not None and period <= added_after:
            return False
        return not any(at > period for at, _ in updates)
    return earlier[-1] not in FINAL_CATEGORIES


def document_action_live(action: ActionDocument, period: str, periods: list[str]) -> bool:
    """action_live for an action of a plan-format document (its optional `added_after` says
    when it joined the plan, where eqtrack knows it). Updates of periods the document does not
    list are left out."""
    index = {label: i for i, label in enumerate(periods)}
    added_after = action.get("added_after")
    return action_live(
        period=index[period],
        reported=[
            (index[u["period"]], _category(u)) for u in action["updates"] if u["period"] in index
        ],
        added_after=index.get(added_after) if added_after else None,
    )


def _category(update: UpdateDocument) -> str | None:
    status = update.get("status")
    return status["category"] if status else None
