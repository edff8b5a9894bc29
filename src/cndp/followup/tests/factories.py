"""Follow-up records for tests, made through the services (as the agency officer would)."""

from __future__ import annotations

import datetime

from cndp.accounts.models import Unit, User
from cndp.followup import services
from cndp.followup.models import Leader, Notice, WorkingSession
from cndp.places.models import Province

_counter = iter(range(9000, 100000))


def agency() -> User:
    return User.objects.select_related("unit").get(username="chuyenvien")


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def province(code: str = "01") -> Province:
    return Province.objects.get(version="34", code=code)


def notice(
    *, province_code: str = "01", leader: Leader | None = None, date=datetime.date(2026, 6, 20)
) -> Notice:
    leader = leader or Leader.objects.order_by("rank").first()
    session = WorkingSession.objects.create(
        date=date - datetime.timedelta(days=5),
        leader=leader,
        province=province(province_code),
        place="UBND tỉnh",
    )
    return Notice.objects.create(session=session, number=f"{next(_counter)}/TB-BCT", date=date)


def tasks(notice: Notice, *specs, user=None):
    """specs: (lead unit code, [coordinating unit codes], deadline or None)."""
    inputs = [
        services.TaskInput(
            content=f"Nhiệm vụ thử số {i} của {notice.session.province.name}",
            lead_unit=unit(lead),
            place=f"III.{i}",
            coordinating_units=[unit(c) for c in coordinating],
            deadline_kind="date" if deadline else "recurring",
            deadline=deadline,
        )
        for i, (lead, coordinating, deadline) in enumerate(specs, start=1)
    ]
    return services.notice_tasks_create(notice=notice, tasks=inputs, user=user or agency())


def member_of(code: str, username: str, role: str = "ministry_unit_officer", email: str = "") -> User:
    """A user of the unit (by default an officer of a unit of the Ministry, the role its units report
    with)."""
    from cndp.accounts.services import user_set_roles

    user, _ = User.objects.get_or_create(
        username=username, defaults={"full_name": username, "unit": unit(code)}
    )
    user.unit = unit(code)
    user.email = email or user.email
    user.save()
    user_set_roles(user=user, roles=[role])
    return User.objects.select_related("unit").get(pk=user.pk)
