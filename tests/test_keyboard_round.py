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

# Whether the focused element shows that it has focus (WCAG 2.4.7): an outline or a shadow
# on it, or, for GOV.UK's radios and checkboxes (whose input is invisible), on its label's
# ::before, the box a person sees.
FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  const marked = (style) => (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
    || style.boxShadow !== 'none';
  if (marked(getComputedStyle(e))) return true;
  const label = e.labels && e.labels[0];
  return !!label && marked(getComputedStyle(label, '::before'));
}"""


def _tab_to(page, wanted: str, limit: int = 150) -> None:
    """Press Tab until the focused element's id or text starts with `wanted`; fail if it never
    does (that part of the page cannot be reached by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, id_, text = page.evaluate(FOCUSED).split("|", 2)
        if id_ == wanted or text.startswith(wanted):
            assert page.evaluate(FOCUS_SHOWN), f"{wanted!r} has focus but does not show it"
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
    _tab_to(owner, "id_status_text")
    owner.keyboard.type("Ongoing")
    _tab_to(owner, "id_status_category")
    owner.keyboard.press("ArrowDown")  # from "Choose a status" to the first status
    _tab_to(owner, "Save and submit for review")
    _enter(owner)
    assert "is submitted for review" in owner.content()

    # The reviewer returns it with a comment ...
    reviewer = _as(browser, live_server, client, people["reviewer"])
    reviewer.goto(round_url)
    _tab_to(reviewer, "Review E3")
    _enter(reviewer)
    _tab_to(reviewer, "id_decision_0")
    reviewer.keyboard.press("ArrowDown")  # radios move with the arrow keys: "Return it"
    _tab_to(reviewer, "id_comment")
    reviewer.keyboard.type("Say where they work.")
    _tab_to(reviewer, "Send the decision")
    _enter(reviewer)
    assert "returned to its owner" in reviewer.content()

    # ... the owner adds to it and submits again ...
    owner.goto(round_url)
    _tab_to(owner, "E3: We will look after the mental health")
    _enter(owner)
    _tab_to(owner, "id_progress")
    owner.keyboard.press("Control+End")
    owner.keyboard.type(" In every directorate.")
    _tab_to(owner, "Save and submit for review")
    _enter(owner)
    assert "is submitted for review" in owner.content()

    # ... and the reviewer approves it.
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
    assert "Are you sure you want to close the 2023 round?" in admin.content()
    _tab_to(admin, "Yes, close the round")
    _enter(admin)
    assert "round is closed" in admin.content()
    _tab_to(admin, "Download the report (Word)")
    with admin.expect_download() as download:
        admin.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".docx")
    update = Update.objects.get(action__plan=plan, action__ref="E3", period__label="2023")
    assert update.state == Update.State.APPROVED
    assert update.progress == ["16 first aiders trained. In every directorate."]
    assert update.status_text == "Ongoing" and update.status_category
