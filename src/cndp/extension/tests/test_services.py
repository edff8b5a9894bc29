"""Services of industrial extension, without HTTP: registration against the caps and the deadline,
province scoping, every step through project_transition with its record, appraisal by several
reviewers, the selection within the fund, and the ledger bound."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cndp.core.services import ServiceError
from cndp.extension import services
from cndp.extension.models import Programme, Project, ProjectTransition
from cndp.extension.projects import lifecycle
from cndp.extension.projects.ledger import ADVANCE, PAYMENT, REFUND, SETTLEMENT

from .factories import (
    activity,
    advance,
    agency,
    appraise,
    centre,
    danang_officer,
    document,
    ensure_fund,
    hanoi_officer,
    make_project,
    open_year,
    project_data,
    province,
    step,
    today,
    user,
)

pytestmark = pytest.mark.django_db
M = 1_000_000


# ---- registration ---------------------------------------------------------------------------------------


def test_a_province_officer_registers_a_proposal_in_their_province():
    project = make_project()
    assert (
        project.code
        == f"KC{open_year()}-01-{Project.objects.filter(code__startswith=f'KC{open_year()}-01-').count():03d}"
    )
    assert project.status == lifecycle.REGISTERED
    assert (project.registered_on, project.total_funds) == (today(), 600 * M)
    assert project.province_current == province("01")
    assert project.programme.code == "ctkcqg-2026-2030"
    assert project.history.first().history_user == hanoi_officer()
    assert project.search_folded.startswith(project.code.lower())


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (
            {"extension_funds": 320 * M, "counterpart_funds": 500 * M},
            "extension_funds",
            [
                "«Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ»",
                "tối đa 300.000.000 đồng/cơ sở",
                "Thông tư 28/2018/TT-BTC ngày 28/03/2018, Điều 8 khoản 4",
            ],
        ),
        (
            {"extension_funds": 250 * M, "counterpart_funds": 100 * M},
            "extension_funds",
            ["tối đa 50 % tổng kinh phí, đề án đề nghị 71,43 %", "Thông tư 28/2018/TT-BTC"],
        ),
        (
            {"activity_type": "demo_model", "extension_funds": 1_100 * M, "counterpart_funds": 3_000 * M},
            "extension_funds",
            ["«Xây dựng mô hình trình diễn kỹ thuật»", "tối đa 1.000.000.000 đồng/mô hình"],
        ),
        ({"plan_year": "past"}, "plan_year", ["Đã hết hạn đăng ký", "Thông tư 36/2013/TT-BCT, Điều 10"]),
        ({"start_date": "last year"}, "start_date", ["phải bắt đầu trong năm"]),
    ],
)
def test_registration_is_refused_with_the_rule_and_its_legal_basis(overrides, field, words):
    if "activity_type" in overrides:
        overrides["activity_type"] = activity(overrides["activity_type"])
    if overrides.get("plan_year") == "past":
        year = open_year() - 1
        overrides = {
            "plan_year": year,
            "start_date": datetime.date(year, 3, 1),
            "end_date": datetime.date(year, 11, 1),
        }
    if overrides.get("start_date") == "last year":
        overrides["start_date"] = datetime.date(open_year() - 1, 12, 1)
    before = Project.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_project(**overrides)
    message = " ".join(exc.value.message_dict[field])
    for word in words:
        assert word in message
    assert Project.objects.count() == before


def test_a_complete_technology_line_may_have_one_and_a_half_times_the_amount():
    project = make_project(extension_funds=450 * M, counterpart_funds=500 * M, technology_line=True)
    assert project.extension_funds == 450 * M
    with pytest.raises(ValidationError, match="hệ số 1,5"):
        make_project(extension_funds=451 * M, counterpart_funds=500 * M, technology_line=True)


def test_a_local_project_is_bound_by_its_province_cap_a_national_one_by_the_national_cap():
    dak_lak = province("66")
    local = Programme.objects.create(
        code="ctkcdp-daklak-2026-2030",
        name="Chương trình khuyến công tỉnh Đắk Lắk",
        scope="local",
        province=dak_lak,
        phase_start=2026,
        phase_end=2030,
        valid_from=datetime.date(2026, 1, 1),
        legal_basis="Quyết định của UBND tỉnh (thử nghiệm)",
    )
    data = {
        "province_code": "66",
        "activity_type": activity("demo_model"),
        "extension_funds": 900 * M,
        "counterpart_funds": 2_500 * M,
    }
    with pytest.raises(ValidationError) as exc:
        make_project(by=agency(), programme=local, **data)
    message = exc.value.message_dict["extension_funds"][0]
    assert "(mức của tỉnh): tối đa 800.000.000 đồng/mô hình" in message
    assert "Đắk Lắk" in message
    national = make_project(by=agency(), **data)
    assert national.programme.scope == "national"


def test_the_province_must_be_the_unit_in_force_at_the_plan_date():
    old_hanoi = province("01", version="63")
    with pytest.raises(ValidationError) as exc:
        make_project(by=agency(), province=old_hanoi)
    assert "không phải đơn vị hành chính có hiệu lực ngày 01/01" in exc.value.message_dict["province"][0]


def test_a_province_officer_cannot_register_for_another_province_or_unit():
    with pytest.raises(PermissionDenied):
        make_project(province_code="48")  # Hà Nội's officer, Đà Nẵng's project
    with pytest.raises(PermissionDenied):
        make_project(implementing_unit=centre("48"))
    with pytest.raises(PermissionDenied):
        make_project(by=user("lanhdao"))  # the leader only reads
    project = make_project(by=danang_officer(), province_code="48")
    assert project.province_current.code == "48"


def test_update_while_editable_then_only_by_adjustment():
    project = make_project()
    services.project_update(
        project=project, user=hanoi_officer(), name="Tên   đã sửa", counterpart_funds=400 * M
    )
    project.refresh_from_db()
    assert (project.name, project.total_funds) == ("Tên đã sửa", 650 * M)
    with pytest.raises(ValidationError, match="Vượt mức hỗ trợ tối đa"):
        services.project_update(project=project, user=hanoi_officer(), extension_funds=301 * M)
    step(project, lifecycle.DOIT_APPRAISED)
    step(project, lifecycle.SUBMITTED)
    with pytest.raises(ServiceError, match="quyết định điều chỉnh"):
        services.project_update(project=project, user=hanoi_officer(), name="Không được sửa")
    services.project_update(project=project, user=agency(), planned_jobs=12)  # under the agency's appraisal
    with pytest.raises(Http404):
        services.project_update(project=project, user=danang_officer(), name="Tỉnh khác")


# ---- lifecycle through the service ------------------------------------------------------------------------


def test_a_project_runs_from_registration_to_settlement_with_every_step_recorded():
    project = make_project()
    advance(project, lifecycle.SETTLED)
    records = list(project.transitions.order_by("at", "pk"))
    assert [(r.source, r.target) for r in records] == list(
        zip(lifecycle.path_to(lifecycle.SETTLED), lifecycle.path_to(lifecycle.SETTLED)[1:], strict=False)
    )
    by_target = {r.target: r for r in records}
    assert by_target[lifecycle.DOIT_APPRAISED].actor == hanoi_officer()
    assert by_target[lifecycle.SUBMITTED].decision_number == "101/QĐ-TEST"
    assert by_target[lifecycle.IN_PLAN].actor == agency()
    assert all(
        r.decision_date == today() for r in records if lifecycle.transition(r.source, r.target).needs_document
    )
    project.refresh_from_db()
    assert project.status == lifecycle.SETTLED
    assert project.approved_funds == project.extension_funds
    assert project.history.filter(status=lifecycle.SETTLED).first().history_user == agency()


def test_refusals_of_the_transition_service():
    project = make_project()
    with pytest.raises(ServiceError, match="Chỉ cán bộ Sở Công Thương"):
        services.project_transition(project=project, target=lifecycle.DOIT_APPRAISED, user=agency())
    with pytest.raises(ServiceError, match="Không thể chuyển đề án từ «Đăng ký» sang «Đã ký hợp đồng»"):
        services.project_transition(project=project, target=lifecycle.CONTRACTED, user=user("quantri"))
    with pytest.raises(PermissionDenied):
        services.project_transition(
            project=project, target=lifecycle.WITHDRAWN, user=user("lanhdao"), comment="x"
        )
    with pytest.raises(Http404):
        services.project_transition(project=project, target=lifecycle.DOIT_APPRAISED, user=danang_officer())
    with pytest.raises(ServiceError, match="Ghi rõ lý do"):
        services.project_transition(project=project, target=lifecycle.WITHDRAWN, user=hanoi_officer())
    step(project, lifecycle.DOIT_APPRAISED)
    with pytest.raises(ServiceError, match="cần số và ngày của văn bản: công văn gửi đăng ký kế hoạch"):
        services.project_transition(project=project, target=lifecycle.SUBMITTED, user=hanoi_officer())
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ServiceError, match="không được sau ngày ghi nhận"):
        services.project_transition(
            project=project,
            target=lifecycle.SUBMITTED,
            user=hanoi_officer(),
            decision_number="1/SCT",
            decision_date=tomorrow,
        )
    assert not ProjectTransition.objects.filter(project=project, target=lifecycle.SUBMITTED).exists()


def test_sending_to_the_agency_after_20_june_is_refused():
    project = make_project()
    step(project, lifecycle.DOIT_APPRAISED)
    deadline = datetime.date(project.plan_year - 1, 6, 20)
    late = datetime.datetime(deadline.year, 6, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with pytest.raises(ServiceError, match="Đã hết hạn đăng ký kế hoạch khuyến công quốc gia năm"):
        services.project_transition(
            project=project,
            target=lifecycle.SUBMITTED,
            user=hanoi_officer(),
            decision_number="12/SCT",
            decision_date=deadline,
            at=late,
        )


def test_the_agency_appraisal_needs_the_rubrics_reviewers_and_averages_their_scores():
    project = make_project()
    advance(project, lifecycle.SUBMITTED)
    reviewer_a, reviewer_b = user("chuyenvien"), user("cb001")
    codes = ["need", "feasibility", "budget", "outputs", "replication"]
    services.appraisal_record(
        project=project,
        reviewer=reviewer_a,
        user=agency(),
        scores=dict(zip(codes, [8, 8, 7, 7, 6], strict=True)),
    )
    with pytest.raises(ServiceError, match="Cần ít nhất 2 phiếu chấm"):
        step(project, lifecycle.AGENCY_APPRAISED)
    services.appraisal_record(
        project=project,
        reviewer=reviewer_b,
        user=agency(),
        scores=dict(zip(codes, [7, 6, 9, 5, 3], strict=True)),
    )
    project.refresh_from_db()
    assert str(project.score) == "68.75"  # (74 + 63,5) / 2
    # The same reviewer scoring again replaces their sheet.
    services.appraisal_record(
        project=project, reviewer=reviewer_b, user=agency(), scores=dict.fromkeys(codes, 10)
    )
    project.refresh_from_db()
    assert (project.appraisals.count(), str(project.score)) == (2, "87.00")
    with pytest.raises(ServiceError, match="Chưa chấm tiêu chí"):
        services.appraisal_record(project=project, reviewer=reviewer_a, user=agency(), scores={"need": 5})
    with pytest.raises(ServiceError, match="phải là cán bộ của Cục"):
        services.appraisal_record(
            project=project, reviewer=hanoi_officer(), user=agency(), scores=dict.fromkeys(codes, 5)
        )
    with pytest.raises(PermissionDenied):
        services.appraisal_record(
            project=project, reviewer=reviewer_a, user=hanoi_officer(), scores=dict.fromkeys(codes, 5)
        )
    step(project, lifecycle.AGENCY_APPRAISED)


def test_selection_proposes_by_score_within_the_fund_and_the_officer_confirms():
    year = open_year()
    a = appraise(advance(make_project(extension_funds=300 * M), lifecycle.SUBMITTED), scores=(9, 9, 9, 9, 9))
    b = appraise(advance(make_project(extension_funds=280 * M), lifecycle.SUBMITTED), scores=(8, 8, 8, 8, 8))
    c = appraise(advance(make_project(extension_funds=150 * M), lifecycle.SUBMITTED), scores=(7, 7, 7, 7, 7))
    weak = appraise(
        advance(make_project(extension_funds=100 * M), lifecycle.SUBMITTED), scores=(3, 3, 3, 3, 3)
    )
    for p in (a, b, c, weak):
        step(p, lifecycle.AGENCY_APPRAISED)
    ensure_fund(year, 500 * M)
    proposal = services.selection_propose(year=year)
    assert proposal.chosen() == [a, c]  # b does not fit after a; c does
    assert proposal.passed_over() == [b]
    assert proposal.below_pass() == [weak]
    assert (proposal.proposal.total, proposal.proposal.left) == (450 * M, 50 * M)
    assert services.selection_confirm(projects=proposal.chosen(), user=agency()) == 2
    a.refresh_from_db()
    assert (a.status, a.approved_funds) == (lifecycle.SELECTED, 300 * M)
    again = services.selection_propose(year=year)  # what is selected counts against the fund
    assert again.committed == 450 * M and again.chosen() == []
    with pytest.raises(ServiceError, match="Vượt nguồn kinh phí khuyến công năm"):
        step(b, lifecycle.SELECTED)
    with pytest.raises(ServiceError, match="thấp hơn điểm đạt"):
        step(weak, lifecycle.SELECTED)
    step(a, lifecycle.AGENCY_APPRAISED)  # deselected: its funds are released
    a.refresh_from_db()
    assert a.approved_funds is None
    assert services.selection_propose(year=year).committed == 150 * M


def test_the_ledger_never_exceeds_the_approved_funds():
    project = advance(make_project(), lifecycle.IN_PLAN)
    with pytest.raises(ServiceError, match="đã ký hợp đồng"):
        services.disbursement_record(project=project, kind=ADVANCE, amount=10 * M, user=agency())
    step(project, lifecycle.CONTRACTED)
    services.disbursement_record(
        project=project, kind=ADVANCE, amount=125 * M, user=agency(), document_number="TU-1"
    )
    with pytest.raises(ServiceError, match="còn được cấp tối đa 125.000.000 đồng"):
        services.disbursement_record(project=project, kind=PAYMENT, amount=126 * M, user=agency())
    services.disbursement_record(project=project, kind=PAYMENT, amount=125 * M, user=agency())
    with pytest.raises(ServiceError, match="Chỉ quyết toán đề án đã thanh lý hợp đồng"):
        services.disbursement_record(project=project, kind=SETTLEMENT, amount=240 * M, user=agency())
    with pytest.raises(PermissionDenied):
        services.disbursement_record(project=project, kind=REFUND, amount=1 * M, user=hanoi_officer())
    for status in (lifecycle.IN_PROGRESS, lifecycle.INSPECTED, lifecycle.ACCEPTED, lifecycle.LIQUIDATED):
        step(project, status)
    with pytest.raises(ServiceError, match="Chưa ghi số quyết toán"):
        step(project, lifecycle.SETTLED)
    services.disbursement_record(project=project, kind=SETTLEMENT, amount=240 * M, user=agency())
    services.disbursement_record(project=project, kind=REFUND, amount=10 * M, user=agency())
    step(project, lifecycle.SETTLED)
    from cndp.extension.projects.selectors import project_totals

    totals = project_totals(project)
    assert (totals.disbursed, totals.settled, totals.to_refund) == (240 * M, 240 * M, 0)


def test_ledger_amounts_follow_the_interface_language():
    """Messages and a ledger entry's name write amounts as the interface does: 250,000,000 in English."""
    from django.utils import translation

    from cndp.extension.models import LedgerEntry

    project = advance(make_project(), lifecycle.IN_PLAN)
    step(project, lifecycle.CONTRACTED)
    for language, allowed in (("en", "250,000,000 đồng"), ("vi", "250.000.000 đồng")):
        with translation.override(language), pytest.raises(ServiceError, match=f"tối đa {allowed}"):
            services.disbursement_record(project=project, kind=PAYMENT, amount=251 * M, user=agency())
    entry = LedgerEntry(project=project, kind=ADVANCE, amount=1_234_567)
    with translation.override("en"):
        assert str(entry).endswith(" 1,234,567 đ")
    with translation.override("vi"):
        assert str(entry).endswith(" 1.234.567 đ")


def test_a_province_officer_sees_the_old_provinces_projects_of_their_new_province():
    """Projects keep the unit of their plan date (old Quảng Nam, 63 units) and are scoped by today's one
    (Đà Nẵng, 34 units)."""
    old = Project.objects.filter(province__version="63", province__code="49").first()
    assert old is not None and old.province_current.code == "48"
    assert Project.objects.restrict(danang_officer()).filter(pk=old.pk).exists()
    assert not Project.objects.restrict(hanoi_officer()).filter(pk=old.pk).exists()
    hanoi = Project.objects.restrict(hanoi_officer())
    assert hanoi.exists() and set(hanoi.values_list("province_current__code", flat=True)) == {"01"}


def test_project_data_helper_is_valid_for_the_open_year():
    assert project_data()["plan_year"] == open_year()
    assert document()["decision_date"] == today()
