"""The layout at 1280 px and on a 1366 × 768 laptop, in Vietnamese and in English, for a user with the full
menu (issue 13, item 8): no element runs past the viewport (outside a scrolling table), the language
selector shows its whole label, the user's name is not clipped, the search box is in view."""

import pytest
from django.urls import reverse

from cndp.congress.models import Congress
from cndp.core.tests.browser import login, shot
from cndp.elections.models import Election

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Elements past the right edge of the viewport that no scrolling or clipping ancestor contains.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > width + 1 && !clipped(el)) out.push(el.tagName + '#' + el.id + '.' + String(el.className).slice(0, 40));
  }
  return {page: document.documentElement.scrollWidth - width, out: out.slice(0, 10)};
}"""

# The selected language's label fits the selector (its text measured in the selector's own font).
LANGUAGE_LABEL = """() => {
  const s = document.querySelector('#language-select');
  const label = s.options[s.selectedIndex].text;
  const style = getComputedStyle(s);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = style.font;
  const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const r = s.getBoundingClientRect();
  return {label, text: ctx.measureText(label).width, room, inView: r.left >= 0 && r.right <= window.innerWidth};
}"""

USER_NAME = """() => {
  const a = document.querySelector('#user-menu');
  const r = a.getBoundingClientRect();
  return {clipped: a.scrollWidth > a.clientWidth + 1, inView: r.left >= 0 && r.right <= window.innerWidth};
}"""


def _pages():
    congress = Congress.objects.get(ordinal=5)
    election = Election.objects.filter(result__isnull=False).order_by("pk").first()
    return [
        reverse("home"),
        reverse("congress:congress_list"),
        congress.get_absolute_url(),
        reverse("congress:delegate_list") + f"?congress={congress.pk}",
        election.get_absolute_url(),
        reverse("elections:election_list"),
        reverse("party:member_list"),
        reverse("party:member_counts"),
        reverse("search") + "?q=nguyen",
    ]


@pytest.mark.parametrize("width", [1280, 1366])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_layout_fits_the_screen(page, width, language):
    page.set_viewport_size({"width": width, "height": 768})
    login(page, "quantri")  # the administrator: the full menu
    if language == "en":
        with page.expect_navigation():
            page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == language
    problems = {}
    for url in _pages():
        page.goto(page.base_url + url)
        overflow = page.evaluate(OVERFLOWING)
        label = page.evaluate(LANGUAGE_LABEL)
        name = page.evaluate(USER_NAME)
        found = []
        if overflow["page"] > 0 or overflow["out"]:
            found.append(f"overflow {overflow}")
        if not label["inView"] or label["text"] > label["room"] + 0.5 or not label["label"]:
            found.append(f"language selector {label}")
        if name["clipped"] or not name["inView"]:
            found.append(f"user name {name}")
        if not page.locator("#top-search input").is_visible():
            found.append("search box hidden")
        if found:
            problems[url] = found
    shot(page, f"layout-{language}-{width}")
    assert not problems
