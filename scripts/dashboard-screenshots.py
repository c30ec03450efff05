"""Remake docs/images/dashboard.png and committee-summary.png from the demo.

The demo's 2023 round is open and empty, so the script first fills it with illustrative
updates (some better, some worse than 2022), approves them and closes it; then it shoots the
dashboard (1280 px wide, no JavaScript) and renders the committee summary's page.

    rm -rf /tmp/shots && EQTRACK_DATA_DIR=/tmp/shots eqtrack demo
    EQTRACK_DATA_DIR=/tmp/shots eqtrack serve --port 8776 &
    EQTRACK_DATA_DIR=/tmp/shots DJANGO_SETTINGS_MODULE=eqtrack.config.settings.base \\
        python scripts/dashboard-screenshots.py http://127.0.0.1:8776
"""

from __future__ import annotations

import io
import sys
import urllib.request
from pathlib import Path

import django

PLAN = "/maidstone-borough-council/equalities-action-plan/dashboard/"
IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
# Illustrative 2023 updates: (status, progress, next steps).
UPDATES: dict[str, tuple[str, list[str], list[str]]] = {
    "CL3": ("on_track", ["Joint forum met quarterly with the voluntary sector."], []),
    "CL4": (
        "at_risk",
        ["Consultation review started but the officer post is vacant."],
        ["Recruit to the post by June."],
    ),
    "CL5": ("ongoing", ["Equalities group met twice."], ["Widen membership."]),
    "CL6": (
        "off_track",
        ["Communications plan paused: no budget this year."],
        ["Bid for funding in the autumn budget round."],
    ),
    "CL7": ("complete", ["Audit of historical assets published."], []),
    "CL8": ("ongoing", ["Armed forces covenant events held in November."], []),
    "E3": ("complete", ["Mental health first aiders trained in every service."], []),
    "E4": (
        "at_risk",
        ["Pay gap report delayed by the new payroll system."],
        ["Publish the report by September."],
    ),
    "E5": ("on_track", ["Staff survey response rate rose to 61%."], []),
    "SP1": ("ongoing", ["Impact assessments checked for each new policy."], []),
    "SP2": ("on_track", ["Recovery plan reviewed with partners."], []),
    "SP4": ("ongoing", ["Accessible formats offered on request."], []),
    "SP5": ("watching_brief", ["No change in the national guidance."], []),
    "SP6": ("ongoing", ["Translation service contract renewed."], []),
    "SP7": ("on_track", ["Hate crime reporting centres trained."], []),
    "SP8": ("not_started", ["Waiting for the county's data sharing agreement."], []),
}


def round_complete() -> None:
    from django.contrib.auth import get_user_model

    from eqtrack.plans.models import Action
    from eqtrack.rounds.models import ReportingRound
    from eqtrack.rounds.services import (
        round_close,
        update_review,
        update_save_draft,
        update_submit,
    )

    people = get_user_model().objects
    admin, reviewer = people.get(username="demo-admin"), people.get(username="demo-reviewer")
    round = ReportingRound.objects.filter(closed_at__isnull=True).first()
    if round is None:  # done on an earlier run
        return
    for ref, (category, progress, next_steps) in UPDATES.items():
        update = update_save_draft(
            round=round,
            action=Action.objects.get(plan=round.plan, ref=ref),
            progress=progress,
            next_steps=next_steps,
            status_text=None,
            status_category=category,
            user=admin,
        )
        update_submit(round=round, update=update, user=admin)
        update_review(round=round, update=update, approve=True, user=reviewer)
    round_close(round=round, user=admin)


def shoot(site: str) -> None:
    import pdfplumber
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, java_script_enabled=False
        )
        page = context.new_page()
        page.goto(site + PLAN)
        # The committee's part of the page: down to the list of every status change.
        end = page.locator("#moved-caption").bounding_box()
        shot = page.screenshot(
            clip={"x": 0, "y": 0, "width": 1280, "height": end["y"] - 8}, full_page=True
        )
        browser.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    image.quantize(colors=96).save(IMAGES / "dashboard.png", optimize=True)
    with urllib.request.urlopen(site + PLAN + "summary.pdf") as response:  # noqa: S310 (our own site)
        pdf = response.read()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        if len(document.pages) != 1:
            sys.exit(f"the committee summary has {len(document.pages)} pages, not one")
        document.pages[0].to_image(resolution=100).save(IMAGES / "committee-summary.png")


if __name__ == "__main__":
    django.setup()
    round_complete()
    shoot(sys.argv[1].rstrip("/"))
