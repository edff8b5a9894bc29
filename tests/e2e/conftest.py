"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against the live server.

The browser, the sign-in, the timeouts, the readiness waits and the screenshots are shared with the apps'
browser tests: cndp.core.tests.browser (read its docstring before writing one).
Pages run under the Content-Security-Policy (no eval): give `wait_for_function` a function,
"() => document…", not a bare expression, which Playwright would eval in the page and the browser refuse.
"""

import pytest

from cndp.core.tests.browser import ARTIFACTS, login, new_context_page, shot  # noqa: F401 — for the tests


@pytest.fixture
def page(browser, live_server, demo):
    """A fresh page whose browser says en-US (the interface stays Vietnamese until the user chooses)."""
    page = new_context_page(browser, live_server.url, locale="en-US")
    yield page
    page.context.close()
