"""Text a person cannot see is wrong (kiểm tra chữ trong ô): control characters, invisible direction marks
and zero-width characters, and Vietnamese typed in a legacy encoding (TCVN3/ABC with the .VnTime fonts,
VNI with the VNI-Times fonts) or UTF-8 read as Windows-1252, which look right in the author's font and
garbled everywhere else, and defeat search and duplicate checks.

`problem(text)` gives the message for the first problem found, naming what was found and how to fix it
(Unikey converts legacy encodings), or None. Plain Python: no Django models, no openpyxl.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cndp.core.text import HIDDEN_CHARACTERS

# The Latin-1 letters of NFC Vietnamese; every other character from U+00A1 to U+00FE in a name is suspect.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# The bytes TCVN3 (ABC) uses for Vietnamese letters, shown in any font but .VnTime as Latin-1 characters:
# "Nguyễn" is "NguyÔn", "Hà Nội" is "Hµ Néi", "Đảng" is "§¶ng".
_TCVN3_BYTES = [*range(0xA1, 0xAF), *range(0xB5, 0xBA), *range(0xBB, 0xBF), *range(0xC6, 0xCD)]
_TCVN3_BYTES += [*range(0xCE, 0xD9), *range(0xDC, 0xF0), *range(0xF1, 0xFF)]
_TCVN3_CHARS = frozenset(chr(b) for b in _TCVN3_BYTES) - _VIETNAMESE_LATIN1
# VNI: a letter followed by the byte of its mark: "Nguyeãn", "Haø Noäi", "Ñaûng" (đ is ñ, Đ is Ñ). No
# Vietnamese word has a or e followed by an accented vowel (â, ê and ă are "aâ", "eâ", "aê" in VNI).
_VNI_MARKS = frozenset("øûïåäëüöæØÛÏÅÄËÜÖÆ")
_VNI_D = frozenset("ñÑ")
# Ð (U+00D0, TCVN3's é) is left out: it is also typed by mistake for Đ, which is not a matter of encoding.
_TCVN3_ONLY = _TCVN3_CHARS - _VNI_MARKS - _VNI_D - frozenset("«»\u00adÐ")
_TCVN3_LETTER_QUOTES = frozenset("«»")  # ô and ằ in TCVN3; quotation marks when not inside a word
# Control characters (but tab and line breaks) and the invisible format characters: one pattern with the
# forms and the API (core.text); a soft hyphen (U+00AD) is TCVN3's ư inside a word, else invisible.
_HIDDEN = HIDDEN_CHARACTERS
_LATIN1 = re.compile("[\u00a1-\u00ff]")
_NAMES = {
    "\u200b": gettext_noop("khoảng trắng độ rộng 0"),
    "\u200c": gettext_noop("ký tự nối độ rộng 0"),
    "\u200d": gettext_noop("ký tự nối độ rộng 0"),
    "\u200e": gettext_noop("dấu định hướng trái sang phải"),
    "\u200f": gettext_noop("dấu định hướng phải sang trái"),
    "\u202a": gettext_noop("dấu định hướng trái sang phải"),
    "\u202b": gettext_noop("dấu định hướng phải sang trái"),
    "\u202c": gettext_noop("dấu kết thúc định hướng"),
    "\u202d": gettext_noop("dấu ép hướng trái sang phải"),
    "\u202e": gettext_noop("dấu ép hướng phải sang trái"),
    "\u2066": gettext_noop("dấu cô lập hướng"),
    "\u2067": gettext_noop("dấu cô lập hướng"),
    "\u2068": gettext_noop("dấu cô lập hướng"),
    "\u2069": gettext_noop("dấu kết thúc cô lập hướng"),
    "\u2060": gettext_noop("ký tự nối từ ẩn"),
    "\ufeff": gettext_noop("dấu BOM"),
    "\u00ad": gettext_noop("dấu gạch nối mềm"),
}


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def legacy_encoding(text: str) -> str | None:
    """ "TCVN3", "VNI", "UTF-8" (UTF-8 bytes shown as Windows-1252) or None."""
    if _utf8_misread(text):
        return "UTF-8"
    if any(ch in _TCVN3_ONLY for ch in text):
        return "TCVN3"
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if ch in _VNI_MARKS and before.isalpha():
            return "VNI"
        if ch in _VNI_D and not before.isalpha() and after in "aeiouyAEIOUY":  # đ begins a word
            return "VNI"
        if before in "aeAE" and "\u00c0" <= ch <= "\u00ff" and ch.isalpha():
            return "VNI"
        if ch in _TCVN3_LETTER_QUOTES and before.isalpha() and after.isalpha():  # c«ng, b»ng
            return "TCVN3"
        if ch == "\u00ad" and before.isalpha() and after.isalpha():  # ư: n\u00adíc (nước)
            return "TCVN3"
    return None


def _utf8_misread(text: str) -> bool:
    """UTF-8 bytes shown as Windows-1252 ("Nguyá»…n", "Ä‘áº£ng") re-encode to other valid UTF-8 text; a
    Vietnamese text (with letters outside Windows-1252) or a legacy one does not."""
    try:
        return text.encode("cp1252").decode("utf-8") != text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def problem(text: str) -> str | None:
    """What is wrong with the text of a cell (already NFC), with how to fix it; None if nothing."""
    found = _HIDDEN.search(text)
    if found and found[0] != "\u00ad":
        ch, position = found[0], found.start() + 1
        if unicodedata.category(ch) == "Cc":
            return _(
                "có ký tự điều khiển %(code)s ở vị trí %(pos)s (không nhìn thấy được, thường do chép từ phần "
                "mềm khác): hãy xóa nội dung ô và gõ lại."
            ) % {"code": _code(ch), "pos": position}
        if ch == "\ufffd":
            return _(
                "có ký tự lỗi «\ufffd» ở vị trí %(pos)s: chữ đã bị hỏng khi chuyển bảng mã; hãy gõ lại từ "
                "bản gốc."
            ) % {"pos": position}
        return _(
            "có ký tự ẩn %(code)s (%(name)s) ở vị trí %(pos)s, thường do chép từ trang web hoặc tệp PDF; "
            "nó làm chữ hiển thị sai thứ tự hoặc không tìm kiếm được: hãy xóa nội dung ô và gõ lại."
        ) % {"code": _code(ch), "name": _(_NAMES.get(ch, gettext_noop("ký tự định dạng"))), "pos": position}
    if not _LATIN1.search(text):  # every legacy encoding shows as Latin-1 characters
        return None
    encoding = legacy_encoding(text)
    sample = text if len(text) <= 40 else text[:40] + "…"
    if encoding == "TCVN3":
        return _(
            "«%(v)s» có vẻ được gõ bằng bảng mã TCVN3 (ABC, phông .VnTime): hãy dùng Unikey (Công cụ chuyển "
            "mã) chuyển mã từ TCVN3 (ABC) sang Unicode dựng sẵn rồi nhập lại."
        ) % {"v": sample}
    if encoding == "VNI":
        return _(
            "«%(v)s» có vẻ được gõ bằng bảng mã VNI (phông VNI-Times): hãy dùng Unikey (Công cụ chuyển mã) "
            "chuyển mã từ VNI Windows sang Unicode dựng sẵn rồi nhập lại."
        ) % {"v": sample}
    if encoding == "UTF-8":
        return _(
            "«%(v)s» bị lỗi bảng mã (chữ Unicode UTF-8 bị đọc theo bảng mã khác): hãy mở lại tệp gốc với "
            "bảng mã UTF-8 (65001) rồi chép lại, hoặc dùng Unikey chuyển mã sang Unicode dựng sẵn."
        ) % {"v": sample}
    if "\u00ad" in text:
        return _("có ký tự ẩn U+00AD (dấu gạch nối mềm) ở vị trí %(pos)s: hãy xóa nội dung ô và gõ lại.") % {
            "pos": text.index("\u00ad") + 1
        }
    return None
