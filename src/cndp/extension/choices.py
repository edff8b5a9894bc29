from django.db import models
from django.utils.translation import gettext_lazy as _

from cndp.extension.progress import rules as reporting
from cndp.extension.projects import ledger, lifecycle


class ProgrammeScope(models.TextChoices):
    """Chương trình khuyến công quốc gia / địa phương."""

    NATIONAL = "national", _("Quốc gia")
    LOCAL = "local", _("Địa phương")


class ProjectStatus(models.TextChoices):
    """Trạng thái đề án — the values and order of lifecycle.STATUSES."""

    REGISTERED = lifecycle.REGISTERED, _("Đăng ký")
    DOIT_APPRAISED = lifecycle.DOIT_APPRAISED, _("Sở Công Thương đã thẩm định")
    SUBMITTED = lifecycle.SUBMITTED, _("Đã gửi Cục")
    AGENCY_APPRAISED = lifecycle.AGENCY_APPRAISED, _("Cục đã thẩm định")
    SELECTED = lifecycle.SELECTED, _("Được lựa chọn")
    IN_PLAN = lifecycle.IN_PLAN, _("Trong kế hoạch được phê duyệt")
    CONTRACTED = lifecycle.CONTRACTED, _("Đã ký hợp đồng")
    IN_PROGRESS = lifecycle.IN_PROGRESS, _("Đang thực hiện")
    ADJUSTED = lifecycle.ADJUSTED, _("Đã điều chỉnh")
    SUSPENDED = lifecycle.SUSPENDED, _("Tạm dừng")
    INSPECTED = lifecycle.INSPECTED, _("Đã kiểm tra")
    ACCEPTED = lifecycle.ACCEPTED, _("Đã nghiệm thu")
    LIQUIDATED = lifecycle.LIQUIDATED, _("Đã thanh lý hợp đồng")
    SETTLED = lifecycle.SETTLED, _("Đã quyết toán")
    REJECTED = lifecycle.REJECTED, _("Không được chấp thuận")
    WITHDRAWN = lifecycle.WITHDRAWN, _("Rút, dừng thực hiện")


class BeneficiaryKind(models.TextChoices):
    """Loại cơ sở công nghiệp nông thôn thụ hưởng."""

    ENTERPRISE = "enterprise", _("Doanh nghiệp nhỏ và vừa")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    CRAFT_VILLAGE = "craft_village", _("Làng nghề")
    ARTISAN = "artisan", _("Nghệ nhân")


class LedgerKind(models.TextChoices):
    """Loại bút toán kinh phí khuyến công."""

    ADVANCE = ledger.ADVANCE, _("Tạm ứng")
    PAYMENT = ledger.PAYMENT, _("Thanh toán")
    REFUND = ledger.REFUND, _("Nộp trả")
    SETTLEMENT = ledger.SETTLEMENT, _("Quyết toán")


class PriorityKind(models.TextChoices):
    """Nhóm ưu tiên (Thông tư 46/2012/TT-BCT, Điều 6; Nghị định 235/2025/NĐ-CP)."""

    AREA = "area", _("Địa bàn ưu tiên")
    TRADE = "trade", _("Ngành nghề, lĩnh vực ưu tiên")
    BENEFICIARY = "beneficiary", _("Đối tượng ưu tiên")


class Indicator(models.TextChoices):
    """Chỉ tiêu của chương trình và kết quả của đề án."""

    DEMONSTRATION_MODELS = "demonstration_models", _("Mô hình trình diễn kỹ thuật")
    MACHINES = "machines", _("Máy móc, thiết bị tiên tiến được hỗ trợ")
    TECHNOLOGY_LINES = "technology_lines", _("Dây chuyền công nghệ được hỗ trợ")
    TRAINEES = "trainees", _("Lượt người được đào tạo")
    PRODUCTS = "products", _("Sản phẩm CNNT tiêu biểu được chứng nhận")
    JOBS = "jobs", _("Việc làm mới")


class ReportKind(models.TextChoices):
    """Loại báo cáo tiến độ đề án."""

    PERIODIC = reporting.PERIODIC, _("Báo cáo định kỳ")
    FINAL = reporting.FINAL, _("Báo cáo tổng kết")


class ReportStatus(models.TextChoices):
    """Tình trạng báo cáo tiến độ."""

    PENDING = reporting.PENDING, _("Chưa nộp")
    SUBMITTED = reporting.SUBMITTED, _("Đã nộp, chờ xem xét")
    NEEDS_REVISION = reporting.NEEDS_REVISION, _("Yêu cầu bổ sung, hoàn thiện")
    ACCEPTED = reporting.ACCEPTED, _("Đã chấp nhận")


class DocumentKind(models.TextChoices):
    """Loại tài liệu đính kèm đề án."""

    DOSSIER = "dossier", _("Hồ sơ đề án")
    APPRAISAL = "appraisal", _("Biên bản, ý kiến thẩm định")
    DECISION = "decision", _("Quyết định")
    CONTRACT = "contract", _("Hợp đồng")
    REPORT = "report", _("Báo cáo tiến độ, tổng kết")
    INSPECTION = "inspection", _("Biên bản kiểm tra, giám sát")
    ACCEPTANCE = "acceptance", _("Biên bản nghiệm thu")
    LIQUIDATION = "liquidation", _("Biên bản thanh lý hợp đồng")
    SETTLEMENT = "settlement", _("Hồ sơ quyết toán")
    OTHER = "other", _("Khác")
