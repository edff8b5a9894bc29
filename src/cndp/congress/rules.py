"""Congress rules (quy định về đại hội) — plain Python, no Django.

Rule sets: a congress is always handled under the texts of its date. What the sources leave open
(the quorum) is a setting of the rule set: the administrator sees it labelled UNCONFIRMED (`quorum_note`,
shown in the admin), official documents and working screens state the rule only (`quorum_label`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from math import ceil

MEMBERS = "members"
DELEGATES = "delegates"

# Exclusion categories from the base (members' congress / delegates' congress), by the regulation.
MEMBER_EXCLUSIONS = ("temporary_activity", "exempted_absent", "suspended_or_prosecuted", "approved_absence")
DELEGATE_EXCLUSIONS = ("convening_committee_absent", "absent_without_alternate")


@dataclass(frozen=True)
class RuleSet:
    code: str
    regulation: str
    guidance: str
    in_force_from: datetime.date
    in_force_to: datetime.date | None
    quorum_numerator: int = 2
    quorum_denominator: int = 3
    quorum_against: str = "base"  # "base" (summoned − excluded) or "summoned"
    quorum_confirmed: bool = False
    credentials_committee: bool = False

    @property
    def quorum_label(self) -> str:
        against = (
            "số đảng viên chính thức được triệu tập trừ số được loại trừ"
            if self.quorum_against == "base"
            else "số được triệu tập"
        )
        return f"Có mặt ít nhất {self.quorum_numerator}/{self.quorum_denominator} {against}"

    @property
    def quorum_note(self) -> str:
        """For the administrator only (admin): whether the quorum setting was checked against the text."""
        if self.quorum_confirmed:
            return ""
        return "CHƯA XÁC NHẬN với văn bản gốc — thiết lập của bộ quy tắc"


RULE_SETS = {
    "244-QD/TW-2014": RuleSet(
        code="244-QD/TW-2014",
        regulation="Quyết định 244-QĐ/TW ngày 09/6/2014",
        guidance="Hướng dẫn 04-HD/TW ngày 06/10/2014; 03-HD/TW ngày 20/3/2020",
        in_force_from=datetime.date(2014, 6, 9),
        in_force_to=datetime.date(2024, 10, 9),
    ),
    "190-QD/TW-2024": RuleSet(
        code="190-QD/TW-2024",
        regulation="Quyết định 190-QĐ/TW ngày 10/10/2024",
        guidance="Hướng dẫn 04-HD/TW ngày 31/12/2024",
        in_force_from=datetime.date(2024, 10, 10),
        in_force_to=None,
        credentials_committee=True,
    ),
}


def rule_set_for(date: datetime.date) -> RuleSet:
    """The rule set in force on `date` (the oldest one for dates before 2014)."""
    for rule_set in RULE_SETS.values():
        if rule_set.in_force_from <= date and (rule_set.in_force_to is None or date <= rule_set.in_force_to):
            return rule_set
    return RULE_SETS["244-QD/TW-2014"]


@dataclass(frozen=True)
class Attendance:
    """Số liệu tham dự: summoned, excluded, present — official and probationary kept apart."""

    summoned_official: int
    summoned_probationary: int
    excluded: dict[str, int]
    present_official: int
    present_probationary: int
    cells_present: int

    @property
    def base(self) -> int:
        """The voting base: official members summoned − those excluded by category."""
        return self.summoned_official - self.excluded_total

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def present(self) -> int:
        return self.present_official + self.present_probationary

    @property
    def summoned(self) -> int:
        return self.summoned_official + self.summoned_probationary


def quorum_needed(attendance: Attendance, rule_set: RuleSet) -> int:
    """Least number of official members present for the congress to be valid (probationary never count)."""
    denominator = attendance.base if rule_set.quorum_against == "base" else attendance.summoned_official
    return ceil(rule_set.quorum_numerator * denominator / rule_set.quorum_denominator)


def quorum_reached(attendance: Attendance, rule_set: RuleSet) -> bool:
    return attendance.base > 0 and attendance.present_official >= quorum_needed(attendance, rule_set)


def two_digits(n: int) -> str:
    """08, 12 — the way congress documents write small counts."""
    return f"{n:02d}"


def attendance_sentence(attendance: Attendance, organisation: str, congress_kind: str = MEMBERS) -> str:
    """The credentials sentence, generated from check-in data, never typed:
    "Tham dự Đại hội có 55 đảng viên từ 08 chi bộ thuộc …, trong đó có 42 đảng viên chính thức và 13 đảng viên dự bị."
    """
    who = "đảng viên" if congress_kind == MEMBERS else "đại biểu"
    sentence = f"Tham dự Đại hội có {attendance.present} {who} từ {two_digits(attendance.cells_present)} chi bộ thuộc {organisation}"
    if congress_kind == MEMBERS and attendance.present_probationary:
        sentence += f", trong đó có {attendance.present_official} đảng viên chính thức và {attendance.present_probationary} đảng viên dự bị"
    elif congress_kind == MEMBERS and attendance.present_official:
        sentence += ", đều là đảng viên chính thức"  # never "… và 0 đảng viên dự bị"
    return sentence + "."


def show_of_hands_adopted(votes_for: int, voters: int) -> bool:
    """A show-of-hands vote passes with more than half of those entitled to vote who are present."""
    return voters > 0 and votes_for * 2 > voters


def official_date(day: datetime.date, place: str = "") -> str:
    """The date line of a Party document (thể thức văn bản của Đảng): a day below 10 and the months
    1 and 2 take a leading zero, the other months none — "ngày 06 tháng 6 năm 2026", "ngày 15 tháng 01 năm 2026".
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def sentence_case(label: str) -> str:
    """A choice label inside a sentence: only its first letter lowered, proper names kept —
    "Bầu Ban Chấp hành" → "bầu Ban Chấp hành" (never "bầu ban chấp hành")."""
    return label[:1].lower() + label[1:]


# Words of two syllables a header must never split across lines ("ĐỊA / PHƯƠNG", "VIỆT / NAM").
HEADER_COMPOUNDS = (
    "ĐẢNG BỘ", "CHI BỘ", "ĐẢNG ỦY", "CỘNG SẢN", "VIỆT NAM", "CÔNG NGHIỆP", "ĐỊA PHƯƠNG", "CÔNG THƯƠNG",
    "KHUYẾN CÔNG", "PHÁT TRIỂN", "VĂN PHÒNG", "KIỂM PHIẾU", "KIỂM TRA", "CHẤP HÀNH", "THƯỜNG VỤ", "TỔ CHỨC",
    "KẾ HOẠCH", "TÀI CHÍNH", "CƠ QUAN", "THÀNH PHỐ", "HÀ NỘI", "ĐÀ NẴNG", "KHU VỰC", "TRUNG TÂM", "QUẢN LÝ",
)  # fmt: skip
NBSP = "\u00a0"


def header_name(name: str) -> str:
    """An organisation's name for a document header, upper case, its two-syllable words held together by
    non-breaking spaces so a narrow header wraps only between words."""
    text = " ".join(name.upper().split())
    for compound in HEADER_COMPOUNDS:
        text = text.replace(compound, compound.replace(" ", NBSP))
    return text
