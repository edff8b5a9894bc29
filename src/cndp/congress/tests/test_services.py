"""Summons, exclusions and check-in services; the attendance selector; the screens."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cndp.accounts.models import Unit
from cndp.congress import selectors, services
from cndp.congress.choices import CongressStatus, Exclusion
from cndp.congress.models import CheckEvent, Congress, Delegate
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress(demo):
    return Congress.objects.create(
        organisation=Unit.objects.get(code="dang-bo-cuc"),
        ordinal=9,
        term_start=2025,
        term_end=2030,
        opens_on=datetime.date(2015, 6, 10),
    )


def test_demo_congress_matches_the_seed(demo):
    congress = Congress.objects.get(ordinal=3)
    panel = selectors.congress_panel(congress)
    a = panel["attendance"]
    assert (a.summoned, a.summoned_official, a.summoned_probationary) == (56, 43, 13)
    assert (a.present, a.present_official, a.present_probationary, a.base) == (55, 42, 13, 42)
    assert panel["sentence"] == (
        "Tham dự Đại hội có 55 đảng viên từ 08 chi bộ thuộc Đảng bộ Cục Công nghiệp địa phương, "
        "trong đó có 42 đảng viên chính thức và 13 đảng viên dự bị."
    )
    assert congress.rule_set == "244-QD/TW-2014"
    assert panel["quorum_reached"]


def test_summons_is_built_from_members_at_the_date_and_is_idempotent(congress, demo):
    result = services.summons_build(congress=congress, user=demo["party_officer"])
    assert result == {"added": 56, "total": 56}
    assert services.summons_build(congress=congress, user=demo["party_officer"]) == {"added": 0, "total": 56}
    assert Delegate.objects.filter(congress=congress, is_official=False).count() == 13
    codes = list(Delegate.objects.filter(congress=congress).values_list("code", flat=True))
    assert len(set(codes)) == 56 and all(c.startswith("DH09-") for c in codes)


def test_summons_only_while_preparing_and_only_with_the_right(congress, demo):
    with pytest.raises(PermissionDenied):
        services.summons_build(congress=congress, user=demo["leader"])
    services.summons_build(congress=congress, user=demo["party_officer"])
    congress.status = CongressStatus.IN_SESSION
    congress.save()
    # in session, the list once built is settled (a congress recorded as in session may build its first)
    with pytest.raises(ServiceError, match="đang chuẩn bị"):
        services.summons_build(congress=congress, user=demo["party_officer"])


def test_exclusions(congress, demo):
    officer = demo["party_officer"]
    services.summons_build(congress=congress, user=officer)
    probationary = Delegate.objects.filter(congress=congress, is_official=False).first()
    with pytest.raises(ServiceError, match="dự bị"):
        services.delegate_exclusion_set(
            delegate=probationary, user=officer, category=Exclusion.APPROVED_ABSENCE, reason="ốm"
        )
    official = Delegate.objects.filter(congress=congress, is_official=True).first()
    with pytest.raises(ServiceError, match="lý do"):
        services.delegate_exclusion_set(
            delegate=official, user=officer, category=Exclusion.APPROVED_ABSENCE, reason="  "
        )
    with pytest.raises(ServiceError, match="không áp dụng"):
        services.delegate_exclusion_set(
            delegate=official, user=officer, category=Exclusion.ABSENT_WITHOUT_ALTERNATE, reason="x"
        )
    services.delegate_exclusion_set(
        delegate=official, user=officer, category=Exclusion.APPROVED_ABSENCE, reason="Nằm viện"
    )
    assert selectors.congress_attendance(congress).base == 42
    official.refresh_from_db()
    assert official.history.first().history_user == officer


def test_check_in_and_out_are_recorded_with_time_and_method(congress, demo):
    officer = demo["party_officer"]
    services.summons_build(congress=congress, user=officer)
    delegate = Delegate.objects.filter(congress=congress).first()
    services.check_in_by_code(congress=congress, code=delegate.code.lower(), user=officer)
    with pytest.raises(ServiceError, match="đã điểm danh vào"):
        services.delegate_check(delegate=delegate, user=officer)
    services.delegate_check(delegate=delegate, user=officer, kind="out")
    with pytest.raises(ServiceError, match="chưa điểm danh"):
        services.delegate_check(delegate=delegate, user=officer, kind="out")
    events = list(CheckEvent.objects.filter(delegate=delegate).values_list("kind", "method", "recorded_by"))
    assert events == [("in", "code", officer.pk), ("out", "name", officer.pk)]
    delegate.refresh_from_db()
    assert delegate.present is False and delegate.checked_in_at is not None
    with pytest.raises(ServiceError, match="Không tìm thấy mã thẻ «XX-1»"):
        services.check_in_by_code(congress=congress, code="xx-1", user=officer)


def test_approved_absence_cannot_check_in_and_present_cannot_be_absent(congress, demo):
    officer = demo["party_officer"]
    services.summons_build(congress=congress, user=officer)
    a, b = Delegate.objects.filter(congress=congress, is_official=True)[:2]
    services.delegate_exclusion_set(
        delegate=a, user=officer, category=Exclusion.APPROVED_ABSENCE, reason="Công tác"
    )
    with pytest.raises(ServiceError, match="vắng mặt cả kỳ"):
        services.delegate_check(delegate=a, user=officer)
    services.delegate_check(delegate=b, user=officer)
    b.refresh_from_db()
    with pytest.raises(ServiceError, match="đang có mặt"):
        services.delegate_exclusion_set(
            delegate=b, user=officer, category=Exclusion.APPROVED_ABSENCE, reason="x"
        )


def test_closed_congress_refuses_check_in(congress, demo):
    services.summons_build(congress=congress, user=demo["party_officer"])
    congress.status = CongressStatus.CLOSED
    congress.save()
    with pytest.raises(ServiceError, match="bế mạc"):
        services.delegate_check(delegate=congress.delegates.first(), user=demo["party_officer"])


def test_counting_board_cannot_check_in(congress, demo):
    services.summons_build(congress=congress, user=demo["party_officer"])
    with pytest.raises(PermissionDenied):
        services.delegate_check(delegate=congress.delegates.first(), user=demo["counting_board"])


def test_attendance_queries_do_not_grow(congress, demo, django_assert_max_num_queries):
    services.summons_build(congress=congress, user=demo["party_officer"])
    with django_assert_max_num_queries(3):
        panel = selectors.congress_panel(congress)
    assert panel["attendance"].summoned == 56  # the panel counted the summoned delegates


# ---- screens ---------------------------------------------------------------------------------------


def test_checkin_screen_search_and_enter(congress, demo, client_for):
    services.summons_build(congress=congress, user=demo["party_officer"])
    client = client_for("party_officer")
    page = client.get(reverse("congress:checkin", args=[congress.pk]))
    assert "Gõ họ tên (không cần dấu) hoặc quét mã thẻ" in page.content.decode()
    target = Delegate.objects.filter(congress=congress).order_by("code").first()
    from cndp.core.text import fold

    results = client.get(
        reverse("congress:checkin_search", args=[congress.pk]), {"query": fold(target.full_name)}
    )
    assert target.full_name in results.content.decode()
    response = client.post(
        reverse("congress:checkin_submit", args=[congress.pk]), {"query": target.code}, HTTP_HX_REQUEST="true"
    )
    assert "Đã điểm danh vào" in response.content.decode()
    assert response["HX-Trigger"] == "attendance-changed"
    target.refresh_from_db()
    assert target.present
    response = client.post(
        reverse("congress:checkin_submit", args=[congress.pk]), {"query": target.code}, HTTP_HX_REQUEST="true"
    )
    assert "đã điểm danh vào rồi" in response.content.decode()


def test_checkin_refuses_an_unknown_kind_and_overlong_input(congress, demo, client_for):
    services.summons_build(congress=congress, user=demo["party_officer"])
    client = client_for("party_officer")
    url = reverse("congress:checkin_submit", args=[congress.pk])
    target = Delegate.objects.filter(congress=congress).order_by("code").first()
    client.post(url, {"delegate": target.pk, "kind": "in"}, HTTP_HX_REQUEST="true")
    target.refresh_from_db()
    assert target.present
    # An unknown direction used to check the delegate out (anything but "in" was "out").
    for kind in ("xyz", "x" * 300):
        response = client.post(url, {"delegate": target.pk, "kind": kind}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "Loại điểm danh" in response.content.decode()
        target.refresh_from_db()
        assert target.present
    assert list(CheckEvent.objects.filter(delegate=target).values_list("kind", flat=True)) == ["in"]
    for data in ({"query": "x" * 300}, {"delegate": "abc"}, {"delegate": "9" * 30}):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "alert-danger" in response.content.decode()
    assert CheckEvent.objects.filter(delegate__congress=congress).count() == 1
    with pytest.raises(ServiceError, match="Loại điểm danh"):
        services.delegate_check(delegate=target, user=demo["party_officer"], kind="xyz")


def test_attendance_report_and_excel(demo, client_for):
    import io

    from openpyxl import load_workbook

    congress = Congress.objects.get(ordinal=3)
    client = client_for("leader")
    page = client.get(reverse("congress:attendance_report", args=[congress.pk])).content.decode()
    assert "Tham dự Đại hội có 55 đảng viên từ 08 chi bộ" in page
    response = client.get(reverse("congress:attendance_report", args=[congress.pk]), {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    total = [c.value for c in ws[ws.max_row]]
    assert total == ["Tổng cộng", 43, 13, 42, 13, 1]
    assert ws["A2"].value.startswith("Tham dự Đại hội có 55 đảng viên")


# ---- proceedings ---------------------------------------------------------------------------------


def test_show_of_hands_rule():
    from cndp.congress.rules import show_of_hands_adopted

    assert (
        show_of_hands_adopted(22, 42)
        and not show_of_hands_adopted(21, 42)
        and not show_of_hands_adopted(0, 0)
    )


def test_vote_record_counts_only_official_present_and_refuses_too_many(congress, demo):
    officer = demo["party_officer"]
    services.summons_build(congress=congress, user=officer)
    for d in Delegate.objects.filter(congress=congress)[:10]:
        services.delegate_check(delegate=d, user=officer)
    voters = Delegate.objects.filter(congress=congress, present=True, is_official=True).count()
    vote = services.vote_record(
        congress=congress,
        user=officer,
        kind="procedural",
        subject="Thông qua chương trình",
        votes_for=voters // 2 + 1,
        votes_against=0,
        votes_abstain=0,
    )
    assert vote.voters == voters and vote.adopted
    vote = services.vote_record(
        congress=congress,
        user=officer,
        kind="procedural",
        subject="Đề xuất khác",
        votes_for=voters // 2,
        votes_against=0,
        votes_abstain=0,
    )
    assert not vote.adopted
    with pytest.raises(ServiceError, match="vượt quá số đảng viên chính thức có mặt"):
        services.vote_record(
            congress=congress,
            user=officer,
            kind="resolution",
            subject="Nghị quyết",
            votes_for=voters,
            votes_against=1,
            votes_abstain=0,
        )


def test_organs_official_only_and_credentials_only_under_190(congress, demo):
    officer = demo["party_officer"]
    services.summons_build(congress=congress, user=officer)
    official = Delegate.objects.filter(congress=congress, is_official=True).first()
    with pytest.raises(ServiceError, match="190-QĐ/TW"):
        services.organ_member_add(congress=congress, user=officer, organ="credentials", delegate=official)
    services.organ_member_add(
        congress=congress, user=officer, organ="presidium", delegate=official, is_chair=True
    )
    other = Delegate.objects.filter(congress=congress, is_official=True)[1]
    with pytest.raises(ServiceError, match="đã có trưởng"):
        services.organ_member_add(
            congress=congress, user=officer, organ="presidium", delegate=other, is_chair=True
        )
    probationary = Delegate.objects.filter(congress=congress, is_official=False).first()
    if probationary is not None:
        with pytest.raises(ServiceError, match="dự bị"):
            services.organ_member_add(
                congress=congress, user=officer, organ="secretariat", delegate=probationary
            )


def test_proceedings_page_shows_the_seed_congress(client_for):
    congress = Congress.objects.get(ordinal=3)
    page = client_for("leader").get(reverse("congress:proceedings", args=[congress.pk])).content.decode()
    assert "Thông qua Nghị quyết Đại hội Đảng bộ Cục lần thứ III" in page
    assert "Đoàn Chủ tịch" in page and "Báo cáo chính trị nhiệm kỳ 2010–2015" in page
    assert "Ghi kết quả biểu quyết" not in page  # the leader reads only


def test_proceedings_form_errors_are_shown(client_for, congress, demo):
    response = client_for("party_officer").post(
        reverse("congress:proceedings", args=[congress.pk]),
        {
            "form": "vote",
            "vote-kind": "procedural",
            "vote-subject": "Thông qua",
            "vote-votes_for": "5",
            "vote-votes_against": "0",
            "vote-votes_abstain": "0",
        },
    )
    assert "vượt quá số đảng viên chính thức có mặt (0)" in response.content.decode()


def test_delegate_cards_pdf_has_names_and_codes(client_for, tmp_path):

    congress = Congress.objects.get(ordinal=3)
    response = client_for("party_officer").get(reverse("congress:cards", args=[congress.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    first = Delegate.objects.filter(congress=congress).order_by("code").first()
    assert first.full_name in text and first.code in text
    assert text.count("THẺ ĐẠI BIỂU") == Delegate.objects.filter(congress=congress).count()
