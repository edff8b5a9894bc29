"""Every link a page shows leads somewhere the viewer may go: a crawl as a province officer (and as a
leader) from the home page and every list page of their menu, through the detail pages they link to, following every
link of those detail pages. A link that answers 403 or 404 to the person it was shown to is a fault
(e.g. a Hà Nội project's coordinating unit of the agency linked to its unit page, a 404 for Hà Nội's
officer): a record the viewer may not open is named without a link (`{% link %}`, core.permissions
.may_view)."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest

from cndp.core.navigation import menu_for

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
SKIP = re.compile(
    r"/(logout|export|pdf|xlsx|download|print|api|admin|i18n|static|media)(/|$)|\.(pdf|xlsx|png)$"
)
DETAILS_PER_LIST = 3  # detail pages followed from each list


def _links(html: str, base: str) -> list[str]:
    out = []
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        if href.startswith("?"):
            continue  # the same page filtered, sorted or paged
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path):
            continue
        out.append(parts.path)
    return out


DETAIL = re.compile(r"/\d+/$")


def _crawl(client, user) -> dict[str, tuple[int, str]]:
    """{url: (status, the page that linked it)} for every link of the detail pages reached."""
    seen: dict[str, tuple[int, str]] = {}

    def get(url, source):
        if url in seen:
            return None
        response = client.get(url)
        seen[url] = (response.status_code, source)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return None
        return response.content.decode()

    details = []
    starts = ["/"] + [item["url"] for group in menu_for(user) for item in group["items"]]
    for start in starts:
        html = get(start, "(start)")
        if html is None:
            continue
        found = [u for u in dict.fromkeys(_links(html, start)) if DETAIL.search(u)]
        details += [(u, start) for u in found[:DETAILS_PER_LIST]]
    for url, source in details:
        html = get(url, source)
        if html is None:
            continue
        for link in dict.fromkeys(_links(html, url)):
            get(link, url)
    return seen


@pytest.mark.parametrize("role", ["province_officer", "leader"])
def test_no_link_leads_to_a_refusal(client_for, demo, role):
    seen = _crawl(client_for(role), demo[role])
    bad = sorted(
        f"{url} → {status} (linked from {source})"
        for url, (status, source) in seen.items()
        if status in (403, 404)
    )
    assert len(seen) > 100, len(seen)
    assert not bad, "\n".join(bad)
