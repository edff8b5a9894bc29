"""The paste parser on real-looking notice texts: numbering styles, wrapped lines, NFD text, units and
deadlines; property-based checks that any well-formed list gives one task per item, in order."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cndp.followup.parsing import (
    DATE,
    NONE,
    RECURRING,
    UnitMatcher,
    UnitRef,
    parse_notice,
    read_deadline,
    read_units,
)

D = datetime.date
ARID, PC, KHTC, VPB, CN, DOIT = 1, 2, 3, 4, 5, 9
UNITS = [
    UnitRef(ARID, ("Cục Công nghiệp địa phương", "ARID", "Cục CNĐP")),
    UnitRef(PC, ("Vụ Pháp chế", "Vụ PC")),
    UnitRef(KHTC, ("Vụ Kế hoạch, Tài chính và Quản lý doanh nghiệp", "Vụ KHTC&QLDN")),
    UnitRef(VPB, ("Văn phòng Bộ", "VP Bộ")),
    UnitRef(CN, ("Cục Công nghiệp", "Cục CN")),
    UnitRef(DOIT, ("Sở Công Thương", "UBND tỉnh")),
]

NOTICE = """BỘ CÔNG THƯƠNG
Số: 215/TB-BCT
THÔNG BÁO
Kết luận của Thứ trưởng Đinh Văn Thành tại buổi làm việc với UBND tỉnh Lào Cai
Ngày 12 tháng 6 năm 2026, Thứ trưởng làm việc với UBND tỉnh Lào Cai về phát triển cụm công nghiệp.
Thứ trưởng kết luận như sau:
I. ĐÁNH GIÁ CHUNG
1. Tỉnh đã quan tâm phát triển cụm công nghiệp, thu hút được 12 dự án.
2. Tuy nhiên, tiến độ đầu tư hạ tầng một số cụm công nghiệp còn chậm.
II. NHIỆM VỤ, GIẢI PHÁP
1. Chỉ đạo Sở Công Thương hoàn thành thủ tục thành lập các CCN "hoạt động nhưng chưa thành lập" trước 31/12/2026.
2. Đôn đốc chủ đầu tư CCN Bắc Duyên Hải hoàn thành hệ thống xử lý nước thải
tập trung trong quý IV/2026.
III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH
1. Về điều kiện tỷ lệ lấp đầy: Giao Cục Công nghiệp địa phương chủ trì, phối hợp với Vụ Pháp chế hướng dẫn tỉnh (trong tháng 10/2026).
2. Về hỗ trợ vốn hạ tầng: Giao Vụ KHTC&QLDN chủ trì, phối hợp với Cục CNĐP tổng hợp, báo cáo Lãnh đạo Bộ trước ngày 15/11/2026.
3. Về cơ chế đặc thù: Giao Cục Công nghiệp: (i) nghiên cứu kiến nghị của tỉnh; (ii) chủ trì, phối hợp với Vụ Pháp chế và Văn phòng Bộ báo cáo Bộ trưởng (hoàn thành trong tháng 8 năm 2026).
4. Giao Văn phòng Bộ theo dõi, đôn đốc thường xuyên.
Văn phòng Bộ thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
"""

EXPECTED = [
    # place, lead, coordinators, deadline kind, date
    ("II.1", DOIT, [], DATE, D(2026, 12, 31)),
    ("II.2", DOIT, [], DATE, D(2026, 12, 31)),
    ("III.1", ARID, [PC], DATE, D(2026, 10, 31)),
    ("III.2", KHTC, [ARID], DATE, D(2026, 11, 15)),
    ("III.3(i)", CN, [], NONE, None),
    ("III.3(ii)", CN, [PC, VPB], DATE, D(2026, 8, 31)),
    ("III.4", VPB, [], RECURRING, None),
]


def _shape(tasks):
    return [(t.place, t.lead, t.coordinators, t.deadline.kind, t.deadline.date) for t in tasks]


def test_a_real_looking_notice_gives_one_task_per_assignment_with_its_place():
    tasks = parse_notice(NOTICE, UNITS, province_lead=DOIT)
    assert _shape(tasks) == EXPECTED
    assert tasks[1].content.endswith("tập trung trong quý IV/2026")  # the wrapped line joined
    assert tasks[4].content == "Nghiên cứu kiến nghị của tỉnh"
    assert tasks[2].lead_text == "Cục Công nghiệp địa phương" and tasks[2].coordinators_text == "Vụ Pháp chế"


def test_nfd_text_reads_the_same_as_nfc():
    nfd = unicodedata.normalize("NFD", NOTICE)
    assert nfd != NOTICE
    tasks = parse_notice(nfd, UNITS, province_lead=DOIT)
    assert _shape(tasks) == EXPECTED
    assert all(unicodedata.is_normalized("NFC", t.content) for t in tasks)


def test_the_assessment_section_and_the_closing_give_no_task():
    tasks = parse_notice(NOTICE, UNITS)
    assert not any("12 dự án" in t.content for t in tasks)
    assert not any("Như trên" in t.content or "Lưu" in t.content for t in tasks)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a bare numbered list (no section headings)
        ("1. Giao Vụ Pháp chế rà soát.\n2. Giao Văn phòng Bộ đôn đốc.", ["1", "2"]),
        # letters under a number: the number's text is the context
        ("II. NHIỆM VỤ\n1. Giao Cục CN:\na) rà soát quy hoạch;\nb) báo cáo Bộ trưởng.", ["II.1.a", "II.1.b"]),
        # bullets under a section, then under a number
        (
            "II. Nhiệm vụ của các đơn vị\n- Vụ Pháp chế chủ trì góp ý.\n- Văn phòng Bộ đôn đốc.",
            ["II-1", "II-2"],
        ),
        ("III. Kiến nghị\n1. Giao Cục CN:\n- hướng dẫn tỉnh;\n+ tổng hợp báo cáo.", ["III.1-1", "III.1-2"]),
        # sub-items in one sentence, with a closing parenthesis numbering "1)"
        ("1) Giao Vụ PC: (i) rà soát; (ii) sửa đổi; (iii) báo cáo.", ["1(i)", "1(ii)", "1(iii)"]),
        # Windows line ends and blank lines
        ("1. Giao Vụ Pháp chế rà soát.\r\n\r\n2. Giao Văn phòng Bộ\r\nđôn đốc.", ["1", "2"]),
    ],
)
def test_numbering_styles(text, places):
    assert [t.place for t in parse_notice(text, UNITS)] == places


def test_a_letter_item_inherits_the_lead_of_its_number():
    tasks = parse_notice(
        "1. Giao Cục CN:\na) rà soát quy hoạch;\nb) chủ trì, phối hợp với Vụ PC báo cáo.", UNITS
    )
    assert [(t.lead, t.coordinators) for t in tasks] == [(CN, []), (CN, [PC])]


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        ("hoàn thành trong tháng 8 năm 2026", DATE, D(2026, 8, 31)),
        ("(trong tháng 10/2026)", DATE, D(2026, 10, 31)),
        ("trong tháng 2 năm 2028", DATE, D(2028, 2, 29)),  # leap year
        ("báo cáo trước ngày 15/11/2026", DATE, D(2026, 11, 15)),
        ("trước 31/12/2026", DATE, D(2026, 12, 31)),
        ("chậm nhất ngày 05-01-2027", DATE, D(2027, 1, 5)),
        ("trước ngày 15 tháng 11 năm 2026", DATE, D(2026, 11, 15)),
        ("trong quý IV/2026", DATE, D(2026, 12, 31)),
        ("quý I năm 2027", DATE, D(2027, 3, 31)),
        ("quý 2/2027", DATE, D(2027, 6, 30)),
        ("6 tháng đầu năm 2027", DATE, D(2027, 6, 30)),
        ("hoàn thành trong năm 2026", DATE, D(2026, 12, 31)),
        ("thực hiện thường xuyên", RECURRING, None),
        ("định kỳ hằng quý báo cáo", RECURRING, None),
        ("xây dựng kế hoạch năm 2027", NONE, None),  # a year named, no deadline
        ("nghiên cứu, đề xuất", NONE, None),
        ("trước ngày 31/02/2026", NONE, None),  # no such day: not a deadline
        ("tháng 8 năm 2026 báo cáo sơ bộ, hoàn thành trước 15/12/2026", DATE, D(2026, 12, 15)),  # the last
    ],
)
def test_deadlines(text, kind, date):
    deadline = read_deadline(text)
    assert (deadline.kind, deadline.date) == (kind, date)
    assert deadline.kind == NONE or deadline.text


@pytest.mark.parametrize(
    ("text", "lead", "coordinators"),
    [
        ("Giao Vụ Pháp chế chủ trì, phối hợp với Văn phòng Bộ rà soát", PC, [VPB]),
        ("giao vu phap che chu tri, phoi hop voi van phong bo", PC, [VPB]),  # typed without accents
        ("Cục Công nghiệp chủ trì, phối hợp với Vụ PC, VP Bộ và ARID hướng dẫn", CN, [PC, VPB, ARID]),
        (
            "Giao Cục Công nghiệp địa phương hướng dẫn tỉnh",
            ARID,
            [],
        ),  # the longest name, not "Cục Công nghiệp"
        ("Đề nghị UBND tỉnh chỉ đạo", DOIT, []),
        ("Giao Bộ Xây dựng chủ trì", None, []),  # not a unit of the list: kept as text
    ],
)
def test_lead_and_coordinating_units(text, lead, coordinators):
    found = read_units(text, UnitMatcher(UNITS))
    assert (found.lead, found.coordinators) == (lead, coordinators)
    if lead is None:
        assert found.lead_text == "Bộ Xây dựng"


# ---- properties ------------------------------------------------------------------------------------------

words = st.lists(
    st.sampled_from(
        ["rà soát", "hướng dẫn", "tổng hợp", "báo cáo", "quy hoạch", "cụm công nghiệp", "đề án", "tỉnh"]
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(UNITS), words, st.booleans()), min_size=1, max_size=12),
    st.booleans(),
    st.booleans(),
)
def test_any_numbered_list_gives_one_task_per_item_in_order(items, wrap, decompose):
    lines = []
    for i, (unit, text, chu_tri) in enumerate(items, start=1):
        verb = "chủ trì, " if chu_tri else ""
        line = f"{i}. Giao {unit.names[0]} {verb}{text} (hoàn thành trong tháng {1 + i % 12} năm 2027)."
        if wrap and " " in text:
            head, tail = line.split(" (", 1)
            line = f"{head}\n({tail}"
        lines.append(line)
    text = "\n".join(lines)
    if decompose:
        text = unicodedata.normalize("NFD", text)
    tasks = parse_notice(text, UNITS)
    assert [t.place for t in tasks] == [str(i) for i in range(1, len(items) + 1)]
    assert [t.lead for t in tasks] == [unit.key for unit, _t, _c in items]
    assert [t.deadline.date for t in tasks] == [
        (D(2027, 1 + i % 12 + 1, 1) - datetime.timedelta(days=1)) if 1 + i % 12 < 12 else D(2027, 12, 31)
        for i in range(1, len(items) + 1)
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text):
    for task in parse_notice(text, UNITS):
        assert task.content and task.place is not None
