"""Reference data of industrial clusters (dữ liệu tham chiếu): the dated Decree 32/2024 conditions and the
reporting calendar rules of Circular 14/2024 (Biểu 01–04). Loaded by a data migration and again by the
demo if a test flushed the database; idempotent. Sources: shared domain reference «clusters-followup» §1–2
and «industry-rules» §2. UNCONFIRMED rows carry confirmed=False (shown to the administrator only)."""

from __future__ import annotations

import datetime
from decimal import Decimal

D = datetime.date
DECREE_32 = "Nghị định 32/2024/NĐ-CP"
DECREE_303 = "sửa đổi bởi Nghị định 303/2026/NĐ-CP"
REFORM = D(2025, 7, 1)
DECREE_32_FROM = D(2024, 5, 1)
DECREE_303_FROM = D(2026, 9, 15)

# (key, applies_to, min, max, share, unleased, area_level, deadline, from, to, legal basis, confirmed)
CONDITIONS = [
    (
        "size",
        "ordinary",
        "10",
        "75",
        None,
        None,
        "",
        None,
        DECREE_32_FROM,
        D(2026, 9, 14),
        f"{DECREE_32}, Điều 2 khoản 1",
        True,
    ),
    (
        "size",
        "mountain_or_craft",
        "5",
        "75",
        None,
        None,
        "",
        None,
        DECREE_32_FROM,
        D(2026, 9, 14),
        f"{DECREE_32}, Điều 2 khoản 1",
        True,
    ),
    (
        "size",
        "all",
        "5",
        "75",
        None,
        None,
        "",
        None,
        DECREE_303_FROM,
        None,
        f"{DECREE_32}, Điều 2 khoản 1 ({DECREE_303})",
        False,
    ),
    (
        "support",
        "all",
        None,
        None,
        "0.30",
        None,
        "",
        None,
        DECREE_32_FROM,
        None,
        f"{DECREE_32}, Điều 26",
        True,
    ),
    (
        "establish",
        "all",
        None,
        None,
        "0.50",
        "100",
        "district",
        None,
        DECREE_32_FROM,
        D(2025, 6, 30),
        f"{DECREE_32}, Điều 8 khoản 1 điểm c",
        True,
    ),
    (
        "establish",
        "all",
        None,
        None,
        "0.50",
        "100",
        "province",
        None,
        REFORM,
        D(2026, 9, 14),
        f"{DECREE_32}, Điều 8 khoản 1 điểm c (Nghị định 139/2025/NĐ-CP, Điều 12: UBND tỉnh quyết định "
        "cách áp dụng)",
        False,
    ),
    (
        "establish",
        "all",
        None,
        None,
        "0.50",
        "50",
        "commune",
        None,
        DECREE_303_FROM,
        None,
        f"{DECREE_32}, Điều 8 khoản 1 điểm c ({DECREE_303})",
        False,
    ),
    (
        "expand",
        "all",
        None,
        "75",
        "0.60",
        None,
        "",
        None,
        DECREE_32_FROM,
        D(2026, 9, 14),
        f"{DECREE_32}, Điều 8 khoản 2",
        True,
    ),
    (
        "expand",
        "all",
        None,
        "75",
        "0.50",
        None,
        "",
        None,
        DECREE_303_FROM,
        None,
        f"{DECREE_32}, Điều 8 khoản 2 ({DECREE_303})",
        False,
    ),
    (
        "regularise",
        "all",
        None,
        None,
        None,
        None,
        "",
        D(2026, 12, 31),
        DECREE_32_FROM,
        None,
        f"{DECREE_32}, Điều 35 khoản 4",
        True,
    ),
]

# Obligation kinds of the shared calendar and their rules (Circular 14/2024, Art. 3, as amended by
# Circular 38/2025): (kind, rule name, due day, UNCONFIRMED?). Data to 14/6 and 14/12.
CIRCULAR = "Thông tư 14/2024/TT-BCT, Điều 3 (sửa đổi bởi Thông tư 38/2025/TT-BCT)"
KIND_FORM01 = "clusters.form01"
KIND_FORM02 = "clusters.form02"
KIND_FORM03 = "clusters.form03"
KIND_FORM04 = "clusters.form04"
CALENDAR = [
    ([KIND_FORM01, KIND_FORM02], "Báo cáo cụm công nghiệp: Biểu 01, Biểu 02 (trước 20/6 và 20/12)", 20),
    ([KIND_FORM03], "Báo cáo cụm công nghiệp: Biểu 03 của UBND cấp xã (trước 25/6 và 25/12)", 25),
    ([KIND_FORM04], "Báo cáo cụm công nghiệp: Biểu 04 của Sở Công Thương (trước 30/6 và 31/12)", 31),
]


def load_conditions(ClusterCondition) -> int:  # noqa: N803 (a model class, historical in migrations)
    made = 0
    for key, applies, lo, hi, share, unleased, level, deadline, start, end, basis, confirmed in CONDITIONS:
        _, created = ClusterCondition.objects.get_or_create(
            key=key,
            applies_to=applies,
            valid_from=start,
            defaults={
                "min_area": Decimal(lo) if lo else None,
                "max_area": Decimal(hi) if hi else None,
                "share": Decimal(share) if share else None,
                "unleased": Decimal(unleased) if unleased else None,
                "area_level": level,
                "deadline": deadline,
                "valid_to": end,
                "legal_basis": basis,
                "confirmed": confirmed,
            },
        )
        made += created
    return made


def load_calendar_rules(CalendarRule) -> int:  # noqa: N803
    made = 0
    for kinds, name, due_day in CALENDAR:
        if CalendarRule.objects.filter(name=name).exists():
            continue
        CalendarRule.objects.create(
            name=name,
            kinds=kinds,
            period_type="half_year",
            due_day=due_day,
            due_month_offset=0,
            cutoff_day=14,
            remind_days=7,
            valid_from=D(2024, 10, 1),
            legal_basis=CIRCULAR,
            confirmed=True,
        )
        rule = CalendarRule.objects.get(name=name)
        # One escalation step: the Department enters its developers', investors' and communes' reports
        # itself, so a late one is reported to the agency (the daily job's queries grow with the steps).
        rule.steps.create(days_late=15, audience="agency")
        made += 1
    return made


def load_with(get_model) -> dict[str, int]:
    return {
        "conditions": load_conditions(get_model("clusters", "ClusterCondition")),
        "rules": load_calendar_rules(get_model("obligations", "CalendarRule")),
    }
