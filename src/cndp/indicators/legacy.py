"""Vietnamese text from old spreadsheets (chữ tiếng Việt từ bảng tính cũ) — plain Python, no Django.

`convert(text)` gives (the text as NFC Unicode, what was converted) for the cases that can be undone
without guessing:
- NFD text (letters followed by combining marks, as macOS and some web forms write them) → NFC;
- UTF-8 read as Windows-1252 ("Nguyá»…n") → the UTF-8 it was;
- TCVN3 (ABC, the .VnTime fonts): each byte of the font stands for one letter ("NguyÔn", "Hµ Néi",
  "§¶ng"), mapped back to Unicode. The font has capital codes only for Ă Â Đ Ê Ô Ơ Ư; a toned capital
  (À, Ấ, Ỗ…) is typed with the lower-case code and shown in capitals by the .VnTimeH fonts. Such a letter
  is written as a capital when (1) the other letters of its word are capitals, one of them after the
  first letter ("§¶NG" → "ĐẢNG", "NGUYÔN" → "NGUYỄN", "ÊN" → "ẤN"), or (2) its word has no such letter and
  the text's other letters are capitals, one of them after a word's first letter ("Hµ NéI" → "HÀ NỘI";
  "Vò Vò" stays "Vũ Vũ"), or (3) it begins a word and every other
  word of the text begins with a capital ("NguyÔn ThÞ ¸nh" → "Nguyễn Thị Ánh"). Otherwise it stays in
  lower case ("Hµ Néi" → "Hà Nội"); the conversion is always shown so the user can check it.
- VNI (VNI-Windows, the VNI-Times fonts): a vowel followed by the byte of its marks ("Nguyeãn",
  "Haø Noäi", "Ñoàng Nai"), read as Windows-1252 characters, mapped back to Unicode. Some of those bytes
  are also ordinary Vietnamese letters ("Hoà" is both Unicode and the VNI spelling of "Hồ"), so a text
  is taken for VNI only when it cannot be ordinary Unicode: every mark byte follows a letter it can mark,
  no TCVN3-only byte is present, and at least one byte or pair never occurs in Vietnamese Unicode ("ø",
  "ä", "aê", "eâ", "ñ" opening a word…). A VNI text of only ambiguous letters is left unconverted (and
  refused by the text check, which names VNI). TCVN3 uses the same bytes for other letters (its "Æ" is
  ặ, VNI's Ỉ): a text the core's detector finds TCVN3 is read as VNI only if it holds a VNI pair that
  TCVN3 cannot spell in a Vietnamese word (a vowel followed by its mark byte, "aø", "eä", "ôù"…; not
  "uû", also TCVN3's "uỷ", nor "YÕ", also TCVN3's "Yế"), and never when it holds a letter VNI never
  writes (TCVN3's Ç, ß, Þ…).
"""

from __future__ import annotations

import re
import unicodedata

NFD, UTF8, TCVN3, VNI = "NFD", "UTF-8", "TCVN3", "VNI"

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
# The letters whose case TCVN3 does not tell: the toned ones (a capital typed with the lower-case code).
# Ă Â Ê Ô Ơ Ư have codes of their own in both cases (as Đ), so they are not among them.
_TCVN3_TONED = frozenset(
    to for to in _TCVN3_TO if unicodedata.decomposition(to) and to.lower() not in "ăâêôơư"
)

# VNI-Windows: for each letter, the VNI spelling of its six forms — no mark, sắc (acute), huyền (grave),
# hỏi (hook), ngã (tilde), nặng (dot) — as Windows-1252 characters; capitals are the same upper-cased.
_VNI_ROWS = {
    "aáàảãạ": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "âấầẩẫậ": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ăắằẳẵặ": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "eéèẻẽẹ": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "êếềểễệ": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "oóòỏõọ": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ôốồổỗộ": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơớờởỡợ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "uúùủũụ": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ưứừửữự": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "iíìỉĩị": ("i", "í", "ì", "æ", "ó", "ò"),
    "yýỳỷỹỵ": ("y", "yù", "yø", "yû", "yõ", "î"),
    "đ": ("ñ",),
}
_TO_VNI: dict[str, str] = {}
for _letters, _spellings in _VNI_ROWS.items():
    for _letter, _spelling in zip(_letters, _spellings, strict=True):
        _TO_VNI[_letter] = _spelling
        _TO_VNI[_letter.upper()] = _spelling.upper()
