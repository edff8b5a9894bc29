"""Import of an existing provincial cluster register from Excel (nhập cơ sở dữ liệu cụm công nghiệp).

The file is read by `cndp.core.importing` (size, file kind and cell checks; header found by its titles);
each row becomes a cluster through the services (`cluster_save`, then `cluster_transition` for its
establishment decision and operation), so the Decree 32 refusals and the province scope apply as in the
form. Old province names (the 63 units) and old district names are accepted and kept; the cluster is
scoped by the 34-unit successor. A dry run does everything inside a transaction that is rolled back, so
its problems are exactly those a real import would meet; a real import writes nothing unless every row
passes (one transaction)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.clusters import services
from cndp.clusters.choices import DecisionKind
from cndp.clusters.models import Cluster
from cndp.core.importing import (
    RowIssue,
    blank,
    cell_date,
    cell_text,
    parse_amount,
    read_sheet,
    template_workbook,
)
from cndp.core.services import ScopeViolation, ServiceError
from cndp.core.text import fold
from cndp.places.models import Province

# (key, title, required)
COLUMNS = [
    ("code", gettext_lazy("Mã cụm"), True),
    ("name", gettext_lazy("Tên cụm công nghiệp"), True),
    ("province", gettext_lazy("Tỉnh, thành phố"), True),
    ("old_district", gettext_lazy("Huyện (trước 1/7/2025)"), False),
    ("commune", gettext_lazy("Xã, phường"), False),
    ("kind", gettext_lazy("Loại cụm"), False),
    ("mountain", gettext_lazy("Địa bàn miền núi"), False),
    ("planned_area", gettext_lazy("Diện tích quy hoạch (ha)"), True),
    ("decision_number", gettext_lazy("Số quyết định thành lập"), False),
    ("established_on", gettext_lazy("Ngày quyết định thành lập"), False),
    ("issuer", gettext_lazy("Cơ quan ban hành"), False),
    ("established_area", gettext_lazy("Diện tích thành lập (ha)"), False),
    ("operating", gettext_lazy("Đang hoạt động"), False),
    ("industrial_land", gettext_lazy("Diện tích đất công nghiệp (ha)"), False),
    ("leased_area", gettext_lazy("Diện tích đã cho thuê (ha)"), False),
    ("developer_name", gettext_lazy("Chủ đầu tư hạ tầng"), False),
    ("developer_tax_code", gettext_lazy("Mã số thuế chủ đầu tư"), False),
    ("total_investment", gettext_lazy("Tổng mức đầu tư hạ tầng (đồng)"), False),
    ("state_support", gettext_lazy("Ngân sách nhà nước hỗ trợ (đồng)"), False),
    ("wastewater", gettext_lazy("Trạm xử lý nước thải"), False),
    ("wastewater_capacity", gettext_lazy("Công suất xử lý nước thải (m³/ngày)"), False),
    ("enterprises", gettext_lazy("Số doanh nghiệp"), False),
    ("labour", gettext_lazy("Số lao động"), False),
]
MATCH = {
    "code": ["ma cum", "ma ccn", "ma"],
    "name": ["ten cum cong nghiep", "ten cum", "ten ccn"],
    "province": ["tinh thanh pho", "tinh"],
    "old_district": ["huyen truoc 1 7 2025", "huyen"],
    "commune": ["xa phuong", "xa"],
    "kind": ["loai cum", "loai"],
    "mountain": ["dia ban mien nui", "mien nui"],
    "planned_area": ["dien tich quy hoach ha", "dien tich quy hoach"],
    "decision_number": ["so quyet dinh thanh lap", "so quyet dinh"],
    "established_on": ["ngay quyet dinh thanh lap", "ngay thanh lap"],
    "issuer": ["co quan ban hanh"],
    "established_area": ["dien tich thanh lap ha", "dien tich thanh lap"],
    "operating": ["dang hoat dong"],
    "industrial_land": ["dien tich dat cong nghiep ha", "dien tich dat cong nghiep", "dat cong nghiep"],
    "leased_area": ["dien tich da cho thue ha", "dien tich da cho thue", "da cho thue"],
    "developer_name": ["chu dau tu ha tang", "chu dau tu"],
    "developer_tax_code": ["ma so thue chu dau tu", "ma so thue"],
    "total_investment": ["tong muc dau tu ha tang dong", "tong muc dau tu"],
    "state_support": ["ngan sach nha nuoc ho tro dong", "ngan sach nha nuoc ho tro", "ngan sach ho tro"],
    "wastewater": ["tram xu ly nuoc thai", "xu ly nuoc thai"],
    "wastewater_capacity": ["cong suat xu ly nuoc thai m3 ngay", "cong suat xu ly nuoc thai", "cong suat"],
    "enterprises": ["so doanh nghiep"],
    "labour": ["so lao dong", "lao dong"],
}
YES = {"co", "x", "1", "yes", "dung"}
KINDS = {
    "lang nghe": "craft_village",
    "ccn lang nghe": "craft_village",
    "cum cong nghiep lang nghe": "craft_village",
    "thuong": "ordinary",
    "ccn": "ordinary",
    "cum cong nghiep": "ordinary",
    "": "ordinary",
}
WASTEWATER = {
    "": "none",
    "chua co": "none",
    "khong": "none",
    "dang xay dung": "building",
    "dang hoat dong": "operating",
    "co": "operating",
}
# Field names of the services → column keys, to put a refusal in its cell.
FIELD_COLUMN = {
    "planned_area": "planned_area",
    "area": "established_area",
    "number": "decision_number",
    "date": "established_on",
    "__all__": "",
    "province": "province",
}


@dataclass
class Result:
    issues: list[RowIssue] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # what was (or would be) written, for the preview
    written: int = 0


def titles() -> dict[str, str]:
    return {key: str(title) for key, title, _required in COLUMNS}


def _province_index() -> dict[str, Province]:
    """Folded names (with and without «Tỉnh», «Thành phố») and codes of both versions → the unit; the
    33 new units first, so a name shared by an old unit and a new one («Hà Nội») is the new one."""
    index: dict[str, Province] = {}
    for province in Province.objects.order_by("version", "code"):  # "34" < "63": new units first
        for key in (province.name, province.short_name, f"{province.version}:{province.code}"):
            index.setdefault(fold(key), province)
        index.setdefault(province.code, province)
    return index


def _decimal(value) -> Decimal | None:
    if blank(value):
        return None
    text = cell_text(value).replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite() or number < 0:
        raise ValueError(text)
    return number.quantize(Decimal("0.01"))


def parse_row(line: int, raw: dict, provinces: dict) -> tuple[dict, list[RowIssue]]:
    """One row's values, or its problems (each naming its column)."""
    names = titles()
    issues: list[RowIssue] = []
    out: dict = {}

    def problem(key, message):
        issues.append(RowIssue(line, names[key], message))

    for key in (
        "code",
        "name",
        "old_district",
        "commune",
        "decision_number",
        "issuer",
        "developer_name",
        "developer_tax_code",
    ):
        out[key] = cell_text(raw.get(key))
    for key in ("code", "name"):
        if not out[key]:
            problem(key, _("Không được để trống."))
    text = fold(cell_text(raw.get("province")))
    province = provinces.get(text) or provinces.get(text.removeprefix("tinh ").removeprefix("thanh pho "))
    if province is None:
        problem(
            "province", _("Không tìm thấy tỉnh, thành phố «%(v)s».") % {"v": cell_text(raw.get("province"))}
        )
    out["province"] = province
    for key in ("planned_area", "established_area", "industrial_land", "leased_area"):
        try:
            out[key] = _decimal(raw.get(key))
        except ValueError:
            problem(key, _("«%(v)s» không phải số ha hợp lệ.") % {"v": cell_text(raw.get(key))})
    if out.get("planned_area") is None and not any(i.column == names["planned_area"] for i in issues):
        problem("planned_area", _("Không được để trống."))
    for key in ("total_investment", "state_support", "wastewater_capacity", "enterprises", "labour"):
        try:
            value = parse_amount(raw.get(key))
            if value is not None and value < 0:
                raise ValueError(value)
            out[key] = value or 0
        except ValueError:
            problem(key, _("«%(v)s» không phải số hợp lệ.") % {"v": cell_text(raw.get(key))})
    date, error = cell_date(raw.get("established_on"))
    if error:
        problem("established_on", error)
    out["established_on"] = date
    kind = KINDS.get(fold(cell_text(raw.get("kind"))))
    if kind is None:
        problem("kind", _("Ghi «Cụm công nghiệp» hoặc «Làng nghề»."))
    out["kind"] = kind or "ordinary"
    wastewater = WASTEWATER.get(fold(cell_text(raw.get("wastewater"))))
    if wastewater is None:
        problem("wastewater", _("Ghi «Chưa có», «Đang xây dựng» hoặc «Đang hoạt động»."))
    out["wastewater"] = wastewater or "none"
    out["mountain"] = fold(cell_text(raw.get("mountain"))) in YES
    out["operating"] = fold(cell_text(raw.get("operating"))) in YES
    if date and not (out["decision_number"] and out["issuer"]):
        column = "decision_number" if not out["decision_number"] else "issuer"
        problem(column, _("Cụm đã có quyết định thành lập: cần ghi số quyết định và cơ quan ban hành."))
    return out, issues


