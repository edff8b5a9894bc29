from django.db import models
from django.utils.translation import gettext_lazy as _


class ElectionKind(models.TextChoices):
    """Loại cuộc bầu cử (each has its own ballots and minutes)."""

    COMMITTEE = "committee", _("Bầu Ban Chấp hành")
    STANDING_COMMITTEE = "standing_committee", _("Bầu Ban Thường vụ")
    SECRETARY = "secretary", _("Bầu Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Bầu Phó Bí thư")
    INSPECTION_COMMITTEE = "inspection_committee", _("Bầu Ủy ban Kiểm tra")
    DELEGATES = "delegates", _("Bầu đại biểu chính thức dự Đại hội cấp trên")
    ALTERNATES = "alternates", _("Bầu đại biểu dự khuyết dự Đại hội cấp trên")


FIRST_SESSION_KINDS = (ElectionKind.STANDING_COMMITTEE, ElectionKind.SECRETARY, ElectionKind.DEPUTY_SECRETARY)
SURPLUS_LIMITED_KINDS = (ElectionKind.COMMITTEE, ElectionKind.STANDING_COMMITTEE)


class ElectionStatus(models.TextChoices):
    """Trạng thái cuộc bầu cử."""

    PREPARING = "preparing", _("Lập danh sách bầu cử")
    LIST_ADOPTED = "list_adopted", _("Đã thông qua danh sách")
    COUNTING = "counting", _("Đang kiểm phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu, chờ công bố")
    CERTIFIED = "certified", _("Đã công bố kết quả")
    SUSPENDED = "suspended", _("Tạm dừng, chờ ý kiến cấp ủy cấp trên")


class CandidateSource(models.TextChoices):
    """Nguồn giới thiệu."""

    SLATE = "slate", _("Cấp ủy triệu tập giới thiệu")
    FLOOR = "floor", _("Đại hội giới thiệu")
    SELF = "self", _("Tự ứng cử")


class Clerk(models.TextChoices):
    """Người nhập phiếu (nhập hai lần độc lập)."""

    A = "A", _("Người nhập A")
    B = "B", _("Người nhập B")


class Decision(models.TextChoices):
    """Quyết định của đại hội khi có phiếu ngang nhau hoặc chưa đủ số lượng."""

    TIE_REVOTE = "tie_revote", _("Bầu lại trong số những người có phiếu ngang nhau")
    FURTHER_ROUND = "further_round", _("Bầu bổ sung (vòng tiếp theo)")
    STOP = "stop", _("Không bầu tiếp")
