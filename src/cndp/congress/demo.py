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
        congress.status = CongressStatus.CLOSED
        congress._history_user = officer
        congress.save()
    present = Delegate.objects.filter(congress=congress, present=True).count()
    stdout.write(f"Đại hội: {congress} — {present} đại biểu có mặt\n")
