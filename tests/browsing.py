"""What the browser tests share: a page signed in as someone, and axe-core's WCAG 2.2 AA check
of a page, whether or not it runs JavaScript."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def signed_in_page(browser, live_server, user, *, javascript: bool = True, timeout: int = 15000):
    """A page in a browser context signed in as `user` (without the sign-in form)."""
    from django.test import Client

    session = Client()
    session.force_login(user)
    context = browser.new_context(java_script_enabled=javascript)
    host = live_server.url.split("//")[1].split(":")[0]
    cookie = session.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": cookie, "domain": host, "path": "/"}])
    page = context.new_page()
    page.set_default_timeout(timeout)
    return page


def axe_failures(page, label: str) -> list[tuple]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it stands (error states included), as
    (label, rule, first targets). axe needs JavaScript: a page without it is checked as a copy
    of its HTML in a page of its own, on the site's origin so its stylesheet loads."""
    # A click that leads to another page may still be loading it: check the page it leads to.
    page.wait_for_load_state("load")
    checker = page
    if not _scripts_on(page):
        origin = "/".join(page.url.split("/", 3)[:3])
        checker = page.context.browser.new_page()
        checker.goto(origin + "/healthz")
        checker.set_content(page.content())
    violations = Axe().run(checker, options=WCAG_22_AA).response["violations"]
    if checker is not page:
        checker.close()
    return [(label, v["id"], [n["target"] for n in v["nodes"]][:2]) for v in violations]


def _scripts_on(page) -> bool:
    # A page with JavaScript off still lets Playwright evaluate; its <body> class tells.
    return "js-enabled" in (
        page.evaluate("() => document.body ? document.body.className : ''") or ""
    )