_FROM_VNI = {spelling: letter for letter, spelling in _TO_VNI.items() if spelling != letter}
# A capital letter followed by a lower-case mark byte is read as the capital ("Aù" → "Á").
_FROM_VNI.update(
    {s[0] + s[1].lower(): letter for s, letter in list(_FROM_VNI.items()) if len(s) == 2 and s[0].isupper()}
)
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _FROM_VNI), key=len, reverse=True)))
_VNI_MARK_BYTES = frozenset(s[1] for s in _FROM_VNI if len(s) == 2)
_VNI_BYTES = frozenset("".join(_FROM_VNI)) - frozenset("aeouyAEOUY")
_VNI_LETTERS = frozenset("".join(_FROM_VNI)) | frozenset("íìÍÌ")  # every letter a VNI text can hold
# Spellings that are also ordinary Unicode: "oá", "oà", "oã" are old-style "hoá", "hoà", and the single
# letters í, ì, ó, ò, ô are Vietnamese letters; every other VNI spelling never occurs in Unicode Vietnamese.
_VNI_AMBIGUOUS = frozenset(
    s for s in _FROM_VNI if s.lower() in ("oá", "oà", "oã") or (len(s) == 1 and s.lower() in "íìóòô")
)
# VNI pairs that TCVN3 also spells in a word: "uû" (uỷ), a capital U or Y and a toned ê ("YÕn" is Yến).
_VNI_WEAK_PAIRS = frozenset({"uû", "Uû", "YÕ", "UÕ", "UÊ", "UÉ", "UÈ", "UË"})
# What TCVN3 uses and VNI does not (U+00A1–U+00BF): in a VNI text these can only be «quotes» and degrees.
_NOT_VNI = frozenset(chr(c) for c in range(0xA1, 0xC0)) - frozenset("«»°±")


def utf8_misread(text: str) -> str | None:
    """The UTF-8 text that was shown as Windows-1252, or None if `text` is not such a misreading."""
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def _cased_word_letters(text: str):
    """The words of `text` as lists of (index, is a toned TCVN3 letter)."""
    words, word = [], []
    for index, ch in enumerate(text):
        if ch.isalpha():
            word.append(index)
        elif word:
            words.append(word)
            word = []
    if word:
        words.append(word)
    return words


def from_tcvn3(text: str) -> str:
    """TCVN3 → Unicode, toned capitals restored by the rules of the module's docstring."""
    out = list(text.translate(TCVN3_TABLE))
    toned = {i for i, ch in enumerate(text) if ch in _TCVN3_FROM and out[i] in _TCVN3_TONED}
    if not toned:
        return "".join(out)
    words = _cased_word_letters("".join(out))
    known = [i for word in words for i in word if i not in toned]
    inner = [i for word in words for i in word[1:] if i not in toned]  # letters that tell the text's case
    text_upper = bool(inner) and all(out[i].isupper() for i in known)
    starts = [word[0] for word in words]
    for word in words:
        if not toned.intersection(word):
            continue
        others = [i for i in word if i not in toned]
        if [i for i in others if i != word[0]]:  # a letter after the first tells the word's case
            upper = all(out[i].isupper() for i in others)
        else:
            upper = text_upper
        if not upper and word[0] in toned and len(words) > 1:
            other_starts = [i for i in starts if i != word[0] and i not in toned]
            if other_starts and all(out[i].isupper() for i in other_starts):
                out[word[0]] = out[word[0]].upper()
        if upper:
            for i in word:
                if i in toned:
                    out[i] = out[i].upper()
    return "".join(out)


