from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """Loại đơn vị."""

    MINISTRY = "ministry", _("Bộ")
    AGENCY = "agency", _("Cục")
    AGENCY_DEPARTMENT = "agency_department", _("Phòng thuộc Cục")
    AGENCY_CENTRE = "agency_centre", _("Trung tâm thuộc Cục")
    DOIT = "doit", _("Sở Công Thương")
    EXTENSION_CENTRE = "extension_centre", _("Trung tâm Khuyến công tỉnh")
    PARTY_COMMITTEE = "party_committee", _("Đảng bộ")
    PARTY_CELL = "party_cell", _("Chi bộ")


PROVINCIAL_KINDS = (UnitKind.DOIT, UnitKind.EXTENSION_CENTRE)  # a tuple: migrations need a stable order
AGENCY_KINDS = (UnitKind.AGENCY, UnitKind.AGENCY_DEPARTMENT, UnitKind.AGENCY_CENTRE)


class Role(models.TextChoices):
    """Vai trò — each is a Django group with the permissions in accounts/roles.py."""

    ADMIN = "admin", _("Quản trị hệ thống")
    AGENCY_OFFICER = "agency_officer", _("Chuyên viên Cục")
    PROVINCE_OFFICER = "province_officer", _("Cán bộ Sở Công Thương")
    # An officer of a unit of the Ministry (Vụ, Cục, Văn phòng Bộ …) that leads or coordinates tasks of
    # the leaders' conclusions: sees and reports on its own unit's tasks only.
    MINISTRY_UNIT_OFFICER = "ministry_unit_officer", _("Cán bộ đơn vị thuộc Bộ")
    PARTY_OFFICER = "party_officer", _("Cán bộ Đảng ủy")
    COUNTING_BOARD = "counting_board", _("Thành viên Ban Kiểm phiếu")
    LEADER = "leader", _("Lãnh đạo (xem tổng quan)")
