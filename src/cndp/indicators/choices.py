"""Choices of local-industry monitoring (theo dõi công nghiệp địa phương)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.indicators import periods, rollup


class PeriodType(models.TextChoices):
    """Kỳ số liệu — the values of the shared reporting calendar's period types."""

    MONTH = periods.MONTH, _("Tháng")
    QUARTER = periods.QUARTER, _("Quý")
    HALF_YEAR = periods.HALF_YEAR, _("6 tháng")
    YEAR = periods.YEAR, _("Năm")


class Aggregation(models.TextChoices):
    """Cách tổng hợp — how values of several units combine."""

    SUM = rollup.SUM, _("Cộng")
    WEIGHTED_MEAN = rollup.WEIGHTED_MEAN, _("Bình quân gia quyền")
    RATIO = rollup.RATIO, _("Tỷ số của hai chỉ tiêu")
    NONE = rollup.NONE, _("Không tổng hợp")


class ValueState(models.TextChoices):
    """Tình trạng số liệu."""

    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    APPROVED = "approved", _("Đã duyệt (khóa)")


class Operator(models.TextChoices):
    """Phép so sánh of a validation rule (left op right)."""

    LE = "<=", _("không lớn hơn")
    GE = ">=", _("không nhỏ hơn")
    EQ = "==", _("bằng")