def to_tcvn3(text: str) -> str:
    """Unicode (NFC) → TCVN3 as a .VnTime user types it: toned capitals with the lower-case codes."""
    table = {to: fr for fr, to in zip(_TCVN3_FROM, _TCVN3_TO, strict=True)}
    return "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in text)


def to_vni(text: str) -> str:
    """Unicode (NFC) → VNI-Windows, as a VNI-Times user's file holds it."""
    return "".join(_TO_VNI.get(ch, ch) for ch in text)


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _FROM_VNI[m[0]], text)


def is_vni(text: str) -> bool:
    """True when `text` can only be VNI (see the module's docstring)."""
    return vni_evidence(text) is not None


def vni_evidence(text: str) -> str | None:
    """None when `text` is not VNI; "strong" when it holds a VNI pair no other encoding spells in a
    Vietnamese word, "weak" when only single VNI letters tell (see the module's docstring)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return None  # a letter outside Windows-1252 (ộ, ư, đ…): Unicode, not a VNI font's bytes
    if not _VNI_BYTES.intersection(text) or _NOT_VNI.intersection(text):
        return None
    if any(ch > "\x7f" and ch.isalpha() and ch not in _VNI_LETTERS for ch in text):
        return None  # a letter VNI never writes (Ç, ß, Þ…: TCVN3's ầ, ò, ị)
    evidence, position = None, 0
    for match in _VNI_PATTERN.finditer(text):
        between = text[position : match.start()]
        if _VNI_MARK_BYTES.intersection(between):
            return None  # a mark byte after something it cannot mark: "Hà", "Lê" are Unicode
        spelling = match[0]
        position = match.end()
        if spelling in _VNI_AMBIGUOUS:
            continue
        if spelling in "ñÑ":  # đ opens a syllable: "Muñoz" is not VNI
            opens = match.start() == 0 or not text[match.start() - 1].isalpha()
            if not (opens and text[match.end() : match.end() + 1].lower() in tuple("aeiouyôö")):
                continue
        if len(spelling) == 2 and spelling not in _VNI_WEAK_PAIRS:
            evidence = "strong"
        elif evidence is None:
            evidence = "weak"
    if _VNI_MARK_BYTES.intersection(text[position:]):
        return None
    return evidence


def detect(text: str, found: str | None = None) -> str | None:
    """The legacy encoding of `text`: VNI, or `found` — what the core's text check
    (core.importing.textcheck.legacy_encoding) found: UTF-8 (misread as Windows-1252), TCVN3 unless a VNI
    pair says otherwise."""
    if found == UTF8:
        return UTF8
    evidence = vni_evidence(text)
    if evidence == "strong" or (evidence == "weak" and found != TCVN3):
        return VNI
    return found if found in (TCVN3, VNI) else None


def convert(text: str, encoding: str | None = None) -> tuple[str, str | None]:
    """(converted text, NFD / UTF-8 / TCVN3 / VNI or None when nothing was converted). `encoding` is what
    the core's detector found (core.importing.textcheck.legacy_encoding: "UTF-8", "TCVN3", "VNI"); a
    text that can only be VNI is read as VNI whatever the hint, and a VNI hint on a text that could be
    ordinary Unicode converts nothing (the text check then refuses it). NFD is always normalised."""
    encoding = detect(text, encoding)
    if encoding == UTF8:
        fixed = utf8_misread(text)
        if fixed is not None:
            return unicodedata.normalize("NFC", fixed), UTF8
    if encoding == VNI and is_vni(text):
        return unicodedata.normalize("NFC", from_vni(text)), VNI
    if encoding == TCVN3:
        return unicodedata.normalize("NFC", from_tcvn3(text)), TCVN3
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        return nfc, NFD
    return text, None