def _write(line: int, row: dict, user, today) -> list[RowIssue]:
    """Write one row through the services (inside the caller's transaction); its refusals as issues."""
    names = titles()
    fields = {
        k: row[k]
        for k in (
            "code",
            "name",
            "province",
            "old_district",
            "commune",
            "kind",
            "mountain",
            "planned_area",
            "developer_name",
            "developer_tax_code",
            "total_investment",
            "state_support",
            "wastewater",
            "wastewater_capacity",
            "enterprises",
            "labour",
        )
    }
    fields["industrial_land"] = row["industrial_land"] or Decimal(0)
    fields["leased_area"] = row["leased_area"] or Decimal(0)
    if row["developer_name"]:
        fields["developer_kind"] = "enterprise"
    try:
        with transaction.atomic():
            existing = Cluster.objects.filter(code=row["code"]).first()
            if existing is not None:
                raise ValidationError(
                    {"code": _("Mã cụm «%(c)s» đã có trong cơ sở dữ liệu.") % {"c": row["code"]}}
                )
            cluster = services.cluster_save(cluster=Cluster(**fields), user=user, today=today)
            if row["established_on"]:
                services.cluster_transition(
                    cluster=cluster,
                    user=user,
                    kind=DecisionKind.ESTABLISH,
                    date=row["established_on"],
                    number=row["decision_number"],
                    issuer=row["issuer"],
                    area=row["established_area"],
                    today=today,
                )
            if row["operating"]:
                services.cluster_transition(
                    cluster=cluster,
                    user=user,
                    kind=DecisionKind.OPERATE,
                    date=row["established_on"] or today,
                    today=today,
                )
    except ScopeViolation as exc:
        return [RowIssue(line, names.get(FIELD_COLUMN.get(f, f), ""), m) for f, m in exc.problems.items()]
    except ValidationError as exc:
        messages = exc.message_dict if hasattr(exc, "message_dict") else {"__all__": exc.messages}
        return [
            RowIssue(line, names.get(FIELD_COLUMN.get(f, f), ""), " ".join(ms)) for f, ms in messages.items()
        ]
    except (ServiceError, PermissionDenied, Http404) as exc:
        return [RowIssue(line, "", str(exc) or _("Bạn không có quyền ghi dữ liệu này."))]
    return []


