"""No working note in an official document or on a working screen (issue 13, item 5).

Rules and settings not yet checked against the source text are marked for the administrator only
(the admin); the minutes, ballots, delegate cards, attendance report, synthesis table (PDF, Excel), the
extension report (PDF, Excel) and the congress / election working screens never print the marking.
Every document is rendered through its public URL, as the secretariat downloads it, and read back.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cndp.congress.models import Congress, DraftDocument
from cndp.core.tests.pdf import pdf_text
from cndp.elections.models import Election

pytestmark = pytest.mark.django_db

MARKERS = ("CHƯA XÁC NHẬN", "UNCONFIRMED", "chưa được đối chiếu", "chưa xác nhận")


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response["Content-Type"]
    if "pdf" in kind:
        return pdf_text(content)
    if "spreadsheet" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return unicodedata.normalize("NFC", content.decode("utf-8"))


def _found(text: str) -> list[str]:
    folded = text.casefold()
    return [m for m in MARKERS if m.casefold() in folded]


def _documents() -> list[str]:
    urls = []
    for congress in Congress.objects.all():
        urls += [
            reverse("congress:cards", args=[congress.pk]),
            reverse("congress:attendance_report", args=[congress.pk]),
        ]
    for election in Election.objects.exclude(candidates=None).distinct():
        urls.append(reverse("elections:ballot", args=[election.pk]))
        if election.result:
            urls.append(reverse("elections:minutes", args=[election.pk]))
    for document in DraftDocument.objects.all():
        urls += [
            reverse("congress:document_synthesis_pdf", args=[document.pk]),
            reverse("congress:document_synthesis_xlsx", args=[document.pk]),
        ]
    return urls


def _screens() -> list[str]:
    urls = []
    for congress in Congress.objects.all():
        urls += [
            reverse("congress:congress_detail", args=[congress.pk]),
            reverse("congress:proceedings", args=[congress.pk]),
            reverse("congress:checkin", args=[congress.pk]),
            reverse("congress:attendance_panel", args=[congress.pk]),
            reverse("elections:board", args=[congress.pk]),
        ]
    for election in Election.objects.all():
        urls += [
            reverse("elections:election_detail", args=[election.pk]),
            reverse("elections:projector", args=[election.pk]),
        ]
    for document in DraftDocument.objects.all():
        urls.append(reverse("congress:document_detail", args=[document.pk]))
    return urls


def test_no_official_document_prints_a_working_note(client_for):
    client = client_for("admin")
    urls = _documents()
    assert any(u.endswith("minutes.pdf") for u in urls) and any(u.endswith("cards.pdf") for u in urls)
    assert any(u.endswith("ballot.pdf") for u in urls) and any(u.endswith("synthesis.xlsx") for u in urls)
    found = {url: _found(_text(client.get(url))) for url in urls}
    assert not {url: hits for url, hits in found.items() if hits}


def test_no_working_screen_shows_a_working_note(client_for):
    client = client_for("admin")
    found = {}
    for url in _screens():
        response = client.get(url)
        if response.status_code in (
            302,
            403,
            404,
        ):  # a screen this congress's / election's state does not offer
            continue
        found[url] = _found(_text(response))
    assert len(found) > 5
    assert not {url: hits for url, hits in found.items() if hits}


def test_the_administrator_still_sees_the_marking(client_for):
    congress = Congress.objects.filter(rule_set="244-QD/TW-2014").first() or Congress.objects.first()
    assert not congress.rules.quorum_confirmed
    response = client_for("admin").get(reverse("admin:congress_congress_change", args=[congress.pk]))
    assert "CHƯA XÁC NHẬN" in response.content.decode()
    listing = client_for("admin").get(reverse("admin:congress_congress_changelist"))
    assert "CHƯA XÁC NHẬN" in listing.content.decode()


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_extension_report_prints_no_working_note(client_for, fmt):
    """The extension report's PDF and Excel, through their public URL (the extension report page)."""
    response = client_for("agency_officer").get(reverse("extension:report"), {"format": fmt})
    text = _text(response)
    assert len(text) > 200  # the report was rendered and read
    assert not _found(text)
