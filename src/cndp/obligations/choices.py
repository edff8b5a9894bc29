"""Choices of the reporting calendar (lịch báo cáo)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.obligations import calendar


class PeriodType(models.TextChoices):
    """Kỳ báo cáo."""

    MONTH = calendar.MONTH, _("Tháng")
    QUARTER = calendar.QUARTER, _("Quý")
    HALF_YEAR = calendar.HALF_YEAR, _("6 tháng")
    YEAR = calendar.YEAR, _("Năm")


class Basis(models.TextChoices):
    """How the due date follows from the rule."""

    PERIODIC = calendar.PERIODIC, _("Báo cáo định kỳ")
    FINAL = calendar.FINAL, _("Báo cáo tổng kết")


class State(models.TextChoices):
    """Tình trạng nghĩa vụ báo cáo."""

    PENDING = calendar.PENDING, _("Chưa nộp")
    SUBMITTED = calendar.SUBMITTED, _("Đã nộp, chờ xem xét")
    RETURNED = calendar.RETURNED, _("Yêu cầu bổ sung, hoàn thiện")
    ACCEPTED = calendar.ACCEPTED, _("Đã chấp nhận")


class Audience(models.TextChoices):
    """Báo trễ hạn cho ai."""

    UNIT = calendar.UNIT, _("Đơn vị phải báo cáo")
    UNIT_HEAD = calendar.UNIT_HEAD, _("Thủ trưởng đơn vị phải báo cáo")
    SUPERIORS = calendar.SUPERIORS, _("Đơn vị cấp trên của đơn vị phải báo cáo")
    PROVINCE = calendar.PROVINCE, _("Sở Công Thương của tỉnh")
    AGENCY = calendar.AGENCY, _("Cục")
    LEADERS = calendar.LEADERS, _("Lãnh đạo")


class Action(models.TextChoices):
    """Bước của một nghĩa vụ báo cáo."""

    SCHEDULE = "schedule", _("Lập lịch")
    RESCHEDULE = "reschedule", _("Đổi hạn theo quy định mới")
    SUBMIT = "submit", _("Nộp")
    RESUBMIT = "resubmit", _("Nộp lại")
    RETURN = "return", _("Trả lại, yêu cầu bổ sung")
    ACCEPT = "accept", _("Chấp nhận")
    REMIND = "remind", _("Nhắc hạn")
    ESCALATE = "escalate", _("Báo trễ hạn")
