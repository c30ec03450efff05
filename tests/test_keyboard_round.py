"""A whole round done with the keyboard alone (Tab to move, typing, Space and Enter), with
JavaScript off: every link, field and button of the round is reachable and works."""

import pytest

from eqtrack.plans.models import Update

from .test_round_walkthrough import _as, seed_paths_root, setting  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const e = document.activeElement;
  return [e.tagName, e.id || '', (e.innerText || e.value || '').trim().slice(0, 80)].join('|');
}"""


def _tab_to(page, wanted: str, limit: int = 150) -> None:
    """Press Tab until the focused element's id or text starts with `wanted`; fail if it never
    does (that part of the page cannot be reached by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, id_, text = page.evaluate(FOCUSED).split("|", 2)
        if id_ == wanted or text.startswith(wanted):
            return
    raise AssertionError(f"{wanted!r} cannot be reached with the Tab key on {page.url}")


def _enter(page) -> None:
    """Press Enter on the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_round_with_the_keyboard_alone(browser, live_server, client, setting):  # noqa: F811
    plan, people = setting
    admin = _as(browser, live_server, client, people["administrator"])
    admin.goto(f"{live_server.url}/{plan.organisation.slug}/eap/rounds/")
    _tab_to(admin, "id_period")
    admin.keyboard.type("2023")
    _tab_to(admin, "id_deadline")
    admin.keyboard.type("31/12/2099")
    _tab_to(admin, "Open the round")
    _enter(admin)
    assert admin.locator("h1").inner_text() == "2023 round"
    round_url = admin.url

    owner = _as(browser, live_server, client, people["owner"])
    owner.goto(round_url)
    _tab_to(owner, "E3: We will look after the mental health")
    _enter(owner)
    _tab_to(owner, "id_progress")
    owner.keyboard.type("16 first aiders trained.")
    _tab_to(owner, "Save and submit for review")
    _enter(owner)
    assert "is submitted for review" in owner.content()

    reviewer = _as(browser, live_server, client, people["reviewer"])
    reviewer.goto(round_url)
    _tab_to(reviewer, "Review E3")
    _enter(reviewer)
    _tab_to(reviewer, "id_decision_0")
    reviewer.keyboard.press("Space")
    _tab_to(reviewer, "Send the decision")
    _enter(reviewer)
    assert "approved" in reviewer.content()

    admin.goto(round_url)
    _tab_to(admin, "Close the round")
    _enter(admin)
    assert "round is closed" in admin.content()
    update = Update.objects.get(action__plan=plan, action__ref="E3", period__label="2023")
    assert update.state == Update.State.APPROVED and update.progress == ["16 first aiders trained."]
