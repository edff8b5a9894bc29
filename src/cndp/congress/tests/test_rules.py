"""Congress rules: base, quorum (a rule-set setting), the attendance sentence."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.congress import rules

R244 = rules.RULE_SETS["244-QD/TW-2014"]
R190 = rules.RULE_SETS["190-QD/TW-2024"]


def att(so=43, sp=13, excluded=None, po=42, pp=13, cells=8):
    return rules.Attendance(so, sp, excluded or {}, po, pp, cells)


@pytest.mark.parametrize(
    ("date", "code"),
    [
        (datetime.date(2015, 6, 10), "244-QD/TW-2014"),
        (datetime.date(2020, 7, 1), "244-QD/TW-2014"),
        (datetime.date(2024, 10, 9), "244-QD/TW-2014"),
        (datetime.date(2024, 10, 10), "190-QD/TW-2024"),
        (datetime.date(2025, 9, 1), "190-QD/TW-2024"),
        (datetime.date(2010, 1, 1), "244-QD/TW-2014"),
    ],
)
def test_rule_set_by_date(date, code):
    assert rules.rule_set_for(date).code == code


@pytest.mark.parametrize(
    ("attendance", "base", "needed", "reached"),
    [
        (att(excluded={"approved_absence": 1}), 42, 28, True),  # the seed congress
        (att(so=20, sp=2, po=17, pp=1), 20, 14, True),  # quiz Q3: absence on business is not excluded
        (att(so=20, sp=2, po=13, pp=2), 20, 14, False),
        (att(so=11, sp=0, po=10, pp=0), 11, 8, True),
        (att(so=3, sp=0, po=2, pp=0), 3, 2, True),
        (att(so=3, sp=5, po=1, pp=5), 3, 2, False),  # probationary members never make a quorum
        (
            att(so=9, sp=0, excluded={"temporary_activity": 2, "suspended_or_prosecuted": 1}, po=4, pp=0),
            6,
            4,
            True,
        ),
        (
            att(so=1, sp=0, excluded={"approved_absence": 1}, po=0, pp=0),
            0,
            0,
            False,
        ),  # empty base is never valid
    ],
)
def test_base_and_quorum(attendance, base, needed, reached):
    assert attendance.base == base
    assert rules.quorum_needed(attendance, R244) == needed
    assert rules.quorum_reached(attendance, R244) is reached


def test_quorum_against_summoned_is_a_setting():
    import dataclasses

    against_summoned = dataclasses.replace(R244, quorum_against="summoned")
    a = att(so=30, sp=0, excluded={"approved_absence": 6}, po=18, pp=0)
    assert rules.quorum_needed(a, R244) == 16  # ceil(2/3 × 24)
    assert rules.quorum_needed(a, against_summoned) == 20  # ceil(2/3 × 30)
    assert "CHƯA XÁC NHẬN" not in R244.quorum_label  # the rule as printed and shown on working screens
    assert "CHƯA XÁC NHẬN" in R244.quorum_note  # the administrator's marking
    assert dataclasses.replace(R244, quorum_confirmed=True).quorum_note == ""


@given(
    so=st.integers(0, 500),
    sp=st.integers(0, 100),
    data=st.data(),
)
def test_quorum_properties(so, sp, data):
    excl = data.draw(st.integers(0, so))
    po = data.draw(st.integers(0, so - excl))
    pp = data.draw(st.integers(0, sp))
    a = att(so=so, sp=sp, excluded={"approved_absence": excl} if excl else {}, po=po, pp=pp)
    needed = rules.quorum_needed(a, R190)
    assert 3 * needed >= 2 * a.base  # at least two thirds …
    assert 3 * (needed - 1) < 2 * a.base or needed == 0  # … and the least such number
    # probationary attendance never changes the outcome
    more_probationary = att(so=so, sp=sp + 50, excluded=a.excluded, po=po, pp=pp + 50)
    assert rules.quorum_reached(more_probationary, R190) == rules.quorum_reached(a, R190)


def test_seed_sentence():
    sentence = rules.attendance_sentence(
        att(excluded={"approved_absence": 1}), "Đảng bộ Cục Công nghiệp địa phương"
    )
    assert sentence == (
        "Tham dự Đại hội có 55 đảng viên từ 08 chi bộ thuộc Đảng bộ Cục Công nghiệp địa phương, "
        "trong đó có 42 đảng viên chính thức và 13 đảng viên dự bị."
    )


def test_delegates_congress_sentence_has_no_probationary_part():
    sentence = rules.attendance_sentence(
        att(so=150, sp=0, po=148, pp=0, cells=12), "Đảng bộ Bộ Công Thương", rules.DELEGATES
    )
    assert sentence == "Tham dự Đại hội có 148 đại biểu từ 12 chi bộ thuộc Đảng bộ Bộ Công Thương."


def test_sentence_never_says_zero_probationary_members():
    sentence = rules.attendance_sentence(att(so=40, sp=0, po=38, pp=0, cells=5), "Chi bộ Văn phòng")
    assert (
        sentence
        == "Tham dự Đại hội có 38 đảng viên từ 05 chi bộ thuộc Chi bộ Văn phòng, đều là đảng viên chính thức."
    )
    assert "0 đảng viên dự bị" not in sentence
