from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressKind(models.TextChoices):
    """Loại đại hội."""

    MEMBERS = "members", _("Đại hội đảng viên")
    DELEGATES = "delegates", _("Đại hội đại biểu")


class RuleSetCode(models.TextChoices):
    """Bộ quy tắc bầu cử áp dụng."""

    R244 = "244-QD/TW-2014", _("Quyết định 244-QĐ/TW (2014)")
    R190 = "190-QD/TW-2024", _("Quyết định 190-QĐ/TW (2024)")


class CongressStatus(models.TextChoices):
    """Trạng thái đại hội."""

    PREPARING = "preparing", _("Chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")


class Exclusion(models.TextChoices):
    """Trường hợp không tính vào số đảng viên chính thức được triệu tập (cơ sở tính tỷ lệ)."""

    TEMPORARY_ACTIVITY = "temporary_activity", _("Sinh hoạt tạm thời ở đảng bộ khác")
    EXEMPTED_ABSENT = "exempted_absent", _("Được miễn công tác và sinh hoạt, không dự đại hội")
    SUSPENDED_OR_PROSECUTED = "suspended_or_prosecuted", _("Bị đình chỉ sinh hoạt, truy tố, tạm giam")
    APPROVED_ABSENCE = "approved_absence", _("Vắng mặt cả kỳ đại hội có lý do được cấp ủy triệu tập đồng ý")
    CONVENING_COMMITTEE_ABSENT = (
        "convening_committee_absent",
        _("Cấp ủy viên triệu tập vắng mặt cả kỳ đại hội"),
    )
    ABSENT_WITHOUT_ALTERNATE = (
        "absent_without_alternate",
        _("Đại biểu vắng mặt không có đại biểu dự khuyết thay"),
    )


class CheckKind(models.TextChoices):
    """Điểm danh vào / ra."""

    IN = "in", _("Vào")
    OUT = "out", _("Ra")
