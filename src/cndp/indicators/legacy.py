"""Vietnamese text from old spreadsheets (chữ tiếng Việt từ bảng tính cũ) — plain Python, no Django.

`convert(text)` gives (the text as NFC Unicode, what was converted) for the cases that can be undone
without guessing:
- NFD text (letters followed by combining marks, as macOS and some web forms write them) → NFC;
- UTF-8 read as Windows-1252 ("Nguyá»…n") → the UTF-8 it was;
- TCVN3 (ABC, the .VnTime fonts): each byte of the font stands for one lower-case letter ("NguyÔn",
  "Hµ Néi", "§¶ng"), mapped back to Unicode. Capitals typed with the .VnTimeH fonts use the same bytes
  and come back in lower case: the conversion is shown so the user can check it.
VNI (a letter followed by a mark byte) is left to the caller to refuse: its marks are also ordinary
Western letters, so converting it blindly would corrupt correct text.
"""

from __future__ import annotations

import unicodedata

NFD, UTF8, TCVN3 = "NFD", "UTF-8", "TCVN3"

# TCVN3 (TCVN 5712:1993, VN3) bytes as Latin-1 characters → the letters they stand for.
_TCVN3_FROM = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\u00adõøö÷ù"
    "úýûüþ" "¡¢§£¤¥¦"
)  # fmt: skip
_TCVN3_TO = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự"
    "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ"
)  # fmt: skip
TCVN3_TABLE = str.maketrans(dict(zip(_TCVN3_FROM, _TCVN3_TO, strict=True)))


def utf8_misread(text: str) -> str | None:
    """The UTF-8 text that was shown as Windows-1252, or None if `text` is not such a misreading."""
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def from_tcvn3(text: str) -> str:
    return text.translate(TCVN3_TABLE)


def convert(text: str, encoding: str | None = None) -> tuple[str, str | None]:
    """(converted text, NFD / UTF-8 / TCVN3 or None when nothing was converted). `encoding` is what a
    detector found (core.importing.textcheck.legacy_encoding: "UTF-8" for UTF-8 read as Windows-1252,
    "TCVN3", "VNI"); a short text can read as more than one, so the detector decides, not this function.
    VNI and unknown encodings are not converted; NFD is always normalised."""
    if encoding == UTF8:
        fixed = utf8_misread(text)
        if fixed is not None:
            return unicodedata.normalize("NFC", fixed), UTF8
    if encoding == TCVN3:
        return unicodedata.normalize("NFC", from_tcvn3(text)), TCVN3
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        return nfc, NFD
    return text, None
