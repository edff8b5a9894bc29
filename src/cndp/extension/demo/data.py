"""Data of the demo industrial extension: the yearly funds and plan decisions, the activity mix and sizes,
crafts and names, and where each year's projects stand on 26/11/2026. Demo figures at the scale of the
references (industry-rules §1.8); the real yearly allocations are not in the references."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from cndp.extension.projects import lifecycle

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = datetime.date(2026, 11, 26)
YEARS = range(2022, 2029)
PROPOSALS = {2022: 330, 2023: 340, 2024: 350, 2025: 345, 2026: 355, 2027: 360, 2028: 45}
# National extension fund per plan year (VND). Demo figures at the scale of 2016 (103,7 bn for 251
# projects); the real yearly allocations are not in the references.
FUNDS = {
    2022: 112_000_000_000,
    2023: 116_000_000_000,
    2024: 121_000_000_000,
    2025: 110_000_000_000,
    2026: 125_000_000_000,
    2027: 128_000_000_000,
    2028: 130_000_000_000,
}
PLAN_DECISIONS = {  # the Minister's decision approving each year's plan (demo numbers)
    2022: ("3486/QĐ-BCT", datetime.date(2021, 12, 29)),
    2023: ("2951/QĐ-BCT", datetime.date(2022, 12, 30)),
    2024: ("3712/QĐ-BCT", datetime.date(2023, 12, 28)),
    2025: ("3650/QĐ-BCT", datetime.date(2024, 12, 27)),
    2026: ("3914/QĐ-BCT", datetime.date(2025, 12, 30)),
}

# activity code: weight, extension funds range (million VND), share of the cost range (%), outputs
ACTIVITY_MIX = {
    "machinery": (34, (120, 300), (30, 50)),
    "demo_model": (24, (350, 1000), (18, 30)),
    "training": (11, (90, 400), (70, 100)),
    "product_development": (8, (250, 1500), (70, 100)),
    "cleaner_production": (5, (150, 500), (30, 60)),
    "management": (5, (80, 350), (80, 100)),
    "consulting": (5, (100, 600), (90, 100)),
    "linkage_cluster": (4, (200, 900), (40, 80)),
    "cluster_environment": (2, (400, 1500), (30, 60)),
    "digital": (2, (150, 500), (60, 100)),
}
# Per-criterion scores are generated for the appraisals of the current cycles (from 2025, i.e. plan
# years 2026–2027); older sheets keep their totals only, which keeps `cndp demo` fast.
SCORES_FROM = 2025
CRAFTS = [
    ("chế biến chè", "agro_processing"),
    ("chế biến hạt điều", "agro_processing"),
    ("chế biến cà phê", "agro_processing"),
    ("sản xuất bún, phở khô", "agro_processing"),
    ("chế biến nước mắm", "agro_processing"),
    ("chế biến tinh bột sắn", "agro_processing"),
    ("sấy nông sản", "agro_processing"),
    ("chế biến thủy sản khô", "agro_processing"),
    ("chế biến dược liệu", "agro_processing"),
    ("chế biến thức ăn chăn nuôi", "agro_processing"),
    ("sản xuất gạch không nung", "chemicals_materials"),
    ("sản xuất phân bón hữu cơ vi sinh", "chemicals_materials"),
    ("chế biến gỗ", "consumer_goods"),
    ("sản xuất bao bì giấy", "consumer_goods"),
    ("may công nghiệp", "consumer_goods"),
    ("cơ khí chế tạo máy nông nghiệp", "mechanics_electronics"),
    ("gia công cơ khí chính xác", "mechanics_electronics"),
    ("sản xuất đồ gỗ mỹ nghệ", "handicrafts"),
    ("dệt thổ cẩm", "handicrafts"),
    ("sản xuất mây tre đan", "handicrafts"),
    ("sản xuất gốm sứ", "handicrafts"),
    ("sơn mài", "handicrafts"),
]
STEPS = ["sơ chế", "sấy", "chế biến", "đóng gói", "hoàn thiện sản phẩm", "cắt, tạo hình"]
BRANDS = [
    "Minh Phát",
    "Hoàng Long",
    "Thành Đạt",
    "An Phú",
    "Phú Thịnh",
    "Tân Tiến",
    "Hưng Thịnh",
    "Đại Việt",
    "Quang Minh",
    "Bảo An",
    "Trường Sơn",
    "Kim Ngân",
    "Đức Thành",
    "Sao Mai",
    "Thiên Phúc",
    "Việt Hưng",
    "Nam Tiến",
    "Hồng Hà",
]
COMMUNES = [
    "Tân Lập",
    "Hòa Bình",
    "Đông Sơn",
    "Quảng Phú",
    "Yên Thành",
    "Thanh Xuân",
    "Phú Lộc",
    "Minh Đức",
    "Tân Hòa",
    "Hưng Đạo",
    "Xuân Lâm",
    "Bình Minh",
]
CLUSTERS = ["Tân Dân", "Đồng Văn", "Phú Thứ", "Hòa Phú", "Bắc Sơn", "Nam Thanh", "An Đồng"]
REJECT_REASONS = {
    lifecycle.REGISTERED: "Hồ sơ không đạt yêu cầu thẩm định cấp cơ sở",
    lifecycle.SUBMITTED: "Hồ sơ thiếu thuyết minh dự toán, không đủ điều kiện thẩm định",
    lifecycle.AGENCY_APPRAISED: "Không được lựa chọn: ngoài nguồn kinh phí hoặc dưới điểm đạt",
    lifecycle.SELECTED: "Không có trong kế hoạch được phê duyệt",
}


# Where each year's selected projects end up on 26/11/2026 (weights).
OUTCOMES = {
    "old": {lifecycle.SETTLED: 95, lifecycle.LIQUIDATED: 3, "stopped": 2},
    2025: {lifecycle.SETTLED: 55, lifecycle.LIQUIDATED: 25, lifecycle.ACCEPTED: 15, lifecycle.INSPECTED: 5},
    2026: {
        lifecycle.CONTRACTED: 4,
        lifecycle.IN_PROGRESS: 46,
        lifecycle.ADJUSTED: 6,
        lifecycle.SUSPENDED: 3,
        lifecycle.INSPECTED: 24,
        lifecycle.ACCEPTED: 15,
        lifecycle.LIQUIDATED: 2,
    },
}
