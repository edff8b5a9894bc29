"""Reading a rendered PDF back as text in tests (one helper for every PDF test).

Uses poppler's `pdftotext` (Debian's poppler-utils, installed by .ci/run). Without it the test fails and
says so: a PDF test never passes, or skips, without having read the document.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    """The text of a PDF, NFC-normalised (with `layout`, columns kept in place as pdftotext -layout)."""
    assert content.startswith(b"%PDF"), "not a PDF document"
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed to read the PDF: apt-get install poppler-utils"
    args = [tool, *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(args, input=content, capture_output=True, check=True).stdout
    return unicodedata.normalize("NFC", out.decode("utf-8"))
