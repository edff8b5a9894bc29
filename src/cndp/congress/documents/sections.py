"""Splitting a pasted draft document into sections (tách dự thảo thành các mục). Plain Python, no Django.

A heading is a line that starts with a section mark followed by white space (or nothing):

    I.   II.  IV.            Roman numerals — level 1 (phần, mục lớn)
    1.   2.   12.            Arabic numbers — level 2, numbered under the current Roman heading: "I.2"
    1.1. 2.3.                nested Arabic numbers — numbered the same way: "II.1.1"

Everything after the mark on the heading line is the section title; when the mark stands alone on its
line, the next non-empty line is the title. The lines up to the next heading are the section text. Text
before the first heading (the preamble) becomes a section without mark or number.

Nothing is lost or reordered: joining mark, title and text of every section gives back the input, up to
white space (a property the tests check with hypothesis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Section", "split_sections", "parse_heading", "joined"]

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_HEADING = re.compile(
    r"^[^\S\r\n]*(?P<mark>(?P<roman>" + _ROMAN + r")\.|(?P<arabic>[0-9]{1,2}(?:\.[0-9]{1,2})*)\.)"
    r"(?:[^\S\r\n]+(?P<title>.*?))?[^\S\r\n]*$"
)


@dataclass(frozen=True)
class Section:
    """One section: `mark` as written ("2."), `number` qualified by its parent ("I.2"), title, text."""

    mark: str
    number: str
    title: str
    text: str


def parse_heading(line: str) -> tuple[str, str, str] | None:
    """(mark, kind, title) of a heading line, kind "roman" or "arabic"; None for a body line."""
    match = _HEADING.match(line)
    if match is None:
        return None
    roman, arabic = match.group("roman"), match.group("arabic")
    if roman == "" and arabic is None:  # "." alone: the empty Roman numeral
        return None
    kind = "roman" if roman else "arabic"
    return match.group("mark"), kind, (match.group("title") or "").strip()


def split_sections(text: str) -> list[Section]:
    """Split `text` into sections at its heading lines (see the module docstring)."""
    lines = text.splitlines()
    sections: list[Section] = []
    preamble: list[str] = []
    current: dict | None = None
    roman = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = parse_heading(line)
        if heading is None:
            (current["body"] if current is not None else preamble).append(line)
            i += 1
            continue
        if current is not None:
            sections.append(_close(current))
        mark, kind, title = heading
        own = mark[:-1]
        if kind == "roman":
            roman, number = own, own
        else:
            number = f"{roman}.{own}" if roman else own
        if not title:  # the mark alone on its line: the next non-empty line is the title
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and parse_heading(lines[j]) is None:
                title, i = lines[j].strip(), j
        current = {"mark": mark, "number": number, "title": title, "body": []}
        i += 1
    if current is not None:
        sections.append(_close(current))
    intro = "\n".join(preamble).strip()
    if intro:
        sections.insert(0, Section(mark="", number="", title="", text=intro))
    return sections


def _close(current: dict) -> Section:
    return Section(
        mark=current["mark"],
        number=current["number"],
        title=current["title"],
        text="\n".join(current["body"]).strip(),
    )


def joined(sections: list[Section]) -> str:
    """The sections written back one after the other (mark, title, text)."""
    return "\n".join(" ".join(p for p in (s.mark, s.title, s.text) if p) for s in sections)
