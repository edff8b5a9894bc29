from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceKind(models.TextChoices):
    """Loại đơn vị hành chính cấp tỉnh."""

    CITY = "city", _("Thành phố trực thuộc Trung ương")
    PROVINCE = "province", _("Tỉnh")


class ProvinceVersion(models.TextChoices):
    """Phiên bản danh mục: 63 tỉnh (đến 30/6/2025) hoặc 34 tỉnh (từ 1/7/2025)."""

    V63 = "63", _("63 tỉnh, thành (đến 30/6/2025)")
    V34 = "34", _("34 tỉnh, thành (từ 1/7/2025)")


class RegionGrouping(models.TextChoices):
    """Cách phân vùng."""

    SOCIO_ECONOMIC = "socio_economic", _("Vùng kinh tế - xã hội")
    STEERING_COMMITTEE = "steering_committee", _("Vùng Ban Chỉ đạo")
    KEY_ECONOMIC_ZONE = "key_economic_zone", _("Vùng kinh tế trọng điểm")
    MACRO = "macro", _("Miền Bắc - Trung - Nam")
