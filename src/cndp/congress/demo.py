"""Demo congress: the seed's 3rd Congress of the agency's Party Committee (khóa III, 2015–2020), held on
10/6/2015 under 244-QĐ/TW: 56 members summoned, one official member absent with an approved reason,
55 checked in (42 official, 13 probationary) from 08 cells."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from cndp.accounts.models import Unit, User
from cndp.congress import services
from cndp.congress.choices import CongressStatus, Exclusion
from cndp.congress.models import Congress, Delegate

OPENING = datetime.datetime(2015, 6, 10, 13, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def load(stdout) -> None:
    officer = User.objects.get(username="danguy")
    committee = Unit.objects.get(code="dang-bo-cuc")
    congress, _ = Congress.objects.get_or_create(
        organisation=committee,
        ordinal=3,
        defaults={
            "term_start": 2015,
            "term_end": 2020,
            "kind": "members",
            "opens_on": OPENING.date(),
            "venue": "Hội trường Cục Công nghiệp địa phương, Hà Nội",
        },
    )
    if congress.status == CongressStatus.PREPARING:
        services.summons_build(congress=congress, user=officer)
        absent = (
            Delegate.objects.filter(congress=congress, is_official=True).order_by("-name_sort_key").first()
        )
        if not absent.exclusion:
            services.delegate_exclusion_set(
                delegate=absent,
                user=officer,
                category=Exclusion.APPROVED_ABSENCE,
                reason="Đi công tác nước ngoài, được Đảng ủy đồng ý",
            )
        minute = 0
        for delegate in Delegate.objects.filter(congress=congress, present=False).exclude(
            exclusion=Exclusion.APPROVED_ABSENCE
        ):
            services.delegate_check(
                delegate=delegate, user=officer, at=OPENING - datetime.timedelta(minutes=30 - minute % 30)
            )
            minute += 1
        # In session until its elections are held (cndp.elections.demo closes it: read-only from then on).
        congress.status = CongressStatus.IN_SESSION
        congress._history_user = officer
        congress.save()
    if not congress.agenda.exists():
        _proceedings(congress, officer)
    present = Delegate.objects.filter(congress=congress, present=True).count()
    stdout.write(f"Đại hội: {congress} — {present} đại biểu có mặt\n")


AGENDA = [
    ("13:30", "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức"),
    (
        "13:45",
        "Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Kiểm phiếu; thông qua chương trình, quy chế làm việc",
        "Đoàn Chủ tịch",
    ),
    ("14:00", "Báo cáo chính trị nhiệm kỳ 2010–2015, phương hướng nhiệm kỳ 2015–2020", "Bí thư Đảng ủy"),
    ("14:40", "Thảo luận; góp ý dự thảo văn kiện Đại hội cấp trên và Đại hội XII của Đảng", "Đại biểu"),
    ("15:30", "Phát biểu chỉ đạo của Đảng ủy Bộ Công Thương", "Phó Bí thư thường trực Đảng ủy Bộ"),
    (
        "16:00",
        "Bầu Ban Chấp hành khóa III; bầu đoàn đại biểu dự Đại hội Đảng bộ Bộ Công Thương",
        "Ban Kiểm phiếu",
    ),
    ("17:00", "Thông qua Nghị quyết Đại hội; bế mạc", "Đoàn Chủ tịch"),
]


def _proceedings(congress, officer) -> None:
    """The seed congress's agenda, organs and show-of-hands votes."""
    for at, title, presenter in AGENDA:
        services.agenda_item_add(
            congress=congress,
            user=officer,
            title=title,
            presenter=presenter,
            starts_at=datetime.time.fromisoformat(at),
        )
    officials = list(
        Delegate.objects.filter(congress=congress, is_official=True, present=True).order_by("code")
    )
    for i, delegate in enumerate(officials[-3:]):
        services.organ_member_add(
            congress=congress, user=officer, organ="presidium", delegate=delegate, is_chair=i == 0
        )
    for i, delegate in enumerate(officials[-5:-3]):
        services.organ_member_add(
            congress=congress, user=officer, organ="secretariat", delegate=delegate, is_chair=i == 0
        )
    voters = len(officials)
    for minutes, kind, subject in (
        (15, "organ", "Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Kiểm phiếu"),
        (16, "procedural", "Thông qua chương trình và quy chế làm việc của Đại hội"),
        (150, "procedural", "Số lượng Ban Chấp hành khóa III: 07 đồng chí; danh sách bầu cử 09 đồng chí"),
        (205, "document", "Thông qua Báo cáo chính trị và báo cáo góp ý dự thảo văn kiện cấp trên"),
        (215, "resolution", "Thông qua Nghị quyết Đại hội Đảng bộ Cục lần thứ III, nhiệm kỳ 2015–2020"),
    ):
        services.vote_record(
            congress=congress,
            user=officer,
            kind=kind,
            subject=subject,
            votes_for=voters,
            votes_against=0,
            votes_abstain=0,
            at=OPENING + datetime.timedelta(minutes=minutes),
        )
