"""The English catalogue (bản dịch tiếng Anh): the committed .mo is the compiled .po, no entry is left
fuzzy, and every translation keeps the placeholders of its Vietnamese source.

Untranslated entries are not counted here: strings are added between catalogue refreshes, and an empty
translation only shows the Vietnamese source, whereas a stale .mo or a fuzzy guess shows wrong English.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

import cndp

CATALOGUE = Path(cndp.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdf]")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    def mo_items(self) -> dict:
        """The (key, text) pairs msgfmt writes for this entry, keyed as gettext.GNUTranslations reads
        them: a context as "context\\x04msgid", a plural form as (msgid, n)."""
        key = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is None:
            return {key: self.msgstr[0]}
        return {(key, n): text for n, text in self.msgstr.items()}


def parse_po(text: str) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries skipped), header included (msgid "")."""
    entries: list[Entry] = []
    entry, target = Entry(), None
    started = False

    def finish():
        nonlocal entry, target, started
        if started:
            entries.append(entry)
        entry, target, started = Entry(), None, False

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
            continue
        if line.startswith("#,"):
            if started and target is not None and target[0] == "msgstr":
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            value = ast.literal_eval(rest)
            started = True
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            target = ("msgstr", int(match[1])) if match else (keyword, 0)
            if target[0] == "msgstr":
                entry.msgstr.setdefault(target[1], "")
            elif target[0] == "msgctxt":
                entry.msgctxt = ""
            elif target[0] == "msgid_plural":
                entry.msgid_plural = ""
        name, index = target
        if name == "msgstr":
            entry.msgstr[index] += value
        elif name == "msgid":
            entry.msgid += value
        elif name == "msgctxt":
            entry.msgctxt += value
        elif name == "msgid_plural":
            entry.msgid_plural += value
    finish()
    return entries


def stale_entries(entries: list[Entry], mo_catalog: dict) -> list[str]:
    """What differs between the compiled catalogue and the translated, non-fuzzy .po entries."""
    expected: dict = {}
    for entry in entries:
        if entry.msgid and entry.translated and "fuzzy" not in entry.flags:
            expected.update(entry.mo_items())
    compiled = {key: text for key, text in mo_catalog.items() if key != ""}
    problems = [f"not compiled: {key!r}" for key in expected.keys() - compiled.keys()]
    problems += [f"compiled but not in the .po: {key!r}" for key in compiled.keys() - expected.keys()]
    problems += [
        f"compiled text differs: {key!r}"
        for key in expected.keys() & compiled.keys()
        if expected[key] != compiled[key]
    ]
    return sorted(problems)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po((CATALOGUE / "django.po").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mo_catalog() -> dict:
    with (CATALOGUE / "django.mo").open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def test_the_parser_reads_contexts_plurals_flags_and_continued_lines():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\n#| msgid "cũ"\nmsgid "Có %(n)s "\n"dòng"\nmsgstr "%(n)s rows"\n\n'
        'msgctxt "plural"\nmsgid "chi bộ"\nmsgstr "cells"\n\n'
        'msgid "Còn %(n)s người"\nmsgid_plural "Còn %(n)s người"\nmsgstr[0] "%(n)s person"\nmsgstr[1] ""\n\n'
        '#~ msgid "bỏ"\n#~ msgstr "gone"\n'
    )
    header, fuzzy, plural_ctx, plural = parse_po(sample)
    assert header.msgid == "" and header.msgstr == {0: "Language: en\n"}
    assert fuzzy.msgid == "Có %(n)s dòng" and fuzzy.flags == {"fuzzy", "python-format"}
    assert plural_ctx.mo_items() == {"plural\x04chi bộ": "cells"}
    assert plural.msgid_plural == "Còn %(n)s người" and not plural.translated


def test_no_entry_is_fuzzy(entries):
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == [], "fuzzy translations left in the English catalogue (check and unflag them)"


def test_the_committed_mo_is_the_compiled_po(entries, mo_catalog):
    assert len(entries) > 1000
    assert stale_entries(entries, mo_catalog) == [], "run `make messages` and commit the .mo"


def test_a_changed_or_new_translation_shows_as_stale(entries, mo_catalog):
    translated = next(e for e in entries if e.msgid and e.translated and e.msgid_plural is None)
    changed = Entry(translated.msgid, translated.msgctxt, None, {0: translated.msgstr[0] + "!"})
    added = Entry("Một chuỗi mới chưa biên dịch", None, None, {0: "A new string not yet compiled"})
    others = [e for e in entries if e is not translated]
    problems = stale_entries([*others, changed, added], mo_catalog)
    assert problems == sorted(
        [f"compiled text differs: {translated.msgid!r}", "not compiled: 'Một chuỗi mới chưa biên dịch'"]
    )


def test_translations_keep_the_placeholders_of_the_source(entries):
    wrong = []
    for entry in entries:
        if not entry.msgid or not entry.translated:
            continue
        source = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstr.values():
            used = set(PLACEHOLDER.findall(text))
            # a singular form may say "one" instead of %(n)s; nothing else may be dropped or invented
            if used - source or (entry.msgid_plural is None and used != source):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_django_serves_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Tài khoản và đơn vị") == "Accounts and units"
        assert translation.pgettext("plural", "bộ đếm mã đề án") == "project code counters"
    with translation.override("vi"):
        assert translation.gettext("Tài khoản và đơn vị") == "Tài khoản và đơn vị"
