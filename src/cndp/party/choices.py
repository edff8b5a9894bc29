from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """Giới tính."""

    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    """Loại đảng viên tại một ngày."""

    OFFICIAL = "official", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")


class MemberStanding(models.TextChoices):
    """Tình trạng đảng viên tại một ngày (bộ lọc danh sách)."""

    IN_ORGANISATION = "in", _("Đang sinh hoạt trong Đảng bộ")
    OFFICIAL = "official", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    TEMPORARY_AWAY = "temporary_away", _("Sinh hoạt tạm thời nơi khác")
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    SUSPENDED = "suspended", _("Đình chỉ sinh hoạt")
    LEFT = "left", _("Đã ra khỏi Đảng bộ (chuyển đi, từ trần, xóa tên)")


class MemberEventKind(models.TextChoices):
    """Loại sự kiện trong lịch sử sinh hoạt đảng (the same codes and labels as `rules.KIND_LABELS`)."""

    ADMITTED = "admitted", _("Kết nạp (dự bị)")
    OFFICIAL = "official", _("Công nhận chính thức")
    TRANSFER_IN = "transfer_in", _("Chuyển đến")
    TRANSFER_OUT = "transfer_out", _("Chuyển đi")
    CELL_CHANGE = "cell_change", _("Chuyển chi bộ trong Đảng bộ")
    TEMPORARY_OUT = "temporary_out", _("Sinh hoạt tạm thời nơi khác")
    TEMPORARY_RETURN = "temporary_return", _("Trở lại sinh hoạt")
    EXEMPTED = "exempted", _("Miễn công tác và sinh hoạt đảng")
    EXEMPTION_ENDED = "exemption_ended", _("Thôi miễn công tác và sinh hoạt đảng")
    SUSPENDED = "suspended", _("Đình chỉ sinh hoạt")
    SUSPENSION_ENDED = "suspension_ended", _("Hết thời hạn đình chỉ sinh hoạt")
    DECEASED = "deceased", _("Từ trần")
    REMOVED = "removed", _("Xóa tên / khai trừ")
