"""Reference data of industrial extension shipped with the project (danh mục khuyến công), from
`shared/domain/reference/industry-rules.md` §1. Items the sources leave open are marked CHƯA XÁC NHẬN in
their legal basis and stay editable in the admin.

Written against model classes passed in, so the data migration (historical models) and the demo share it.
Idempotent: natural keys, update_or_create; an administrator's later edits to amounts are overwritten only
for the rows shipped here (same natural key).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from cndp.core.text import fold
from cndp.extension.progress import rules as reporting

D = datetime.date

DECREE_45 = "Nghị định 45/2012/NĐ-CP ngày 21/05/2012 về khuyến công"
DECREE_235 = "Nghị định 235/2025/NĐ-CP ngày 27/08/2025 (hiệu lực 15/10/2025) sửa đổi Nghị định 45/2012/NĐ-CP"
CIRCULAR_46 = "Thông tư 46/2012/TT-BCT ngày 28/12/2012"
CIRCULAR_36 = "Thông tư 36/2013/TT-BCT ngày 27/12/2013, sửa đổi bởi Thông tư 17/2018/TT-BCT"
CIRCULAR_28 = "Thông tư 28/2018/TT-BTC ngày 28/03/2018"
# Effective dates not given by the sources (CHƯA XÁC NHẬN): Decree 45/2012 taken as 10/07/2012, Circular
# 46/2012 as 15/02/2013, Circular 28/2018 as 12/05/2018. Decree 235/2025: 15/10/2025 [C].
DECREE_45_FROM = D(2012, 7, 10)
CIRCULAR_46_FROM = D(2013, 2, 15)
DECREE_235_FROM = D(2025, 10, 15)
CIRCULAR_28_FROM = D(2018, 5, 12)

PROGRAMMES = [
    # code, name, phase, valid_from, valid_to, legal basis, description, targets
    (
        "ctkcqg-2014-2020",
        "Chương trình khuyến công quốc gia đến năm 2020",
        (2014, 2020),
        D(2014, 8, 1),
        D(2020, 12, 31),
        "Quyết định 1288/QĐ-TTg ngày 01/08/2014 của Thủ tướng Chính phủ",
        "Kết quả giai đoạn: 261 mô hình trình diễn kỹ thuật; 1.121 cơ sở được hỗ trợ máy móc, chuyển giao "
        "công nghệ. Chỉ tiêu giai đoạn: CHƯA XÁC NHẬN.",
        [],
    ),
    (
        "ctkcqg-2021-2025",
        "Chương trình khuyến công quốc gia giai đoạn 2021–2025",
        (2021, 2025),
        D(2020, 11, 20),
        D(2025, 12, 31),
        "Quyết định 1881/QĐ-TTg ngày 20/11/2020 của Thủ tướng Chính phủ",
        "Chỉ tiêu theo ven.vn (câu nguồn bị cắt): 340 mô hình trình diễn kỹ thuật, 1.600 máy móc thiết bị "
        "tiên tiến, 300 dây chuyền công nghệ.",
        [
            ("demonstration_models", 340, "Quyết định 1881/QĐ-TTg"),
            ("machines", 1600, "Quyết định 1881/QĐ-TTg"),
            ("technology_lines", 300, "Quyết định 1881/QĐ-TTg"),
        ],
    ),
    (
        "ctkcqg-2026-2030",
        "Chương trình khuyến công quốc gia giai đoạn 2026–2030",
        (2026, 2030),
        D(2025, 9, 23),
        None,
        "Quyết định 2646/QĐ-BCT ngày 23/09/2025 của Bộ trưởng Bộ Công Thương",
        "Chỉ tiêu giai đoạn: CHƯA XÁC NHẬN (chưa có toàn văn).",
        [],
    ),
]

# code, name, order, valid_from, valid_to, legal basis
ACTIVITY_TYPES = [
    (
        "training",
        "Đào tạo nghề, truyền nghề, phát triển nghề",
        1,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4",
    ),
    (
        "management",
        "Nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn",
        2,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4",
    ),
    ("demo_model", "Xây dựng mô hình trình diễn kỹ thuật", 3, DECREE_45_FROM, None, f"{DECREE_45}, Điều 4"),
    (
        "machinery",
        "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ",
        4,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4",
    ),
    (
        "cleaner_production",
        "Sản xuất sạch hơn, sản xuất và tiêu dùng bền vững",
        5,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4; {DECREE_235}",
    ),
    (
        "product_development",
        "Phát triển sản phẩm CNNT: bình chọn sản phẩm tiêu biểu, hội chợ, triển lãm",
        6,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4",
    ),
    (
        "consulting",
        "Tư vấn, cung cấp thông tin",
        7,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4 — CHƯA XÁC NHẬN chi tiết",
    ),
    (
        "linkage_cluster",
        "Liên doanh, liên kết, hợp tác kinh tế và phát triển cụm công nghiệp",
        8,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4",
    ),
    (
        "cluster_environment",
        "Sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường tại cụm công nghiệp, làng nghề",
        9,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4; {CIRCULAR_28}",
    ),
    (
        "enterprise_setup",
        "Hỗ trợ thành lập doanh nghiệp sản xuất CNNT ở địa bàn khó khăn",
        10,
        D(2018, 5, 12),
        None,
        f"{CIRCULAR_28}",
    ),
    (
        "international",
        "Hợp tác quốc tế về khuyến công",
        11,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4 — CHƯA XÁC NHẬN",
    ),
    (
        "capacity",
        "Nâng cao năng lực quản lý và tổ chức thực hiện khuyến công",
        12,
        DECREE_45_FROM,
        None,
        f"{DECREE_45}, Điều 4 — CHƯA XÁC NHẬN chi tiết",
    ),
    ("digital", "Chuyển đổi số trong hoạt động khuyến công", 13, DECREE_235_FROM, None, DECREE_235),
    ("artisans", "Hỗ trợ nghệ nhân", 14, DECREE_235_FROM, None, DECREE_235),
    (
        "cluster_investment",
        "Xúc tiến đầu tư phát triển cụm công nghiệp gắn với xử lý môi trường",
        15,
        DECREE_235_FROM,
        None,
        DECREE_235,
    ),
]

# activity, province (version, code) or None, share %, max VND, per, multiplier, note, from, to, basis, confirmed
FUNDING_CAPS = [
    (
        "enterprise_setup",
        None,
        "100",
        10_000_000,
        "doanh nghiệp",
        "1",
        "",
        CIRCULAR_28_FROM,
        None,
        f"{CIRCULAR_28}, Điều 8",
        True,
    ),
    (
        "demo_model",
        None,
        "30",
        1_000_000_000,
        "mô hình",
        "1",
        "",
        CIRCULAR_28_FROM,
        None,
        f"{CIRCULAR_28}, Điều 8",
        True,
    ),
    (
        "machinery",
        None,
        "50",
        300_000_000,
        "cơ sở",
        "1.5",
        "Dây chuyền công nghệ đồng bộ: tối đa 1,5 lần mức hỗ trợ",
        CIRCULAR_28_FROM,
        None,
        f"{CIRCULAR_28}, Điều 8 khoản 4",
        True,
    ),
    (
        "demo_model",
        ("34", "66"),
        "30",
        800_000_000,
        "mô hình",
        "1",
        "",
        D(2025, 7, 26),
        None,
        "Nghị quyết HĐND tỉnh Đắk Lắk năm 2025 về mức chi khuyến công địa phương (số hiệu CHƯA XÁC NHẬN)",
        True,
    ),
    (
        "cleaner_production",
        ("34", "66"),
        "30",
        400_000_000,
        "mô hình",
        "1",
        "",
        D(2025, 7, 26),
        None,
        "Nghị quyết HĐND tỉnh Đắk Lắk năm 2025 về mức chi khuyến công địa phương (số hiệu CHƯA XÁC NHẬN)",
        True,
    ),
    (
        "enterprise_setup",
        ("34", "66"),
        "100",
        10_000_000,
        "doanh nghiệp",
        "1",
        "",
        D(2025, 7, 26),
        None,
        "Nghị quyết HĐND tỉnh Đắk Lắk năm 2025 về mức chi khuyến công địa phương (số hiệu CHƯA XÁC NHẬN)",
        True,
    ),
    (
        "demo_model",
        ("63", "30"),
        "30",
        800_000_000,
        "mô hình",
        "1",
        "",
        D(2025, 1, 1),
        D(2025, 6, 30),
        "Nghị quyết HĐND tỉnh Hải Dương năm 2025 về mức chi khuyến công (số hiệu, ngày hiệu lực CHƯA XÁC NHẬN)",
        False,
    ),
    (
        "machinery",
        ("63", "30"),
        "50",
        250_000_000,
        "cơ sở",
        "1",
        "",
        D(2025, 1, 1),
        D(2025, 6, 30),
        "Nghị quyết HĐND tỉnh Hải Dương năm 2025 về mức chi khuyến công (số hiệu, ngày hiệu lực CHƯA XÁC NHẬN)",
        False,
    ),
    (
        "cluster_environment",
        ("63", "30"),
        "30",
        1_400_000_000,
        "cụm công nghiệp",
        "1",
        "",
        D(2025, 1, 1),
        D(2025, 6, 30),
        "Nghị quyết HĐND tỉnh Hải Dương năm 2025 về mức chi khuyến công (số hiệu, ngày hiệu lực CHƯA XÁC NHẬN)",
        False,
    ),
]

# code, name, order, valid_from, valid_to, legal basis
TRADES = [
    ("agro_processing", "Chế biến nông, lâm, thủy sản và chế biến thực phẩm", 1, DECREE_45_FROM, None),
    (
        "consumer_goods",
        "Sản xuất hàng công nghiệp phục vụ tiêu dùng, xuất khẩu, thay thế hàng nhập khẩu",
        2,
        DECREE_45_FROM,
        None,
    ),
    (
        "chemicals_materials",
        "Hóa chất phục vụ nông nghiệp, nông thôn; sản xuất vật liệu xây dựng",
        3,
        DECREE_45_FROM,
        None,
    ),
    (
        "mechanics_electronics",
        "Cơ khí, điện, điện tử - tin học; linh kiện, phụ tùng công nghiệp hỗ trợ",
        4,
        DECREE_45_FROM,
        None,
    ),
    ("handicrafts", "Sản xuất hàng thủ công mỹ nghệ", 5, DECREE_45_FROM, None),
    ("mining_difficult", "Khai thác, chế biến khoáng sản tại địa bàn khó khăn", 6, DECREE_45_FROM, None),
    (
        "environment_clusters",
        "Xử lý ô nhiễm môi trường tại cụm công nghiệp, làng nghề",
        7,
        DECREE_45_FROM,
        None,
    ),
    (
        "industrial_services",
        "Dịch vụ tư vấn, đào tạo, thông tin, xúc tiến thương mại phục vụ sản xuất CNNT",
        8,
        DECREE_45_FROM,
        None,
    ),
    (
        "green_industry",
        "Công nghệ cao, công nghiệp sạch, tiết kiệm năng lượng, môi trường, năng lượng xanh",
        9,
        DECREE_235_FROM,
        None,
    ),
]
TRADE_BASIS = f"{DECREE_45}, Điều 5 — nguyên văn CHƯA XÁC NHẬN"

# code, kind, name, order, valid_from, legal basis
PRIORITIES = [
    (
        "highland_border_ethnic",
        "area",
        "Miền núi, hải đảo, biên giới, vùng đồng bào dân tộc thiểu số",
        1,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "poor_district_30a",
        "area",
        "Huyện nghèo theo Nghị quyết 30a/2008/NQ-CP",
        2,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "new_rural",
        "area",
        "Xã trong kế hoạch xây dựng nông thôn mới",
        3,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "difficult_area",
        "area",
        "Địa bàn có điều kiện kinh tế - xã hội khó khăn, đặc biệt khó khăn",
        4,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "export",
        "trade",
        "Sản xuất hàng xuất khẩu (có hợp đồng xuất khẩu)",
        1,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "local_materials",
        "trade",
        "Sử dụng nguyên liệu tại chỗ (trên 50 % giá trị nguyên liệu)",
        2,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "labour_50",
        "trade",
        "Cơ sở sử dụng từ 50 lao động trở lên",
        3,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    (
        "supporting_industry",
        "trade",
        "Sản phẩm công nghiệp hỗ trợ (Quyết định 1483/QĐ-TTg)",
        4,
        CIRCULAR_46_FROM,
        f"{CIRCULAR_46}, Điều 6",
    ),
    ("women_owned", "beneficiary", "Doanh nghiệp do phụ nữ làm chủ", 1, DECREE_235_FROM, DECREE_235),
    (
        "ethnic_owned",
        "beneficiary",
        "Doanh nghiệp do người dân tộc thiểu số làm chủ",
        2,
        DECREE_235_FROM,
        DECREE_235,
    ),
]

RUBRIC = {
    "code": "thamdinh-kcqg-2018",
    "name": "Bộ tiêu chí chấm điểm thẩm định đề án khuyến công quốc gia",
    "scale": 10,
    "pass_score": Decimal(50),
    "min_reviewers": 2,
    "valid_from": D(2018, 6, 1),
    "legal_basis": f"{CIRCULAR_36}, Điều 7–9 (phương thức lựa chọn, nội dung thẩm định). Tiêu chí và trọng số "
    "CHƯA XÁC NHẬN: do Cục quy định, sửa trong trang quản trị.",
    "criteria": [
        ("need", "Sự cần thiết, phù hợp với định hướng và tiêu chí ưu tiên", Decimal(25)),
        ("feasibility", "Tính khả thi của nội dung, công nghệ, tiến độ", Decimal(25)),
        ("budget", "Dự toán hợp lý, kinh phí đối ứng của cơ sở", Decimal(20)),
        ("outputs", "Kết quả, chỉ tiêu đầu ra và hiệu quả kinh tế - xã hội", Decimal(20)),
        ("replication", "Khả năng nhân rộng, lan tỏa", Decimal(10)),
    ],
}


def load_reference_data(  # noqa: N803 (model classes)
    Province,
    Programme,
    ProgrammeTarget,
    ActivityType,
    FundingCap,
    Trade,
    PriorityArea,
    Rubric,
    RubricCriterion,
) -> dict[str, int]:
    for code, name, (start, end), valid_from, valid_to, basis, description, targets in PROGRAMMES:
        programme, _ = Programme.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "scope": "national",
                "phase_start": start,
                "phase_end": end,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": basis,
                "description": description,
                "search_folded": fold(f"{code} {name}"),
            },
        )
        for indicator, target, note in targets:
            ProgrammeTarget.objects.update_or_create(
                programme=programme, indicator=indicator, defaults={"target": target, "note": note}
            )
    types = {}
    for code, name, order, valid_from, valid_to, basis in ACTIVITY_TYPES:
        types[code], _ = ActivityType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "order": order,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": basis,
                "search_folded": fold(f"{code} {name}"),
            },
        )
    for (
        activity,
        where,
        share,
        amount,
        per,
        mult,
        note,
        valid_from,
        valid_to,
        basis,
        confirmed,
    ) in FUNDING_CAPS:
        province = Province.objects.get(version=where[0], code=where[1]) if where else None
        FundingCap.objects.update_or_create(
            activity_type=types[activity],
            province=province,
            valid_from=valid_from,
            defaults={
                "share_percent": Decimal(share),
                "max_amount": amount,
                "per": per,
                "line_multiplier": Decimal(mult),
                "multiplier_note": note,
                "valid_to": valid_to,
                "legal_basis": basis,
                "confirmed": confirmed,
                "search_folded": fold(f"{types[activity].name} {province.name if province else ''} {basis}")[
                    :500
                ],
            },
        )
    for code, name, order, valid_from, valid_to in TRADES:
        Trade.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "order": order,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": DECREE_235 if valid_from == DECREE_235_FROM else TRADE_BASIS,
                "search_folded": fold(f"{code} {name}"),
            },
        )
    for code, kind, name, order, valid_from, basis in PRIORITIES:
        PriorityArea.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "order": order,
                "valid_from": valid_from,
                "legal_basis": basis,
                "search_folded": fold(f"{code} {name}"),
            },
        )
    rubric, _ = Rubric.objects.update_or_create(
        code=RUBRIC["code"],
        defaults={
            **{
                k: RUBRIC[k]
                for k in ("name", "scale", "pass_score", "min_reviewers", "valid_from", "legal_basis")
            },
            "search_folded": fold(f"{RUBRIC['code']} {RUBRIC['name']}"),
        },
    )
    for order, (code, name, weight) in enumerate(RUBRIC["criteria"], start=1):
        RubricCriterion.objects.update_or_create(
            rubric=rubric, code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    return {
        "programmes": len(PROGRAMMES),
        "activity_types": len(ACTIVITY_TYPES),
        "caps": len(FUNDING_CAPS),
        "trades": len(TRADES),
        "priorities": len(PRIORITIES),
    }


MODELS = (
    "Programme",
    "ProgrammeTarget",
    "ActivityType",
    "FundingCap",
    "Trade",
    "PriorityArea",
    "Rubric",
    "RubricCriterion",
)


def load_with(get_model) -> dict[str, int]:
    """Load with `get_model(app_label, name)` — apps.get_model in a migration, django.apps.apps otherwise."""
    return load_reference_data(get_model("places", "Province"), *(get_model("extension", m) for m in MODELS))


# ---- deadlines and the progress-report calendar ----------------------------------------------------------

SCHEDULE_RULES = (
    {
        "name": "Hạn đăng ký kế hoạch khuyến công quốc gia và lịch báo cáo tiến độ đề án",
        "valid_from": datetime.date(2018, 12, 28),
        "registration_month": 6,
        "registration_day": 20,
        "registration_basis": (
            "Thông tư 36/2013/TT-BCT, Điều 10, sửa đổi bởi Thông tư 17/2018/TT-BCT, Điều 1 khoản 9 "
            "(Sở Công Thương gửi Cục trước ngày 20 tháng 6 hằng năm)"
        ),
        "half_year_month": 6,
        "half_year_day": 20,
        "year_month": 12,
        "year_day": 20,
        "cutoff_day": 14,
        "final_days": 30,
        "remind_days": 7,
        "escalate_province_days": 1,
        "escalate_agency_days": 15,
        "legal_basis": (
            "Thông tư 46/2012/TT-BCT, Điều 9 và Thông tư 28/2018/TT-BTC (chế độ báo cáo, kiểm tra, giám "
            "sát đề án khuyến công); Nghị định 09/2019/NĐ-CP (chốt số liệu ngày 14, hạn ngày 20). Kỳ báo "
            "cáo 6 tháng, năm theo thực tiễn — CHƯA ĐỐI CHIẾU nguyên văn."
        ),
        "confirmed": False,
    },
)


def load_schedule_rules(ScheduleRule) -> int:
    """The registration deadlines (the fields the model has: in a migration before the move of the report
    calendar, the historical model still has them)."""
    names = {f.name for f in ScheduleRule._meta.get_fields()}
    for row in SCHEDULE_RULES:
        ScheduleRule.objects.update_or_create(
            valid_from=row["valid_from"],
            name=row["name"],
            defaults={
                **{k: v for k, v in row.items() if k in names},
                "search_folded": fold(f"{row['name']} {row['legal_basis']}")[:500],
            },
        )
    return len(SCHEDULE_RULES)


# The old ScheduleRule's report fields, as the extension rule shape (reporting.Rule) reads them.
REPORT_RULE_FIELDS = {
    "half_year_due": ("half_year_month", "half_year_day"),
    "year_due": ("year_month", "year_day"),
    "cutoff_day": "cutoff_day",
    "final_days": "final_days",
    "remind_days": "remind_days",
    "escalate_province_days": "escalate_province_days",
    "escalate_agency_days": "escalate_agency_days",
    "legal_basis": "legal_basis",
}


def report_rule(get) -> reporting.Rule:
    """The extension rule of an old ScheduleRule (a row of SCHEDULE_RULES or a historical model
    instance), `get(name)` reading one of its report fields."""
    values = {
        key: tuple(get(f) for f in source) if isinstance(source, tuple) else get(source)
        for key, source in REPORT_RULE_FIELDS.items()
    }
    return reporting.Rule(**values)


REPORT_CALENDAR_NAME = "Lịch báo cáo tiến độ đề án khuyến công"


def calendar_rule_values(name: str, valid_from, valid_to, confirmed: bool, rule: reporting.Rule):
    """(CalendarRule fields, escalation steps) of the progress-report calendar of an old ScheduleRule: the
    shared rule (reporting.as_calendar); a rule the shared one cannot say exactly is left UNCONFIRMED."""
    plain = reporting.as_calendar(rule)
    fields = {
        "name": REPORT_CALENDAR_NAME
        if name == SCHEDULE_RULES[0]["name"]
        else f"{REPORT_CALENDAR_NAME} — {name}",
        "kinds": [reporting.OBLIGATION_KIND],
        "period_type": plain.period_type,
        "due_day": plain.due_day,
        "due_month_offset": plain.due_month_offset,
        "cutoff_day": min(plain.cutoff_day, 31),
        "final_days": plain.final_days,
        "remind_days": plain.remind_days,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "legal_basis": plain.legal_basis,
        "confirmed": confirmed and reporting.expressible(rule),
    }
    fields["search_folded"] = fold(f"{fields['name']} {fields['legal_basis']}")[:500]
    return fields, [(s.days_late, s.audience) for s in plain.steps]


def load_calendar_rules(CalendarRule, EscalationStep) -> int:
    """The progress-report calendar of SCHEDULE_RULES as the shared calendar's rules (the demo, when a
    test flushed the database); rules already there are kept."""
    made = 0
    for row in SCHEDULE_RULES:
        fields, steps = calendar_rule_values(
            row["name"], row["valid_from"], None, row["confirmed"], report_rule(row.__getitem__)
        )
        if CalendarRule.objects.filter(name=fields["name"], valid_from=fields["valid_from"]).exists():
            continue
        rule = CalendarRule.objects.create(**fields)
        EscalationStep.objects.bulk_create(
            [EscalationStep(rule=rule, days_late=d, audience=a) for d, a in steps]
        )
        made += 1
    return made
