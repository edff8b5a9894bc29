"""Under the Content-Security-Policy header the pages that use JavaScript still work and the browser
reports no blocked script or style: the menu, the language switch, the print button, a confirmation,
an htmx list search, the report's chart (ECharts) and Swagger UI."""

import pytest

from cndp.core.tests.browser import login, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _watch(page):
    """Collect what the browser refused (CSP violations) and script errors."""
    problems = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and ("Content Security Policy" in m.text or "Refused" in m.text)
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
        " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    return problems


def _violations(page):
    return page.evaluate("window.__csp || []")


def test_pages_work_under_the_content_security_policy(page):
    problems = _watch(page)
    login(page, "chuyenvien")

    # Bootstrap's dropdown (script file) and the language switch (data-autosubmit, cndp.js)
    assert _violations(page) == []
    page.click("#user-menu")
    page.locator("#user-menu + .dropdown-menu").wait_for(state="visible")  # Bootstrap opened it
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.select_option("#language-select", "vi")

    # htmx list search, then the print button (data-print) calls window.print
    page.goto(page.base_url + "/places/provinces/?version=34")
    page.fill("#id_q", "da nang")
    page.wait_for_function("() => document.querySelector('#result-count').innerText.startsWith('1 ')")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-print]")
    assert page.evaluate("window.__printed") is True
    assert _violations(page) == []

    # a form with data-confirm asks first: cancelled it stays, accepted it is sent
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.action = "/";
            form.dataset.confirm = "Chắc chắn?";
            const button = document.createElement("button");
            button.id = "confirm-test";
            form.appendChild(button);
            document.querySelector("main").appendChild(form);
        }"""
    )
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#confirm-test")
    assert asked == ["Chắc chắn?"]
    assert "/places/provinces/" in page.url
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#confirm-test")
    assert page.url == page.base_url + "/?"

    # ECharts draws the report's chart from the json_script data block
    page.goto(page.base_url + "/extension/reports/")
    if page.locator("#province-chart").count():
        page.wait_for_selector("#province-chart svg")
    shot(page, "csp-extension-report")
    assert _violations(page) == []

    # Swagger UI (its start-up script served as a file) renders the API's operations
    page.goto(page.base_url + "/api/docs/")
    page.wait_for_selector("#swagger-ui .opblock", timeout=60_000)  # a large script: twice the default
    shot(page, "csp-api-docs")
    assert _violations(page) == []

    assert problems == []


def test_a_blocked_inline_script_is_reported(page):
    """The watch above would see a violation: an injected inline script is refused under the header."""
    _watch(page)
    page.goto(page.base_url + "/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__ran") is None
    page.wait_for_function("() => window.__csp.length > 0")
    assert any(v.startswith("script-src") for v in _violations(page)), _violations(page)
