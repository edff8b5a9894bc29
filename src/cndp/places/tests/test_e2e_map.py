"""Browser test (Playwright on Debian's chromium): the province choropleth draws on its canvas under the
Content-Security-Policy, in both versions, its tooltip speaks Vietnamese numbers, a click on a unit opens
that unit's page, and the PNG export gives a PNG image. Screenshots go to test-artifacts/places-map-*.png."""

import pytest

from cndp.core.tests.browser import login, new_context_page, shot
from cndp.places.models import Province

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

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


def signed_in(browser, live_server, username):
    """A signed-in page and the script errors it reports from the start."""
    page = new_context_page(browser, live_server.url)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return login(page, username), errors


def test_the_map_draws_links_to_the_unit_and_exports_a_png(browser, live_server, demo, tmp_path):
    page, errors = signed_in(browser, live_server, "sohanoi")
    for version in ("63", "34"):
        page.goto(f"{live_server.url}/places/provinces/map/?version={version}")
        page.wait_for_selector("#province-map[data-state=drawn]")
        assert page.evaluate(DRAWN_PIXELS, "province-map") > 20000
        assert "geoBoundaries" in page.inner_text(".cndp-map-attribution")
        shot(page, f"places-map-{version}")

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
