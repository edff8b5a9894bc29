"""Vietnamese text helpers (văn bản tiếng Việt): NFC normalisation, accent folding, name order.

Plain Python, no Django. Used at every input boundary (forms, imports, API) and for search and sorting.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "nfc",
    "fold",
    "split_name",
    "given_name",
    "collation_key",
    "name_sort_key",
    "format_number",
    "format_percent",
    "parse_day",
    "hidden_characters",
]

_SPACES = re.compile(r"\s+")

# Letters that look like Đ/đ but are other code points (Icelandic eth, African D).
_D_LOOKALIKES = {"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"}
_D_TRANSLATION = str.maketrans(_D_LOOKALIKES)


def nfc(text: str | None) -> str:
    """NFC-normalise, replace đ look-alikes, trim and fold runs of white space into one space."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_D_TRANSLATION)
    return _SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """Accent-insensitive form for search (bỏ dấu): lower case, no diacritics, đ → d.

    >>> fold("Nguyễn Thị Đào")
    'nguyen thi dao'
    """
    text = nfc(text).casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name written family-first: "Nguyễn Văn An"."""
    words = nfc(full_name).split(" ")
    words = [w for w in words if w]
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def given_name(full_name: str) -> str:
    """The given name (tên): the last word of a Vietnamese full name."""
    return split_name(full_name)[2]


# Vietnamese alphabetical order; f, j, w, z (foreign letters) in their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_DIGITS = "0123456789"
# Two-digit codes; "00" separates words and parts, so it must sort before every letter.
_CODES = {ch: f"{i + 1:02d}" for i, ch in enumerate(_DIGITS + _ALPHABET)}
_MODIFIERS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn
# Tone order of Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WITH_MODIFIER = {
    ("a", "ă"): "ă",
    ("a", "â"): "â",
    ("e", "â"): "ê",
    ("o", "â"): "ô",
    ("o", "ơ"): "ơ",
    ("u", "ơ"): "ư",
}


def _letters(word: str) -> list[tuple[str, str]]:
    """Split a word into (base letter, tone digit) pairs in Vietnamese terms."""
    out: list[tuple[str, str]] = []
    for ch in nfc(word).casefold():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        tone = "0"
        for mark in marks:
            if mark in _MODIFIERS:
                base = _WITH_MODIFIER.get((base, _MODIFIERS[mark]), base)
            elif mark in _TONES:
                tone = _TONES[mark]
        out.append((base, tone))
    return out


def _word_key(word: str) -> str:
    """One word's key: its letters (two digits each, from "01"), "00", then its tones (one digit each)."""
    primary: list[str] = []
    tones: list[str] = []
    for base, tone in _letters(word):
        code = _CODES.get(base)
        if code is None:
            folded = fold(base)
            code = _CODES.get(folded[:1], "99") if folded else "99"
        primary.append(code)
        tones.append(tone)
    return "".join(primary) + "00" + "".join(tones)


def collation_key(words: list[str]) -> str:
    """A digit-only key that sorts strings in Vietnamese dictionary order in any database collation.

    Word by word: a word's letters first (a < ă < â < b … đ after d; two digits a letter, "00" ending the
    word, so a shorter word comes first), then its tones (ngang < huyền < hỏi < ngã < sắc < nặng; one
    digit a letter). A word decides entirely — letters, then tones — before the next word is looked at.
    Only ASCII digits: byte order (SQLite, PostgreSQL "C"), any locale's collation and Python agree.
    """
    return "".join(_word_key(word) for word in words if word)


def name_sort_key(full_name: str) -> str:
    """Sort key for a person: given name, then middle name, then family name (thứ tự tên người Việt).

    Each part decides entirely before the next: "Trần Anh" < "Nguyễn Ánh" (Anh before Ánh, whatever the
    family name). The middle name ends with "00", so no middle name comes first and a middle name comes
    before a longer one that starts with it ("Vũ Thị Hà" < "Vũ Thị Thu Hà").
    """
    family, middle, given = split_name(full_name)
    key = collation_key([given])
    if family:
        key += collation_key(middle.split(" ")) + "00" + collation_key([family])
    return key[:255]


def parse_day(text: str | None) -> datetime.date | None:
    """'10/06/2015' or '2015-06-10' → a date; anything else → None (never raises)."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def format_number(
    value: int | float | Decimal,
    decimals: int = 0,
    *,
    decimal_separator: str = ",",
    thousand_separator: str = ".",
) -> str:
    """1234567 → '1.234.567'; 95.238 with 2 decimals → '95,24' (half up). Vietnamese separators unless
    others are given (the screens pass the active language's: `cndp.core.numbers`)."""
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = thousand_separator.join(groups)
    return sign + text + (decimal_separator + fraction if fraction else "")


def format_percent(numerator: int, denominator: int, decimals: int = 1, **separators: str) -> str:
    """56 of 79 → '70,9 %' (0 when the denominator is 0); `separators` as format_number's."""
    if not denominator:
        return format_number(0, decimals, **separators) + " %"
    return format_number(Decimal(numerator * 100) / Decimal(denominator), decimals, **separators) + " %"


# Characters a person cannot see or type on purpose: C0/C1 controls (a tab or a line break is allowed only
# where the field is multi-line), direction marks and overrides (U+200E/F, U+202A–202E, U+2066–2069),
# zero-width and other invisible format characters, the soft hyphen, the byte-order mark and tag
# characters. They make a name look right and compare wrong. Shared by forms, the API and imports.
HIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffd\U000e0001-\U000e007f]"
)
_LINE_BREAKS = re.compile("[\t\n\r]")


def hidden_characters(text: str | None, multiline: bool = False) -> list[str]:
    """The invisible or control characters in `text`, as code points ('U+202E'), each once, in order.

    >>> hidden_characters("Nguy" + chr(0x202E) + "ễn")
    ['U+202E']
    """
    if not text:
        return []
    found = HIDDEN_CHARACTERS.findall(text) + ([] if multiline else _LINE_BREAKS.findall(text))
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in found))
