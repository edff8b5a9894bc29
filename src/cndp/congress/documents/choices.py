"""Choices of draft documents and comments (dự thảo văn kiện, góp ý)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Loại dự thảo văn kiện."""

    POLITICAL_REPORT = "political_report", _("Báo cáo chính trị")
    RESOLUTION = "resolution", _("Dự thảo Nghị quyết")
    UPPER_LEVEL = "upper_level", _("Dự thảo văn kiện Đại hội cấp trên")
    NATIONAL = "national", _("Dự thảo văn kiện Đại hội toàn quốc")
    OTHER = "other", _("Văn kiện khác")


class DocumentStatus(models.TextChoices):
    """Trạng thái lấy ý kiến."""

    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã khóa góp ý")


class AuthorKind(models.TextChoices):
    """Ý kiến của một đảng viên (người được triệu tập) hay của một chi bộ."""

    MEMBER = "member", _("Đảng viên")
    CELL = "cell", _("Chi bộ")


class Answer(models.TextChoices):
    """Tiếp thu, giải trình ý kiến góp ý (để trống khi chưa trả lời)."""

    ACCEPT = "accept", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    REJECT = "reject", _("Không tiếp thu")


# Answers that must come with an explanation (giải trình).
EXPLAINED_ANSWERS = (Answer.PARTLY, Answer.REJECT)
