"""One number format per language (issue 13: the English screens showed "2,126" next to "147.311,0"):
the key pages rendered in Vietnamese and in English show every number in that language's style only —
Vietnamese "147.311,0" and "2.126", English "147,311.0" and "2,126" — and do show numbers of that style.
Official Vietnamese documents (minutes, ballots, cards) stay Vietnamese; they are not screens."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from cndp.congress.models import Congress
from cndp.core.numbers import number, percent, percent_of

# A thousands group with the other language's separator, or a decimal part of one or two digits after it.
VIETNAMESE_ONLY = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.,]*\d)|(?<![\d.,])\d+,\d{1,2}(?![\d.,])"
)
ENGLISH_ONLY = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.,]*\d)|(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"
)
TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)
LICENCES = re.compile(r"\bCC BY(?:-[A-Z]+)* \d+\.\d+")  # the maps' credit line: "CC BY 4.0" is a name


def visible_text(response) -> str:
    assert response.status_code == 200
    return LICENCES.sub(" ", html.unescape(TAGS.sub(" ", response.content.decode())))


def pages():
    congress = Congress.objects.get(ordinal=3)
    return [
        ("admin", reverse("extension:report"), {}),
        ("party_officer", reverse("home"), {}),
        ("party_officer", reverse("party:member_counts"), {}),
        ("agency_officer", reverse("indicators:analysis"), {"indicator": "GTSX", "by": "province"}),
        ("admin", reverse("clusters:picture"), {}),
        ("party_officer", reverse("congress:attendance_panel", args=[congress.pk]), {}),
    ]


@pytest.mark.parametrize(
    ("language", "own", "other"),
    [("vi", VIETNAMESE_ONLY, ENGLISH_ONLY), ("en", ENGLISH_ONLY, VIETNAMESE_ONLY)],
)
def test_key_pages_show_one_number_format(client_for, language, own, other):
    seen_own = 0
    for role, url, params in pages():
        client = client_for(role)
        client.cookies["django_language"] = language
        text = visible_text(client.get(url, params))
        wrong = other.findall(text)
        assert not wrong, f"{url} in {language}: {wrong[:5]}"
        seen_own += len(own.findall(text))
    assert seen_own > 20  # the pages do show grouped and decimal numbers, in the language's style


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ("147.311,0", "2.126", "70,9 %", "95,2 %")),
        ("en", ("147,311.0", "2,126", "70.9 %", "95.2 %")),
    ],
)
def test_number_helpers_follow_the_active_language(language, expected):
    with translation.override(language):
        assert (number(147311, 1), number(2126), percent_of(56, 79), percent(95.238)) == expected


def test_extension_report_chart_script_follows_the_page_language():
    from pathlib import Path

    import cndp

    script = (Path(cndp.__file__).parent / "static" / "cndp" / "extension-report.js").read_text()
    assert 'toLocaleString("vi-VN"' not in script and "documentElement.lang" in script


@pytest.mark.parametrize(("language", "size"), [("vi", "12,5 MB"), ("en", "12.5 MB")])
def test_the_upload_size_message_follows_the_active_language(language, size):
    from cndp.core.importing.files import upload_too_big

    with translation.override(language):
        message = upload_too_big(int(12.5 * 1024 * 1024), 5 * 1024 * 1024)
    assert size in message
