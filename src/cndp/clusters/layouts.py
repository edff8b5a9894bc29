"""The forms of Circular 14/2024/TT-BCT, Phụ lục I, row for row (biểu mẫu báo cáo) — plain Python.

Every form has five columns: (1) TT, (2) Chỉ tiêu, (3) Đơn vị tính, (4) Kết quả (Biểu 03/04: "Luỹ kế đến
thời điểm báo cáo"), (5) Ghi chú. Biểu 01 and 02 are typed by the reporter; Biểu 03 (commune) and 04
(province) are aggregates only, with no per-cluster line, computed here by `aggregate` from the register
and the accepted Biểu 01 / 02 of the period. Money on the forms is in tỷ đồng (stored in đồng).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cndp.clusters import rules


def gettext_noop(message: str) -> str:
    return message


BILLION = Decimal(1_000_000_000)
MILLION = Decimal(1_000_000)

# Units as printed on the forms.
U_BILLION = gettext_noop("Tỷ đồng")
U_HA = gettext_noop("ha")
U_PERCENT = gettext_noop("%")
U_PEOPLE = gettext_noop("Người")
U_INCOME = gettext_noop("Triệu đồng/người/tháng")
U_CLUSTER = gettext_noop("Cụm")
U_PROJECT = gettext_noop("Dự án")
U_WORKS = gettext_noop("Công trình")

# Biểu 01: (number, label, unit, field, scale)
FORM01 = (
    ("1", gettext_noop("Doanh thu trong kỳ"), U_BILLION, "revenue", BILLION),
    ("2", gettext_noop("Nộp ngân sách nhà nước"), U_BILLION, "budget_paid", BILLION),
    ("3", gettext_noop("Số lao động có hợp đồng lao động"), U_PEOPLE, "workers", None),
    ("4", gettext_noop("Thu nhập bình quân của người lao động"), U_INCOME, "average_income", MILLION),
)

# Biểu 02
FORM02 = (
    ("1", gettext_noop("Tổng mức đầu tư được phê duyệt"), U_BILLION, "total_investment", BILLION),
    ("2", gettext_noop("Vốn đầu tư đã thực hiện lũy kế"), U_BILLION, "capital_paid", BILLION),
    (
        "3",
        gettext_noop("Diện tích đất công nghiệp có hạ tầng sẵn sàng cho thuê"),
        U_HA,
        "industrial_land",
        None,
    ),
    ("4", gettext_noop("Diện tích đất công nghiệp đã cho thuê"), U_HA, "leased_area", None),
    ("5", gettext_noop("Tỷ lệ lấp đầy"), U_PERCENT, "occupancy", "percent"),
    ("6", gettext_noop("Số dự án sản xuất, kinh doanh đã thuê đất"), U_PROJECT, "projects", None),
    ("7", gettext_noop("Trong đó: dự án có vốn đầu tư nước ngoài (FDI)"), U_PROJECT, "fdi_projects", None),
    ("8", gettext_noop("Trong đó: dự án đã đi vào hoạt động"), U_PROJECT, "operating_projects", None),
    ("9", gettext_noop("Doanh thu của chủ đầu tư hạ tầng"), U_BILLION, "revenue", BILLION),
    ("10", gettext_noop("Nộp ngân sách nhà nước của chủ đầu tư hạ tầng"), U_BILLION, "budget_paid", BILLION),
    ("11", gettext_noop("Số lao động của chủ đầu tư hạ tầng"), U_PEOPLE, "workers", None),
    ("12", gettext_noop("Thu nhập bình quân của người lao động"), U_INCOME, "average_income", MILLION),
    (
        "13",
        gettext_noop("Công trình xử lý nước thải tập trung đã xây dựng hoặc đang xây dựng (1: có, 0: không)"),
        U_WORKS,
        "wastewater_built",
        "flag",
    ),
    (
        "14",
        gettext_noop("Công trình xử lý nước thải tập trung đạt quy chuẩn (1: có, 0: không)"),
        U_WORKS,
        "wastewater_compliant",
        "flag",
    ),
)

SECTION = "section"

# Biểu 03 and 04: (number, label, unit) — section headings have unit SECTION.
AGGREGATE_ROWS = (
    ("I", gettext_noop("Phương án phát triển cụm công nghiệp"), SECTION),
    ("1", gettext_noop("Số cụm công nghiệp trong phương án phát triển"), U_CLUSTER),
    ("2", gettext_noop("Tổng diện tích các cụm công nghiệp trong phương án"), U_HA),
    ("II", gettext_noop("Thành lập, đầu tư xây dựng hạ tầng kỹ thuật"), SECTION),
    ("3", gettext_noop("Số cụm công nghiệp đã thành lập"), U_CLUSTER),
    ("4", gettext_noop("Tổng diện tích các cụm công nghiệp đã thành lập"), U_HA),
    ("5", gettext_noop("Số cụm công nghiệp thành lập trong kỳ"), U_CLUSTER),
    ("6", gettext_noop("Tổng diện tích các cụm công nghiệp thành lập trong kỳ"), U_HA),
    ("7", gettext_noop("Số cụm công nghiệp có chủ đầu tư hạ tầng là doanh nghiệp"), U_CLUSTER),
    ("8", gettext_noop("Tổng diện tích các cụm có chủ đầu tư là doanh nghiệp"), U_HA),
    ("9", gettext_noop("Số cụm công nghiệp đã phê duyệt quy hoạch chi tiết"), U_CLUSTER),
    ("10", gettext_noop("Tổng diện tích các cụm đã phê duyệt quy hoạch chi tiết"), U_HA),
    ("11", gettext_noop("Số cụm công nghiệp đã phê duyệt dự án đầu tư hạ tầng"), U_CLUSTER),
    ("12", gettext_noop("Tổng diện tích các cụm đã phê duyệt dự án đầu tư hạ tầng"), U_HA),
    ("13", gettext_noop("Tổng mức đầu tư hạ tầng được phê duyệt"), U_BILLION),
    ("14", gettext_noop("Vốn đầu tư hạ tầng đã thực hiện"), U_BILLION),
    ("III", gettext_noop("Hoạt động của các cụm công nghiệp"), SECTION),
    ("15", gettext_noop("Số cụm công nghiệp đang hoạt động (có ít nhất một dự án)"), U_CLUSTER),
    ("15.1", gettext_noop("Trong đó: đã thành lập"), U_CLUSTER),
    ("15.2", gettext_noop("Trong đó: hoạt động nhưng chưa thành lập"), U_CLUSTER),
    ("15.3", gettext_noop("Trong đó: cụm công nghiệp làng nghề"), U_CLUSTER),
    ("15.4", gettext_noop("Trong đó: cụm công nghiệp chuyên ngành"), U_CLUSTER),
    ("16", gettext_noop("Tổng diện tích các cụm công nghiệp đang hoạt động"), U_HA),
    ("16.1", gettext_noop("Trong đó: đã thành lập"), U_HA),
    ("16.2", gettext_noop("Trong đó: hoạt động nhưng chưa thành lập"), U_HA),
    ("16.3", gettext_noop("Trong đó: cụm công nghiệp làng nghề"), U_HA),
    ("16.4", gettext_noop("Trong đó: cụm công nghiệp chuyên ngành"), U_HA),
    ("17", gettext_noop("Diện tích đất công nghiệp của các cụm đang hoạt động"), U_HA),
    ("18", gettext_noop("Diện tích đất công nghiệp đã cho thuê"), U_HA),
    ("19", gettext_noop("Tỷ lệ lấp đầy bình quân"), U_PERCENT),
    ("20", gettext_noop("Số dự án sản xuất, kinh doanh"), U_PROJECT),
    ("21", gettext_noop("Trong đó: dự án FDI"), U_PROJECT),
    ("22", gettext_noop("Trong đó: dự án đã đi vào hoạt động"), U_PROJECT),
    ("23", gettext_noop("Doanh thu"), U_BILLION),
    ("24", gettext_noop("Nộp ngân sách nhà nước"), U_BILLION),
    ("25", gettext_noop("Số lao động"), U_PEOPLE),
    (
        "26",
        gettext_noop("Số cụm công nghiệp có công trình xử lý nước thải tập trung đã, đang xây dựng"),
        U_CLUSTER,
    ),
    ("27", gettext_noop("Số cụm công nghiệp có công trình xử lý nước thải đạt quy chuẩn"), U_CLUSTER),
)


@dataclass(frozen=True)
class ClusterInput:
    """One cluster as Biểu 03/04 count it: the register's record, with the figures of its accepted
    Biểu 02 of the period (when there is one) in place of the register's, and the sums of the accepted
    Biểu 01 of its projects."""

    status: str
    kind: str = rules.KIND_ORDINARY
    specialised: bool = False
    established_on: datetime.date | None = None
    planned_area: Decimal = Decimal(0)
    area: Decimal = Decimal(0)  # established (after expansion), else planned
    developer_is_enterprise: bool = False
    detailed_plan_approved: bool = False
    infrastructure_approved: bool = False
    total_investment: int = 0
    capital_paid: int = 0
    industrial_land: Decimal = Decimal(0)
    leased: Decimal = Decimal(0)
    projects: int = 0
    fdi_projects: int = 0
    operating_projects: int = 0
    revenue: int = 0
    budget_paid: int = 0
    workers: int = 0
    wastewater_built: bool = False
    wastewater_compliant: bool = False


def _billion(value: int) -> Decimal:
    return (Decimal(value) / BILLION).quantize(Decimal("0.01"))


def aggregate(
    clusters: Iterable[ClusterInput], period_start: datetime.date, period_end: datetime.date
) -> dict[str, Decimal | int]:
    """Row number → value of Biểu 03 / 04 over `clusters` (cumulative to the report date; rows 5–6 count
    the clusters established within the period). Leased land counts at most the industrial land of its
    cluster, so the average occupancy (row 19 = 18 ÷ 17) never exceeds 100 %."""
    v: dict[str, Decimal | int] = {n: 0 for n, _label, unit in AGGREGATE_ROWS if unit != SECTION}
    for n in ("2", "4", "6", "8", "10", "12", "16", "16.1", "16.2", "16.3", "16.4", "17", "18"):
        v[n] = Decimal(0)
    investment = paid = revenue = budget = 0
    for c in clusters:
        if c.status in (rules.REMOVED, rules.REVOKED):
            continue
        v["1"] += 1
        v["2"] += c.planned_area
        established = c.status in rules.ESTABLISHED_STATUSES and c.established_on is not None
        if established:
            v["3"] += 1
            v["4"] += c.area
            if c.established_on and period_start <= c.established_on <= period_end:
                v["5"] += 1
                v["6"] += c.area
            if c.developer_is_enterprise:
                v["7"] += 1
                v["8"] += c.area
            if c.detailed_plan_approved:
                v["9"] += 1
                v["10"] += c.area
            if c.infrastructure_approved:
                v["11"] += 1
                v["12"] += c.area
            investment += c.total_investment
            paid += c.capital_paid
        if c.status in rules.ACTIVE_OPERATING:
            v["15"] += 1
            v["16"] += c.area
            sub = "1" if c.established_on is not None else "2"
            v["15." + sub] += 1
            v["16." + sub] += c.area
            if c.kind == rules.KIND_CRAFT:
                v["15.3"] += 1
                v["16.3"] += c.area
            if c.specialised:
                v["15.4"] += 1
                v["16.4"] += c.area
            v["17"] += c.industrial_land
            v["18"] += min(max(c.leased, Decimal(0)), c.industrial_land)
            v["20"] += c.projects
            v["21"] += c.fdi_projects
            v["22"] += c.operating_projects
            revenue += c.revenue
            budget += c.budget_paid
            v["25"] += c.workers
            v["26"] += 1 if c.wastewater_built else 0
            v["27"] += 1 if c.wastewater_compliant else 0
    v["13"], v["14"] = _billion(investment), _billion(paid)
    v["23"], v["24"] = _billion(revenue), _billion(budget)
    rate = rules.occupancy(v["18"], v["17"])
    v["19"] = (rate * 100).quantize(Decimal("0.01")) if rate is not None else Decimal(0)
    return v


def period_start(year: int, period: str) -> datetime.date:
    """Both periods start on 15/12 of the previous year (half year: to 14/6; year: to 14/12)."""
    return datetime.date(year - 1, 12, 15)


def period_end(year: int, period: str) -> datetime.date:
    return datetime.date(year, 6 if period == "half" else 12, 14)


def typed_value(value, scale, **separators: str) -> str:
    """A typed form's value as printed: money in tỷ đồng and income in triệu đồng, areas in ha and % with
    two decimals (a column reads evenly: 286,00 above 162,46), counts whole, 1/0 — in Vietnamese style
    unless other `separators` are given (a screen in another language)."""
    if scale == "flag":
        return "1" if value else "0"
    if value is None:
        return "—"
    if scale == "percent":
        return printed(str((Decimal(value) * 100).quantize(CENT)), **separators)
    if isinstance(scale, Decimal):
        return printed(str((Decimal(value) / scale).quantize(CENT)), **separators)
    if isinstance(value, Decimal):
        return printed(str(value.quantize(CENT)), **separators)
    return printed(str(value), **separators)


CENT = Decimal("0.01")


def printed(value: str, *, decimal_separator: str = ",", thousand_separator: str = ".") -> str:
    """A stored value of Biểu 03/04 ("2738.89", "39379") as printed, its decimals kept: "2.738,89",
    "39.379" (Vietnamese style unless other separators are given). Anything else is kept as it is."""
    whole, _dot, fraction = value.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.removeprefix("-")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return value
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + thousand_separator.join(groups) + (decimal_separator + fraction if fraction else "")


# ---- the national picture (tình hình cụm công nghiệp cả nước) ------------------------------------------


@dataclass
class Figures:
    """Sums of one group of clusters (a province, a region, a kind, the country) as the database returns
    them; the ratios follow: occupancy = leased (each cluster's at most its land) ÷ industrial land of the
    operating clusters; operating share = operating ÷ clusters; wastewater coverage = operating clusters
    with an operating central plant ÷ operating clusters."""

    clusters: int = 0
    established: int = 0
    operating: int = 0
    area: Decimal = Decimal(0)
    land: Decimal = Decimal(0)
    leased: Decimal = Decimal(0)
    wastewater: int = 0
    flagged: int = 0

    FIELDS = ("clusters", "established", "operating", "area", "land", "leased", "wastewater", "flagged")

    def add(self, other: Figures) -> Figures:
        for name in self.FIELDS:
            setattr(self, name, getattr(self, name) + (getattr(other, name) or 0))
        return self

    @property
    def occupancy(self) -> Decimal | None:
        return rules.occupancy(self.leased, self.land)

    @property
    def operating_share(self) -> Decimal | None:
        return Decimal(self.operating) / self.clusters if self.clusters else None

    @property
    def wastewater_coverage(self) -> Decimal | None:
        return Decimal(self.wastewater) / self.operating if self.operating else None
