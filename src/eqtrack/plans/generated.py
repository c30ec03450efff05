"""Generated plan-format documents of any size, for tests and benchmarks."""

from __future__ import annotations

import random
from typing import Any

from .models import StatusCategory
from .planformat import FORMAT

_STATUSES = [
    ("Complete/on schedule to deliver", StatusCategory.COMPLETE.value),
    ("Ongoing/remain included in action plan", StatusCategory.ONGOING.value),
    ("Incomplete/cannot be carried forward", StatusCategory.NOT_CARRIED_FORWARD.value),
    ("Amber", StatusCategory.AT_RISK.value),
    ("Something else entirely", None),
]


def document_generate(
    *, actions: int, periods: int, themes: int = 3, seed: int = 1
) -> dict[str, Any]:
    """A valid plan of `actions` actions spread over `themes` themes, each with an update in
    every one of `periods` periods, with nested items, next steps and every kind of status."""
    # Made-up plans for tests and timing, the same for the same seed: nothing secret.
    rng = random.Random(seed)  # noqa: S311
    labels = [f"Q{i % 4 + 1} {2020 + i // 4}" for i in range(periods)]
    out_themes: list[dict[str, Any]] = [
        {"title": f"Theme {t + 1}", "objective": f"Objective of theme {t + 1}.", "actions": []}
        for t in range(themes)
    ]
    for n in range(actions):
        theme = out_themes[n % themes]
        updates = []
        for label in labels:
            text, category = rng.choice(_STATUSES)
            updates.append(
                {
                    "period": label,
                    "progress": [
                        f"Progress item {n}-{label} – with ‘quotes’ & <b>no markup</b>.",
                        {
                            "text": f"Parent {n}",
                            "items": [f"Child {n}.1", {"text": "Grandchild", "items": ["Leaf"]}],
                        },
                    ],
                    "next_steps": [f"Next step for action {n}."] if n % 2 else [],
                    "status": None if n % 7 == 0 else {"text": text, "category": category},
                }
            )
        theme["actions"].append(
            {
                "ref": f"{n % themes + 1}.{len(theme['actions']) + 1}",
                "text": f"We will deliver action number {n} for everyone in the borough.",
                "lead": None if n % 3 else f"Team {n % 11}",
                "due": None if n % 5 else "March 2027",
                "updates": updates,
            }
        )
    return {
        "format": FORMAT,
        "title": f"Generated plan of {actions} actions",
        "organisation": "Generated Borough Council",
        "periods": labels,
        "themes": out_themes,
    }
