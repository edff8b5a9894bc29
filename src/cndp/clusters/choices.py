"""Choices of industrial clusters (cụm công nghiệp)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.clusters import rules


class ClusterKind(models.TextChoices):
    """Loại cụm công nghiệp."""

    ORDINARY = rules.KIND_ORDINARY, _("Cụm công nghiệp")
    CRAFT_VILLAGE = rules.KIND_CRAFT, _("Cụm công nghiệp làng nghề")


class ClusterStatus(models.TextChoices):
    """Trạng thái cụm công nghiệp — the values and order of rules.STATUSES."""

    PLANNED = rules.PLANNED, _("Trong phương án phát triển")
    ESTABLISHED = rules.ESTABLISHED, _("Đã thành lập")
    UNDER_CONSTRUCTION = rules.UNDER_CONSTRUCTION, _("Đang đầu tư hạ tầng")
    OPERATING = rules.OPERATING, _("Đang hoạt động")
    EXPANDED = rules.EXPANDED, _("Đã mở rộng")
    REMOVED = rules.REMOVED, _("Đã đưa ra khỏi phương án")
    REVOKED = rules.REVOKED, _("Đã bãi bỏ quyết định")


class DeveloperKind(models.TextChoices):
    """Loại hình chủ đầu tư hạ tầng kỹ thuật."""

    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    PUBLIC_UNIT = "public_unit", _("Đơn vị sự nghiệp công lập")
    OTHER = "other", _("Tổ chức khác")


class Wastewater(models.TextChoices):
    """Trạm xử lý nước thải tập trung."""

    NONE = "none", _("Chưa có")
    BUILDING = "building", _("Đang xây dựng")
    OPERATING = "operating", _("Đang hoạt động")


class ProjectStatus(models.TextChoices):
    """Trạng thái dự án sản xuất, kinh doanh trong cụm."""

    REGISTERED = "registered", _("Đã thuê đất, chưa xây dựng")
    BUILDING = "building", _("Đang xây dựng")
    OPERATING = "operating", _("Đang hoạt động")
    STOPPED = "stopped", _("Ngừng hoạt động")


class ConditionKey(models.TextChoices):
    """Loại điều kiện của Nghị định 32/2024/NĐ-CP."""

    SIZE = rules.SIZE, _("Quy mô diện tích")
    SUPPORT = rules.SUPPORT, _("Tỷ lệ ngân sách nhà nước hỗ trợ")
    ESTABLISH = rules.ESTABLISH, _("Điều kiện thành lập theo địa bàn")
    EXPAND = rules.EXPAND, _("Điều kiện mở rộng")
    REGULARISE = rules.REGULARISE, _("Hạn hoàn thiện thủ tục thành lập")


class AppliesTo(models.TextChoices):
    ALL = rules.ALL, _("Mọi cụm công nghiệp")
    ORDINARY = rules.ORDINARY, _("Cụm công nghiệp thường, ngoài địa bàn miền núi")
    MOUNTAIN_OR_CRAFT = rules.MOUNTAIN_OR_CRAFT, _("Địa bàn miền núi hoặc cụm công nghiệp làng nghề")


class AreaLevel(models.TextChoices):
    """Địa bàn xét điều kiện thành lập."""

    NONE = "", _("—")
    DISTRICT = rules.DISTRICT, _("Cấp huyện (trước 1/7/2025)")
    PROVINCE = rules.PROVINCE, _("Toàn tỉnh (UBND tỉnh quyết định cách áp dụng)")
    COMMUNE = rules.COMMUNE, _("Cấp xã")


class DecisionKind(models.TextChoices):
    """Loại quyết định, sự kiện ghi nhận thay đổi trạng thái."""

    PLAN = "plan", _("Đưa vào phương án phát triển")
    ESTABLISH = "establish", _("Quyết định thành lập")
    CONSTRUCTION = "construction", _("Khởi công hạ tầng")
    OPERATE = "operate", _("Bắt đầu hoạt động")
    EXPAND = "expand", _("Quyết định mở rộng")
    REMOVE = "remove", _("Đưa ra khỏi phương án phát triển")
    REVOKE = "revoke", _("Bãi bỏ quyết định thành lập")


class ReportForm(models.TextChoices):
    """Biểu mẫu báo cáo theo Thông tư 14/2024/TT-BCT (Phụ lục I)."""

    FORM01 = "form01", _("Biểu 01 — dự án sản xuất, kinh doanh")
    FORM02 = "form02", _("Biểu 02 — chủ đầu tư hạ tầng")
    FORM03 = "form03", _("Biểu 03 — UBND cấp xã")
    FORM04 = "form04", _("Biểu 04 — Sở Công Thương")


class Period(models.TextChoices):
    """Kỳ báo cáo."""

    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
