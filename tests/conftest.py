"""Fixtures for the end-to-end tests: a real browser (Debian's Chromium) driven by Playwright."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("EQTRACK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make browser` "
            "(or set EQTRACK_CHROMIUM to a Chromium executable)"
        )
    # Playwright's sync API runs an event loop in this thread; the test database is
    # only touched before and after the browser works, never concurrently.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
