"""What every browser test shares (Playwright driving Debian's chromium against the live server): the
browser, a signed-in page, the readiness waits and the screenshots. The root conftest
loads this module as a plugin, so the `browser` fixture is there for tests/e2e/ and src/cndp/*/tests alike.

They never skip: a missing browser is a failure, so CI cannot pass without running them. Screenshots go to
test-artifacts/ for a person to look at. CI runs on a loaded 2-core machine: every wait has TIMEOUT.

After an action that loads another page (a link, a submit button, Enter in a form) Playwright returns once
the new page is committed, before its deferred scripts have run: wrap the action in
`with page.expect_navigation():` (which waits for `load`) or call `page.wait_for_load_state()` before typing
into a JavaScript widget, reading what a script renders or counting rows; a widget's script marks itself
ready with `data-ready` (see `ready`).
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CNDP_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Milliseconds for every action, navigation and wait (expect_response, wait_for_function, …).
TIMEOUT = 30_000
VIEWPORT = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def browser():
    """Chromium for the test module. Module scope, not session: a module that still launches its own
    (a second `sync_playwright()` in this thread would fail) never runs while this one is open."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"chromium not found at {CHROMIUM}: install Debian's chromium package"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def new_context_page(browser, base_url, *, locale="vi-VN", viewport=None):
    """A fresh page (its own cookies) with the suite's timeouts; `page.base_url` is the live server's."""
    context = browser.new_context(viewport=viewport or VIEWPORT, locale=locale, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    page = context.new_page()
    page.base_url = base_url
    return page


def login(page, username):
    """Sign in as a demo user on the login page; returns when the home page has loaded."""
    from cndp.core.demo import DEMO_PASSWORD

    page.goto(page.base_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(page.base_url + "/")  # waits for the `load` event
    return page


def new_page(browser, live_server, username, **options):
    """A page of its own, signed in as `username` (options: locale, viewport)."""
    return login(new_context_page(browser, live_server.url, **options), username)


def ready(page, selector):
    """Wait until the script behind `selector` has run: it sets `data-ready` at the end of its set-up."""
    page.wait_for_selector(f"{selector}[data-ready]", state="attached")


def shot(page, name: str) -> Path:
    """A full-page screenshot, test-artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def shooter(prefix: str):
    """shot() with a file-name prefix: `shot = shooter("clusters-")`."""
    return lambda page, name: shot(page, prefix + name)
