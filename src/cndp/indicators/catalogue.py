"""The indicator catalogue shipped with the project (danh mục chỉ tiêu) — the codes fixed by the exchange
contract, their data sets and rules on the shared reporting calendar. Loaded by a data migration, so an
empty database holds it right after `migrate`; idempotent (by code), an agency's later edits of the
fields not listed here are kept. Plain data and a loader written against model classes passed in (the
migration's historical models), like places.reference."""

from __future__ import annotations

import datetime
from decimal import Decimal

from cndp.core.text import fold

STATS_BASIS = (
    "Luật Thống kê 2015 (sửa đổi 2021); Hệ thống chỉ tiêu thống kê ngành Công Thương — "
    "mã và kỳ số liệu CHƯA ĐỐI CHIẾU với văn bản"
)
RURAL_BASIS = (
    "Nghị định 45/2012/NĐ-CP và 32/2025/NĐ-CP về khuyến công; Thông tư về chế độ báo cáo thống kê ngành "
    "Công Thương — kỳ số liệu CHƯA ĐỐI CHIẾU"
)
IIP_NOTE = (
    "Quyền số theo giá trị sản xuất cùng kỳ là quy tắc làm việc, CHƯA ĐỐI CHIẾU với phương pháp của cơ quan "
    "thống kê; quyền số là một trường của chỉ tiêu, không phải mã chương trình."
)

# code, name, English name, unit, period type, aggregation, weight / numerator / denominator, factor,
# decimals, min, max, legal basis, note
INDICATORS = [
    ("GTSX", "Giá trị sản xuất công nghiệp", "Industrial production value", "tỷ đồng", "month",
     "sum", None, None, None, 1, 1, 0, None, STATS_BASIS, ""),
    ("IIP", "Chỉ số sản xuất công nghiệp so với cùng kỳ", "Index of industrial production, year on year",
     "%", "month", "weighted_mean", "GTSX", None, None, 1, 1, 0, 1000, STATS_BASIS, IIP_NOTE),
    ("CSCNNT", "Số cơ sở công nghiệp nông thôn", "Rural industrial establishments", "cơ sở", "year",
     "sum", None, None, None, 1, 0, 0, None, RURAL_BASIS, ""),
    ("LDCNNT", "Lao động trong các cơ sở công nghiệp nông thôn", "Workers of rural industrial establishments",
     "người", "year", "sum", None, None, None, 1, 0, 0, None, RURAL_BASIS, ""),
    ("GTCNNT", "Giá trị sản xuất công nghiệp nông thôn", "Rural industrial production value", "tỷ đồng",
     "year", "sum", None, None, None, 1, 1, 0, None, RURAL_BASIS, ""),
    ("NSLDCNNT", "Năng suất lao động công nghiệp nông thôn", "Rural industrial labour productivity",
     "triệu đồng/người", "year", "ratio", None, "GTCNNT", "LDCNNT", 1000, 1, 0, None, RURAL_BASIS, ""),
    ("LANGNGHE", "Số làng nghề được công nhận", "Recognised craft villages", "làng nghề", "year",
     "sum", None, None, None, 1, 0, 0, None, RURAL_BASIS, ""),
    ("LANGNGHETT", "Số làng nghề truyền thống được công nhận", "Recognised traditional craft villages",
     "làng nghề", "year", "sum", None, None, None, 1, 0, 0, None, RURAL_BASIS,
     "Một phần của số làng nghề được công nhận."),
]  # fmt: skip

# code, name, period type, due day, months after the period's last month, outlier share,
# [(indicator, required)], rule name
DATASETS = [
    ("CN-THANG", "Báo cáo tháng sản xuất công nghiệp", "month", 20, 1, Decimal("0.5"),
     [("GTSX", True), ("IIP", True)], "Báo cáo tháng số liệu công nghiệp của tỉnh"),
    ("CNNT-NAM", "Báo cáo năm công nghiệp nông thôn", "year", 15, 3, Decimal("0.5"),
     [("CSCNNT", True), ("LDCNNT", True), ("GTCNNT", True), ("NSLDCNNT", True), ("LANGNGHE", True),
      ("LANGNGHETT", False)], "Báo cáo năm công nghiệp nông thôn của tỉnh"),
]  # fmt: skip

# left, operator, right, name
RELATIONS = [
    (
        "LANGNGHETT",
        "<=",
        "LANGNGHE",
        "Làng nghề truyền thống không vượt quá tổng số làng nghề được công nhận",
    ),
]

KIND = "indicators.submission"
VALID_FROM = datetime.date(2000, 1, 1)


def load_catalogue(Indicator, DataSet, DataSetIndicator, ValidationRule, CalendarRule, EscalationStep):  # noqa: N803
    """Create or refresh the catalogue; returns {"indicators": n, "datasets": n}."""
    by_code = {}
    for (code, name, name_en, unit, period_type, aggregation, weight, numerator, denominator, factor,
         decimals, minimum, maximum, basis, note) in INDICATORS:  # fmt: skip
        defaults = {
            "name": name,
            "name_en": name_en,
            "unit": unit,
            "period_type": period_type,
            "aggregation": aggregation,
            "weight": by_code.get(weight),
            "numerator": by_code.get(numerator),
            "denominator": by_code.get(denominator),
            "factor": Decimal(factor),
            "decimals": decimals,
            "min_value": None if minimum is None else Decimal(minimum),
            "max_value": None if maximum is None else Decimal(maximum),
            "legal_basis": basis,
            "note": note,
            "search_folded": fold(f"{code} {name} {name_en}"),
        }
        obj, _ = Indicator.objects.update_or_create(
            code=code, defaults=defaults, create_defaults={**defaults, "valid_from": VALID_FROM}
        )
        by_code[code] = obj
    for code, name, period_type, due_day, offset, share, members, rule_name in DATASETS:
        rule = CalendarRule.objects.filter(name=rule_name).first()
        if rule is None:
            rule = CalendarRule.objects.create(
                name=rule_name,
                kinds=[KIND],
                period_type=period_type,
                due_day=due_day,
                due_month_offset=offset,
                cutoff_day=31,  # the data run to the due day (a cut-off after it is the due day)
                remind_days=5,
                valid_from=VALID_FROM,
                legal_basis=STATS_BASIS if period_type == "month" else RURAL_BASIS,
                confirmed=False,
                search_folded=fold(rule_name),
            )
            for days, audience in ((1, "province"), (10, "agency")):
                EscalationStep.objects.create(rule=rule, days_late=days, audience=audience)
        dataset, _ = DataSet.objects.update_or_create(
            code=code,
            defaults={"name": name, "period_type": period_type, "search_folded": fold(f"{code} {name}")},
            create_defaults={
                "name": name,
                "period_type": period_type,
                "rule": rule,
                "outlier_share": share,
                "valid_from": VALID_FROM,
                "search_folded": fold(f"{code} {name}"),
            },
        )
        for order, (indicator, required) in enumerate(members, start=1):
            DataSetIndicator.objects.get_or_create(
                dataset=dataset,
                indicator=by_code[indicator],
                defaults={"order": order, "required": required},
            )
    for left, operator, right, name in RELATIONS:
        ValidationRule.objects.get_or_create(
            left=by_code[left],
            right=by_code[right],
            operator=operator,
            defaults={"name": name, "message": name + "."},
        )
    return {"indicators": len(by_code), "datasets": len(DATASETS)}
