"""Choices of the follow-up of leaders' conclusions (theo dõi kết luận của Lãnh đạo Bộ)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.followup import parsing, statuses


class DeadlineKind(models.TextChoices):
    """Loại thời hạn."""

    DATE = parsing.DATE, _("Có thời hạn")
    RECURRING = parsing.RECURRING, _("Thường xuyên")
    NONE = parsing.NONE, _("Không thời hạn")


class State(models.TextChoices):
    """Trạng thái xử lý nhiệm vụ."""

    OPEN = statuses.OPEN, _("Đang thực hiện")
    REPORTED = statuses.REPORTED, _("Đã báo cáo hoàn thành, chờ xác nhận")
    DONE = statuses.DONE, _("Đã hoàn thành")


class GovStatus(models.TextChoices):
    """Tình trạng theo cách báo cáo Chính phủ."""

    DONE_ON_TIME = statuses.DONE_ON_TIME, _("Hoàn thành đúng hạn")
    DONE_LATE = statuses.DONE_LATE, _("Hoàn thành quá hạn")
    NOT_DONE_IN_TIME = statuses.NOT_DONE_IN_TIME, _("Chưa hoàn thành, trong hạn")
    NOT_DONE_OVERDUE = statuses.NOT_DONE_OVERDUE, _("Chưa hoàn thành, quá hạn")


class Role(models.TextChoices):
    """Vai trò của đơn vị trong nhiệm vụ."""

    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")


class ReportVerdict(models.TextChoices):
    """Kết quả xem xét báo cáo hoàn thành."""

    NONE = "", _("—")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại")
