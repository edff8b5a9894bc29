"""Obligations for tests: two test kinds (the calendar knows no domain app), owed for a unit of the
demo (any record can be the thing owed), bulk-created when many are needed."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from cndp.accounts.models import Unit, User
from cndp.obligations import kinds
from cndp.obligations.models import CalendarRule, EscalationStep, Obligation

ALPHA = "tests.alpha"  # e.g. a cluster report
BETA = "tests.beta"  # e.g. a province's statistics
kinds.register(kinds.Kind(ALPHA, "báo cáo thử A", "báo cáo A", where="Thử › A"))
kinds.register(kinds.Kind(BETA, "báo cáo thử B", still_owed=lambda: ~Q(title__startswith="ĐÃ HỦY")))


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def hanoi_officer() -> User:
    return user("sohanoi")


def danang_officer() -> User:
    return user("sodanang")


def agency() -> User:
    return user("chuyenvien")


def make_rule(*, kinds_=(ALPHA, BETA), remind_days=7, due_day=20, steps=((1, "province"), (15, "agency"))):
    rule = CalendarRule.objects.create(
        name="Quy định thử",
        kinds=list(kinds_),
        period_type="half_year",
        due_day=due_day,
        cutoff_day=14,
        remind_days=remind_days,
        valid_from=datetime.date(2020, 1, 1),
        legal_basis="Thông tư thử",
    )
    for days, audience in steps:
        EscalationStep.objects.create(rule=rule, days_late=days, audience=audience)
    return rule


def bulk(n: int, *, rule, province, kind=ALPHA, due_on=datetime.date(2026, 6, 20), start=0) -> None:
    """`n` open obligations owed by units of `province` (lean: bulk_create, the thing owed a unit)."""
    unit = Unit.objects.filter(province=province).first()
    ct = ContentType.objects.get_for_model(Unit)
    Obligation.objects.bulk_create(
        [
            Obligation(
                kind=kind,
                title=f"Báo cáo thử số {i}",
                content_type=ct,
                object_id=1_000_000 + i,
                unit=unit,
                province=province,
                rule=rule,
                period_end=due_on.replace(day=14),
                due_on=due_on,
            )
            for i in range(start, start + n)
        ],
        batch_size=5000,
    )
