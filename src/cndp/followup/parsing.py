"""Reading a conclusion notice's text (đọc văn bản thông báo kết luận) — plain Python, no Django.

An officer pastes the sections of a notice (I. Đánh giá chung / II. Nhiệm vụ, giải pháp / III. Về các
kiến nghị) and gets one task per assignment, each with its place in the notice ("III.1(ii)"), its lead
unit ("Giao X chủ trì"), its coordinating units ("phối hợp với Y, Z"), and its deadline ("trong tháng 8
năm 2026", "trước ngày 15/11/2026", "quý IV/2026", "thường xuyên"); the officer confirms each before
anything is saved.

Shapes read (the structure of real notices, domain reference on clusters and follow-up §3):
- sections "I.", "II.", "III." (a section titled "Đánh giá …" assesses and assigns nothing);
- items "1." and under them "a)" or "-" / "+" / "•" bullets; a line with no marker continues the item
  above (wrapped lines); text before the first marker is the notice's opening, "Nơi nhận" ends it;
- one sentence holding several tasks: "Giao Bộ X: (i) …; (ii) …" (each a task, place "…(ii)");
- text in NFD (decomposed accents, as some word processors paste it) is read as NFC.

Places: "III.1(ii)" — section, item, letter ("II.2.a"), bullet ("II.1-2": the second bullet), sub-item.
Units are matched accent-insensitively against the names and abbreviations the caller gives
(`UnitRef`), the longest name first ("Vụ Pháp chế" before "Bộ"); what no unit matches is kept as text
for the review screen.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cndp.core.text import nfc

# Deadline kinds (the values of choices.DeadlineKind).
DATE = "date"  # a date (a month or a quarter normalised to its last day)
RECURRING = "recurring"  # thường xuyên
NONE = "none"  # không thời hạn

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@dataclass(frozen=True)
class UnitRef:
    """A unit the text may name: its key (the Unit's pk) and its names and abbreviations."""

    key: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Deadline:
    kind: str = NONE
    date: datetime.date | None = None
    text: str = ""  # the words it was read from ("trong tháng 8 năm 2026")


@dataclass
class ParsedTask:
    """One assignment read from the notice, to be confirmed on the review screen."""

    place: str
    content: str
    lead: int | None = None
    lead_text: str = ""  # the words naming the lead unit (kept when no unit matched)
    coordinators: list[int] = field(default_factory=list)
    coordinators_text: str = ""
    deadline: Deadline = field(default_factory=Deadline)
    section: str = ""  # the section's title ("Về các kiến nghị")


# ---- accent-insensitive matching with positions kept --------------------------------------------------


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch


def fold_aligned(text: str) -> str:
    """The text folded (lower case, no accents, đ → d) character by character, so a position in the
    folded text is the same position in the (NFC) text."""
    return "".join(_fold_char(c) for c in text)


def _normalise(text: str) -> str:
    """NFC, đ look-alikes replaced, line breaks kept, runs of spaces within a line folded."""
    lines = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(nfc(line) for line in lines)


class UnitMatcher:
    """Finds unit names in a text, accent-insensitively, longest name first."""

    def __init__(self, units: Iterable[UnitRef]):
        pairs = []
        for unit in units:
            for name in unit.names:
                folded = fold_aligned(nfc(name))
                if len(folded) >= 2:
                    pairs.append((folded, unit.key))
        # Longest first, so "bo cong thuong" is not read as "bo".
        self.names = sorted(set(pairs), key=lambda p: (-len(p[0]), p[0], p[1]))
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n, _ in self.names) + r")(?!\w)")
            if self.names
            else None
        )
        self._keys = {}
        for name, key in self.names:
            self._keys.setdefault(name, key)

    def find_all(self, folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(start, end, key) of every unit named in folded[start:end], left to right, no overlaps."""
        if self._pattern is None:
            return []
        end = len(folded) if end is None else end
        return [
            (m.start(), m.end(), self._keys[m.group(1)]) for m in self._pattern.finditer(folded, start, end)
        ]

    def at(self, folded: str, pos: int) -> tuple[int, int] | None:
        """(end, key) of the unit named at `pos` (the longest), None if none."""
        if self._pattern is None:
            return None
        m = self._pattern.match(folded, pos)
        return (m.end(), self._keys[m.group(1)]) if m else None

    def ending_at(self, folded: str, pos: int) -> tuple[int, int] | None:
        """(start, key) of the unit whose name ends at `pos` (the longest), None if none."""
        head = folded[:pos].rstrip()
        for name, key in self.names:
            if head.endswith(name) and (len(head) == len(name) or not head[-len(name) - 1].isalnum()):
                return len(head) - len(name), key
        return None


# ---- deadlines --------------------------------------------------------------------------------------------

_YEAR = r"(\d{4})"
_DEADLINE_PATTERNS = [
    # trước (ngày) 15/11/2026, trước ngày 15-11-2026, chậm nhất ngày 15/11/2026, hoàn thành ngày …
    (
        "day",
        re.compile(r"(?:truoc|cham nhat|han|xong|hoan thanh)(?: ngay)? (\d{1,2})[/.-](\d{1,2})[/.-]" + _YEAR),
    ),
    # trước ngày 15 tháng 11 năm 2026
    ("day", re.compile(r"(?:truoc|cham nhat)(?: ngay)? (\d{1,2}) thang (\d{1,2}) nam " + _YEAR)),
    # (trong) tháng 8 năm 2026, tháng 10/2026
    ("month", re.compile(r"thang (\d{1,2})(?: nam |/)" + _YEAR)),
    # quý IV/2026, quý 4 năm 2026
    ("quarter", re.compile(r"quy (iv|iii|ii|i|[1-4])(?: nam |/)" + _YEAR)),
    # 6 tháng đầu năm 2026
    ("half", re.compile(r"6 thang (dau|cuoi) nam " + _YEAR)),
    # trong năm 2026, năm 2026 (alone)
    ("year", re.compile(r"(?:trong|hoan thanh|truoc het|cuoi) nam " + _YEAR)),
    # a bare date in parentheses: (15/11/2026)
    ("day", re.compile(r"\((\d{1,2})/(\d{1,2})/" + _YEAR + r"\)")),
]
_RECURRING = re.compile(r"thuong xuyen|hang thang|hang quy|dinh ky|lien tuc")


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def read_deadline(text: str) -> Deadline:
    """The deadline written in `text`: the last one named (a task's deadline closes its sentence), a
    month or a quarter taken as its last day; "thường xuyên" is recurring; nothing is no deadline."""
    text = _normalise(text).replace("\n", " ")
    folded = fold_aligned(text)
    found = []
    for kind, pattern in _DEADLINE_PATTERNS:
        for m in pattern.finditer(folded):
            try:
                date = _deadline_date(kind, m.groups())
            except ValueError:
                continue
            found.append((m.end(), m.end() - m.start(), m.start(), date))
    if found:
        end, _length, start, date = max(found)
        return Deadline(DATE, date, text[start:end].strip(" ()"))
    m = _RECURRING.search(folded)
    if m:
        return Deadline(RECURRING, None, text[m.start() : m.end()])
    return Deadline()


def _deadline_date(kind: str, groups: Sequence[str]) -> datetime.date:
    if kind == "day":
        day, month, year = (int(g) for g in groups)
        return datetime.date(year, month, day)
    if kind == "month":
        month, year = int(groups[0]), int(groups[1])
        return _month_end(year, month)
    if kind == "quarter":
        quarter = ROMAN.get(groups[0]) or int(groups[0])
        return _month_end(int(groups[1]), quarter * 3)
    if kind == "half":
        return _month_end(int(groups[1]), 6 if groups[0] == "dau" else 12)
    year = int(groups[0])
    if not 1990 <= year <= 2100:
        raise ValueError(year)
    return datetime.date(year, 12, 31)


# ---- units: "Giao X chủ trì, phối hợp với Y" ------------------------------------------------------------

_LEAD_WORDS = re.compile(r"(?<!\w)(?:giao cho|giao|de nghi|yeu cau|dong y de)\s+")
_CHU_TRI = re.compile(r"(?<!\w)chu tri(?!\w)")
_PHOI_HOP = re.compile(r"(?<!\w)phoi hop(?: chat che)?(?: voi)?(?: cac)?\s+")
_JOINERS = re.compile(r"^(?:\s|,|;|va\s|cac\s|voi\s)*")


@dataclass
class _Units:
    lead: int | None = None
    lead_text: str = ""
    coordinators: list[int] = field(default_factory=list)
    coordinators_text: str = ""


def read_units(text: str, matcher: UnitMatcher) -> _Units:
    """The lead unit ("Giao X …", "X chủ trì") and the coordinating units ("phối hợp với Y, Z và W")."""
    folded = fold_aligned(text)
    found = _Units()
    chu_tri = _CHU_TRI.search(folded)
    if chu_tri:
        before = matcher.ending_at(folded, chu_tri.start())
        if before:
            found.lead = before[1]
            found.lead_text = text[before[0] : chu_tri.start()].strip()
        else:
            giao = None
            for m in _LEAD_WORDS.finditer(folded, 0, chu_tri.start()):
                giao = m
            start = giao.end() if giao else 0
            found.lead_text = text[start : chu_tri.start()].strip(" ,:;")
    if found.lead is None:
        for m in _LEAD_WORDS.finditer(folded):
            hit = matcher.at(folded, m.end())
            if hit:
                found.lead = hit[1]
                found.lead_text = text[m.end() : hit[0]]
                break
            if not found.lead_text:
                words = text[m.end() :].split(" ")
                found.lead_text = " ".join(words[:4]).strip(" ,:;")
    phoi_hop = _PHOI_HOP.search(folded)
    if phoi_hop:
        pos, names = phoi_hop.end(), []
        while True:
            pos += len(_JOINERS.match(folded[pos:]).group(0))
            hit = matcher.at(folded, pos)
            if not hit:
                break
            if hit[1] != found.lead and hit[1] not in found.coordinators:
                found.coordinators.append(hit[1])
            names.append(text[pos : hit[0]])
            pos = hit[0]
        if names:
            found.coordinators_text = ", ".join(names)
        else:
            found.coordinators_text = " ".join(text[phoi_hop.end() :].split(" ")[:6]).strip(" ,;.")
    return found


# ---- the notice's structure ---------------------------------------------------------------------------------

_SECTION = re.compile(r"^(IX|IV|V?I{1,3}|VI{0,3}|X)[.)]\s*(.*)$")
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")
_LETTER = re.compile(r"^([a-zđ])\)\s+(.*)$")
_BULLET = re.compile(r"^[-–—•+*]\s*(.*)$")
_SUBITEM = re.compile(r"\((x|ix|iv|v?i{1,3}|vi{0,3})\)\s*")
_END = re.compile(r"^noi nhan|thong bao (?:de|cho) .{0,120}biet")
_PROVINCE_SECTION = re.compile(r"tinh|dia phuong|thanh pho|nhiem vu|giai phap")
_ASSESSMENT = re.compile(r"danh gia|ket qua dat duoc|tinh hinh")


@dataclass
class _Item:
    place: str
    text: str
    section: str
    assessment: bool
    depth: int
    children: list[_Item] = field(default_factory=list)


def _items(text: str) -> list[_Item]:
    """The items of the notice as a tree: numbered items, their letters and bullets."""
    roots: list[_Item] = []
    section, section_title, assessment = "", "", False
    current: _Item | None = None
    number: _Item | None = None  # the last "1." item
    letter: _Item | None = None  # the last "a)" item under it
    bullets = 0
    started = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        folded = fold_aligned(line)
        if _END.search(folded) and started:
            break
        m = _SECTION.match(line)
        if m and (m.group(2) or "").strip():
            section, section_title = m.group(1), m.group(2).strip(" :")
            assessment = bool(_ASSESSMENT.match(fold_aligned(section_title)))
            current = number = letter = None
            bullets = 0
            started = True
            continue
        base = f"{section}." if section else ""
        if m := _NUMBER.match(line):
            number = _Item(f"{base}{m.group(1)}", m.group(2), section_title, assessment, 1)
            roots.append(number)
            current, letter, bullets = number, None, 0
            started = True
        elif (m := _LETTER.match(line)) and number is not None:
            letter = _Item(f"{number.place}.{m.group(1)}", m.group(2), section_title, assessment, 2)
            number.children.append(letter)
            current, bullets = letter, 0
        elif m := _BULLET.match(line):
            parent = letter or number
            bullets += 1
            if parent is None:  # bullets straight under a section
                item = _Item(f"{base.rstrip('.')}-{bullets}", m.group(1), section_title, assessment, 1)
                roots.append(item)
            else:
                item = _Item(f"{parent.place}-{bullets}", m.group(1), section_title, assessment, 3)
                parent.children.append(item)
            current = item
            started = True
        elif current is not None:
            current.text = f"{current.text} {line}"  # a wrapped line
        # else: the notice's opening (before the first item): not a task
    return roots


def _leaves(item: _Item, context: str) -> Iterable[tuple[_Item, str]]:
    if not item.children:
        yield item, context
        return
    for child in item.children:
        yield from _leaves(child, f"{context} {item.text}".strip())


def _clean(text: str) -> str:
    return text.strip(" ;,.:").strip()


def parse_notice(
    text: str, units: Iterable[UnitRef] = (), province_lead: int | None = None
) -> list[ParsedTask]:
    """One task per assignment in the notice's text (see the module's docstring). `province_lead`: the
    unit that leads a task of a section addressed to the province ("Nhiệm vụ của tỉnh") when the task
    names no unit (the province's Department of Industry and Trade)."""
    matcher = units if isinstance(units, UnitMatcher) else UnitMatcher(units)
    tasks: list[ParsedTask] = []
    for root in _items(_normalise(text)):
        if root.assessment:
            continue
        for leaf, context in _leaves(root, ""):
            for task in _tasks_of(leaf, context, matcher):
                if task.lead is None and province_lead is not None and not task.lead_text:
                    if _PROVINCE_SECTION.search(fold_aligned(task.section)):
                        task.lead = province_lead
                tasks.append(task)
    return tasks


def _tasks_of(item: _Item, context: str, matcher: UnitMatcher) -> list[ParsedTask]:
    text = item.text.strip()
    folded = fold_aligned(text)
    marks = list(_SUBITEM.finditer(folded))
    pieces: list[tuple[str, str]] = []
    if marks:
        prefix = text[: marks[0].start()].strip()
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            pieces.append((f"({m.group(1)})", text[m.end() : end]))
        context = f"{context} {prefix}".strip()
    else:
        pieces.append(("", text))
    out = []
    context_units = read_units(context, matcher) if context else _Units()
    for suffix, piece in pieces:
        content = _clean(piece)
        if not content:
            continue
        found = read_units(content, matcher)
        if found.lead is None and not found.lead_text:
            found.lead, found.lead_text = context_units.lead, context_units.lead_text
        if not found.coordinators and not found.coordinators_text:
            found.coordinators = [k for k in context_units.coordinators if k != found.lead]
            found.coordinators_text = context_units.coordinators_text
        deadline = read_deadline(content)
        if deadline.kind == NONE and context:
            deadline = read_deadline(context)
        content = content[0].upper() + content[1:]
        out.append(
            ParsedTask(
                place=item.place + suffix,
                content=content,
                lead=found.lead,
                lead_text=found.lead_text,
                coordinators=found.coordinators,
                coordinators_text=found.coordinators_text,
                deadline=deadline,
                section=item.section,
            )
        )
    return out


__all__ = [
    "DATE",
    "NONE",
    "RECURRING",
    "Deadline",
    "ParsedTask",
    "UnitMatcher",
    "UnitRef",
    "fold_aligned",
    "parse_notice",
    "read_deadline",
    "read_units",
]
