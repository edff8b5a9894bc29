"""Browser test (Playwright on Debian's chromium): the province choropleth draws on its canvas under the
Content-Security-Policy, in both versions, its tooltip speaks Vietnamese numbers, a click on a unit opens
that unit's page, and the PNG export gives a PNG image. Screenshots go to test-artifacts/places-map-*.png."""

import os
import shutil
from pathlib import Path

import pytest

from cndp.core.demo import DEMO_PASSWORD
from cndp.places.models import Province

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CNDP_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"

# Pixels of the chart's canvas that are neither transparent nor white: the map was drawn.
DRAWN_PIXELS = """(id) => {
  const canvas = document.querySelector('#' + id + ' canvas');
  const ctx = canvas.getContext('2d');
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) n++;
  }
  return n;
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"chromium not found at {CHROMIUM}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"], headless=True
        )
        yield browser
        browser.close()


def signed_in(browser, live_server, username):
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page, errors


def test_the_map_draws_links_to_the_unit_and_exports_a_png(browser, live_server, demo, tmp_path):
    page, errors = signed_in(browser, live_server, "sohanoi")
    for version in ("63", "34"):
        page.goto(f"{live_server.url}/places/provinces/map/?version={version}")
        page.wait_for_selector("#province-map[data-state=drawn]")
        assert page.evaluate(DRAWN_PIXELS, "province-map") > 20000
        assert "geoBoundaries" in page.inner_text(".cndp-map-attribution")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"places-map-{version}.png"), full_page=True)

    # The PNG export: a real PNG file, larger than an empty picture.
    with page.expect_download() as download_info:
        page.click("#province-map-png")
    download = download_info.value
    assert download.suggested_filename == "ban-do-sap-xep-34.png"
    target = tmp_path / "map.png"
    download.save_as(target)
    content = target.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) > 30000

    # Hovering a unit shows its name and value; a click opens its page. Hà Nội's centre on the 34 map.
    point = page.evaluate(
        """() => {
          const chart = echarts.getInstanceByDom(document.getElementById('province-map'));
          return chart.convertToPixel({geoIndex: 0}, [105.75, 21.0]);
        }"""
    )
    box = page.locator("#province-map").bounding_box()
    page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_function("() => document.querySelector('#province-map').innerText.includes('Hà Nội')")
    with page.expect_navigation():
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    assert page.url.endswith(Province.objects.get(version="34", code="01").get_absolute_url())
    assert errors == []