class _DryRun(Exception):
    pass


def import_clusters(file, *, user, dry_run: bool = True, today: datetime.date | None = None) -> Result:
    """Read, check and (unless `dry_run`, and only if every row passes) write the clusters of `file`."""
    from django.utils import timezone

    today = today or timezone.localdate()
    names = titles()
    required = [key for key, _title, req in COLUMNS if req]
    sheet = read_sheet(file, match=MATCH, anchor="code", required=required, titles=names)
    result = Result()
    if sheet.issues and not sheet.rows:
        result.issues = sheet.issues
        return result
    provinces = _province_index()
    parsed, issues = [], []
    codes = set()
    for line, raw in sheet.rows:
        row, row_issues = parse_row(line, raw, provinces)
        if row["code"] and row["code"] in codes:
            row_issues.append(RowIssue(line, names["code"], _("Mã cụm trùng với một dòng phía trên.")))
        codes.add(row["code"])
        issues += row_issues
        parsed.append((line, row))
    issues = sheet.merge(issues, names)
    if issues:
        result.issues = issues
        return result
    try:
        with transaction.atomic():
            for line, row in parsed:
                result.issues += _write(line, row, user, today)
            if result.issues or dry_run:
                raise _DryRun
    except _DryRun:
        pass
    result.rows = [row for _line, row in parsed]
    result.written = 0 if (result.issues or dry_run) else len(parsed)
    return result


def template():
    """Tệp mẫu with an example row and the instructions."""
    example = {
        "code": "01-CCN-0099",
        "name": "Cụm công nghiệp Phú Nghĩa",
        "province": "Hà Nội",
        "old_district": "Huyện Chương Mỹ",
        "commune": "Xã Phú Nghĩa",
        "kind": "Cụm công nghiệp",
        "mountain": "Không",
        "planned_area": "48,5",
        "decision_number": "1234/QĐ-UBND",
        "established_on": "15/03/2019",
        "issuer": "UBND thành phố Hà Nội",
        "established_area": "48,5",
        "operating": "Có",
        "industrial_land": "34",
        "leased_area": "27,2",
        "developer_name": "Công ty cổ phần Đầu tư hạ tầng Phú Nghĩa",
        "total_investment": "350.000.000.000",
        "state_support": "0",
        "wastewater": "Đang hoạt động",
        "wastewater_capacity": "1000",
        "enterprises": "12",
        "labour": "2400",
    }
    return template_workbook(
        str(_("Cụm công nghiệp")),
        [(k, str(t), r) for k, t, r in COLUMNS],
        help_lines=[
            _("Nhập cơ sở dữ liệu cụm công nghiệp của tỉnh"),
            _("Cột tô đỏ là bắt buộc. Dòng ví dụ (chữ nghiêng) cần xóa trước khi tải lên."),
            _("Tỉnh, thành phố: ghi tên hoặc mã theo danh mục 63 tỉnh (trước 1/7/2025) hoặc 34 tỉnh."),
            _("Diện tích ghi theo ha, dùng dấu phẩy cho phần thập phân (ví dụ 48,5)."),
            _("Cụm có quyết định thành lập: ghi số, ngày quyết định và cơ quan ban hành."),
            _(
                "Quy mô theo Nghị định 32/2024/NĐ-CP: từ 10 đến 75 ha (5–75 ha ở địa bàn miền núi, cụm làng nghề)."
            ),
            _("Không dòng nào được ghi nếu còn một dòng có lỗi; hãy «Kiểm tra» trước khi «Nhập»."),
        ],
        text_keys=("code", "established_on", "developer_tax_code"),
        example=example,
    )
