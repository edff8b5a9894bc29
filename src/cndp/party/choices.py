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
